package armid.model.muscle.curve;

/**
 * Force-velocity multiplier of a muscle fibre as a function of normalised fibre
 * velocity (fibre velocity / maximum contraction velocity; negative when
 * shortening), exactly as OpenSim 4.x builds it: four C2-joined quintic Bézier
 * corners through (-1, 0), (-0.9, ·), (0, 1), (0.9, ·), (1, fmaxE), extended
 * linearly with the end slopes beyond [-1, 1].
 *
 * <p>Construction after OpenSim 4.x {@code ForceVelocityCurve} and
 * {@code SmoothSegmentedFunctionFactory::createFiberForceVelocityCurve}
 * (Millard et al. 2013).
 */
public final class ForceVelocityCurve implements BezierBackedCurve {

    /**
     * The curve's properties, named as in OpenSim's {@code ForceVelocityCurve}.
     *
     * @param concentricSlopeAtVmax               concentric_slope_at_vmax: slope at -1
     * @param concentricSlopeNearVmax             concentric_slope_near_vmax: slope at -0.9
     * @param isometricSlope                      isometric_slope: slope at 0
     * @param eccentricSlopeAtVmax                eccentric_slope_at_vmax: slope at 1
     * @param eccentricSlopeNearVmax              eccentric_slope_near_vmax: slope at 0.9
     * @param maxEccentricVelocityForceMultiplier max_eccentric_velocity_force_multiplier:
     *                                            value at 1
     * @param concentricCurviness                 concentric_curviness in [0, 1]
     * @param eccentricCurviness                  eccentric_curviness in [0, 1]
     */
    public record Parameters(double concentricSlopeAtVmax, double concentricSlopeNearVmax,
                             double isometricSlope, double eccentricSlopeAtVmax,
                             double eccentricSlopeNearVmax, double maxEccentricVelocityForceMultiplier,
                             double concentricCurviness, double eccentricCurviness) {

        /** OpenSim 4.x default property values. */
        public static Parameters defaults() {
            return new Parameters(0.0, 0.25, 5.0, 0.0, 0.15, 1.4, 0.6, 0.9);
        }

        /** A copy with other concentric_slope_at_vmax and eccentric_slope_at_vmax. */
        public Parameters withSlopesAtVmax(double concentric, double eccentric) {
            return new Parameters(concentric, concentricSlopeNearVmax, isometricSlope, eccentric,
                    eccentricSlopeNearVmax, maxEccentricVelocityForceMultiplier, concentricCurviness,
                    eccentricCurviness);
        }
    }

    /** Normalised velocity at the concentric end of the curve. */
    public static final double X_CONCENTRIC = -1.0;
    /** Normalised velocity of the interior concentric shape point. */
    public static final double X_NEAR_CONCENTRIC = -0.9;
    /** Normalised velocity of the interior eccentric shape point. */
    public static final double X_NEAR_ECCENTRIC = 0.9;
    /** Normalised velocity at the eccentric end of the curve. */
    public static final double X_ECCENTRIC = 1.0;

    private final Parameters parameters;
    private final SegmentedQuinticBezierCurve curve;
    private final double yNearConcentric;
    private final double yNearEccentric;

    public ForceVelocityCurve(Parameters p) {
        this.parameters = p;
        double fmaxE = p.maxEccentricVelocityForceMultiplier();
        double dydxC = p.concentricSlopeAtVmax();
        double dydxNearC = p.concentricSlopeNearVmax();
        double dydxIso = p.isometricSlope();
        double dydxE = p.eccentricSlopeAtVmax();
        double dydxNearE = p.eccentricSlopeNearVmax();
        require(fmaxE > 1.0, "max_eccentric_velocity_force_multiplier must be > 1", p);
        require(dydxC >= 0.0 && dydxC < 1, "concentric_slope_at_vmax must be in [0, 1)", p);
        require(dydxNearC > dydxC && dydxNearC <= 1,
                "concentric_slope_near_vmax must be in (concentric_slope_at_vmax, 1]", p);
        require(dydxIso > 1, "isometric_slope must be > 1", p);
        require(dydxE >= 0.0 && dydxE < fmaxE - 1,
                "eccentric_slope_at_vmax must be in [0, max_eccentric_velocity_force_multiplier - 1)", p);
        require(dydxNearE >= dydxE && dydxNearE < fmaxE - 1,
                "eccentric_slope_near_vmax must be in [eccentric_slope_at_vmax, "
                        + "max_eccentric_velocity_force_multiplier - 1)", p);
        require(p.concentricCurviness() >= 0 && p.concentricCurviness() <= 1,
                "concentric_curviness must be in [0, 1]", p);
        require(p.eccentricCurviness() >= 0 && p.eccentricCurviness() <= 1,
                "eccentric_curviness must be in [0, 1]", p);

        double cC = BezierCorners.scaleCurviness(p.concentricCurviness());
        double cE = BezierCorners.scaleCurviness(p.eccentricCurviness());
        double xC = X_CONCENTRIC;
        double yC = 0.0;
        double xNearC = X_NEAR_CONCENTRIC;
        // The near-vmax points lie on the average of the two slopes from the end point.
        double yNearC = yC + 0.5 * dydxNearC * (xNearC - xC) + 0.5 * dydxC * (xNearC - xC);
        double xIso = 0.0;
        double yIso = 1.0;
        double xE = X_ECCENTRIC;
        double yE = fmaxE;
        double xNearE = X_NEAR_ECCENTRIC;
        double yNearE = yE + 0.5 * dydxNearE * (xNearE - xE) + 0.5 * dydxE * (xNearE - xE);
        this.yNearConcentric = yNearC;
        this.yNearEccentric = yNearE;

        double[][] k0 = BezierCorners.corner(xC, yC, dydxC, xNearC, yNearC, dydxNearC, cC);
        double[][] k1 = BezierCorners.corner(xNearC, yNearC, dydxNearC, xIso, yIso, dydxIso, cC);
        double[][] k2 = BezierCorners.corner(xIso, yIso, dydxIso, xNearE, yNearE, dydxNearE, cE);
        double[][] k3 = BezierCorners.corner(xNearE, yNearE, dydxNearE, xE, yE, dydxE, cE);
        curve = new SegmentedQuinticBezierCurve(
                new double[][] {k0[0], k1[0], k2[0], k3[0]},
                new double[][] {k0[1], k1[1], k2[1], k3[1]},
                dydxC, dydxE);
    }

    private static void require(boolean ok, String message, Parameters p) {
        if (!ok) {
            throw new IllegalArgumentException(message + ": " + p);
        }
    }

    /** The curve with OpenSim's default properties. */
    public static ForceVelocityCurve withDefaults() {
        return new ForceVelocityCurve(Parameters.defaults());
    }

    public Parameters parameters() {
        return parameters;
    }

    @Override
    public SegmentedQuinticBezierCurve bezier() {
        return curve;
    }

    /** Curve value at the concentric shape point x = -0.9. */
    public double valueNearConcentricVmax() {
        return yNearConcentric;
    }

    /** Curve value at the eccentric shape point x = 0.9. */
    public double valueNearEccentricVmax() {
        return yNearEccentric;
    }

}
