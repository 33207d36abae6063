package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TendonForceLengthCurveTest {

    /**
     * "Millard–Schutte matched" properties of DELT1's TendonForceLengthCurve in
     * shared/models/mobl-arms/MOBL_ARMS_fixed_41.osim (all 50 muscles carry the same).
     */
    static final TendonForceLengthCurve.Parameters MOBL_MATCHED = new TendonForceLengthCurve.Parameters(
            0.033000000000000002, 37.393000000000001, 0.22550000000000001, 0.45040000000000002);

    /** The tendon curve of OpenSim's testSmoothSegmentedFunctionFactory. */
    static final TendonForceLengthCurve.Parameters OPENSIM_FACTORY_TEST = new TendonForceLengthCurve.Parameters(
            0.04, 1.5 / 0.04, 1.0 / 3.0, 0.5);

    @Test
    void defaultsDeriveStiffnessToeAndCurvinessFromStrain() {
        var p = TendonForceLengthCurve.Parameters.defaults();
        assertEquals(0.049, p.strainAtOneNormForce());
        assertFalse(p.hasOptionalProperties());
        var c = new TendonForceLengthCurve(p);
        // OpenSim's testSerializableMuscleCurves, to 1e-6
        assertEquals(1.375 / 0.049, c.stiffnessAtOneNormForceInUse(), 1e-6);
        assertEquals(2.0 / 3.0, c.normForceAtToeEndInUse(), 1e-6);
        assertEquals(0.5, c.curvinessInUse(), 1e-6);
        // the derivation follows the strain
        var q = new TendonForceLengthCurve(TendonForceLengthCurve.Parameters.ofStrain(0.033));
        assertEquals(1.375 / 0.033, q.stiffnessAtOneNormForceInUse(), 0.0);
        assertTrue(MOBL_MATCHED.hasOptionalProperties());
        assertEquals(37.393000000000001, new TendonForceLengthCurve(MOBL_MATCHED).stiffnessAtOneNormForceInUse());
    }

    @Test
    void keyPoints() {
        for (var p : new TendonForceLengthCurve.Parameters[] {TendonForceLengthCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new TendonForceLengthCurve(p);
            double e0 = p.strainAtOneNormForce();
            double k = c.stiffnessAtOneNormForceInUse();
            double fToe = c.normForceAtToeEndInUse();
            assertEquals(1.0, c.minX());
            assertEquals((fToe - 1) / k + 1 + e0, c.maxX(), 1e-15);
            assertEquals(c.maxX(), c.toeEndLength());
            assertEquals(0.0, c.value(1.0), 1e-12);
            assertEquals(0.0, c.derivative(1.0), 1e-9);
            assertEquals(0.0, c.secondDerivative(1.0), 1e-6);
            assertEquals(fToe, c.value(c.maxX()), 1e-12);
            assertEquals(k, c.derivative(c.maxX()), 1e-9 * k);
            assertEquals(0.0, c.secondDerivative(c.maxX()), 1e-6);
            assertEquals(1.0, c.value(1 + e0), 1e-12);
            assertEquals(k, c.derivative(1 + e0), 1e-9 * k);
            assertEquals(0.0, c.secondDerivative(1 + e0), 1e-6);
        }
    }

    @Test
    void isC2MonotonicAndSolvedExactly() {
        for (var p : new TendonForceLengthCurve.Parameters[] {TendonForceLengthCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new TendonForceLengthCurve(p);
            CurveAssertions.assertDerivativesMatchFiniteDifferences(c, 0.99, 1 + 1.2 * p.strainAtOneNormForce(),
                    997, 1e-6);
            CurveAssertions.assertC2AtJoints(c.bezier());
            CurveAssertions.assertSolvesParameterToMachinePrecision(c.bezier());
            CurveAssertions.assertMonotonic(c, 0.9, 1.2, 3000);
        }
    }

    @Test
    void extrapolatesZeroLeftLinearRight() {
        var c = new TendonForceLengthCurve(MOBL_MATCHED);
        CurveAssertions.assertLinearExtrapolation(c, 0.0, 0.0, 0.22550000000000001, 37.393000000000001);
        assertEquals(0.0, c.value(0.95));
    }

    /**
     * OpenSim's testSerializableMuscleCurves: with default properties the integral from
     * the curve's start (normalised length 1) to 1 + strain_at_one_norm_force = 1.049 is
     * 0.019800189393937052, checked there to a relative error of 1e-4 because OpenSim
     * splines its numerical integral. The integral here is exact and agrees far better.
     */
    @Test
    void integralMatchesOpenSimsPublishedValue() {
        var c = TendonForceLengthCurve.withDefaults();
        double value = c.integral(1 + c.parameters().strainAtOneNormForce());
        assertEquals(0.0, Math.abs(value - 0.019800189393937052) / 0.019800189393937052, 1e-10);
    }

    @Test
    void integralIsExact() {
        for (var p : new TendonForceLengthCurve.Parameters[] {TendonForceLengthCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new TendonForceLengthCurve(p);
            for (double b : new double[] {1.001, 0.5 * (1 + c.maxX()), c.maxX(), 1 + p.strainAtOneNormForce()}) {
                assertEquals(CurveAssertions.richardsonTrapezoid(c, 1.0, b, 20000), c.integral(b), 1e-12);
            }
            assertEquals(0.0, c.integral(1.0), 0.0);
            assertEquals(0.0, c.integral(0.9), 0.0);
            for (double x = 1.0; x < 1.1; x += 0.00173) {
                double h = 1e-6;
                assertEquals(c.value(x), (c.integral(x + h) - c.integral(x - h)) / (2 * h), 1e-7);
            }
        }
    }

    @Test
    void nanGivesNaN() {
        var c = TendonForceLengthCurve.withDefaults();
        CurveAssertions.assertNaNBehaviour(c);
        assertTrue(Double.isNaN(c.integral(Double.NaN)));
    }

    @Test
    void rejectsWhatOpenSimRejects() {
        double e0 = 0.04;
        double k = 1.5 / e0;
        double ftoe = 1.0 / 3.0;
        assertThrows(IllegalArgumentException.class, () -> new TendonForceLengthCurve(
                new TendonForceLengthCurve.Parameters(0, k, ftoe, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new TendonForceLengthCurve(
                new TendonForceLengthCurve.Parameters(e0, 1 / e0, ftoe, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new TendonForceLengthCurve(
                new TendonForceLengthCurve.Parameters(e0, k, ftoe, -0.01)));
        assertThrows(IllegalArgumentException.class, () -> new TendonForceLengthCurve(
                new TendonForceLengthCurve.Parameters(e0, k, ftoe, 1.01)));
        assertThrows(IllegalArgumentException.class, () -> new TendonForceLengthCurve(
                new TendonForceLengthCurve.Parameters(e0, k, 1.0, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new TendonForceLengthCurve(
                new TendonForceLengthCurve.Parameters(e0, Double.NaN, ftoe, 0.5)));
    }
}
