package armid.model.function;

/** OpenSim's {@code MultiplierFunction}: {@code scale · f(x)}. */
public record MultiplierFunction(Function1 function, double scale) implements Function1 {
    @Override
    public double value(double x) {
        return scale * function.value(x);
    }

    @Override
    public double derivative(double x) {
        return scale * function.derivative(x);
    }

    @Override
    public double secondDerivative(double x) {
        return scale * function.secondDerivative(x);
    }

    @Override
    public String kind() {
        return "MultiplierFunction";
    }

    @Override
    public boolean isAffine() {
        return scale == 0 || function.isAffine();
    }
}
