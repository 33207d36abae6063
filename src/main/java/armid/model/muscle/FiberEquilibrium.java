package armid.model.muscle;

/**
 * Result of the fibre-tendon equilibrium solve of {@link Millard2012EquilibriumMuscle}: the fibre length at which
 * fibre force along the tendon equals tendon force, and how the solve ended. Caller-owned and reused, so that the
 * solve allocates nothing; not thread-safe.
 */
public final class FiberEquilibrium {

    /** How the solve ended, after OpenSim's {@code MuscleStateEstimate::Status}. */
    public enum Status {
        /** The force error is below the tolerance. */
        CONVERGED,
        /** No equilibrium above the minimum fibre length: the fibre is left at its minimum length. */
        FIBER_AT_LOWER_BOUND,
        /** The iteration limit was reached with the force error above the tolerance. */
        FAILED_MAX_ITERATIONS
    }

    /** Scratch for curve value, first and second derivative. */
    final double[] curve = new double[3];

    Status status;
    double fiberLength;
    double fiberVelocity;
    double tendonForce;
    double solutionError;
    int iterations;

    public Status status() {
        return status;
    }

    /** True if the solve converged. */
    public boolean converged() {
        return status == Status.CONVERGED;
    }

    /** Equilibrium fibre length (m); NaN after a failure. */
    public double fiberLength() {
        return fiberLength;
    }

    /**
     * Fibre velocity estimated by sharing the musculotendon velocity between fibre and tendon by their
     * stiffnesses (m/s); 0 for the static solution. (OpenSim stores it in a field named tendonVelocity.)
     */
    public double fiberVelocity() {
        return fiberVelocity;
    }

    /** Tendon force at the solution (N). */
    public double tendonForce() {
        return tendonForce;
    }

    /** Fibre force along the tendon minus tendon force at the last iterate (N). */
    public double solutionError() {
        return solutionError;
    }

    /** Newton iterations taken. */
    public int iterations() {
        return iterations;
    }
}
