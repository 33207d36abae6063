package armid.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.model.muscle.ActivationDynamics;
import armid.model.muscle.EmgFilter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The differentiable EMG → activation chain against the model's reference classes, and segment-parallel vs serial. */
class ExcitationDynamicsTest {
    private static final double H = 1e-3;
    private static final double A_MIN = 0.01;

    private static double[] emg(int n, long seed, double level) {
        Random r = new Random(seed);
        double[] w = new double[6], p = new double[6], a = new double[6];
        for (int j = 0; j < 6; j++) {
            w[j] = 2 * Math.PI * (0.5 + 4 * r.nextDouble());
            p[j] = 2 * Math.PI * r.nextDouble();
            a[j] = r.nextDouble();
        }
        double[] e = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int j = 0; j < 6; j++) {
                s += a[j] * Math.sin(w[j] * t * H + p[j]);
            }
            e[t] = level * (1 + 0.8 * Math.tanh(s));
        }
        return e;
    }

    @Test
    void forwardMatchesEmgFilterAndActivationDynamics() {
        int n = 3000;
        double[] e = emg(n, 1, 0.3);
        double[] u = new double[n], uc = new double[n], a = new double[n];
        ExcitationDynamics.filter(e, n, -0.5, -0.4, 40.3, A_MIN, u, uc);
        double[] ref = new double[n];
        new EmgFilter(-0.5, -0.4, 40.3).apply(e, ref);
        for (int t = 0; t < n; t++) {
            assertEquals(ref[t], u[t], 1e-14);
        }
        ExcitationDynamics.activation(uc, n, H, 0.01, 0.04, a);
        double[] aref = new double[n];
        new ActivationDynamics(0.01, 0.04, A_MIN).integrate(uc, H, uc[0], 1, aref);
        for (int t = 0; t < n; t++) {
            assertEquals(aref[t], a[t], 1e-14);
        }
    }

    /**
     * L = Σ w_t a_t: the segmented adjoint (reverse mode through the RK4 stages) against the serial one (forward-mode
     * step tangents), and the segmented adjoint against central differences in t_act, t_de and a few excitations.
     */
    @Test
    void segmentedAdjointMatchesSerialAndFiniteDifferences() {
        int n = 2000;
        double[] uc = emg(n, 2, 0.4);
        double[] wts = emg(n, 3, 1.0);
        int seg = 500, redo = 450;
        double tAct = 0.011, tDe = 0.042;
        double[] a = new double[n], aFirst = new double[n], aSer = new double[n], seed = new double[n];
        double[] tangents = new double[ExcitationDynamics.TANGENTS * n];
        ExcitationDynamics.activation(uc, n, H, tAct, tDe, aSer, tangents);
        double[] aPlain = new double[n];
        ExcitationDynamics.activation(uc, n, H, tAct, tDe, aPlain);
        for (int t = 0; t < n; t++) {
            assertEquals(aPlain[t], aSer[t], 0.0, "recording tangents changes no activation");
        }
        ExcitationDynamics.activationSegmented(uc, n, H, tAct, tDe, A_MIN, seg, redo, a, aFirst);
        double maxDiff = 0;
        for (int t = 0; t < n; t++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[t] - aSer[t]));
        }
        System.out.printf("segment-parallel activation (segments %d, redo %d) vs serial: max |Δa| = %.2e%n", seg,
                redo, maxDiff);
        assertTrue(maxDiff < 1e-6);
        double[] ubSer = new double[n], ubSeg = new double[n], tbSer = new double[2], tbSeg = new double[2];
        ExcitationDynamics.activationAdjoint(tangents, n, wts, ubSer, tbSer);
        ExcitationDynamics.activationSegmentedAdjoint(uc, a, aFirst, n, H, tAct, tDe, seg, redo, wts, ubSeg, tbSeg,
                seed);
        double worst = 0;
        for (int k = 0; k < 2; k++) {
            worst = Math.max(worst, Math.abs(tbSeg[k] - tbSer[k]) / Math.abs(tbSer[k]));
        }
        double umax = 0, udiff = 0;
        for (int t = 0; t < n; t++) {
            umax = Math.max(umax, Math.abs(ubSer[t]));
            udiff = Math.max(udiff, Math.abs(ubSeg[t] - ubSer[t]));
        }
        System.out.printf("segmented vs serial adjoint: time constants rel %.2e, excitation max %.2e of %.2e%n",
                worst, udiff, umax);
        assertTrue(worst < 1e-5);
        assertTrue(udiff < 1e-5 * umax);
        // Both adjoints are exact for their own forward model.
        double hh = 1e-7;
        double fdSeg = (segLoss(uc, n, tAct + hh, tDe, seg, redo, wts) - segLoss(uc, n, tAct - hh, tDe, seg, redo,
                wts)) / (2 * hh);
        assertEquals(fdSeg, tbSeg[0], 1e-6 * Math.abs(fdSeg));
        fdSeg = (segLoss(uc, n, tAct, tDe + hh, seg, redo, wts) - segLoss(uc, n, tAct, tDe - hh, seg, redo, wts))
                / (2 * hh);
        assertEquals(fdSeg, tbSeg[1], 1e-6 * Math.abs(fdSeg));
        for (int t : new int[] {0, 1, seg - 1, seg, seg + 3, 1234, n - 1}) {
            double[] up = uc.clone(), um = uc.clone();
            up[t] += 1e-5;
            um[t] -= 1e-5;
            double f = (segLoss(up, n, tAct, tDe, seg, redo, wts) - segLoss(um, n, tAct, tDe, seg, redo, wts)) / 2e-5;
            assertEquals(f, ubSeg[t], 1e-6 * Math.max(Math.abs(f), 1e-3), "excitation sample " + t);
        }
    }

    private static double segLoss(double[] uc, int n, double tAct, double tDe, int seg, int redo, double[] w) {
        double[] a = new double[n], af = new double[n];
        ExcitationDynamics.activationSegmented(uc, n, H, tAct, tDe, A_MIN, seg, redo, a, af);
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += w[t] * a[t];
        }
        return s;
    }
}
