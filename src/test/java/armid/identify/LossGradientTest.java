package armid.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.identify.IdentificationLoss.Method;
import armid.identify.IdentificationLoss.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exact gradients of M1 and M2 against finite differences, at a random point, for every selected parameter. */
class LossGradientTest {
    private static ParameterRegistry reg;
    private static MotionData data;
    private static double[] gt;

    @BeforeAll
    static void data() {
        reg = ParameterRegistry.fromModel(Synthetic.MODEL);
        gt = reg.groundTruth();
        data = Synthetic.consistent(Synthetic.kinematic(0.6, 1000, 11), reg, gt);
    }

    /** Fourth-order central difference of the loss along parameter i with step h. */
    static double fd(IdentificationLoss l, double[] theta, int i, double h) {
        double[] t = theta.clone();
        t[i] = theta[i] + h;
        double p1 = l.value(t);
        t[i] = theta[i] - h;
        double m1 = l.value(t);
        t[i] = theta[i] + 2 * h;
        double p2 = l.value(t);
        t[i] = theta[i] - 2 * h;
        double m2 = l.value(t);
        return (8 * (p1 - m1) - (p2 - m2)) / (12 * h);
    }

    /** Largest relative error over the selected parameters; prints the table. */
    static double check(IdentificationLoss l, ParameterRegistry r, double[] theta, String label) {
        double[] g = new double[theta.length];
        l.evaluate(theta, g);
        double gmax = 0;
        for (double v : g) {
            gmax = Math.max(gmax, Math.abs(v) * 1);
        }
        double worst = 0;
        String worstName = "";
        for (int i : r.selected()) {
            // the better of two steps: the difference's rounding error grows as the step shrinks (on a component a
            // million times below the largest, such as an inertia product's, it reaches 1e-6 at 1e-5 scale)
            double rel = Double.POSITIVE_INFINITY;
            for (double step : new double[] {1e-5, 3e-5}) {
                double f = fd(l, theta, i, step * r.driver(i).scale());
                rel = Math.min(rel, Math.abs(f - g[i]) / Math.max(Math.abs(f), 1e-12 * gmax));
            }
            if (rel > worst) {
                worst = rel;
                worstName = r.driver(i).name();
            }
        }
        System.out.printf("%s: %d selected parameters, worst relative gradient error %.2e (%s)%n", label,
                r.selected().length, worst, worstName);
        return worst;
    }

    private static double[] randomPoint(ParameterRegistry r, long seed) {
        return r.drawInitialGuess(seed, 0.1);
    }

    @Test
    void m1GradientMatchesFiniteDifferences() {
        reg.selectM1();
        double[] theta = randomPoint(reg, 3);
        try (IdentificationLoss l = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                Options.of(Method.M1))) {
            assertTrue(check(l, reg, theta, "M1") < 1e-6);
        }
    }

    @Test
    void m2GradientMatchesFiniteDifferences() {
        reg.selectM2();
        double[] theta = randomPoint(reg, 4);
        try (IdentificationLoss l = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                Options.of(Method.M2))) {
            assertTrue(check(l, reg, theta, "M2") < 1e-6);
        }
    }

    @Test
    void segmentParallelActivationGradientMatchesFiniteDifferences() {
        reg.selectM2();
        double[] theta = randomPoint(reg, 5);
        double[] gSer = new double[theta.length];
        double[] gSeg = new double[theta.length];
        try (IdentificationLoss ser = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                Options.of(Method.M2));
             IdentificationLoss seg = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                     Options.of(Method.M2).segmented(100, 60))) {
            ser.normalizeAt(theta);
            seg.normalizeAt(theta);
            ser.evaluate(theta, gSer);
            seg.evaluate(theta, gSeg);
            // The segmented adjoint is exact for the segmented forward model.
            int[] shared = {ParameterRegistry.T_ACT, ParameterRegistry.T_DEACT, ParameterRegistry.C1,
                ParameterRegistry.C2, ParameterRegistry.T_DELAY, ParameterRegistry.muscleIndex(3, 0)};
            for (int i : shared) {
                double f = fd(seg, theta, i, 1e-5 * reg.driver(i).scale());
                assertEquals(f, gSeg[i], 1e-6 * Math.abs(f), reg.driver(i).name());
            }
        }
    }

    @Test
    void m1LossIsAtTheFloorAtGroundTruthAndFarBelowTheInitialGuess() {
        reg.selectM1();
        double[] theta0 = randomPoint(reg, 6);
        try (IdentificationLoss l = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                Options.of(Method.M1))) {
            double atGt = l.value(gt);
            double at0 = l.value(theta0);
            System.out.printf("M1 loss: ground truth %.3e, 10%% initial guess %.3e, ratio %.3e%n", atGt, at0,
                    at0 / atGt);
            assertTrue(atGt < 1e-20, "floor " + atGt);
            assertTrue(at0 > 100 * atGt);
        }
    }

    @Test
    void m1DoesNotSeeTrilatNorBrd() {
        reg.selectM1();
        double[] theta = randomPoint(reg, 8);
        try (IdentificationLoss l = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                Options.of(Method.M1))) {
            double[] g = new double[theta.length];
            l.evaluate(theta, g);
            double gmax = 0;
            for (int i : reg.selected()) {
                gmax = Math.max(gmax, Math.abs(g[i] * reg.driver(i).scale()));
            }
            for (String m : java.util.List.of("TRIlat", "BRD")) {
                int mi = ParameterRegistry.MUSCLES.indexOf(m);
                for (int k = 0; k < 5; k++) {
                    int i = ParameterRegistry.muscleIndex(mi, k);
                    assertTrue(Math.abs(g[i] * reg.driver(i).scale()) < 1e-12 * gmax, reg.driver(i).name());
                }
            }
        }
    }
}
