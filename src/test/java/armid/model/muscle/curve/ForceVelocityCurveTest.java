package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ForceVelocityCurveTest {

    /**
     * "Millard–Schutte matched" properties of DELT1's ForceVelocityCurve in
     * shared/models/mobl-arms/MOBL_ARMS_fixed_41.osim (all 50 muscles carry the same);
     * concentric_curviness and eccentric_curviness are absent there, so OpenSim's
     * defaults 0.6 and 0.9 apply.
     */
    static final ForceVelocityCurve.Parameters MOBL_MATCHED = new ForceVelocityCurve.Parameters(
            0, 0.25, 5, 0, 0.14999999999999999, 1.3999999999999999, 0.6, 0.9);

    /** The force-velocity curve of OpenSim's testSmoothSegmentedFunctionFactory. */
    static final ForceVelocityCurve.Parameters OPENSIM_FACTORY_TEST = new ForceVelocityCurve.Parameters(
            0.1, 0.15, 5, 0.1, 0.1 + 0.0001, 1.8, 0.1, 0.75);

    @Test
    void defaultsAreOpenSims() {
        var p = ForceVelocityCurve.Parameters.defaults();
        assertEquals(0.0, p.concentricSlopeAtVmax());
        assertEquals(0.25, p.concentricSlopeNearVmax());
        assertEquals(5.0, p.isometricSlope());
        assertEquals(0.0, p.eccentricSlopeAtVmax());
        assertEquals(0.15, p.eccentricSlopeNearVmax());
        assertEquals(1.4, p.maxEccentricVelocityForceMultiplier());
        assertEquals(0.6, p.concentricCurviness());
        assertEquals(0.9, p.eccentricCurviness());
    }

    @Test
    void keyPoints() {
        for (var p : new ForceVelocityCurve.Parameters[] {ForceVelocityCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new ForceVelocityCurve(p);
            assertEquals(-1.0, c.minX());
            assertEquals(1.0, c.maxX());
            assertEquals(0.0, c.value(-1), 1e-12);
            assertEquals(p.concentricSlopeAtVmax(), c.derivative(-1), 1e-9);
            assertEquals(0.0, c.secondDerivative(-1), 1e-6);
            assertEquals(1.0, c.value(0), 1e-12);
            assertEquals(p.isometricSlope(), c.derivative(0), 1e-9);
            assertEquals(0.0, c.secondDerivative(0), 1e-6);
            assertEquals(p.maxEccentricVelocityForceMultiplier(), c.value(1), 1e-12);
            assertEquals(p.eccentricSlopeAtVmax(), c.derivative(1), 1e-9);
            assertEquals(0.0, c.secondDerivative(1), 1e-6);
            // interior shape points at -0.9 and 0.9: value on the mean of the two end slopes
            double yNearC = 0.05 * (p.concentricSlopeNearVmax() + p.concentricSlopeAtVmax());
            double yNearE = p.maxEccentricVelocityForceMultiplier()
                    - 0.05 * (p.eccentricSlopeNearVmax() + p.eccentricSlopeAtVmax());
            assertEquals(yNearC, c.value(-0.9), 1e-12);
            assertEquals(p.concentricSlopeNearVmax(), c.derivative(-0.9), 1e-9);
            assertEquals(yNearE, c.value(0.9), 1e-12);
            assertEquals(p.eccentricSlopeNearVmax(), c.derivative(0.9), 1e-9);
            assertEquals(0.0, c.secondDerivative(0.9), 1e-6);
        }
    }

    @Test
    void isC2MonotonicAndSolvedExactly() {
        for (var p : new ForceVelocityCurve.Parameters[] {ForceVelocityCurve.Parameters.defaults(),
                MOBL_MATCHED, OPENSIM_FACTORY_TEST}) {
            var c = new ForceVelocityCurve(p);
            CurveAssertions.assertDerivativesMatchFiniteDifferences(c, -1.2, 1.2, 997, 1e-6);
            CurveAssertions.assertC2AtJoints(c.bezier());
            CurveAssertions.assertSolvesParameterToMachinePrecision(c.bezier());
            CurveAssertions.assertMonotonic(c, -1.5, 1.5, 3000);
        }
    }

    @Test
    void extrapolatesWithEndSlopes() {
        var p = OPENSIM_FACTORY_TEST;
        var c = new ForceVelocityCurve(p);
        CurveAssertions.assertLinearExtrapolation(c, 0.0, p.concentricSlopeAtVmax(),
                p.maxEccentricVelocityForceMultiplier(), p.eccentricSlopeAtVmax());
        var d = ForceVelocityCurve.withDefaults();
        CurveAssertions.assertLinearExtrapolation(d, 0.0, 0.0, 1.4, 0.0);
    }

    @Test
    void nanGivesNaN() {
        CurveAssertions.assertNaNBehaviour(ForceVelocityCurve.withDefaults());
    }

    @Test
    void rejectsWhatOpenSimRejects() {
        var p = OPENSIM_FACTORY_TEST;
        assertThrows(IllegalArgumentException.class, () -> new ForceVelocityCurve(new ForceVelocityCurve.Parameters(
                p.concentricSlopeAtVmax(), p.concentricSlopeNearVmax(), p.isometricSlope(),
                p.eccentricSlopeAtVmax(), p.eccentricSlopeNearVmax(), 1.0, 0.1, 0.75)));
        assertThrows(IllegalArgumentException.class, () -> new ForceVelocityCurve(new ForceVelocityCurve.Parameters(
                -0.01, 0.15, 5, 0.1, 0.1001, 1.8, 0.1, 0.75)));
        assertThrows(IllegalArgumentException.class, () -> new ForceVelocityCurve(new ForceVelocityCurve.Parameters(
                0.1, 0.15, 1.0, 0.1, 0.1001, 1.8, 0.1, 0.75)));
        assertThrows(IllegalArgumentException.class, () -> new ForceVelocityCurve(new ForceVelocityCurve.Parameters(
                0.1, 0.15, 5, 0.8, 0.8, 1.8, 0.1, 0.75)));
        assertThrows(IllegalArgumentException.class, () -> new ForceVelocityCurve(new ForceVelocityCurve.Parameters(
                0.1, 0.15, 5, 0.1, 0.1001, 1.8, -0.01, 0.75)));
        assertThrows(IllegalArgumentException.class, () -> new ForceVelocityCurve(new ForceVelocityCurve.Parameters(
                0.1, 0.15, 5, 0.1, 0.1001, 1.8, 0.1, 1.01)));
    }
}
