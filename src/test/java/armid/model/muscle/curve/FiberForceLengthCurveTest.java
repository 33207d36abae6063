package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FiberForceLengthCurveTest {

    /**
     * "Millard–Schutte matched" properties of DELT1's FiberForceLengthCurve in
     * shared/models/mobl-arms/MOBL_ARMS_fixed_41.osim (all 50 muscles carry the same).
     */
    static final FiberForceLengthCurve.Parameters MOBL_MATCHED = new FiberForceLengthCurve.Parameters(
            0, 0.64049999999999996, 0.0751, 6.3163, 0.66579999999999995);

    /** The fibre force-length curve of OpenSim's testSmoothSegmentedFunctionFactory. */
    static final FiberForceLengthCurve.Parameters OPENSIM_FACTORY_TEST = new FiberForceLengthCurve.Parameters(
            0.0, 0.6, 0.5 * (1.0 / 0.6), 8.389863790885878, 0.65);

    @Test
    void defaultsAreOpenSimsFittedCurve() {
        var p = FiberForceLengthCurve.Parameters.defaults();
        assertEquals(0.0, p.strainAtZeroForce());
        assertEquals(0.7, p.strainAtOneNormForce());
        assertFalse(p.hasOptionalProperties());
        var c = new FiberForceLengthCurve(p);
        // OpenSim's testSerializableMuscleCurves, to 1e-6
        assertEquals(2.0 / 0.7, c.stiffnessAtOneNormForceInUse(), 1e-6);
        assertEquals(0.2, c.stiffnessAtLowForceInUse(), 1e-6);
        assertEquals(0.75, c.curvinessInUse(), 1e-6);
        assertTrue(new FiberForceLengthCurve.Parameters(0, 0.8, 1.0 / 3, 10, 0.8).hasOptionalProperties());
    }

    @Test
    void keyPoints() {
        for (var p : new FiberForceLengthCurve.Parameters[] {FiberForceLengthCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new FiberForceLengthCurve(p);
            double l0 = 1 + p.strainAtZeroForce();
            double l1 = 1 + p.strainAtOneNormForce();
            double k = c.stiffnessAtOneNormForceInUse();
            assertEquals(l0, c.minX(), 1e-12);
            assertEquals(l1, c.maxX(), 1e-12);
            assertEquals(0.0, c.value(l0), 1e-12);
            assertEquals(0.0, c.derivative(l0), 1e-9);
            assertEquals(0.0, c.secondDerivative(l0), 1e-6);
            assertEquals(1.0, c.value(l1), 1e-12);
            assertEquals(k, c.derivative(l1), 1e-9 * k);
            assertEquals(0.0, c.secondDerivative(l1), 1e-6);
            // the low-force shoulder: slope stiffness_at_low_force at the joint of the two corners
            double xLow = c.bezier().controlPointsX(1)[0];
            double deltaX = Math.min(0.1 / k, 0.1 * (l1 - l0));
            assertEquals(l0 + deltaX, xLow, 1e-15);
            assertEquals(c.stiffnessAtLowForceInUse(), c.derivative(xLow), 1e-9);
            assertEquals(c.stiffnessAtLowForceInUse() * 0.5 * deltaX, c.value(xLow), 1e-12);
        }
    }

    @Test
    void isC2MonotonicAndSolvedExactly() {
        for (var p : new FiberForceLengthCurve.Parameters[] {FiberForceLengthCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new FiberForceLengthCurve(p);
            CurveAssertions.assertDerivativesMatchFiniteDifferences(c, c.minX() - 0.05, c.maxX() + 0.05, 997, 1e-6);
            CurveAssertions.assertC2AtJoints(c.bezier());
            CurveAssertions.assertSolvesParameterToMachinePrecision(c.bezier());
            CurveAssertions.assertMonotonic(c, 0.5, 2.0, 3000);
        }
    }

    @Test
    void extrapolatesZeroLeftLinearRight() {
        var c = new FiberForceLengthCurve(MOBL_MATCHED);
        CurveAssertions.assertLinearExtrapolation(c, 0.0, 0.0, 1.0, 6.3163);
        assertEquals(0.0, c.value(0.5));
        assertEquals(1.0 + 6.3163 * 0.1, c.value(1.0 + 0.64049999999999996 + 0.1), 1e-12);
    }

    /**
     * OpenSim's testSerializableMuscleCurves: with default properties the integral
     * from the curve's start (1 + strain_at_zero_force = 1) to 1 + strain_at_one_norm_force
     * = 1.7 is 0.2109609995660500 ("computed using cumtrapz in matlab"), checked to a
     * relative error of 1e-4. That number is itself only good to about 4e-5 (the exact
     * integral is 0.21095276), so the same relative tolerance 1e-4 applies here; the
     * exact value is checked separately against a fine trapezoidal rule.
     */
    @Test
    void integralMatchesOpenSimsPublishedValue() {
        var c = FiberForceLengthCurve.withDefaults();
        double value = c.integral(1 + 0.7);
        assertEquals(0.0, Math.abs(value - 0.2109609995660500) / 0.2109609995660500, 1e-4);
    }

    @Test
    void integralIsExact() {
        for (var p : new FiberForceLengthCurve.Parameters[] {FiberForceLengthCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new FiberForceLengthCurve(p);
            double a = c.minX();
            for (double b : new double[] {a + 0.01, a + 0.3, c.maxX()}) {
                assertEquals(CurveAssertions.richardsonTrapezoid(c, a, b, 20000), c.integral(b), 1e-11);
            }
            assertEquals(0.0, c.integral(a), 0.0);
            // beyond the end: integral of the straight line
            double k = c.stiffnessAtOneNormForceInUse();
            assertEquals(c.integral(c.maxX()) + 0.1 + 0.5 * k * 0.01, c.integral(c.maxX() + 0.1), 1e-12);
            assertEquals(0.0, c.integral(a - 0.2), 0.0);
            // d/dx integral = value
            for (double x = a; x < c.maxX(); x += 0.0173) {
                double h = 1e-5;
                assertEquals(c.value(x), (c.integral(x + h) - c.integral(x - h)) / (2 * h), 1e-8);
            }
        }
    }

    @Test
    void nanGivesNaN() {
        var c = FiberForceLengthCurve.withDefaults();
        CurveAssertions.assertNaNBehaviour(c);
        assertTrue(Double.isNaN(c.integral(Double.NaN)));
    }

    @Test
    void rejectsWhatOpenSimRejects() {
        double e0 = 0.6;
        double k = 8.389863790885878;
        double klow = 0.5 / e0;
        assertThrows(IllegalArgumentException.class, () -> new FiberForceLengthCurve(
                new FiberForceLengthCurve.Parameters(0.0, 0.0, klow, k, 0.65)));
        assertThrows(IllegalArgumentException.class, () -> new FiberForceLengthCurve(
                new FiberForceLengthCurve.Parameters(0.0, e0, klow, 1 / e0, 0.65)));
        assertThrows(IllegalArgumentException.class, () -> new FiberForceLengthCurve(
                new FiberForceLengthCurve.Parameters(0.0, e0, klow, k, -0.01)));
        assertThrows(IllegalArgumentException.class, () -> new FiberForceLengthCurve(
                new FiberForceLengthCurve.Parameters(0.0, e0, klow, k, 1.01)));
        assertThrows(IllegalArgumentException.class, () -> new FiberForceLengthCurve(
                new FiberForceLengthCurve.Parameters(0.0, e0, 1 / e0, k, 0.65)));
        // optional properties: all or none
        assertThrows(IllegalArgumentException.class, () -> new FiberForceLengthCurve(
                new FiberForceLengthCurve.Parameters(0.0, e0, klow, Double.NaN, 0.65)));
    }
}
