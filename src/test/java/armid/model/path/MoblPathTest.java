package armid.model.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.osim.BundledModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MoBL-ARMS paths (all 50 muscles, every wrap kind): moment arms, continuity and anatomy. */
class MoblPathTest {
    static final Model MODEL = BundledModels.moblArms();
    static final MultibodySystem SYSTEM = MultibodySystem.of(MODEL, BundledModels.defaultLocks(MODEL));
    static final Constraints CONSTRAINTS = new Constraints(SYSTEM);

    static double[] randomPose(Random rnd) {
        int[] ind = CONSTRAINTS.independent();
        double[] qi = new double[ind.length];
        for (int k = 0; k < ind.length; k++) {
            Coordinate c = SYSTEM.coordinate(ind[k]);
            qi[k] = c.rangeMin() + rnd.nextDouble() * (c.rangeMax() - c.rangeMin());
        }
        return CONSTRAINTS.positions(qi);
    }

    @Test
    @org.junit.jupiter.api.Disabled("open: the check skips only wrap-count changes; switches of OpenSim's discrete "
            + "decisions inside a stencil (pass count, segment choice, cylinder adjustment, constrained-cylinder "
            + "forced wraps) still show as disagreements in INFSP, TMIN, TMAJ, LAT1 (worst 6.8 m), DELT3, PECM2–3, LAT2–3")
    void momentArmsEqualCentralDifferencesOfLengthAt1000Poses() {
        PathSet paths = PathSet.muscles(SYSTEM);
        assertEquals(50, paths.size());
        PathEvaluator eval = paths.newEvaluator();
        PathEvaluator probe = paths.newEvaluator();
        Dynamics dyn = SYSTEM.newDynamics();
        Dynamics d2 = SYSTEM.newDynamics();
        int n = SYSTEM.dof();
        Random rnd = new Random(17);
        double h = 1e-6;
        int compared = 0;
        int skipped = 0;
        double worst = 0;
        String worstAt = "";
        double[] zero = new double[n];
        double[] lp = new double[50];
        double[] lm = new double[50];
        int[] wp = new int[50];
        int[] wm = new int[50];
        double[] perMuscle = new double[50];
        for (int trial = 0; trial < Integer.getInteger("armid.trials", 1000); trial++) {
            double[] q = randomPose(rnd);
            dyn.setState(q, zero);
            eval.evaluate(dyn);
            for (int i = 0; i < n; i++) {
                double[] qp = q.clone();
                double[] qm = q.clone();
                qp[i] += h;
                qm[i] -= h;
                d2.setState(qp, zero);
                probe.evaluate(d2);
                for (int m = 0; m < 50; m++) {
                    lp[m] = probe.length(m);
                    wp[m] = probe.wrapCount(m) * 1000 + probe.pointCount(m);
                }
                d2.setState(qm, zero);
                probe.evaluate(d2);
                for (int m = 0; m < 50; m++) {
                    lm[m] = probe.length(m);
                    wm[m] = probe.wrapCount(m) * 1000 + probe.pointCount(m);
                }
                for (int m = 0; m < 50; m++) {
                    int w0 = eval.wrapCount(m) * 1000 + eval.pointCount(m);
                    if (wp[m] != w0 || wm[m] != w0) {
                        skipped++; // a wrap or conditional point switches inside the stencil
                        continue;
                    }
                    double fd = -(lp[m] - lm[m]) / (2 * h);
                    double d = Math.abs(fd - eval.momentArm(m, i));
                    perMuscle[m] = Math.max(perMuscle[m], d);
                    if (d > worst) {
                        worst = d;
                        worstAt = paths.names().get(m) + " / " + SYSTEM.coordinateNames().get(i) + " trial " + trial
                                + ": geometric " + eval.momentArm(m, i) + ", differences " + fd;
                    }
                    compared++;
                }
            }
        }
        for (int m = 0; m < 50; m++) {
            if (perMuscle[m] > 1e-7) {
                System.out.println("MoBL-ARMS moment arm worst for " + paths.names().get(m) + ": " + perMuscle[m]);
            }
        }
        System.out.println("MoBL-ARMS moment arms: " + compared + " compared, " + skipped
                + " skipped at switches, worst |r + dl/dq| " + worst + " m at " + worstAt);
        assertTrue(worst < 1e-7, "worst " + worst + " at " + worstAt);
    }

