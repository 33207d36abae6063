package armid.model.muscle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.TestData;
import armid.model.muscle.curve.ActiveForceLengthCurve;
import armid.model.muscle.curve.FiberForceLengthCurve;
import armid.model.muscle.curve.ForceVelocityCurve;
import armid.model.muscle.curve.TendonForceLengthCurve;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Physical invariants of the muscle on the MoBL-ARMS muscles (properties read from
 * shared/models/mobl-arms/MOBL_ARMS_fixed_41.osim), at equilibrium and away from it.
 */
class MillardMuscleInvariantsTest {

    static Map<String, MillardParameters> mobl;

    @BeforeAll
    static void load() throws Exception {
        mobl = OsimMuscles.read(TestData.model("mobl-arms/MOBL_ARMS_fixed_41.osim"));
    }

    @Test
    void moblMusclesReadAsOpenSimSeesThem() {
        assertEquals(50, mobl.size());
        MillardParameters pecm1 = mobl.get("PECM1");
        assertTrue(pecm1.ignoreTendonCompliance());
        assertEquals(0.0, pecm1.minimumActivation());
        assertEquals(0.1, pecm1.fiberDamping()); // absent: OpenSim's default
        assertEquals(Math.acos(0.1), pecm1.maximumPennationAngle());
        long rigid = mobl.values().stream().filter(MillardParameters::ignoreTendonCompliance).count();
        assertTrue(rigid >= 1);
        assertFalse(mobl.get("DELT1").ignoreTendonCompliance());
    }

    /** l_mt from the fibre at normalised length k (elastic tendon at its slack length). */
    private static double pathLength(MillardParameters p, double k) {
        double l = k * p.optimalFiberLength();
        double h = p.optimalFiberLength() * Math.sin(p.pennationAngleAtOptimal());
        return p.tendonSlackLength() + Math.sqrt(Math.max(l * l - h * h, 0));
    }

    /**
     * Every MoBL muscle, over fibre lengths 0.3 to 1.7 optimal and activations 0 to 1: the equilibrium converges
     * (or leaves the fibre at its minimum length) and there the tendon force equals the fibre force along the
     * tendon to OpenSim's equilibrium tolerance, 1e-8 f_o (the evaluation solves the damped velocity equation to
     * 1e-10 f_o, so the balance is in fact that tight), with a fibre velocity near 0.
     */
    @Test
    void atEquilibriumTendonForceEqualsFiberForceAlongTendon() {
        var eq = new FiberEquilibrium();
        var out = new MuscleOutputs();
        int converged = 0;
        for (var e : mobl.entrySet()) {
            var m = new Millard2012EquilibriumMuscle(e.getKey(), e.getValue());
            MillardParameters p = e.getValue();
            for (double k = 0.3; k <= 1.7; k += 0.1) {
                for (double a = 0.0; a <= 1.0; a += 0.25) {
                    double lmt = pathLength(p, k);
                    double l = m.computeInitialFiberEquilibrium(a, lmt, eq);
                    m.compute(a, l, lmt, 0.0, out);
                    String where = e.getKey() + " k=" + k + " a=" + a + " " + eq.status();
                    assertEquals(out.tendonForce(), out.fiberForceAlongTendon(), 1e-8 * p.maxIsometricForce(),
                            where);
                    if (eq.converged() && !m.hasRigidTendon()) {
                        converged++;
                        assertTrue(Math.abs(eq.solutionError()) < m.equilibriumTolerance(), where);
                        assertTrue(Math.abs(out.normFiberVelocity()) < 1e-6, where + " v=" + out.normFiberVelocity());
                    }
                    assertTrue(out.fiberLength() >= m.minimumFiberLength(), where);
                }
            }
        }
        assertTrue(converged > 2000, "converged " + converged);
    }

