package armid.model.function;

/**
 * A scalar function of one argument with its first two derivatives: what OpenSim's coordinate functions
 * (TransformAxis functions, CoordinateCouplerConstraint functions, MovingPathPoint locations) provide.
 */
public interface Function1 {
    double value(double x);

    double derivative(double x);

    double secondDerivative(double x);

    /** OpenSim's element name, for messages and output. */
    String kind();

    /**
     * True when the function is affine (value = slope·x + intercept) on the whole real line, i.e. its derivative is
     * the same everywhere. Used to check that a coupler keeps G constant and b = 0.
     */
    boolean isAffine();
}
