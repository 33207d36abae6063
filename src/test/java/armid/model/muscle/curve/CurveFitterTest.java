package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fitted differentiable curves (paper, section III.F.1) against the exact
 * OpenSim curves, with OpenSim's default and the MoBL-ARMS "matched" properties.
 * Ranges checked (a muscle's reachable range with margin; outside its Bézier
 * domain each exact curve is linear and the fit continues along the same line):
 * active force-length over [minNormActiveFiberLength - 0.2, maxNormActiveFiberLength + 0.2],
 * force-velocity over [-1.5, 1.5] (normalised velocity), passive force-length over
 * [1 + strain_at_zero_force - 0.3, 1 + strain_at_one_norm_force + 0.3], tendon over
 * [0.95, 1 + strain_at_one_norm_force + 0.02].
 */
class CurveFitterTest {

    private static final double MAX_VALUE_ERROR = 1e-3;

    @Test
    void activeForceLength() {
        for (var c : new ActiveForceLengthCurve[] {ActiveForceLengthCurve.withDefaults(),
                new ActiveForceLengthCurve(ActiveForceLengthCurveTest.MOBL_MATCHED)}) {
            var fit = CurveFitter.fitActiveForceLength(c);
            assertFit(c, fit, c.minX() - 0.2, c.maxX() + 0.2, 0.05);
        }
    }

    @Test
    void forceVelocity() {
        for (var c : new ForceVelocityCurve[] {ForceVelocityCurve.withDefaults(),
                new ForceVelocityCurve(ForceVelocityCurveTest.MOBL_MATCHED),
                new ForceVelocityCurve(ForceVelocityCurveTest.OPENSIM_FACTORY_TEST)}) {
            var fit = CurveFitter.fitForceVelocity(c);
            assertFit(c, fit, -1.5, 1.5, 0.05);
        }
    }

    @Test
    void fiberForceLength() {
        for (var c : new FiberForceLengthCurve[] {FiberForceLengthCurve.withDefaults(),
                new FiberForceLengthCurve(FiberForceLengthCurveTest.MOBL_MATCHED)}) {
            var fit = CurveFitter.fitFiberForceLength(c);
            var p = c.parameters();
            assertFit(c, fit, 1 + p.strainAtZeroForce() - 0.3, 1 + p.strainAtOneNormForce() + 0.3, 0.05);
        }
    }

    @Test
    void tendonForceLength() {
        for (var c : new TendonForceLengthCurve[] {TendonForceLengthCurve.withDefaults(),
                new TendonForceLengthCurve(TendonForceLengthCurveTest.MOBL_MATCHED)}) {
            var fit = CurveFitter.fitTendonForceLength(c);
            double e = c.parameters().strainAtOneNormForce();
            // slopes reach stiffness_at_one_norm_force (28 to 37): compare relative to it
            assertFit(c, fit, 0.95, 1 + e + 0.02, 0.05 * c.stiffnessAtOneNormForceInUse());
        }
    }

    @Test
    void aSmoothCurveIsFittedToTheTarget() {
        // a curve a degree-7 polynomial cannot reproduce on one piece, but 8 can to 1e-6
        NormalizedCurve sine = new NormalizedCurve() {
            public double value(double x) {
                return Math.sin(3 * x);
            }

            public double derivative(double x) {
                return 3 * Math.cos(3 * x);
            }

            public double secondDerivative(double x) {
                return -9 * Math.sin(3 * x);
            }

            public double minX() {
                return 0;
            }

            public double maxX() {
                return 4;
            }
        };
        var fit = CurveFitter.fit(sine, 0, 4);
        assertTrue(fit.polynomialCount() >= 8 && fit.polynomialCount() <= 15);
        assertTrue(CurveFitter.maxError(sine, fit, 0, 4, 20000) <= 1e-6);
    }

    private static void assertFit(NormalizedCurve exact, PiecewisePolynomialCurve fit, double a, double b,
                                  double maxSlopeError) {
        int polynomials = fit.polynomialCount();
        assertTrue(polynomials >= 8 && polynomials <= 15, "polynomials: " + polynomials);
        // polynomials alternate with line segments
        for (int i = 0; i < fit.pieceCount(); i++) {
            assertEquals(i % 2 == 0 ? 7 : 1, fit.degree(i), "degree of piece " + i);
        }
        double err = CurveFitter.maxError(exact, fit, a, b, 100_000);
        assertTrue(err <= MAX_VALUE_ERROR, "max |fit - exact| = " + err);
        double slopeErr = CurveFitter.maxDerivativeError(exact, fit, a, b, 100_000);
        assertTrue(slopeErr <= maxSlopeError, "max |fit' - exact'| = " + slopeErr);
        // closed-form derivative = central difference of the value, away from breakpoints
        double[] breaks = fit.breakpoints();
        double h = 1e-7;
        double[] out = new double[2];
        for (int i = 0; i <= 5000; i++) {
            double x = a + (b - a) * (i + 0.318309886) / 5001;
            boolean nearBreak = false;
            for (double bk : breaks) {
                nearBreak |= Math.abs(x - bk) < 2 * h;
            }
            if (nearBreak) {
                continue;
            }
            double fd = (fit.value(x + h) - fit.value(x - h)) / (2 * h);
            assertEquals(fd, fit.derivative(x), 1e-6 * Math.max(1, Math.abs(fd)), "x = " + x);
            fit.valueAndDerivative(x, out);
            assertEquals(fit.value(x), out[0], 1e-15);
            assertEquals(fit.derivative(x), out[1], 1e-12 * Math.max(1, Math.abs(out[1])));
        }
        // C1 at every breakpoint: one-sided slopes from difference quotients agree
        for (int k = 1; k < breaks.length - 1; k++) {
            double x = breaks[k];
            double d = 1e-3 * Math.min(x - breaks[k - 1], breaks[k + 1] - x);
            double left = (fit.value(x) - fit.value(x - d)) / d;
            double right = (fit.value(x + d) - fit.value(x)) / d;
            double scale = Math.max(1, Math.abs(fit.derivative(x)));
            assertEquals(left, right, 1e-4 * scale, "slope jump at breakpoint " + k);
            // value at the breakpoint extrapolated from each side (error f'' d² / 2)
            double fromLeft = fit.value(x - d) + d * fit.derivative(x - d);
            double fromRight = fit.value(x + d) - d * fit.derivative(x + d);
            assertEquals(fromLeft, fromRight, 1e-9, "value jump at breakpoint " + k);
        }
    }
}