    /**
     * Away from equilibrium (any fibre length, any path speed) the damped model chooses the fibre velocity that
     * balances the forces, so tendon force = fibre force along tendon to the velocity solve's tolerance,
     * 1e-10 f_o; and the kinematics add up: fibre velocity along tendon + tendon velocity = path speed.
     */
    @Test
    void dampedModelBalancesForcesAtAnyState() {
        var out = new MuscleOutputs();
        MillardParameters p = mobl.get("DELT1");
        var m = new Millard2012EquilibriumMuscle("DELT1", p);
        assertTrue(m.usesFiberDamping());
        int checked = 0;
        for (double k = 0.6; k <= 1.5; k += 0.05) {
            for (double strain = -0.01; strain <= 0.04; strain += 0.005) {
                for (double speed : new double[] {-0.5, -0.05, 0, 0.05, 0.5}) {
                    double lce = k * p.optimalFiberLength();
                    double phi = m.pennationAngle(lce);
                    double lmt = lce * Math.cos(phi) + p.tendonSlackLength() * (1 + strain);
                    m.compute(0.6, lce, lmt, speed, out);
                    if (out.fiberStateClamped()) {
                        continue;
                    }
                    checked++;
                    String where = "k=" + k + " strain=" + strain + " speed=" + speed;
                    assertEquals(out.tendonForce(), out.fiberForceAlongTendon(), 1e-10 * p.maxIsometricForce(), where);
                    assertEquals(speed, out.fiberVelocityAlongTendon() + out.tendonVelocity(), 1e-12, where);
                    assertEquals(out.fiberForce(), out.activeFiberForce() + out.passiveFiberForce(), 1e-9, where);
                    assertEquals(p.fiberDamping() * p.maxIsometricForce() * out.normFiberVelocity(),
                            out.passiveDampingFiberForce(), 1e-9, where);
                    // dphi/dt of the fixed-width model by a central difference of phi(l_m)
                    double h = 1e-7;
                    double dphi = (m.pennationAngle(lce + h) - m.pennationAngle(lce - h)) / (2 * h);
                    assertEquals(dphi * out.fiberVelocity(), out.pennationAngularVelocity(), 1e-6, where);
                }
            }
        }
        assertTrue(checked > 500);
    }

