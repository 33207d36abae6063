package armid.model.muscle;

import armid.model.muscle.curve.ActiveForceLengthCurve;
import armid.model.muscle.curve.FiberForceLengthCurve;
import armid.model.muscle.curve.ForceVelocityCurve;
import armid.model.muscle.curve.SegmentedQuinticBezierCurve;
import armid.model.muscle.curve.TendonForceLengthCurve;

/**
 * OpenSim 4.x's {@code Millard2012EquilibriumMuscle}: a Hill-type muscle whose fibre (active force-length and
 * force-velocity element in parallel with a passive elastic element and a linear damper) sits at a pennation angle
 * to an elastic tendon, the fibre length being the state (or, with {@code ignore_tendon_compliance}, a rigid tendon
 * and no fibre state).
 *
 * <p>Algorithms after OpenSim's sources (opensim-core, commit 0435b08, Apache-2.0):
 * OpenSim/Actuators/Millard2012EquilibriumMuscle.cpp ({@code extendFinalizeFromProperties},
 * {@code calcMuscleLengthInfo}, {@code calcFiberVelocityInfo}, {@code calcMuscleDynamicsInfo},
 * {@code estimateMuscleFiberState}, {@code computeFiberEquilibrium}), MuscleFixedWidthPennationModel.cpp and
 * MuscleFirstOrderActivationDynamicModel.cpp; Millard, Uchida, Seth and Delp, "Flexing computational muscle:
 * modeling and simulation of musculotendon dynamics", J. Biomech. Eng. 135(2), 2013. In short:
 * <ul>
 * <li><b>Pennation</b> (fixed width): the fibre keeps the height h = l_opt sin(phi_opt), so sin(phi) = h / l_m, up
 * to maximum_pennation_angle; the fibre is never shorter than the larger of h / sin(phi_max) (or 1% of l_opt
 * without pennation) and min_norm_active_fiber_length l_opt.</li>
 * <li><b>Curve adjustments</b> made by OpenSim when it finalises the muscle: with damping (fiber_damping &gt;=
 * 0.001) or a rigid tendon the active-force-length minimum becomes 0 and the force-velocity slopes at vmax become 0;
 * the undamped model with an elastic tendon instead raises the minimum to 0.1 and the slopes at vmax to half the
 * slopes near vmax, and requires minimum_activation &gt;= 0.01. An inverse force-velocity curve (the same Bézier
 * control points with x and y swapped, end slopes half the near-vmax slopes) gives the undamped model its fibre
 * velocity and the damped model its Newton starting point.</li>
 * <li><b>Fibre velocity</b>, elastic tendon: with damping, Newton's method on f_o (a f^L f^V(v) + f^PE + beta v)
 * cos(phi) = f_o f^T(l_t) in the normalised velocity v (tolerance max(1e-10 f_o, 100 SignificantReal), 20
 * iterations); without damping, v = (f^V)^-1((f^T / cos(phi) - f^PE) / (a f^L)). Rigid tendon: v = l̇_mt cos(phi)
 * (zero while the tendon is slack).</li>
 * <li><b>Equilibrium</b> ({@link #computeFiberEquilibrium}): Newton's method on the fibre length for fibre force
 * along the tendon = tendon force, with step halving, started at tendon length 1.01 l_ts, tolerance
 * max(1e-8 f_o, 10 SignificantReal), 200 iterations; falls back to the minimum fibre length when no equilibrium
 * exists above it.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; the per-call methods allocate nothing and write into caller-owned
 * {@link MuscleOutputs} and {@link FiberEquilibrium} objects. One deliberate difference: where OpenSim perturbs a
 * rank-deficient velocity Newton step with {@code rand()} (which it notes cannot happen, the derivative being at
 * least f_o beta cos(phi) &gt; 0), this class perturbs deterministically.
 */
public final class Millard2012EquilibriumMuscle {

    /** SimTK::Eps: machine epsilon of double. */
    static final double EPS = Math.ulp(1.0);
    /** SimTK::SignificantReal: epsilon^(7/8). */
    static final double SIGNIFICANT_REAL = Math.pow(EPS, 0.875);
    /** SimTK::SqrtEps. */
    static final double SQRT_EPS = Math.sqrt(EPS);
    /** Below this damping coefficient OpenSim switches to the undamped model. */
    public static final double MIN_NONZERO_DAMPING_COEFFICIENT = 0.001;
    /** Iteration limit of OpenSim's equilibrium solve. */
    public static final int EQUILIBRIUM_MAX_ITERATIONS = 200;
    /** Iteration limit of OpenSim's damped fibre-velocity solve. */
    static final int VELOCITY_MAX_ITERATIONS = 20;

