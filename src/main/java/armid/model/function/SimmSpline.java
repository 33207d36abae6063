package armid.model.function;

/**
 * OpenSim's {@code SimmSpline}: the cubic interpolating spline of SIMM (Forsythe, Malcolm &amp; Moler's SPLINE), whose
 * end conditions take the third derivative at each end from the divided differences of the first (last) four points;
 * with two points it is the straight line through them, with three a parabola-like spline with zero end third-derivative
 * correction. Outside the points it extrapolates linearly with the end slopes (second derivative zero there), as
 * OpenSim does. Coefficients are computed once; evaluation allocates nothing.
 */
public final class SimmSpline implements Function1 {
    private final double[] x;
    private final double[] y;
    private final double[] b;
    private final double[] c;
    private final double[] d;

    public SimmSpline(double[] x, double[] y) {
        Knots.checkAbscissae(x, y, "SimmSpline");
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("SimmSpline needs at least 2 points, got " + n);
        }
        this.x = x.clone();
        this.y = y.clone();
        b = new double[n];
        c = new double[n];
        d = new double[n];
        fit();
    }

    private void fit() {
        int n = x.length;
        if (n == 2) {
            double slope = (y[1] - y[0]) / Math.max(Knots.TINY, x[1] - x[0]);
            b[0] = slope;
            b[1] = slope;
            return;
        }
        int last = n - 1;
        // Tridiagonal system for the second-derivative-like unknowns: b holds the diagonal, d the off-diagonal
        // (interval widths), c the right-hand side, then the solution.
        d[0] = Math.max(Knots.TINY, x[1] - x[0]);
        c[1] = (y[1] - y[0]) / d[0];
        for (int i = 1; i < last; i++) {
            d[i] = Math.max(Knots.TINY, x[i + 1] - x[i]);
            b[i] = 2.0 * (d[i - 1] + d[i]);
            c[i + 1] = (y[i + 1] - y[i]) / d[i];
            c[i] = c[i + 1] - c[i];
        }
        // End conditions: match the third derivative of the cubic through the four end points.
        b[0] = -d[0];
        b[last] = -d[n - 2];
        c[0] = 0;
        c[last] = 0;
        if (n > 3) {
            double d31 = Math.max(Knots.TINY, x[3] - x[1]);
            double d20 = Math.max(Knots.TINY, x[2] - x[0]);
            double dEnd1 = Math.max(Knots.TINY, x[last] - x[n - 3]);
            double dEnd2 = Math.max(Knots.TINY, x[n - 2] - x[n - 4]);
            double d30 = Math.max(Knots.TINY, x[3] - x[0]);
            double dEnd3 = Math.max(Knots.TINY, x[last] - x[n - 4]);
            c[0] = (c[2] / d31 - c[1] / d20) * d[0] * d[0] / d30;
            c[last] = -(c[n - 2] / dEnd1 - c[n - 3] / dEnd2) * d[n - 2] * d[n - 2] / dEnd3;
        }
        for (int i = 1; i < n; i++) {
            double t = d[i - 1] / b[i - 1];
            b[i] -= t * d[i - 1];
            c[i] -= t * c[i - 1];
        }
        c[last] /= b[last];
        for (int i = n - 2; i >= 0; i--) {
            c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
        }
        // Polynomial coefficients on each interval: y + b·dx + c·dx² + d·dx³.
        b[last] = (y[last] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2.0 * c[last]);
        for (int i = 0; i < last; i++) {
            b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2.0 * c[i]);
            d[i] = (c[i + 1] - c[i]) / d[i];
            c[i] *= 3.0;
        }
        c[last] *= 3.0;
        d[last] = d[n - 2];
    }

    @Override
    public double value(double v) {
        int n = x.length;
        if (v < x[0]) {
            return y[0] + (v - x[0]) * b[0];
        } else if (v > x[n - 1]) {
            return y[n - 1] + (v - x[n - 1]) * b[n - 1];
        }
        if (Math.abs(v - x[0]) <= Knots.ROUNDOFF) {
            return y[0];
        } else if (Math.abs(v - x[n - 1]) <= Knots.ROUNDOFF) {
            return y[n - 1];
        }
        int k = Knots.interval(x, v);
        double dx = v - x[k];
        return y[k] + dx * (b[k] + dx * (c[k] + dx * d[k]));
    }

    @Override
    public double derivative(double v) {
        int n = x.length;
        if (v < x[0] || Math.abs(v - x[0]) <= Knots.ROUNDOFF) {
            return b[0];
        } else if (v > x[n - 1] || Math.abs(v - x[n - 1]) <= Knots.ROUNDOFF) {
            return b[n - 1];
        }
        int k = Knots.interval(x, v);
        double dx = v - x[k];
        return b[k] + dx * (2.0 * c[k] + 3.0 * dx * d[k]);
    }

    @Override
    public double secondDerivative(double v) {
        int n = x.length;
        if (v < x[0] || v > x[n - 1]) {
            return 0;
        }
        if (Math.abs(v - x[0]) <= Knots.ROUNDOFF) {
            return 2.0 * c[0];
        } else if (Math.abs(v - x[n - 1]) <= Knots.ROUNDOFF) {
            return 2.0 * c[n - 1];
        }
        int k = Knots.interval(x, v);
        return 2.0 * c[k] + 6.0 * (v - x[k]) * d[k];
    }

    @Override
    public String kind() {
        return "SimmSpline";
    }

    @Override
    public boolean isAffine() {
        // Affine exactly when every interval has no curvature and the slopes agree (so that extrapolation continues it).
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(c[i]) > 1e-12 || Math.abs(d[i]) > 1e-12
                    || Math.abs(b[i] - b[0]) > 1e-12 * Math.max(1, Math.abs(b[0]))) {
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