    /**
     * The fibre velocity is the derivative of the fibre-length state: integrating it at a fixed path length from a
     * fibre 5 % too long or too short must come to rest at the equilibrium the Newton solve finds (two different
     * computations: the damped force balance in velocity, and the static balance in length).
     */
    @Test
    void fiberLengthStateSettlesAtTheEquilibrium() {
        MillardParameters p = mobl.get("DELT2");
        var m = new Millard2012EquilibriumMuscle("DELT2", p);
        var out = new MuscleOutputs();
        var eq = new FiberEquilibrium();
        double a = 0.7;
        double lmt = pathLength(p, 1.05) + 0.02 * p.tendonSlackLength();
        double target = m.computeInitialFiberEquilibrium(a, lmt, eq);
        assertTrue(eq.converged());
        for (double start : new double[] {0.95 * target, 1.05 * target}) {
            double l = start;
            double dt = 2e-5;
            for (int i = 0; i < 25_000; i++) { // 0.5 s, RK4
                m.compute(a, l, lmt, 0, out);
                double k1 = out.fiberVelocity();
                m.compute(a, l + 0.5 * dt * k1, lmt, 0, out);
                double k2 = out.fiberVelocity();
                m.compute(a, l + 0.5 * dt * k2, lmt, 0, out);
                double k3 = out.fiberVelocity();
                m.compute(a, l + dt * k3, lmt, 0, out);
                double k4 = out.fiberVelocity();
                l += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
            // the equilibrium is known to 1e-8 f_o in force; over the series stiffness that is well below 1e-9 m
            assertEquals(target, l, 1e-9, "from " + start);
        }
    }

    /** Fixed width: l_m sin(phi) = l_opt sin(phi_opt) until phi reaches its maximum. */
    @Test
    void pennationKeepsItsHeight() {
        MillardParameters p = mobl.get("DELT1");
        assertTrue(p.pennationAngleAtOptimal() > 0);
        var m = new Millard2012EquilibriumMuscle("DELT1", p);
        double h = p.optimalFiberLength() * Math.sin(p.pennationAngleAtOptimal());
        assertEquals(h, m.parallelogramHeight(), 1e-15);
        assertEquals(p.pennationAngleAtOptimal(), m.pennationAngle(p.optimalFiberLength()), 1e-14);
        for (double k = 0.4; k < 2.0; k += 0.01) {
            double l = k * p.optimalFiberLength();
            assertEquals(h, l * Math.sin(m.pennationAngle(l)), 1e-14, "k=" + k);
        }
        // below h / sin(phi_max) the angle stays at its maximum
        double lmin = h / Math.sin(p.maximumPennationAngle());
        assertEquals(p.maximumPennationAngle(), m.pennationAngle(0.9 * lmin), 0.0);
        assertTrue(m.minimumFiberLength() >= lmin);
        // unpennated muscle: no angle at any length
        var biceps = new Millard2012EquilibriumMuscle("BIClong", mobl.get("BIClong"));
        assertEquals(0.0, mobl.get("BIClong").pennationAngleAtOptimal());
        assertEquals(0.0, biceps.pennationAngle(0.05));
    }

    /**
     * PECM1 has a rigid tendon: l_m cos(phi) = l_mt - l_ts, l_m sin(phi) = l_opt sin(phi_opt), the fibre moves
     * with the path (v_m = l̇_mt cos(phi)), and the tendon carries the fibre force along it.
     */
    @Test
    void rigidTendonFollowsThePath() {
        MillardParameters p = mobl.get("PECM1");
        var m = new Millard2012EquilibriumMuscle("PECM1", p);
        assertTrue(m.hasRigidTendon());
        var out = new MuscleOutputs();
        double h = p.optimalFiberLength() * Math.sin(p.pennationAngleAtOptimal());
        int checked = 0;
        for (double k = 0.5; k <= 1.6; k += 0.05) {
            double lmt = pathLength(p, k);
            for (double speed : new double[] {-0.3, 0, 0.2}) {
                m.compute(0.7, Double.NaN, lmt, speed, out);
                String where = "k=" + k + " speed=" + speed;
                if (out.fiberStateClamped()) {
                    continue;
                }
                checked++;
                assertEquals(lmt - p.tendonSlackLength(), out.fiberLength() * Math.cos(out.pennationAngle()), 1e-14,
                        where);
                assertEquals(h, out.fiberLength() * Math.sin(out.pennationAngle()), 1e-14, where);
                assertEquals(p.tendonSlackLength(), out.tendonLength(), 1e-14, where);
                assertEquals(speed * Math.cos(out.pennationAngle()), out.fiberVelocity(), 1e-14, where);
                assertEquals(0.0, out.tendonVelocity(), 0.0, where);
                assertEquals(out.fiberForceAlongTendon(), out.tendonForce(), 1e-12, where);
                assertEquals(Math.max(0, out.activeFiberForce() + out.passiveElasticFiberForce()
                        + p.fiberDamping() * p.maxIsometricForce() * out.normFiberVelocity()), out.fiberForce(), 1e-9,
                        where);
            }
        }
        assertTrue(checked > 40);
        // the equilibrium of a rigid-tendon muscle is its kinematic fibre length
        var eq = new FiberEquilibrium();
        double lmt = pathLength(p, 1.1);
        assertEquals(m.rigidTendonFiberLength(lmt), m.computeInitialFiberEquilibrium(0.5, lmt, eq), 0.0);
    }

    /**
     * A path too short for the fibre leaves it at its minimum length, producing no force. (There the active
     * force-length multiplier and the passive force are 0 and the tendon is slack, so the force error is 0 and
     * OpenSim's iteration reports convergence at the clamped length rather than the lower-bound status.)
     */
    @Test
    void tooShortPathLeavesTheFiberAtItsMinimum() {
        MillardParameters p = mobl.get("DELT1");
        var m = new Millard2012EquilibriumMuscle("DELT1", p);
        var eq = new FiberEquilibrium();
        double lmt = p.tendonSlackLength() + 0.5 * m.minimumFiberLengthAlongTendon();
        double l = m.computeInitialFiberEquilibrium(1.0, lmt, eq);
        assertTrue(eq.status() != FiberEquilibrium.Status.FAILED_MAX_ITERATIONS);
        assertEquals(m.minimumFiberLength(), l, 0.0);
        var out = new MuscleOutputs();
        m.compute(1.0, l, lmt, 0.0, out);
        assertTrue(out.fiberStateClamped());
        assertEquals(0.0, out.fiberForce());
        assertEquals(0.0, out.tendonForce()); // the tendon is slack
    }

    /**
     * OpenSim's adjustments on finalising: the damped model (and the rigid tendon) zero the active-force-length
     * minimum and the force-velocity slopes at vmax; the undamped model with an elastic tendon raises them to 0.1
     * and half the near-vmax slopes, and refuses a minimum activation below 0.01.
     */
    @Test
    void curveAdjustmentsAsOpenSim() {
        var base = MillardParameters.of(500, 0.1, 0.2, 0.2);
        var fvp = ForceVelocityCurve.Parameters.defaults().withSlopesAtVmax(0.1, 0.05);
        var afl = ActiveForceLengthCurve.Parameters.defaults().withMinimumValue(0.05);
        var damped = new Millard2012EquilibriumMuscle("d", with(base, 0.1, false, 0.01, afl, fvp));
        assertEquals(0.0, damped.activeForceLengthCurve().parameters().minimumValue());
        assertEquals(0.0, damped.forceVelocityCurve().parameters().concentricSlopeAtVmax());
        assertEquals(0.0, damped.forceVelocityCurve().parameters().eccentricSlopeAtVmax());

        var undamped = new Millard2012EquilibriumMuscle("u", with(base, 0.0, false, 0.01, afl, fvp));
        assertFalse(undamped.usesFiberDamping());
        assertEquals(0.1, undamped.activeForceLengthCurve().parameters().minimumValue());
        assertEquals(0.125, undamped.forceVelocityCurve().parameters().concentricSlopeAtVmax());
        assertEquals(0.075, undamped.forceVelocityCurve().parameters().eccentricSlopeAtVmax());
        var ex = assertThrows(IllegalArgumentException.class,
                () -> new Millard2012EquilibriumMuscle("u0", with(base, 0.0, false, 0.0, afl, fvp)));
        assertTrue(ex.getMessage().contains("u0") && ex.getMessage().contains("minimum_activation"),
                ex.getMessage());
        // damping below 0.001 counts as none
        assertFalse(new Millard2012EquilibriumMuscle("s", with(base, 0.0009, false, 0.01, afl, fvp))
                .usesFiberDamping());

        var rigidUndamped = new Millard2012EquilibriumMuscle("r", with(base, 0.0, true, 0.0, afl, fvp));
        assertEquals(0.0, rigidUndamped.activeForceLengthCurve().parameters().minimumValue());
    }

    /** The undamped elastic model takes its fibre velocity from the inverse curve: forces balance exactly. */
    @Test
    void undampedModelBalancesForces() {
        var p = with(MillardParameters.of(500, 0.1, 0.2, 0.2), 0.0, false, 0.01,
                ActiveForceLengthCurve.Parameters.defaults(), ForceVelocityCurve.Parameters.defaults());
        var m = new Millard2012EquilibriumMuscle("u", p);
        var out = new MuscleOutputs();
        var eq = new FiberEquilibrium();
        for (double k = 0.7; k <= 1.3; k += 0.1) {
            double lce = k * p.optimalFiberLength();
            double lmt = lce * Math.cos(m.pennationAngle(lce)) + 0.2 * 1.02;
            m.compute(0.5, lce, lmt, 0.1, out);
            assertEquals(out.tendonForce(), out.fiberForceAlongTendon(), 1e-9 * p.maxIsometricForce(), "k=" + k);
            double l = m.computeInitialFiberEquilibrium(0.5, lmt, eq);
            m.compute(0.5, l, lmt, 0.0, out);
            assertEquals(0.0, out.normFiberVelocity(), 1e-6);
        }
        // the inverse curve inverts the force-velocity curve between the near-vmax points
        for (double v = -0.9; v <= 0.9; v += 0.05) {
            assertEquals(v, m.forceVelocityInverseCurve().value(m.forceVelocityCurve().value(v)), 1e-9, "v=" + v);
        }
    }

    private static MillardParameters with(MillardParameters b, double damping, boolean rigid, double minAct,
                                          ActiveForceLengthCurve.Parameters afl, ForceVelocityCurve.Parameters fv) {
        return new MillardParameters(b.maxIsometricForce(), b.optimalFiberLength(), b.tendonSlackLength(),
                b.pennationAngleAtOptimal(), b.maxContractionVelocity(), damping, b.defaultActivation(), minAct,
                b.activationTimeConstant(), b.deactivationTimeConstant(), rigid, false, b.maximumPennationAngle(),
                afl, fv, FiberForceLengthCurve.Parameters.defaults(), TendonForceLengthCurve.Parameters.defaults());
    }
}