    private final String name;
    private final MillardParameters parameters;

    private final double fiso;
    private final double ofl;
    private final double tsl;
    private final double vmax;
    private final double beta;
    private final boolean useDamping;
    private final boolean rigidTendon;

    private final ActiveForceLengthCurve falCurve;
    private final ForceVelocityCurve fvCurve;
    private final SegmentedQuinticBezierCurve fvInvCurve;
    private final FiberForceLengthCurve fpeCurve;
    private final TendonForceLengthCurve fseCurve;
    private final ActivationDynamics activationDynamics;

    // fixed-width pennation model
    private final double optimalPennation;
    private final double maximumPennation;
    private final double height;
    private final double maximumSinPennation;
    private final double pennationMinimumFiberLength;
    private final double pennationMinimumFiberLengthAlongTendon;

    private final double minimumFiberLength;
    private final double minimumFiberLengthAlongTendon;
    private final double velocityTolerance;
    private final double equilibriumTolerance;

    /**
     * @param name       the muscle's name, used in error messages
     * @param parameters its properties as read from the model file
     * @throws IllegalArgumentException when OpenSim would reject the properties
     */
    public Millard2012EquilibriumMuscle(String name, MillardParameters parameters) {
        this.name = name;
        this.parameters = parameters;
        MillardParameters p = parameters;
        fiso = p.maxIsometricForce();
        ofl = p.optimalFiberLength();
        tsl = p.tendonSlackLength();
        vmax = p.maxContractionVelocity();
        rigidTendon = p.ignoreTendonCompliance();
        useDamping = p.fiberDamping() >= MIN_NONZERO_DAMPING_COEFFICIENT;
        beta = useDamping ? p.fiberDamping() : 0.0;

        ForceVelocityCurve.Parameters fvp = p.forceVelocity();
        ActiveForceLengthCurve.Parameters falp = p.activeForceLength();
        double conNear = fvp.concentricSlopeNearVmax();
        double eccNear = fvp.eccentricSlopeNearVmax();
        if (conNear < SQRT_EPS) {
            throw invalid("ForceVelocityCurve concentric_slope_near_vmax must be at least 1.49e-8, got " + conNear);
        }
        if (eccNear < SQRT_EPS) {
            throw invalid("ForceVelocityCurve eccentric_slope_near_vmax must be at least 1.49e-8, got " + eccNear);
        }
        double conAt = fvp.concentricSlopeAtVmax();
        double eccAt = fvp.eccentricSlopeAtVmax();
        if (!rigidTendon && !useDamping) {
            // Classic Hill model with an elastic tendon: keep away from its singularities.
            if (p.minimumActivation() < 0.01) {
                throw invalid("minimum_activation must be at least 0.01 for the undamped model with an elastic "
                        + "tendon (fiber_damping " + p.fiberDamping() + "), got " + p.minimumActivation());
            }
            if (falp.minimumValue() < 0.1) {
                falp = falp.withMinimumValue(0.1);
            }
            conAt = Math.max(conAt, 0.5 * conNear);
            eccAt = Math.max(eccAt, 0.5 * eccNear);
        } else {
            if (falp.minimumValue() > 0.0) {
                falp = falp.withMinimumValue(0.0);
            }
            conAt = Math.min(conAt, 0.0);
            eccAt = Math.min(eccAt, 0.0);
        }
        falCurve = new ActiveForceLengthCurve(falp);
        fvCurve = new ForceVelocityCurve(fvp.withSlopesAtVmax(conAt, eccAt));
        fvInvCurve = inverse(new ForceVelocityCurve(fvp.withSlopesAtVmax(0.5 * conNear, 0.5 * eccNear)),
                0.5 * conNear, 0.5 * eccNear);
        fpeCurve = new FiberForceLengthCurve(p.fiberForceLength());
        fseCurve = new TendonForceLengthCurve(p.tendonForceLength());
        activationDynamics = ActivationDynamics.of(p);

        optimalPennation = p.pennationAngleAtOptimal();
        maximumPennation = p.maximumPennationAngle();
        if (optimalPennation > Math.PI / 2 - SIGNIFICANT_REAL) {
            throw invalid("pennation_angle_at_optimal must be in [0, pi/2), got " + optimalPennation);
        }
        height = ofl * Math.sin(optimalPennation);
        maximumSinPennation = Math.sin(maximumPennation);
        pennationMinimumFiberLength = maximumPennation > SIGNIFICANT_REAL
                ? height / maximumSinPennation
                : 0.01 * ofl;
        pennationMinimumFiberLengthAlongTendon = pennationMinimumFiberLength * Math.cos(maximumPennation);

        minimumFiberLength = Math.max(SIGNIFICANT_REAL,
                Math.max(falp.minNormActiveFiberLength() * ofl, pennationMinimumFiberLength));
        minimumFiberLengthAlongTendon = minimumFiberLength * Math.cos(pennationAngle(minimumFiberLength));

        velocityTolerance = Math.max(1.0e-10 * fiso, SIGNIFICANT_REAL * 100);
        equilibriumTolerance = Math.max(1e-8 * fiso, SIGNIFICANT_REAL * 10);
    }

