package armid.model.function;

/** OpenSim's {@code Constant}: a value independent of its argument. */
public record Constant(double constant) implements Function1 {
    @Override
    public double value(double x) {
        return constant;
    }

    @Override
    public double derivative(double x) {
        return 0;
    }

    @Override
    public double secondDerivative(double x) {
        return 0;
    }

    @Override
    public String kind() {
        return "Constant";
    }

    @Override
    public boolean isAffine() {
        return true;
    }
}
