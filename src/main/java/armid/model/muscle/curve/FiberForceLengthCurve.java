package armid.model.muscle.curve;

/**
 * Passive (parallel elastic) force-length multiplier of a muscle fibre as a
 * function of normalised fibre length, exactly as OpenSim 4.x builds it: two
 * C2-joined quintic Bézier corners from (1 + strainAtZeroForce, 0) with slope 0,
 * through a low-force shoulder, to (1 + strainAtOneNormForce, 1) with slope
 * stiffnessAtOneNormForce; zero to the left and linear to the right.
 *
 * <p>The three shape properties stiffness_at_low_force, stiffness_at_one_norm_force
 * and curviness are optional in OpenSim, all present or all absent; when absent
 * OpenSim uses 0.2, 2 / (e1 - e0) and 0.75. Here an absent property is
 * {@link Double#NaN}.
 *
 * <p>Construction after OpenSim 4.x {@code FiberForceLengthCurve} and
 * {@code SmoothSegmentedFunctionFactory::createFiberForceLengthCurve}
 * (Millard et al. 2013). The integral (the passive element's strain energy per
 * unit optimal length and maximum isometric force) is taken from the left end,
 * as in OpenSim.
 */
public final class FiberForceLengthCurve implements BezierBackedCurve {

    /**
     * The curve's properties, named as in OpenSim's {@code FiberForceLengthCurve}.
     *
     * @param strainAtZeroForce       strain_at_zero_force: fibre strain where the force
     *                                starts to rise
     * @param strainAtOneNormForce    strain_at_one_norm_force
     * @param stiffnessAtLowForce     stiffness_at_low_force (optional: NaN if absent)
     * @param stiffnessAtOneNormForce stiffness_at_one_norm_force (optional: NaN if absent)
     * @param curviness               curviness (optional: NaN if absent)
     */
    public record Parameters(double strainAtZeroForce, double strainAtOneNormForce,
                             double stiffnessAtLowForce, double stiffnessAtOneNormForce,
                             double curviness) {

        /** OpenSim 4.x default property values (optional properties absent). */
        public static Parameters defaults() {
            return ofStrains(0.0, 0.7);
        }

        /** Strains only; the optional properties absent, so OpenSim's fitted values are used. */
        public static Parameters ofStrains(double strainAtZeroForce, double strainAtOneNormForce) {
            return new Parameters(strainAtZeroForce, strainAtOneNormForce, Double.NaN, Double.NaN, Double.NaN);
        }

        /** True if the three optional properties are given (false if all absent). */
        public boolean hasOptionalProperties() {
            boolean low = !Double.isNaN(stiffnessAtLowForce);
            boolean one = !Double.isNaN(stiffnessAtOneNormForce);
            boolean curv = !Double.isNaN(curviness);
            if (low != one || one != curv) {
                throw new IllegalArgumentException("stiffness_at_low_force, stiffness_at_one_norm_force and "
                        + "curviness must either all be set or all be absent: " + this);
            }
            return low;
        }

        /** stiffness_at_low_force, or OpenSim's value 0.2 when absent. */
        public double stiffnessAtLowForceInUse() {
            return hasOptionalProperties() ? stiffnessAtLowForce : 0.2;
        }

        /** stiffness_at_one_norm_force, or OpenSim's value 2 / (e1 - e0) when absent. */
        public double stiffnessAtOneNormForceInUse() {
            return hasOptionalProperties() ? stiffnessAtOneNormForce
                    : 2.0 / (strainAtOneNormForce - strainAtZeroForce);
        }

        /** curviness, or OpenSim's value 0.75 when absent. */
        public double curvinessInUse() {
            return hasOptionalProperties() ? curviness : 0.75;
        }
    }

    private final Parameters parameters;
    private final SegmentedQuinticBezierCurve curve;
    private final double stiffnessAtLowForce;
    private final double stiffnessAtOneNormForce;
    private final double curviness;

    public FiberForceLengthCurve(Parameters p) {
        this.parameters = p;
        double eZero = p.strainAtZeroForce();
        double eIso = p.strainAtOneNormForce();
        double kLow = p.stiffnessAtLowForceInUse();
        double kIso = p.stiffnessAtOneNormForceInUse();
        double curv = p.curvinessInUse();
        this.stiffnessAtLowForce = kLow;
        this.stiffnessAtOneNormForce = kIso;
        this.curviness = curv;
        if (!(eIso > eZero)) {
            throw new IllegalArgumentException("need strain_at_one_norm_force > strain_at_zero_force: " + p);
        }
        if (!(kIso > 1.0 / (eIso - eZero))) {
            throw new IllegalArgumentException("stiffness_at_one_norm_force must be > 1/(e1 - e0) = "
                    + 1.0 / (eIso - eZero) + ": " + p);
        }
        if (!(kLow > 0.0 && kLow < 1 / (eIso - eZero))) {
            throw new IllegalArgumentException("stiffness_at_low_force must be in (0, 1/(e1 - e0)): " + p);
        }
        if (!(curv >= 0 && curv <= 1)) {
            throw new IllegalArgumentException("curviness must be in [0, 1]: " + p);
        }
        double c = BezierCorners.scaleCurviness(curv);
        double xZero = 1 + eZero;
        double yZero = 0;
        double xIso = 1 + eIso;
        double yIso = 1;
        // The low-force shoulder: a short run at slope kLow from a foot half-way into it.
        double deltaX = Math.min(0.1 * (1.0 / kIso), 0.1 * (xIso - xZero));
        double xLow = xZero + deltaX;
        double xFoot = xZero + 0.5 * (xLow - xZero);
        double yLow = kLow * (xLow - xFoot);

        double[][] k0 = BezierCorners.corner(xZero, yZero, 0, xLow, yLow, kLow, c);
        double[][] k1 = BezierCorners.corner(xLow, yLow, kLow, xIso, yIso, kIso, c);
        curve = new SegmentedQuinticBezierCurve(
                new double[][] {k0[0], k1[0]},
                new double[][] {k0[1], k1[1]},
                0.0, kIso);
    }

    /** The curve with OpenSim's default properties. */
    public static FiberForceLengthCurve withDefaults() {
        return new FiberForceLengthCurve(Parameters.defaults());
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Stiffness at the end of the low-force region actually used. */
    public double stiffnessAtLowForceInUse() {
        return stiffnessAtLowForce;
    }

    /** Stiffness at one normalised force actually used. */
    public double stiffnessAtOneNormForceInUse() {
        return stiffnessAtOneNormForce;
    }

    /** Curviness actually used. */
    public double curvinessInUse() {
        return curviness;
    }

    @Override
    public SegmentedQuinticBezierCurve bezier() {
        return curve;
    }

    /** Integral of the curve from {@link #minX()} (1 + strain_at_zero_force) to {@code normFiberLength}. */
    public double integral(double normFiberLength) {
        return curve.integral(normFiberLength);
    }

}
