package armid.model.muscle.curve;

/**
 * Tendon force multiplier as a function of normalised tendon length (tendon
 * length / tendon slack length), exactly as OpenSim 4.x builds it: two C2-joined
 * quintic Bézier corners forming the toe region from (1, 0) with slope 0 to the
 * toe end (xToe, normForceAtToeEnd), where the curve becomes the straight line of
 * slope stiffnessAtOneNormForce through (1 + strainAtOneNormForce, 1). The Bézier
 * domain, {@link #minX()} to {@link #maxX()}, is [1, xToe]; the linear part beyond
 * it is exact.
 *
 * <p>stiffness_at_one_norm_force, norm_force_at_toe_end and curviness are optional
 * in OpenSim, all present or all absent; when absent OpenSim derives them from
 * the strain: 1.375 / strain_at_one_norm_force, 2/3 and 0.5. Here an absent
 * property is {@link Double#NaN}.
 *
 * <p>Construction after OpenSim 4.x {@code TendonForceLengthCurve} and
 * {@code SmoothSegmentedFunctionFactory::createTendonForceLengthCurve}
 * (Millard et al. 2013). The integral (tendon strain energy per unit slack length
 * and maximum isometric force) is taken from the left end, as in OpenSim.
 */
public final class TendonForceLengthCurve implements BezierBackedCurve {

    /**
     * The curve's properties, named as in OpenSim's {@code TendonForceLengthCurve}.
     *
     * @param strainAtOneNormForce    strain_at_one_norm_force
     * @param stiffnessAtOneNormForce stiffness_at_one_norm_force (optional: NaN if absent)
     * @param normForceAtToeEnd       norm_force_at_toe_end (optional: NaN if absent)
     * @param curviness               curviness (optional: NaN if absent)
     */
    public record Parameters(double strainAtOneNormForce, double stiffnessAtOneNormForce,
                             double normForceAtToeEnd, double curviness) {

        /** OpenSim 4.x default property values (strain 0.049, optional properties absent). */
        public static Parameters defaults() {
            return ofStrain(0.049);
        }

        /** Strain only; the optional properties absent, so OpenSim derives them from the strain. */
        public static Parameters ofStrain(double strainAtOneNormForce) {
            return new Parameters(strainAtOneNormForce, Double.NaN, Double.NaN, Double.NaN);
        }

        /** True if the three optional properties are given (false if all absent). */
        public boolean hasOptionalProperties() {
            boolean k = !Double.isNaN(stiffnessAtOneNormForce);
            boolean toe = !Double.isNaN(normForceAtToeEnd);
            boolean curv = !Double.isNaN(curviness);
            if (k != toe || toe != curv) {
                throw new IllegalArgumentException("stiffness_at_one_norm_force, norm_force_at_toe_end and "
                        + "curviness must either all be set or all be absent: " + this);
            }
            return k;
        }

        /** stiffness_at_one_norm_force, or OpenSim's 1.375 / strain_at_one_norm_force when absent. */
        public double stiffnessAtOneNormForceInUse() {
            return hasOptionalProperties() ? stiffnessAtOneNormForce : 1.375 / strainAtOneNormForce;
        }

        /** norm_force_at_toe_end, or OpenSim's 2/3 when absent. */
        public double normForceAtToeEndInUse() {
            return hasOptionalProperties() ? normForceAtToeEnd : 2.0 / 3.0;
        }

        /** curviness, or OpenSim's 0.5 when absent. */
        public double curvinessInUse() {
            return hasOptionalProperties() ? curviness : 0.5;
        }
    }

    /** SimTK::SignificantReal for double: machine epsilon to the power 7/8. */
    private static final double SIGNIFICANT_REAL = Math.pow(Math.ulp(1.0), 0.875);

    private final Parameters parameters;
    private final SegmentedQuinticBezierCurve curve;
    private final double stiffnessAtOneNormForce;
    private final double normForceAtToeEnd;
    private final double curviness;
    private final double toeEndLength;

