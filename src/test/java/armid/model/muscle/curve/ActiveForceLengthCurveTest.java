package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActiveForceLengthCurveTest {

    /**
     * "Millard–Schutte matched" properties of DELT1's ActiveForceLengthCurve in
     * shared/models/mobl-arms/MOBL_ARMS_fixed_41.osim (all 50 muscles carry the same).
     */
    static final ActiveForceLengthCurve.Parameters MOBL_MATCHED =
            new ActiveForceLengthCurve.Parameters(0.43269999999999997, 0.72799999999999998, 1.595,
                    0.46129999999999999, 0);

    /** OpenSim's testSerializableMuscleCurves, "Testing default property values". */
    @Test
    void defaultsAreOpenSims() {
        var p = ActiveForceLengthCurve.Parameters.defaults();
        assertEquals(0.47 - 0.0259, p.minNormActiveFiberLength());
        assertEquals(0.73, p.transitionNormFiberLength());
        assertEquals(1.8123, p.maxNormActiveFiberLength());
        assertEquals(0.8616, p.shallowAscendingSlope());
        assertEquals(0.1, p.minimumValue());
    }

    @Test
    void defaultCurveKeyPoints() {
        var c = ActiveForceLengthCurve.withDefaults();
        assertKeyPoints(c);
        // OpenSim's testSerializableMuscleCurves: value 1 and slope 0 at 1 to sqrt(eps),
        // domain exactly [min, max] active length
        assertEquals(1.0, c.value(1.0), Math.sqrt(Math.ulp(1.0)));
        assertEquals(0.0, c.derivative(1.0), Math.sqrt(Math.ulp(1.0)));
        assertEquals(0.47 - 0.0259, c.minX());
        assertEquals(1.8123, c.maxX());
    }

    @Test
    void moblMatchedKeyPoints() {
        assertKeyPoints(new ActiveForceLengthCurve(MOBL_MATCHED));
    }

    private static void assertKeyPoints(ActiveForceLengthCurve c) {
        var p = c.parameters();
        double ylow = p.minimumValue();
        assertEquals(ylow, c.value(p.minNormActiveFiberLength()), 1e-12);
        assertEquals(0.0, c.derivative(p.minNormActiveFiberLength()), 1e-9);
        assertEquals(0.0, c.secondDerivative(p.minNormActiveFiberLength()), 1e-6);
        assertEquals(1.0, c.value(1.0), 1e-12);
        assertEquals(0.0, c.derivative(1.0), 1e-9);
        assertEquals(0.0, c.secondDerivative(1.0), 1e-6);
        assertEquals(ylow, c.value(p.maxNormActiveFiberLength()), 1e-12);
        assertEquals(0.0, c.derivative(p.maxNormActiveFiberLength()), 1e-9);
        assertEquals(0.0, c.secondDerivative(p.maxNormActiveFiberLength()), 1e-6);
        // the shallow ascending limb reaches the shoulder (0.95) with shallow_ascending_slope
        var b = c.bezier();
        assertEquals(5, b.segmentCount());
        double xShoulderCorner = b.controlPointsX(2)[0]; // mid-point of the shallow limb
        assertEquals(p.shallowAscendingSlope(), c.derivative(xShoulderCorner), 1e-9);
        assertEquals(p.transitionNormFiberLength() + 0.5 * (0.95 - p.transitionNormFiberLength()),
                xShoulderCorner, 1e-15);
        // peak is at 1 and nowhere above 1
        for (int i = 0; i <= 1000; i++) {
            double x = c.minX() + (c.maxX() - c.minX()) * i / 1000.0;
            assertTrue(c.value(x) <= 1.0 + 1e-12, "above 1 at " + x);
            assertTrue(c.value(x) >= ylow - 1e-12, "below minimum at " + x);
        }
    }

    @Test
    void isC2WithClosedFormDerivatives() {
        for (var c : new ActiveForceLengthCurve[] {ActiveForceLengthCurve.withDefaults(),
                new ActiveForceLengthCurve(MOBL_MATCHED)}) {
            CurveAssertions.assertDerivativesMatchFiniteDifferences(c, c.minX() - 0.05, c.maxX() + 0.05, 997, 1e-6);
            CurveAssertions.assertC2AtJoints(c.bezier());
            CurveAssertions.assertSolvesParameterToMachinePrecision(c.bezier());
        }
    }

    @Test
    void extrapolatesFlatAtMinimumValue() {
        var c = ActiveForceLengthCurve.withDefaults();
        CurveAssertions.assertLinearExtrapolation(c, 0.1, 0.0, 0.1, 0.0);
        var m = new ActiveForceLengthCurve(MOBL_MATCHED);
        CurveAssertions.assertLinearExtrapolation(m, 0.0, 0.0, 0.0, 0.0);
        assertEquals(0.0, m.value(0.0));
        assertEquals(0.0, m.value(3.0));
    }

    @Test
    void nanGivesNaN() {
        CurveAssertions.assertNaNBehaviour(ActiveForceLengthCurve.withDefaults());
    }

    @Test
    void evaluateAgreesWithSeparateCalls() {
        var c = new ActiveForceLengthCurve(MOBL_MATCHED);
        double[] out = new double[3];
        for (double x = 0.3; x < 1.8; x += 0.0137) {
            c.evaluate(x, out);
            assertEquals(c.value(x), out[0], 0.0);
            assertEquals(c.derivative(x), out[1], 0.0);
            assertEquals(c.secondDerivative(x), out[2], 0.0);
        }
    }

    @Test
    void rejectsWhatOpenSimRejects() {
        // lengths out of order (OpenSim's exception tests)
        assertThrows(IllegalArgumentException.class, () -> new ActiveForceLengthCurve(
                new ActiveForceLengthCurve.Parameters(0.4, 0.4, 1.6, 0.75, 0.05)));
        assertThrows(IllegalArgumentException.class, () -> new ActiveForceLengthCurve(
                new ActiveForceLengthCurve.Parameters(0.4, 1.0, 1.6, 0.75, 0.05)));
        assertThrows(IllegalArgumentException.class, () -> new ActiveForceLengthCurve(
                new ActiveForceLengthCurve.Parameters(0.4, 0.75, 1.0, 0.75, 0.05)));
        assertThrows(IllegalArgumentException.class, () -> new ActiveForceLengthCurve(
                new ActiveForceLengthCurve.Parameters(0.4, 0.75, 1.6, 0.75, -0.01)));
        // plateau slope must stay below (1 - minimum) / (1 - transition)
        assertThrows(IllegalArgumentException.class, () -> new ActiveForceLengthCurve(
                new ActiveForceLengthCurve.Parameters(0.4, 0.75, 1.6, (1 - 0.05) / 0.25, 0.05)));
        assertThrows(IllegalArgumentException.class, () -> new ActiveForceLengthCurve(
                new ActiveForceLengthCurve.Parameters(0.4, 0.75, 1.6, -0.1, 0.05)));
    }
}
