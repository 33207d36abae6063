package armid.model.function;

/** OpenSim's {@code LinearFunction}: {@code coefficients = slope intercept}. */
public record LinearFunction(double slope, double intercept) implements Function1 {
    @Override
    public double value(double x) {
        return slope * x + intercept;
    }

    @Override
    public double derivative(double x) {
        return slope;
    }

    @Override
    public double secondDerivative(double x) {
        return 0;
    }

    @Override
    public String kind() {
        return "LinearFunction";
    }

    @Override
    public boolean isAffine() {
        return true;
    }
}
