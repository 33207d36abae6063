package armid.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.identify.IdentificationLoss.Method;
import armid.identify.IdentificationLoss.Options;
import armid.identify.IdentificationLoss.Phase;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tendon phase's restricted evaluation (only what depends on tendon slack lengths is recomputed) against the full
 * evaluation, bit for bit, and its slack-length gradient against finite differences.
 */
class TendonPhaseTest {
    private static ParameterRegistry reg;
    private static MotionData data;
    private static final int[] SLACK = IntStream.range(0, ParameterRegistry.SIZE)
            .filter(ParameterRegistry::isTendonSlackLength).toArray();

    /**
     * Synthetic motion with fibre kinematics: the rigid-tendon fibre of each muscle at its ground-truth parameters
     * with the tendon 3 % longer than its slack length (so eq. 16 gives force), velocity by central differences.
     */
    @BeforeAll
    static void data() {
        reg = ParameterRegistry.fromModel(Synthetic.MODEL);
        double[] gt = reg.groundTruth();
        MotionData kin = Synthetic.kinematic(0.5, 1000, 21);
        int n = kin.samples();
        double[][] lmt;
        try (IdentificationLoss l = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, kin,
                Options.of(Method.M2))) {
            lmt = l.musculotendonLengths();
        }
        double[] fl = new double[16 * n];
        double[] fv = new double[16 * n];
        for (int m = 0; m < 16; m++) {
            int o = ParameterRegistry.muscleIndex(m, 0);
            double h = gt[o + 1] * Math.sin(gt[o + 3]);
            for (int t = 0; t < n; t++) {
                double w = lmt[m][t] - 1.03 * gt[o + 4];
                fl[16 * t + m] = Math.sqrt(h * h + w * w);
            }
            for (int t = 0; t < n; t++) {
                int a = Math.max(0, t - 1), b = Math.min(n - 1, t + 1);
                fv[16 * t + m] = (fl[16 * b + m] - fl[16 * a + m]) * kin.sampleRate() / (b - a);
            }
        }
        data = new MotionData(kin.sampleRate(), kin.q(), kin.qd(), kin.qdd(), kin.emg(), fl, fv);
    }

    @Test
    void m1RestrictedEvaluationEqualsTheFullOne() {
        compare(Method.M1, 2);
    }

    @Test
    void m2RestrictedEvaluationEqualsTheFullOne() {
        compare(Method.M2, 2);
    }

    @Test
    void m2OnOneThread() {
        compare(Method.M2, 1);
    }

    private static void compare(Method method, int threads) {
        double[] theta = reg.drawInitialGuess(7, 0.1);
        try (IdentificationLoss full = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                Options.of(method).withThreads(threads));
             IdentificationLoss fast = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                     Options.of(method).withThreads(threads))) {
            assertTrue(full.usesTendonEquationIfAsked());
            full.setPhase(Phase.TENDON);
            fast.setPhase(Phase.TENDON);
            fast.restrictGradient(SLACK);
            double[] t = theta.clone();
            double[] gFull = new double[t.length];
            double[] gFast = new double[t.length];
            for (int step = 0; step < 4; step++) {
                if (step == 3) {
                    t[ParameterRegistry.T_ACT] *= 1.01; // a parameter outside the restriction: everything again
                } else if (step > 0) {
                    for (int i : SLACK) {
                        t[i] *= 1 + 1e-3 * (step + i % 3);
                    }
                }
                double lFull = full.evaluate(t, gFull);
                double lFast = fast.evaluate(t, gFast);
                assertEquals(step == 1 || step == 2, fast.reusedFixedParts(), "step " + step);
                assertEquals(lFull, lFast, 0.0, "loss, step " + step);
                for (int i = 0; i < t.length; i++) {
                    if (ParameterRegistry.isTendonSlackLength(i)) {
                        assertEquals(gFull[i], gFast[i], 0.0, reg.driver(i).name() + ", step " + step);
                    } else {
                        assertTrue(Double.isNaN(gFast[i]), reg.driver(i).name());
                    }
                }
            }
            // The restricted entries are derivatives: against fourth-order central differences of the loss.
            fast.evaluate(t, gFast);
            double gmax = 0;
            for (int i : SLACK) {
                gmax = Math.max(gmax, Math.abs(gFast[i] * reg.driver(i).scale()));
            }
            assertTrue(gmax > 0);
            for (int i : SLACK) {
                double h = 1e-5 * reg.driver(i).scale();
                double f = LossGradientTest.fd(fast, t, i, h);
                assertTrue(fast.reusedFixedParts());
                assertEquals(f, gFast[i], 1e-6 * gmax / reg.driver(i).scale(), reg.driver(i).name());
            }
            fast.restrictGradient(null);
            fast.evaluate(t, gFast);
            assertFalse(fast.reusedFixedParts());
            assertFalse(Double.isNaN(gFast[ParameterRegistry.T_ACT]));
        }
    }
}
