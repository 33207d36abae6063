package armid.model.muscle.curve;

/**
 * A smooth scalar curve of one normalised argument, such as a muscle's
 * force-length or force-velocity multiplier.
 *
 * <p>Implementations evaluate without allocating, so they can sit in the inner
 * loop of a muscle model. {@link #minX()} and {@link #maxX()} bound the interval
 * on which the curve is defined by its shape points (for OpenSim's curves: the
 * domain of the quintic Bézier segments, what OpenSim calls the curve domain);
 * outside it an implementation may extrapolate.
 */
public interface NormalizedCurve {

    /** Curve value at {@code x}. */
    double value(double x);

    /** First derivative d value / dx at {@code x}. */
    double derivative(double x);

    /** Second derivative d² value / dx² at {@code x}. */
    double secondDerivative(double x);

    /** Left end of the interval on which the curve is defined by its shape points. */
    double minX();

    /** Right end of the interval on which the curve is defined by its shape points. */
    double maxX();
}
