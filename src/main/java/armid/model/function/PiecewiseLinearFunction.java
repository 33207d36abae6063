package armid.model.function;

/**
 * OpenSim's {@code PiecewiseLinearFunction}: linear between the points, extrapolated outside them with the slope of the
 * first and last segments.
 */
public final class PiecewiseLinearFunction implements Function1 {
    private final double[] x;
    private final double[] y;
    private final double[] slope;

    public PiecewiseLinearFunction(double[] x, double[] y) {
        Knots.checkAbscissae(x, y, "PiecewiseLinearFunction");
        this.x = x.clone();
        this.y = y.clone();
        int n = x.length;
        slope = new double[n];
        for (int i = 0; i < n - 1; i++) {
            slope[i] = (y[i + 1] - y[i]) / Math.max(Knots.TINY, x[i + 1] - x[i]);
        }
        if (n > 1) {
            slope[n - 1] = slope[n - 2];
        }
    }

    @Override
    public double value(double v) {
        int n = x.length;
        if (v < x[0]) {
            return y[0] + (v - x[0]) * slope[0];
        } else if (v > x[n - 1]) {
            return y[n - 1] + (v - x[n - 1]) * slope[n - 1];
        }
        if (Math.abs(v - x[0]) <= Knots.ROUNDOFF) {
            return y[0];
        } else if (Math.abs(v - x[n - 1]) <= Knots.ROUNDOFF) {
            return y[n - 1];
        }
        int k = Knots.interval(x, v);
        return y[k] + (v - x[k]) * slope[k];
    }

    @Override
    public double derivative(double v) {
        int n = x.length;
        if (v < x[0] || Math.abs(v - x[0]) <= Knots.ROUNDOFF) {
            return slope[0];
        } else if (v > x[n - 1] || Math.abs(v - x[n - 1]) <= Knots.ROUNDOFF) {
            return slope[n - 1];
        }
        return slope[Knots.interval(x, v)];
    }

    @Override
    public double secondDerivative(double v) {
        return 0;
    }

    @Override
    public String kind() {
        return "PiecewiseLinearFunction";
    }

    @Override
    public boolean isAffine() {
        for (int i = 1; i < slope.length; i++) {
            if (Math.abs(slope[i] - slope[0]) > 1e-12 * Math.max(1, Math.abs(slope[0]))) {
                return false;
            }
        }
        return true;
    }

    public double[] x() {
        return x.clone();
    }

    public double[] y() {
        return y.clone();
    }
}
