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

    /**
     * Moment arms against central differences (h = 1e-6) of the length at random poses. A stencil is skipped (and
     * counted) when the decision signature of one of its two ends differs from the centre's: one of OpenSim's discrete
     * choices (wrap onset, segment, tangent pair, pass count, tangency adjustment, ellipsoid segment count, …)
     * switches inside it, so the length is not differentiable there. Everywhere else the two must agree to 1e-7 m.
     * Near a tangency the length's third derivative is large enough for the O(h²) error of the plain difference to
     * reach 1e-7 m (TMIN, TRIlong: it falls 100-fold from h = 1e-5 to 1e-6), so a stencil that disagrees by more than
     * 1e-8 m is checked again by Richardson extrapolation from h and h/2 (error O(h⁴)); a derivative error would not
     * shrink with h. 200 poses by default (1000 before; reduced to keep this test near 20 s), -Darmid.trials=N for
     * more (1000 pass too).
     */
    @Test
    void momentArmsEqualCentralDifferencesOfLengthAtRandomPoses() {
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
        long[] sp = new long[50];
        long[] sm = new long[50];
        int[] skippedPerMuscle = new int[50];
        int refined = 0;
        double[] perMuscle = new double[50];
        int trials = Integer.getInteger("armid.trials", 200);
        for (int trial = 0; trial < trials; trial++) {
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
                    sp[m] = probe.decisionSignature(m);
                }
                d2.setState(qm, zero);
                probe.evaluate(d2);
                for (int m = 0; m < 50; m++) {
                    lm[m] = probe.length(m);
                    sm[m] = probe.decisionSignature(m);
                }
                for (int m = 0; m < 50; m++) {
                    long s0 = eval.decisionSignature(m);
                    if (sp[m] != s0 || sm[m] != s0) {
                        skipped++; // a discrete decision switches inside the stencil
                        skippedPerMuscle[m]++;
                        continue;
                    }
                    double fd = -(lp[m] - lm[m]) / (2 * h);
                    double d = Math.abs(fd - eval.momentArm(m, i));
                    if (d > 1e-8) {
                        // Richardson: (4 D(h/2) − D(h))/3
                        double[] qh = q.clone();
                        qh[i] += 0.5 * h;
                        d2.setState(qh, zero);
                        probe.evaluate(d2);
                        double lph = probe.length(m);
                        long sph = probe.decisionSignature(m);
                        qh[i] -= h;
                        d2.setState(qh, zero);
                        probe.evaluate(d2);
                        double lmh = probe.length(m);
                        long smh = probe.decisionSignature(m);
                        if (sph != s0 || smh != s0) {
                            skipped++;
                            skippedPerMuscle[m]++;
                            continue;
                        }
                        double fdh = -(lph - lmh) / h;
                        fd = (4 * fdh - fd) / 3;
                        d = Math.abs(fd - eval.momentArm(m, i));
                        refined++;
                    }
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
        StringBuilder table = new StringBuilder("MoBL-ARMS moment arms vs central differences, " + trials
                + " poses: muscle worst|r + dl/dq| (m) / stencils skipped at decision switches\n");
        for (int m = 0; m < 50; m++) {
            table.append(String.format(java.util.Locale.ROOT, "  %-9s %.2e / %d%n", paths.names().get(m),
                    perMuscle[m], skippedPerMuscle[m]));
        }
        System.out.print(table);
        System.out.println("MoBL-ARMS moment arms: " + compared + " compared, " + skipped
                + " skipped at decision switches (" + refined + " checked by extrapolation), worst |r + dl/dq| "
                + worst + " m at " + worstAt);
        assertTrue(worst < 1e-7, "worst " + worst + " at " + worstAt);
    }

    /** The decision signature is a function of the pose alone: evaluations in between leave no trace in it. */
    @Test
    void decisionSignaturesDependOnThePoseOnly() {
        PathSet paths = PathSet.muscles(SYSTEM);
        PathEvaluator used = paths.newEvaluator();
        Dynamics dyn = SYSTEM.newDynamics();
        double[] zero = new double[SYSTEM.dof()];
        Random rnd = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] q = randomPose(rnd);
            double[] other = randomPose(rnd);
            PathEvaluator fresh = paths.newEvaluator();
            dyn.setState(q, zero);
            fresh.evaluate(dyn);
            dyn.setState(other, zero);
            used.evaluate(dyn);
            dyn.setState(q, zero);
            used.evaluate(dyn);
            for (int m = 0; m < paths.size(); m++) {
                assertEquals(fresh.decisionSignature(m), used.decisionSignature(m), paths.names().get(m));
                assertEquals(fresh.length(m), used.length(m), 0.0, paths.names().get(m));
            }
        }
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

    /**
     * Lengths along 0.25° sweeps of each independent coordinate (the others at their defaults). Between two sweep
     * points the length must change as the lengthening speeds at both ends predict (trapezoid rule, 0.1 mm; failing
     * that, by bisection: {@link #continuousOrSwitching}) unless the decision signature changes between them: every
     * jump must be one of OpenSim's own discrete switches. Those over 1 mm are printed (OpenSim's behaviour,
     * reproduced on purpose).
     */
    @Test
    void lengthsAreContinuousAlongSweepsExceptAtDecisionSwitches() {
        PathSet paths = PathSet.muscles(SYSTEM);
        PathEvaluator eval = paths.newEvaluator();
        Dynamics dyn = SYSTEM.newDynamics();
        double step = Math.toRadians(0.25);
        int np = paths.size();
        double[] prev = new double[np];
        double[] prevSpeed = new double[np];
        long[] prevSig = new long[np];
        int[] independent = CONSTRAINTS.independent();
        List<String> unexplained = new ArrayList<>();
        StringBuilder explained = new StringBuilder();
        int switches = 0;
        for (int k = 0; k < independent.length; k++) {
            Coordinate c = SYSTEM.coordinate(independent[k]);
            double[] qi = CONSTRAINTS.independentPart(SYSTEM.defaultPositions());
            double[] qd = new double[independent.length];
            qd[k] = 1;
            final int kk = k;
            java.util.function.DoubleConsumer at = v -> {
                qi[kk] = v;
                dyn.setState(CONSTRAINTS.positions(qi), CONSTRAINTS.speeds(qd));
                eval.evaluate(dyn);
            };
            double[] cur = new double[np];
            double[] curSpeed = new double[np];
            long[] curSig = new long[np];
            boolean first = true;
            double last = Double.NaN;
            for (double v = c.rangeMin(); v <= c.rangeMax() + 1e-9; v += step) {
                at.accept(v);
                for (int m = 0; m < np; m++) {
                    cur[m] = eval.length(m);
                    assertTrue(Double.isFinite(cur[m]), paths.names().get(m) + " length not finite at " + c.name()
                            + " = " + v);
                    // dl/dθ along the sweep is the lengthening speed at unit speed of this coordinate
                    curSpeed[m] = eval.lengtheningSpeed(m);
                    curSig[m] = eval.decisionSignature(m);
                }
                for (int m = 0; !first && m < np; m++) {
                    double jump = Math.abs(cur[m] - prev[m] - 0.5 * step * (curSpeed[m] + prevSpeed[m]));
                    String where = String.format(java.util.Locale.ROOT, "%-8s %-14s at %7.2f°: %.4f m",
                            paths.names().get(m), c.name(), Math.toDegrees(v), jump);
                    if (curSig[m] != prevSig[m]) {
                        switches++;
                        if (jump > 1e-3) {
                            explained.append("  ").append(where).append('\n');
                        }
                    } else if (jump > 1e-4 && !continuousOrSwitching(eval, at, m, last, prev[m], v, cur[m],
                            curSig[m], 0)) {
                        unexplained.add(where);
                    }
                }
                System.arraycopy(cur, 0, prev, 0, np);
                System.arraycopy(curSpeed, 0, prevSpeed, 0, np);
                System.arraycopy(curSig, 0, prevSig, 0, np);
                last = v;
                first = false;
            }
        }
        System.out.print("MoBL-ARMS sweeps: " + switches + " decision switches; jumps over 1 mm at them (OpenSim's own "
                + "switching):\n" + explained);
        assertTrue(unexplained.isEmpty(), "length jumps without a decision switch: " + unexplained);
    }

    /**
     * Whether path m, of equal decision signature {@code sig} at coordinate values a and b (lengths la, lb; {@code at}
     * evaluates at a coordinate value), has no jump in between: bisecting, every piece either contains a decision
     * switch or changes the length by at most 1e-5 m. Near a switch the length can be smooth but steep (a square-root
     * like approach to the onset of a wrap, DELT3 near elv_angle 1.91): the trapezoid rule fails there, bisection
     * does not, while a real jump survives every bisection.
     */
    static boolean continuousOrSwitching(PathEvaluator eval, java.util.function.DoubleConsumer at, int m, double a,
            double la, double b, double lb, long sig, int depth) {
        if (Math.abs(lb - la) <= 1e-5) {
            return true;
        }
        if (depth == 40) {
            return false;
        }
        double mid = 0.5 * (a + b);
        at.accept(mid);
        double lm = eval.length(m);
        if (eval.decisionSignature(m) != sig) {
            return true;
        }
        return continuousOrSwitching(eval, at, m, a, la, mid, lm, sig, depth + 1)
                && continuousOrSwitching(eval, at, m, mid, lm, b, lb, sig, depth + 1);
    }

    /**
     * DELT3 around elv_angle 2, shoulder_elv 1.9, where OpenSim's torus gives NaN (its nearest-point search meets the
     * torus axis) and the path passes from the torus DELT_TMAJ_LAT_PEC_CORBhh to the ellipsoid delt3hum: finite
     * lengths and moment arms, and along elv_angle no jump without a decision switch (as in the sweeps).
     */
    @Test
    void delt3IsFiniteWhereOpenSimsTorusIsNot() {
        PathSet paths = PathSet.of(SYSTEM, List.of("DELT3"));
        PathEvaluator eval = paths.newEvaluator();
        Dynamics dyn = SYSTEM.newDynamics();
        int[] independent = CONSTRAINTS.independent();
        int ke = java.util.Arrays.stream(independent).boxed().toList().indexOf(SYSTEM.indexOf("elv_angle"));
        int ks = java.util.Arrays.stream(independent).boxed().toList().indexOf(SYSTEM.indexOf("shoulder_elv"));
        double[] qi = CONSTRAINTS.independentPart(SYSTEM.defaultPositions());
        double[] qd = new double[independent.length];
        qd[ke] = 1; // lengthening speed = dl/d(elv_angle)
        double[] arms = new double[SYSTEM.dof()];
        double step = 0.005;
        double biggest = 0;
        String biggestAt = "";
        java.util.function.DoubleConsumer atElv = v -> {
            qi[ke] = v;
            dyn.setState(CONSTRAINTS.positions(qi), CONSTRAINTS.speeds(qd));
            eval.evaluate(dyn);
        };
        for (int j = 0; j <= 40; j++) {
            double prev = 0, prevSpeed = 0;
            long prevSig = 0;
            qi[ks] = 1.8 + j * step;
            for (int i = 0; i <= 40; i++) {
                atElv.accept(1.9 + i * step);
                eval.momentArms(0, arms);
                String at = " at elv_angle " + qi[ke] + ", shoulder_elv " + qi[ks];
                double l = eval.length(0);
                assertTrue(Double.isFinite(l) && l > 0, "DELT3 length" + at);
                for (double r : arms) {
                    assertTrue(Double.isFinite(r), "DELT3 moment arm" + at);
                }
                double speed = eval.lengtheningSpeed(0);
                long sig = eval.decisionSignature(0);
                if (i > 0) {
                    double jump = Math.abs(l - prev - 0.5 * step * (speed + prevSpeed));
                    if (sig == prevSig && jump > 1e-4) {
                        double v = qi[ke];
                        assertTrue(continuousOrSwitching(eval, atElv, 0, v - step, prev, v, l, sig, 0),
                                "DELT3 jumps by " + jump + " m without a decision switch" + at);
                        atElv.accept(v);
                    }
                    if (sig != prevSig && jump > biggest) {
                        biggest = jump;
                        biggestAt = at;
                    }
                }
                prev = l;
                prevSpeed = speed;
                prevSig = sig;
            }
        }
        System.out.println("DELT3 near OpenSim's torus NaN: finite; largest jump " + biggest + " m (a decision switch)"
                + biggestAt);
    }
}