    @Test
    void elbowFlexorsAndExtensorsHaveTheRightSignOverTheWholeRange() {
        List<String> flexors = List.of("BIClong", "BICshort", "BRA", "BRD");
        List<String> extensors = List.of("TRIlong", "TRIlat", "TRImed");
        List<String> all = new ArrayList<>(flexors);
        all.addAll(extensors);
        PathSet paths = PathSet.of(SYSTEM, all);
        PathEvaluator eval = paths.newEvaluator();
        Dynamics dyn = SYSTEM.newDynamics();
        int elbow = SYSTEM.indexOf("elbow_flexion");
        Coordinate c = SYSTEM.coordinate(elbow);
        int n = SYSTEM.dof();
        double[] q = SYSTEM.defaultPositions();
        for (double v = c.rangeMin(); v <= c.rangeMax() + 1e-9; v += Math.toRadians(0.25)) {
            q[elbow] = v;
            dyn.setState(q, new double[n]);
            eval.evaluate(dyn);
            for (int m = 0; m < all.size(); m++) {
                double r = eval.momentArm(m, elbow);
                if (m < flexors.size()) {
                    assertTrue(r > 0, all.get(m) + " at elbow " + Math.toDegrees(v) + "°: " + r);
                } else {
                    assertTrue(r < 0, all.get(m) + " at elbow " + Math.toDegrees(v) + "°: " + r);
                }
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Disabled("open: OpenSim's own switches jump along the sweeps (TMIN shoulder_rot 86.25°: "
            + "TMINhum forced wrap when both ends leave the active side, 0.21 m; DELT1, SUP, LAT1, TRIlong mm–cm)")
    void lengthsAreContinuousAlongSweepsOfEachIndependentCoordinate() {
        PathSet paths = PathSet.muscles(SYSTEM);
        PathEvaluator eval = paths.newEvaluator();
        Dynamics dyn = SYSTEM.newDynamics();
        int n = SYSTEM.dof();
        double step = Math.toRadians(0.25);
        double worstExcess = 0;
        String where = "";
        double[] prev = new double[paths.size()];
        double[] prevArm = new double[paths.size()];
        for (int ind : CONSTRAINTS.independent()) {
            Coordinate c = SYSTEM.coordinate(ind);
            double[] qi = CONSTRAINTS.independentPart(SYSTEM.defaultPositions());
            int k = java.util.Arrays.stream(CONSTRAINTS.independent()).boxed().toList().indexOf(ind);
            boolean first = true;
            for (double v = c.rangeMin(); v <= c.rangeMax() + 1e-9; v += step) {
                qi[k] = v;
                double[] q = CONSTRAINTS.positions(qi);
                double[] qd = new double[CONSTRAINTS.independent().length];
                qd[k] = 1;
                dyn.setState(q, CONSTRAINTS.speeds(qd));
                eval.evaluate(dyn);
                for (int m = 0; m < paths.size(); m++) {
                    double l = eval.length(m);
                    // |dl/dθ| along the sweep is the lengthening speed at unit speed of this coordinate.
                    double arm = Math.abs(eval.lengtheningSpeed(m));
                    if (!first) {
                        // A jump beyond what the moment arms at both ends explain (with a generous 5× and 0.1 mm).
                        double explained = 5 * step * Math.max(arm, prevArm[m]) + 1e-4;
                        double excess = Math.abs(l - prev[m]) - explained;
                        if (excess > worstExcess) {
                            worstExcess = excess;
                            where = paths.names().get(m) + " sweeping " + c.name() + " at " + Math.toDegrees(v) + "°: "
                                    + "jump " + Math.abs(l - prev[m]);
                        }
                    }
                    prev[m] = l;
                    prevArm[m] = arm;
                    assertTrue(Double.isFinite(l), paths.names().get(m) + " length not finite at " + c.name() + " = "
                            + v);
                }
                first = false;
            }
        }
        assertTrue(worstExcess <= 0, "length jump not explained by the sweep: " + where);
    }
}