    private IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("muscle " + name + ": " + message);
    }

    /** The force-velocity curve with x and y exchanged, extended beyond its ends with the given inverse slopes. */
    private static SegmentedQuinticBezierCurve inverse(ForceVelocityCurve fv, double slopeAtConcentric,
                                                       double slopeAtEccentric) {
        SegmentedQuinticBezierCurve b = fv.bezier();
        int n = b.segmentCount();
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int s = 0; s < n; s++) {
            x[s] = b.controlPointsY(s);
            y[s] = b.controlPointsX(s);
        }
        return new SegmentedQuinticBezierCurve(x, y, 1.0 / slopeAtConcentric, 1.0 / slopeAtEccentric);
    }

    // ---------------------------------------------------------------------------------------------------------
    // properties

    public String name() {
        return name;
    }

    /** The properties as given (before OpenSim's curve adjustments). */
    public MillardParameters parameters() {
        return parameters;
    }

    /** True if the damped model is used (fiber_damping &gt;= 0.001). */
    public boolean usesFiberDamping() {
        return useDamping;
    }

    /** Fibre damping coefficient in use (0 for the undamped model). */
    public double fiberDamping() {
        return beta;
    }

    /** True if the tendon is rigid (ignore_tendon_compliance): the fibre length is then no state. */
    public boolean hasRigidTendon() {
        return rigidTendon;
    }

    /** The active-force-length curve in use (after OpenSim's adjustment of its minimum value). */
    public ActiveForceLengthCurve activeForceLengthCurve() {
        return falCurve;
    }

    /** The force-velocity curve in use (after OpenSim's adjustment of its slopes at vmax). */
    public ForceVelocityCurve forceVelocityCurve() {
        return fvCurve;
    }

    /** The inverse force-velocity curve: normalised velocity as a function of the force-velocity multiplier. */
    public SegmentedQuinticBezierCurve forceVelocityInverseCurve() {
        return fvInvCurve;
    }

    public FiberForceLengthCurve fiberForceLengthCurve() {
        return fpeCurve;
    }

    public TendonForceLengthCurve tendonForceLengthCurve() {
        return fseCurve;
    }

    /** The muscle's activation dynamics (time constants and minimum activation). */
    public ActivationDynamics activationDynamics() {
        return activationDynamics;
    }

    /** Shortest fibre length the muscle allows (m). */
    public double minimumFiberLength() {
        return minimumFiberLength;
    }

    /** Minimum fibre length projected on the tendon (m). */
    public double minimumFiberLengthAlongTendon() {
        return minimumFiberLengthAlongTendon;
    }

    /** Height of the fixed-width pennation parallelogram, l_opt sin(phi_opt) (m). */
    public double parallelogramHeight() {
        return height;
    }

    /** Tolerance (N) of the equilibrium solve: max(1e-8 f_o, 10 SignificantReal), as OpenSim. */
    public double equilibriumTolerance() {
        return equilibriumTolerance;
    }

    /** Activation clamped to [minimum_activation, 1]. */
    public double clampActivation(double activation) {
        return activationDynamics.clampActivation(activation);
    }

    /** Fibre length raised to the minimum fibre length. */
    public double clampFiberLength(double fiberLength) {
        return Math.max(fiberLength, minimumFiberLength);
    }

    // ---------------------------------------------------------------------------------------------------------
    // fixed-width pennation model

    /** Pennation angle at a fibre length: asin(h / l_m), at most maximum_pennation_angle (0 without pennation). */
    public double pennationAngle(double fiberLength) {
        if (!(optimalPennation > EPS)) {
            return 0.0;
        }
        if (fiberLength > pennationMinimumFiberLength) {
            double sinPhi = height / fiberLength;
            return sinPhi < maximumSinPennation ? Math.asin(sinPhi) : maximumPennation;
        }
        return maximumPennation;
    }

    /** Fibre length for a given musculotendon and tendon length: sqrt(h² + (l_mt - l_t)²), at least the minimum. */
    public double fiberLengthForTendonLength(double musculotendonLength, double tendonLength) {
        double alongTendon = musculotendonLength - tendonLength;
        if (alongTendon >= pennationMinimumFiberLengthAlongTendon) {
            return Math.sqrt(height * height + alongTendon * alongTendon);
        }
        return pennationMinimumFiberLength;
    }

    /** d phi / d l_m of the fixed-width model. */
    private double dPennationDFiberLength(double fiberLength) {
        double hOverL = height / fiberLength;
        return (-hOverL / fiberLength) / Math.sqrt(1.0 - hOverL * hOverL);
    }

    // ---------------------------------------------------------------------------------------------------------
    // state evaluation

    /**
     * Computes everything about the muscle at one instant, as OpenSim's length, velocity and dynamics
     * information. With an elastic tendon the fibre-length state is given and its time derivative comes out as
     * {@link MuscleOutputs#fiberVelocity()}; with a rigid tendon the fibre length follows from the musculotendon
     * length and {@code fiberLength} is ignored.
     *
     * @param activation          the activation state (or, with ignore_activation_dynamics, the excitation);
     *                            clamped to [minimum_activation, 1]
     * @param fiberLength         fibre-length state (m), clamped to the minimum fibre length
     * @param musculotendonLength path length l_mt (m)
     * @param lengtheningSpeed    path lengthening speed dl_mt/dt (m/s)
     * @param out                 receives the results
     * @throws IllegalStateException if the damped fibre-velocity solve does not converge (OpenSim throws there too)
     */
    public void compute(double activation, double fiberLength, double musculotendonLength, double lengtheningSpeed,
                        MuscleOutputs out) {
        computeLength(fiberLength, musculotendonLength, out);
        computeVelocity(activation, lengtheningSpeed, out);
        computeDynamics(activation, out);
    }

    /** Fibre length at which a rigid tendon puts a musculotendon length (clamped to the minimum). */
    public double rigidTendonFiberLength(double musculotendonLength) {
        return clampFiberLength(fiberLengthForTendonLength(musculotendonLength, tsl));
    }

    private void computeLength(double fiberLengthState, double ml, MuscleOutputs o) {
        double lce = rigidTendon ? rigidTendonFiberLength(ml) : clampFiberLength(fiberLengthState);
        o.fiberLength = lce;
        o.normFiberLength = lce / ofl;
        double phi = pennationAngle(lce);
        o.pennationAngle = phi;
        o.cosPennationAngle = Math.cos(phi);
        o.sinPennationAngle = Math.sin(phi);
        o.fiberLengthAlongTendon = lce * o.cosPennationAngle;
        o.tendonLength = ml - o.fiberLengthAlongTendon;
        o.normTendonLength = o.tendonLength / tsl;
        double[] c = o.curve;
        fpeCurve.evaluate(o.normFiberLength, c);
        o.passiveForceLengthMultiplier = c[0];
        o.passiveForceLengthDerivative = c[1];
        falCurve.evaluate(o.normFiberLength, c);
        o.activeForceLengthMultiplier = c[0];
        o.activeForceLengthDerivative = c[1];
    }

    private void computeVelocity(double activation, double dml, MuscleOutputs o) {
        double fse = Double.NaN;
        double tendonStiffness = Double.POSITIVE_INFINITY;
        double[] c = o.curve;
        if (!rigidTendon) {
            fseCurve.evaluate(o.normTendonLength, c);
            fse = c[0];
            tendonStiffness = c[1] * (fiso / tsl);
        }
        double dlce;
        double dlceN;
        double fv;
        if (rigidTendon) {
            if (o.tendonLength < tsl - SIGNIFICANT_REAL) {
                // slack tendon: the fibre does not move
                dlce = 0.0;
                dlceN = 0.0;
                fv = 1.0;
            } else {
                dlce = dml * o.cosPennationAngle;
                dlceN = dlce / (ofl * vmax);
                fv = fvCurve.value(dlceN);
            }
        } else if (!useDamping) {
            double a = clampActivation(activation);
            if (!(o.cosPennationAngle > SIGNIFICANT_REAL)) {
                throw new IllegalStateException("muscle " + name + ": pennation angle is 90 degrees");
            }
            if (!(a > SIGNIFICANT_REAL)) {
                throw new IllegalStateException("muscle " + name + ": activation is 0 in the undamped model");
            }
            if (!(o.activeForceLengthMultiplier > SIGNIFICANT_REAL)) {
                throw new IllegalStateException(
                        "muscle " + name + ": active-force-length multiplier is 0 in the undamped model");
            }
            fv = (fse / o.cosPennationAngle - o.passiveForceLengthMultiplier) / (a * o.activeForceLengthMultiplier);
            dlceN = fvInvCurve.value(fv);
            dlce = dlceN * vmax * ofl;
        } else {
            double a = clampActivation(activation);
            dlceN = dampedNormFiberVelocity(a, o.activeForceLengthMultiplier, o.passiveForceLengthMultiplier, fse,
                    o.cosPennationAngle, c);
            fv = c[2];
            dlce = dlceN * ofl * vmax;
        }

        double dphidt = optimalPennation > EPS
                ? -(dlce / o.fiberLength) * (o.sinPennationAngle / o.cosPennationAngle)
                : 0.0;
        double dlceAT = dlce * o.cosPennationAngle - o.fiberLength * o.sinPennationAngle * dphidt;
        double dtl = rigidTendon ? 0.0
                : dml - dlce * o.cosPennationAngle + o.fiberLength * o.sinPennationAngle * dphidt;
        boolean clamped = (o.fiberLength <= minimumFiberLength && dlce <= 0) || o.fiberLength < minimumFiberLength;
        if (clamped) {
            dlce = 0.0;
            dlceN = 0.0;
            dlceAT = 0.0;
            dphidt = 0.0;
            dtl = dml;
            fv = 1.0;
        }
        o.fiberVelocity = dlce;
        o.normFiberVelocity = dlceN;
        o.fiberVelocityAlongTendon = dlceAT;
        o.pennationAngularVelocity = dphidt;
        o.tendonVelocity = dtl;
        o.forceVelocityMultiplier = fv;
        o.fiberStateClamped = clamped;
        o.normTendonForce = fse;
        o.tendonStiffness = tendonStiffness;
    }

    /**
     * Normalised fibre velocity solving the damped equilibrium f_o (a f^L f^V(v) + f^PE + beta v) cos(phi) =
     * f_o f^T by Newton's method from the undamped estimate; f^V at the solution is left in scratch[2].
     */
    private double dampedNormFiberVelocity(double a, double fal, double fpe, double fse, double cosPhi,
                                           double[] scratch) {
        // Starting point: the undamped solution through the inverse curve, guarded against division by ~0.
        double fv0 = (fse / Math.max(cosPhi, 0.01) - fpe) / (Math.max(a, 0.01) * Math.max(fal, 0.01));
        double v = fvInvCurve.value(fv0);
        v = Math.max(-1.0, Math.min(1.0, v));
        double fv = fv0;
        double err = 1.0e10;
        int iter = 0;
        int perturbations = 0;
        while (Math.abs(err) > velocityTolerance && iter < VELOCITY_MAX_ITERATIONS) {
            fvCurve.evaluate(v, scratch);
            fv = scratch[0];
            double fiberForce = fiso * (a * fal * fv + fpe + beta * v);
            err = fiberForce * cosPhi - fse * fiso;
            double derr = fiso * (a * fal * scratch[1] + beta) * cosPhi;
            if (Math.abs(err) > velocityTolerance && Math.abs(derr) > SIGNIFICANT_REAL) {
                v -= err / derr;
            } else if (Math.abs(derr) <= SIGNIFICANT_REAL) {
                // Lost rank (not expected: derr >= f_o beta cos(phi) > 0): nudge, alternating direction.
                v += ((perturbations++ & 1) == 0 ? 0.05 : -0.05);
            }
            iter++;
        }
        if (!(Math.abs(err) <= velocityTolerance)) {
            throw new IllegalStateException("muscle " + name + ": fiber velocity Newton method did not converge "
                    + "(force error " + err + " N, tolerance " + velocityTolerance + " N)");
        }
        scratch[2] = fv;
        return v;
    }

    private void computeDynamics(double activation, MuscleOutputs o) {
        double a = clampActivation(activation);
        if (!(o.fiberLength > SIGNIFICANT_REAL)) {
            throw new IllegalStateException("muscle " + name + ": fiber length is 0");
        }
        if (!(o.cosPennationAngle > SIGNIFICANT_REAL)) {
            throw new IllegalStateException("muscle " + name + ": pennation angle is 90 degrees");
        }
        double fm = 0;
        double aFm = 0;
        double p1Fm = 0;
        double p2Fm = 0;
        double fmAT = 0;
        double dFmdlce = 0;
        double dFmATdlceAT = 0;
        double dFtdtl = 0;
        if (!o.fiberStateClamped) {
            aFm = fiso * a * o.activeForceLengthMultiplier * o.forceVelocityMultiplier;
            p1Fm = fiso * o.passiveForceLengthMultiplier;
            p2Fm = fiso * beta * o.normFiberVelocity;
            fm = aFm + p1Fm + p2Fm;
            if (rigidTendon && fm < 0) {
                // a rigid tendon cannot push: saturate the damping force so that the fibre force is 0
                fm = 0.0;
                p2Fm = -aFm - p1Fm;
            }
            fmAT = fm * o.cosPennationAngle;
            dFmdlce = fiso * (a * o.activeForceLengthDerivative / ofl * o.forceVelocityMultiplier
                    + o.passiveForceLengthDerivative / ofl);
            double dphi = dPennationDFiberLength(o.fiberLength);
            double dFmATdlce = dFmdlce * o.cosPennationAngle - fm * o.sinPennationAngle * dphi;
            double dlceATdlce = o.cosPennationAngle - o.fiberLength * o.sinPennationAngle * dphi;
            dFmATdlceAT = dFmATdlce / dlceATdlce;
            dFtdtl = o.tendonStiffness;
        }
        double fse = rigidTendon ? fmAT / fiso : o.normTendonForce;
        o.activation = a;
        o.activeFiberForce = aFm;
        o.passiveElasticFiberForce = p1Fm;
        o.passiveDampingFiberForce = p2Fm;
        o.passiveFiberForce = p1Fm + p2Fm;
        o.fiberForce = fm;
        o.fiberForceAlongTendon = fmAT;
        o.normTendonForce = fse;
        o.tendonForce = fse * fiso;
        o.fiberStiffness = dFmdlce;
        o.fiberStiffnessAlongTendon = dFmATdlceAT;
        o.tendonStiffness = dFtdtl;
    }

    // ---------------------------------------------------------------------------------------------------------
    // equilibrium

    /**
     * OpenSim's {@code computeFiberEquilibrium}: the fibre length at which the fibre and the tendon carry the same
     * force, for the given activation and path length, with zero fibre velocity ({@code solveForVelocity} false,
     * as {@code computeInitialFiberEquilibrium} and {@code equilibrateMuscles} do) or with the path velocity
     * shared between fibre and tendon by their stiffnesses. Tolerance {@link #equilibriumTolerance()}, at most
     * 200 iterations. With a rigid tendon there is nothing to solve: the result is the rigid-tendon fibre length.
     *
     * @return the fibre length to put in the state (m)
     * @throws IllegalStateException when the iteration limit is reached (OpenSim's MuscleCannotEquilibrate); a
     *                               fibre that ends at its minimum length is not an error (status
     *                               {@link FiberEquilibrium.Status#FIBER_AT_LOWER_BOUND})
     */
    public double computeFiberEquilibrium(double activation, double musculotendonLength, double lengtheningSpeed,
                                          boolean solveForVelocity, FiberEquilibrium out) {
        if (rigidTendon) {
            double lce = rigidTendonFiberLength(musculotendonLength);
            double phi = pennationAngle(lce);
            out.status = FiberEquilibrium.Status.CONVERGED;
            out.fiberLength = lce;
            out.fiberVelocity = 0.0;
            out.tendonForce = Double.NaN;
            out.solutionError = 0.0;
            out.iterations = 0;
            if (Math.cos(phi) <= 0) {
                throw new IllegalStateException("muscle " + name + ": pennation angle is 90 degrees");
            }
            return lce;
        }
        double speed = solveForVelocity ? lengtheningSpeed : 0.0;
        estimateFiberState(clampActivation(activation), musculotendonLength, speed, equilibriumTolerance,
                EQUILIBRIUM_MAX_ITERATIONS, !solveForVelocity, out);
        if (out.status == FiberEquilibrium.Status.FAILED_MAX_ITERATIONS) {
            throw new IllegalStateException("muscle " + name + ": failed to compute muscle equilibrium: solution "
                    + "error " + Math.abs(out.solutionError) + " N exceeds tolerance " + equilibriumTolerance
                    + " N after " + out.iterations + " Newton iterations (activation " + activation
                    + ", musculotendon length " + musculotendonLength + " m)");
        }
        return out.fiberLength;
    }

    /** {@link #computeFiberEquilibrium} at zero fibre velocity, as OpenSim's computeInitialFiberEquilibrium. */
    public double computeInitialFiberEquilibrium(double activation, double musculotendonLength,
                                                 FiberEquilibrium out) {
        return computeFiberEquilibrium(activation, musculotendonLength, 0.0, false, out);
    }

    /**
     * OpenSim's {@code estimateMuscleFiberState}: Newton's method with step halving on the fibre length for
     * fibre force along the tendon minus tendon force. Does not throw on failure; see the status. With a rigid
     * tendon it solves as if the tendon were elastic.
     *
     * @param activation       activation, used as given (callers clamp it)
     * @param pathLength       musculotendon length (m)
     * @param pathSpeed        musculotendon lengthening speed (m/s); ignored for a static solution
     * @param tolerance        force tolerance (N)
     * @param maxIterations    Newton iteration limit
     * @param staticSolution   true for zero fibre velocity (also when |pathSpeed| is below SignificantReal)
     */
    public void estimateFiberState(double activation, double pathLength, double pathSpeed, double tolerance,
                                   int maxIterations, boolean staticSolution, FiberEquilibrium out) {
        if (Math.abs(pathSpeed) < SIGNIFICANT_REAL) {
            staticSolution = true;
        }
        final double ma = activation;
        final double ml = pathLength;
        final double dml = pathSpeed;
        double[] c = out.curve;

        // starting point: a tendon stretched by 1 %
        double lce = clampFiberLength(fiberLengthForTendonLength(ml, tsl * 1.01));
        double dlce = 0.0;
        double dlceN = 0.0;
        double fv;

        // position level
        double phi = pennationAngle(lce);
        double cosphi = Math.cos(phi);
        double sinphi = Math.sin(phi);
        double lceN = lce / ofl;
        double tlN = (ml - lce * cosphi) / tsl;
        // multipliers
        double fal = falCurve.value(lceN);
        double fpe = fpeCurve.value(lceN);
        double fse = fseCurve.value(tlN);
        fv = 1.0;
        double fm = fiso * (ma * fal * fv + fpe + beta * dlceN);

        // partial derivatives
        double dFmATdlce = 0;
        double dFtdlce = 0;
        double dFmATdlceAT = 0;
        double dFtdtl = 0;
        {
            double dphi = dPennationDFiberLength(lce);
            double dFmdlce = fiso * (ma * falCurve.derivative(lceN) / ofl * fv + fpeCurve.derivative(lceN) / ofl);
            dFmATdlce = dFmdlce * cosphi - fm * sinphi * dphi;
            dFmATdlceAT = dFmATdlce / (cosphi - lce * sinphi * dphi);
            dFtdtl = fseCurve.derivative(tlN) * fiso / tsl;
            dFtdlce = dFtdtl * (lce * sinphi * dphi - cosphi);
        }
        // velocity estimate
        if (!staticSolution) {
            double dtl = Math.abs(dFmATdlceAT + dFtdtl) > SIGNIFICANT_REAL && tlN > 1.0
                    ? dFmATdlceAT / (dFmATdlceAT + dFtdtl) * dml
                    : dml;
            dlce = (dml - dtl) * cosphi;
            dlceN = dlce / (vmax * ofl);
            fv = fvCurve.value(dlceN);
        }
        // force error
        fm = fiso * (ma * fal * fv + fpe + beta * dlceN);
        double ferr = fm * cosphi - fse * fiso;
        // partials again with the new force-velocity multiplier
        {
            double dphi = dPennationDFiberLength(lce);
            double dFmdlce = fiso * (ma * falCurve.derivative(lceN) / ofl * fv + fpeCurve.derivative(lceN) / ofl);
            dFmATdlce = dFmdlce * cosphi - fm * sinphi * dphi;
            dFmATdlceAT = dFmATdlce / (cosphi - lce * sinphi * dphi);
            dFtdtl = fseCurve.derivative(tlN) * fiso / tsl;
            dFtdlce = dFtdtl * (lce * sinphi * dphi - cosphi);
        }

        double ferrPrev = ferr;
        double lcePrev = lce;
        int iter = 0;
        while (Math.abs(ferr) > tolerance && iter < maxIterations) {
            double dferr = dFmATdlce - dFtdlce;
            double h = 1.0;
            while (Math.abs(ferr) >= Math.abs(ferrPrev)) {
                double delta = -h * ferrPrev / dferr;
                if (Math.abs(delta) > SIGNIFICANT_REAL) {
                    lce = lcePrev + delta;
                } else {
                    // stagnated: step the other way by sqrt(eps) and stop halving
                    lce = lcePrev - Math.signum(delta) * SQRT_EPS;
                    h = 0;
                }
                if (lce < minimumFiberLength) {
                    lce = minimumFiberLength;
                }
                phi = pennationAngle(lce);
                cosphi = Math.cos(phi);
                sinphi = Math.sin(phi);
                lceN = lce / ofl;
                tlN = (ml - lce * cosphi) / tsl;
                fal = falCurve.value(lceN);
                fpe = fpeCurve.value(lceN);
                fse = fseCurve.value(tlN);
                fm = fiso * (ma * fal * fv + fpe + beta * dlceN);
                ferr = fm * cosphi - fse * fiso;
                if (h <= SQRT_EPS) {
                    break;
                }
                h *= 0.5;
            }
            ferrPrev = ferr;
            lcePrev = lce;

            double dphi = dPennationDFiberLength(lce);
            falCurve.evaluate(lceN, c);
            double dfal = c[1];
            fpeCurve.evaluate(lceN, c);
            double dfpe = c[1];
            double dFmdlce = fiso * (ma * dfal / ofl * fv + dfpe / ofl);
            dFmATdlce = dFmdlce * cosphi - fm * sinphi * dphi;
            dFmATdlceAT = dFmATdlce / (cosphi - lce * sinphi * dphi);
            dFtdtl = fseCurve.derivative(tlN) * fiso / tsl;
            dFtdlce = dFtdtl * (lce * sinphi * dphi - cosphi);
            if (!staticSolution) {
                double dtl = Math.abs(dFmATdlceAT + dFtdtl) > SIGNIFICANT_REAL && tlN > 1.0
                        ? dFmATdlceAT / (dFmATdlceAT + dFtdtl) * dml
                        : dml;
                dlce = (dml - dtl) * cosphi;
                dlceN = dlce / (vmax * ofl);
                fv = fvCurve.value(dlceN);
            }
            iter++;
        }

        out.solutionError = ferr;
        out.iterations = iter;
        if (Math.abs(ferr) < tolerance) {
            out.status = FiberEquilibrium.Status.CONVERGED;
            out.fiberLength = clampFiberLength(lce);
            out.fiberVelocity = dlce;
            out.tendonForce = fse * fiso;
            return;
        }
        if (lce <= minimumFiberLength) {
            out.status = FiberEquilibrium.Status.FIBER_AT_LOWER_BOUND;
            lce = minimumFiberLength;
            phi = pennationAngle(lce);
            double tl = ml - lce * Math.cos(phi);
            out.fiberLength = lce;
            out.fiberVelocity = 0.0;
            out.tendonForce = fseCurve.value(tl / tsl) * fiso;
            return;
        }
        out.status = FiberEquilibrium.Status.FAILED_MAX_ITERATIONS;
        out.fiberLength = Double.NaN;
        out.fiberVelocity = Double.NaN;
        out.tendonForce = Double.NaN;
    }
}