    public TendonForceLengthCurve(Parameters p) {
        this.parameters = p;
        double eIso = p.strainAtOneNormForce();
        double kIso = p.stiffnessAtOneNormForceInUse();
        double fToe = p.normForceAtToeEndInUse();
        double curv = p.curvinessInUse();
        if (p.hasOptionalProperties()) {
            if (!(kIso > SIGNIFICANT_REAL * 1000)) {
                throw new IllegalArgumentException("the tendon must have a non-zero stiffness: " + p);
            }
            if (!(fToe > SIGNIFICANT_REAL * 1000 && fToe <= 1)) {
                throw new IllegalArgumentException("norm_force_at_toe_end must be in (0, 1]: " + p);
            }
        }
        if (!(eIso > 0)) {
            throw new IllegalArgumentException("strain_at_one_norm_force must be > 0: " + p);
        }
        if (!(fToe > 0 && fToe < 1)) {
            throw new IllegalArgumentException("norm_force_at_toe_end must be in (0, 1): " + p);
        }
        if (!(kIso > 1 / eIso)) {
            throw new IllegalArgumentException("stiffness_at_one_norm_force must be > 1/strain = "
                    + 1 / eIso + ": " + p);
        }
        if (!(curv >= 0 && curv <= 1)) {
            throw new IllegalArgumentException("curviness must be in [0, 1]: " + p);
        }
        this.stiffnessAtOneNormForce = kIso;
        this.normForceAtToeEnd = fToe;
        this.curviness = curv;

        double c = BezierCorners.scaleCurviness(curv);
        double x0 = 1.0;
        double y0 = 0;
        double xIso = 1.0 + eIso;
        double yIso = 1;
        // End of the toe: where the linear region reaches fToe.
        double yToe = fToe;
        double xToe = (yToe - 1) / kIso + xIso;
        // The line the toe tends to crosses zero force at a tenth of the toe's length.
        double xFoot = 1.0 + (xToe - 1.0) / 10.0;
        double yFoot = 0;
        // Corner between the toe's mean slope and the linear region, at half the toe force.
        double yToeMid = yToe * 0.5;
        double xToeMid = (yToeMid - yIso) / kIso + xIso;
        double dydxToeMid = (yToeMid - yFoot) / (xToeMid - xFoot);
        double xToeCtrl = xFoot + 0.5 * (xToeMid - xFoot);
        double yToeCtrl = yFoot + dydxToeMid * (xToeCtrl - xFoot);
        this.toeEndLength = xToe;

        double[][] k0 = BezierCorners.corner(x0, y0, 0, xToeCtrl, yToeCtrl, dydxToeMid, c);
        double[][] k1 = BezierCorners.corner(xToeCtrl, yToeCtrl, dydxToeMid, xToe, yToe, kIso, c);
        curve = new SegmentedQuinticBezierCurve(
                new double[][] {k0[0], k1[0]},
                new double[][] {k0[1], k1[1]},
                0.0, kIso);
    }

    /** The curve with OpenSim's default properties. */
    public static TendonForceLengthCurve withDefaults() {
        return new TendonForceLengthCurve(Parameters.defaults());
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Stiffness at one normalised force actually used. */
    public double stiffnessAtOneNormForceInUse() {
        return stiffnessAtOneNormForce;
    }

    /** Normalised force at the end of the toe region actually used. */
    public double normForceAtToeEndInUse() {
        return normForceAtToeEnd;
    }

    /** Curviness actually used. */
    public double curvinessInUse() {
        return curviness;
    }

    /** Normalised tendon length where the toe region ends and the curve becomes linear. */
    public double toeEndLength() {
        return toeEndLength;
    }

    @Override
    public SegmentedQuinticBezierCurve bezier() {
        return curve;
    }

    /** Integral of the curve from 1 (slack length) to {@code normTendonLength}. */
    public double integral(double normTendonLength) {
        return curve.integral(normTendonLength);
    }

}
