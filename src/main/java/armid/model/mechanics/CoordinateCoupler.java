package armid.model.mechanics;

import armid.model.function.Function1;

/**
 * OpenSim's CoordinateCouplerConstraint: {@code q_dependent = scaleFactor · f(q_independent)}.
 */
public record CoordinateCoupler(String name, int dependent, int independent, Function1 function, double scaleFactor,
        boolean enforced) {
    public double dependentValue(double independentValue) {
        return scaleFactor * function.value(independentValue);
    }

    public double slope(double independentValue) {
        return scaleFactor * function.derivative(independentValue);
    }
}
