package armid.model.muscle.curve;

/**
 * A normalised curve that is one segmented quintic Bézier function: value, derivatives and domain come from it.
 */
public interface BezierBackedCurve extends NormalizedCurve {
    /** The underlying segmented Bézier function. */
    SegmentedQuinticBezierCurve bezier();

    @Override
    default double value(double x) {
        return bezier().value(x);
    }

    @Override
    default double derivative(double x) {
        return bezier().derivative(x);
    }

    @Override
    default double secondDerivative(double x) {
        return bezier().secondDerivative(x);
    }

    /** Value, derivative and second derivative into out[0..2] (one solve for the Bézier parameter). */
    default void evaluate(double x, double[] out) {
        bezier().evaluate(x, out);
    }

    @Override
    default double minX() {
        return bezier().minX();
    }

    @Override
    default double maxX() {
        return bezier().maxX();
    }
}
