package armid.model.muscle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationDynamicsTest {

    static final double T_ACT = 0.010;
    static final double T_DE = 0.040;

    /**
     * Time for eq. 17 to take a from a0 up to a at constant u &gt; a: separating variables,
     * t = t_act [1.5 (a0 - a) - (0.5 + 1.5 u) ln((u - a) / (u - a0))].
     */
    static double riseTime(double a0, double a, double u) {
        return T_ACT * (1.5 * (a0 - a) - (0.5 + 1.5 * u) * Math.log((u - a) / (u - a0)));
    }

    /**
     * Time to fall from a0 down to a at constant u &lt; a: partial fractions of
     * t_de / ((0.5 + 1.5 a)(u - a)) give t = t_de / (1.5 (u + 1/3)) [ln((0.5 + 1.5 a)/(0.5 + 1.5 a0))
     * - ln((a - u)/(a0 - u))].
     */
    static double fallTime(double a0, double a, double u) {
        return T_DE / (1.5 * (u + 1.0 / 3.0))
                * (Math.log((0.5 + 1.5 * a) / (0.5 + 1.5 * a0)) - Math.log((a - u) / (a0 - u)));
    }

    /** The a with riseTime/fallTime(a0, a, u) = t, by bisection (the times are monotonic in a). */
    static double exact(double a0, double u, double t) {
        double lo = Math.min(a0, u);
        double hi = Math.max(a0, u);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            double tm = u > a0 ? riseTime(a0, mid, u) : fallTime(a0, mid, u);
            boolean reachedLater = tm > t;
            if (u > a0) {
                if (reachedLater) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            } else {
                if (reachedLater) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void derivativeIsEquations17And18() {
        var ad = new ActivationDynamics(T_ACT, T_DE, 0.01);
        // u > a: activation time constant scaled by 0.5 + 1.5 a
        assertEquals((0.8 - 0.2) / (T_ACT * (0.5 + 1.5 * 0.2)), ad.derivative(0.2, 0.8), 1e-12);
        // u <= a: deactivation time constant divided by it
        assertEquals((0.1 - 0.6) / (T_DE / (0.5 + 1.5 * 0.6)), ad.derivative(0.6, 0.1), 1e-12);
        assertEquals(0.0, ad.derivative(0.4, 0.4));
        // activation clamped to [a_min, 1] before use, as OpenSim's calcDerivative
        assertEquals(ad.derivative(0.01, 0.5), ad.derivative(-0.3, 0.5));
        assertEquals(ad.derivative(1.0, 0.5), ad.derivative(1.4, 0.5));
    }

    @Test
    void stepUpFollowsTheClosedForm() {
        var ad = new ActivationDynamics(T_ACT, T_DE, 0.0);
        double dt = 1e-4;
        int n = 1000;
        double[] u = new double[n];
        java.util.Arrays.fill(u, 0.8);
        double[] a = new double[n];
        ad.integrate(u, dt, 0.05, 1, a);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(a[i] - exact(0.05, 0.8, i * dt)));
        }
        // RK4 with h = 0.1 ms against time constants of 5 to 20 ms: local error ~ (h/tau)^5
        assertTrue(worst < 1e-8, "worst " + worst);
        // a first-order lag: rises monotonically, never past the excitation
        for (int i = 1; i < n; i++) {
            assertTrue(a[i] > a[i - 1] && a[i] < 0.8, "i=" + i);
        }
    }

    @Test
    void stepDownFollowsTheClosedForm() {
        var ad = new ActivationDynamics(T_ACT, T_DE, 0.0);
        double dt = 1e-4;
        int n = 3000;
        double[] u = new double[n];
        java.util.Arrays.fill(u, 0.1);
        double[] a = new double[n];
        ad.integrate(u, dt, 0.9, 1, a);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(a[i] - exact(0.9, 0.1, i * dt)));
        }
        assertTrue(worst < 1e-8, "worst " + worst);
        for (int i = 1; i < n; i++) {
            assertTrue(a[i] < a[i - 1] && a[i] > 0.1, "i=" + i);
        }
    }

    @Test
    void steadyStateIsTheExcitationAndNeverBelowTheMinimum() {
        var ad = new ActivationDynamics(T_ACT, T_DE, 0.02);
        int n = 20000;
        double dt = 1e-3;
        double[] a = new double[n];
        for (double level : new double[] {0.02, 0.3, 0.65, 1.0}) {
            double[] u = new double[n];
            java.util.Arrays.fill(u, level);
            ad.integrate(u, dt, level > 0.5 ? 0.02 : 1.0, 4, a);
            assertEquals(level, a[n - 1], 1e-12, "u=" + level);
        }
        // excitation 0: activation decays to the minimum and stays there
        double[] zero = new double[n];
        ad.integrate(zero, dt, 1.0, 4, a);
        for (double x : a) {
            assertTrue(x >= 0.02, "a=" + x);
        }
        assertEquals(0.02, a[n - 1], 1e-12);
    }

    /**
     * Segment-parallel integration (III.F.2): the first segment is exact, and in the others the error of the
     * zero start has decayed by the second pass at least as exp(-t / (2 max(t_act, t_de))).
     */
    @Test
    void segmentedIntegrationMatchesTheSequentialOne() {
        var ad = new ActivationDynamics(T_ACT, T_DE, 0.0);
        var rnd = new Random(7);
        int n = 5000;
        double dt = 1e-3;
        double[] u = new double[n];
        double level = 0.3;
        for (int i = 0; i < n; i++) {
            if (i % 37 == 0) {
                level = rnd.nextDouble();
            }
            u[i] = level;
        }
        double[] seq = new double[n];
        double[] seg = new double[n];
        ad.integrate(u, dt, 0.2, 2, seq);
        int length = 400;
        int redo = 30;
        ad.integrateSegmented(u, dt, 0.2, 2, length, redo, seg);
        double rate = 1.0 / (2 * Math.max(T_ACT, T_DE));
        double endBound = Math.exp(-(length - 1) * dt * rate);
        for (int i = 0; i < n; i++) {
            int start = (i / length) * length;
            double bound = start == 0 ? 1e-15
                    : Math.max(endBound, i - start < redo ? 0 : Math.exp(-(i - start) * dt * rate)) + 1e-12;
            assertTrue(Math.abs(seg[i] - seq[i]) <= bound, "i=" + i + " diff " + Math.abs(seg[i] - seq[i]));
        }
        // without the second pass the start of each segment is wrong
        ad.integrateSegmented(u, dt, 0.2, 2, length, 0, seg);
        double worst = 0;
        for (int s = length; s < n; s += length) {
            worst = Math.max(worst, Math.abs(seg[s] - seq[s]));
        }
        assertTrue(worst > 0.1, "worst " + worst);
    }

    @Test
    void badPropertiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ActivationDynamics(0, T_DE, 0));
        assertThrows(IllegalArgumentException.class, () -> new ActivationDynamics(T_ACT, -1, 0));
        var ex = assertThrows(IllegalArgumentException.class, () -> new ActivationDynamics(T_ACT, T_DE, 1.0));
        assertTrue(ex.getMessage().contains("minimum activation"));
    }

    @Test
    void fromMuscleProperties() {
        var ad = ActivationDynamics.of(MillardParameters.of(100, 0.1, 0.1, 0).withTimeConstants(0.02, 0.05));
        assertEquals(0.02, ad.activationTimeConstant());
        assertEquals(0.05, ad.deactivationTimeConstant());
        assertEquals(0.01, ad.minimumActivation());
    }
}
