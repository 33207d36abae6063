package armid.model.muscle;

/**
 * What {@link Millard2012EquilibriumMuscle#compute} finds for one muscle at one instant: lengths, velocities,
 * curve multipliers, forces and stiffnesses. SI units throughout (m, m/s, rad, rad/s, N, N/m); "normalised"
 * lengths are divided by the optimal fibre length or the tendon slack length, the normalised fibre velocity by
 * optimal fibre length times max contraction velocity.
 *
 * <p>The caller owns an instance and reuses it from call to call, so that the per-call path allocates nothing. It
 * also carries the small scratch array the curve evaluations write into. Not thread-safe: one instance per thread.
 * The fields mirror OpenSim's MuscleLengthInfo, FiberVelocityInfo and MuscleDynamicsInfo.
 */
public final class MuscleOutputs {

    /** Scratch for curve value, first and second derivative. */
    final double[] curve = new double[3];

    // length level
    double fiberLength;
    double normFiberLength;
    double pennationAngle;
    double cosPennationAngle;
    double sinPennationAngle;
    double fiberLengthAlongTendon;
    double tendonLength;
    double normTendonLength;
    double activeForceLengthMultiplier;
    double activeForceLengthDerivative;
    double passiveForceLengthMultiplier;
    double passiveForceLengthDerivative;

    // velocity level
    double fiberVelocity;
    double normFiberVelocity;
    double fiberVelocityAlongTendon;
    double pennationAngularVelocity;
    double tendonVelocity;
    double forceVelocityMultiplier;
    double normTendonForce;
    double tendonStiffness;
    boolean fiberStateClamped;

    // dynamics level
    double activation;
    double activeFiberForce;
    double passiveElasticFiberForce;
    double passiveDampingFiberForce;
    double passiveFiberForce;
    double fiberForce;
    double fiberForceAlongTendon;
    double tendonForce;
    double fiberStiffness;
    double fiberStiffnessAlongTendon;

    /** Fibre length (m), clamped to the muscle's minimum. */
    public double fiberLength() {
        return fiberLength;
    }

    /** Fibre length / optimal fibre length. */
    public double normFiberLength() {
        return normFiberLength;
    }

    /** Pennation angle (rad). */
    public double pennationAngle() {
        return pennationAngle;
    }

    /** cos of the pennation angle. */
    public double cosPennationAngle() {
        return cosPennationAngle;
    }

    /** Fibre length projected on the tendon, l_m cos(phi) (m). */
    public double fiberLengthAlongTendon() {
        return fiberLengthAlongTendon;
    }

    /** Tendon length, musculotendon length minus fibre length along the tendon (m). */
    public double tendonLength() {
        return tendonLength;
    }

    /** Tendon length / tendon slack length. */
    public double normTendonLength() {
        return normTendonLength;
    }

    /** Tendon strain, normalised tendon length minus 1. */
    public double tendonStrain() {
        return normTendonLength - 1.0;
    }

    /** Active-force-length multiplier f^L. */
    public double activeForceLengthMultiplier() {
        return activeForceLengthMultiplier;
    }

    /** Passive-force-length multiplier f^PE. */
    public double passiveForceLengthMultiplier() {
        return passiveForceLengthMultiplier;
    }

    /** Fibre velocity (m/s, positive when lengthening): the time derivative of the fibre-length state. */
    public double fiberVelocity() {
        return fiberVelocity;
    }

    /** Fibre velocity / (optimal fibre length * max contraction velocity). */
    public double normFiberVelocity() {
        return normFiberVelocity;
    }

    /** Fibre velocity along the tendon (m/s). */
    public double fiberVelocityAlongTendon() {
        return fiberVelocityAlongTendon;
    }

    /** Time derivative of the pennation angle (rad/s). */
    public double pennationAngularVelocity() {
        return pennationAngularVelocity;
    }

    /** Tendon lengthening velocity (m/s); 0 for a rigid tendon. */
    public double tendonVelocity() {
        return tendonVelocity;
    }

    /** Force-velocity multiplier f^V. */
    public double forceVelocityMultiplier() {
        return forceVelocityMultiplier;
    }

    /** True when the fibre sits at its minimum length and is not lengthening; its velocity is then set to 0. */
    public boolean fiberStateClamped() {
        return fiberStateClamped;
    }

    /** Activation used: the given one clamped to [minimum_activation, 1]. */
    public double activation() {
        return activation;
    }

    /** Active fibre force, f_o a f^L f^V (N, along the fibre). */
    public double activeFiberForce() {
        return activeFiberForce;
    }

    /** Passive fibre force, elastic plus damping (N, along the fibre), as OpenSim's passive_fiber_force. */
    public double passiveFiberForce() {
        return passiveFiberForce;
    }

    /** Elastic part of the passive fibre force, f_o f^PE (N). */
    public double passiveElasticFiberForce() {
        return passiveElasticFiberForce;
    }

    /** Damping part of the passive fibre force, f_o beta v_norm (N). */
    public double passiveDampingFiberForce() {
        return passiveDampingFiberForce;
    }

    /** Total fibre force (N, along the fibre). */
    public double fiberForce() {
        return fiberForce;
    }

    /** Fibre force projected on the tendon, fiber force * cos(phi) (N). */
    public double fiberForceAlongTendon() {
        return fiberForceAlongTendon;
    }

    /** Tendon force (N): f_o f^T for an elastic tendon, the fibre force along the tendon for a rigid one. */
    public double tendonForce() {
        return tendonForce;
    }

    /** Tendon force / max isometric force. */
    public double normTendonForce() {
        return normTendonForce;
    }

    /** d(fibre force)/d(fibre length) (N/m). */
    public double fiberStiffness() {
        return fiberStiffness;
    }

    /** d(fibre force along tendon)/d(fibre length along tendon) (N/m). */
    public double fiberStiffnessAlongTendon() {
        return fiberStiffnessAlongTendon;
    }

    /** d(tendon force)/d(tendon length) (N/m); infinite for a rigid tendon. */
    public double tendonStiffness() {
        return tendonStiffness;
    }
}
