package armid.bench;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import armid.osim.BundledModels;
import armid.simulate.ReferenceSimulator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the paper muscles' path lengths jump: short random segments at grid points of the shoulder coordinates
 * (elv_angle, shoulder_elv, shoulder_rot; elbow 1.3, pro_sup 0.2), counting length jumps above 1e-8 m.
 */
public final class PathNoiseMap {
    public static void main(String[] args) {
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        Constraints c = new Constraints(sys);
        int[] ind = c.independent();
        int n = sys.dof();
        List<String> ms = ReferenceSimulator.PAPER_MUSCLES;
        PathEvaluator ev = PathSet.of(sys, ms).newEvaluator();
        if (Boolean.getBoolean("armid.converge")) {
            ev.convergeWrapPasses();
        }
        if (Boolean.getBoolean("armid.continuous")) {
            ev.continuous();
        }
        if (Boolean.getBoolean("armid.smooth")) {
            ev.smoothWraps();
        }
        Dynamics dyn = sys.newDynamics();
        int g = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        double[] lo = new double[5];
        double[] hi = new double[5];
        for (int j = 0; j < 5; j++) {
            var co = sys.coordinate(ind[j]);
            double r = co.rangeMax() - co.rangeMin();
            lo[j] = co.rangeMin() + 0.15 * r;
            hi[j] = co.rangeMax() - 0.15 * r;
        }
        SplittableRandom rnd = new SplittableRandom(3);
        double[] arm = new double[n];
        double[][] prevArm = new double[ms.size()][n];
        double[] prevL = new double[ms.size()];
        int steps = 100;
        for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
                for (int r = 0; r < g; r++) {
                    double[] q0 = {lo[0] + (hi[0] - lo[0]) * a / (g - 1), lo[1] + (hi[1] - lo[1]) * b / (g - 1),
                        lo[2] + (hi[2] - lo[2]) * r / (g - 1), 1.3, 0.2};
                    double[] v = new double[5];
                    for (int j = 0; j < 3; j++) {
                        v[j] = rnd.nextDouble(-1, 1);
                    }
                    int[] jumps = new int[ms.size()];
                    double[] qPrev = null;
                    for (int s = 0; s <= steps; s++) {
                        double[] qi = q0.clone();
                        for (int j = 0; j < 5; j++) {
                            qi[j] += 0.01 * v[j] * s / steps;
                        }
                        double[] q = c.positions(qi);
                        dyn.setState(q, new double[n]);
                        ev.evaluate(dyn);
                        for (int m = 0; m < ms.size(); m++) {
                            ev.momentArms(m, arm);
                            double l = ev.length(m);
                            if (qPrev != null) {
                                double pred = 0;
                                for (int i = 0; i < n; i++) {
                                    pred -= 0.5 * (arm[i] + prevArm[m][i]) * (q[i] - qPrev[i]);
                                }
                                if (Math.abs(l - prevL[m] - pred) > 1e-8) {
                                    jumps[m]++;
                                    if (Boolean.getBoolean("armid.verbose")) {
                                        System.out.printf("  %s: %.3e at q0 + %.4f·v, q0 = %s, v = %s%n", ms.get(m),
                                                l - prevL[m] - pred, 0.01 * s / steps, java.util.Arrays.toString(q0),
                                                java.util.Arrays.toString(v));
                                    }
                                }
                            }
                            prevL[m] = l;
                            System.arraycopy(arm, 0, prevArm[m], 0, n);
                        }
                        qPrev = q;
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int m = 0; m < ms.size(); m++) {
                        if (jumps[m] > 0) {
                            sb.append(' ').append(ms.get(m)).append('=').append(jumps[m]);
                        }
                    }
                    System.out.printf("elv_angle %.2f shoulder_elv %.2f shoulder_rot %.2f:%s%n", q0[0], q0[1], q0[2], sb);
                }
            }
        }
    }
}
