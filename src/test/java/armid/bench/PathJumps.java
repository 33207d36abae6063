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
 * Counts jumps of the 16 paper muscles' lengths along straight lines through the independent coordinates' ranges,
 * with OpenSim's wrap-pass stopping rule and with converged passes, and times one evaluation of all 16 paths in each.
 * A jump: the length change over a step differs from the trapezoid rule on the moment arms by more than 1e-7 m.
 */
public final class PathJumps {
    public static void main(String[] args) {
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        Constraints c = new Constraints(sys);
        int[] ind = c.independent();
        int n = sys.dof();
        List<String> ms = ReferenceSimulator.PAPER_MUSCLES;
        PathSet set = PathSet.of(sys, ms);
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int steps = 4000;
        for (boolean converge : new boolean[] {false, true}) {
            PathEvaluator ev = converge ? set.newEvaluator().convergeWrapPasses() : set.newEvaluator();
            Dynamics dyn = sys.newDynamics();
            SplittableRandom rnd = new SplittableRandom(1);
            int[] jumps = new int[ms.size()];
            double[] biggest = new double[ms.size()];
            double[] qi = new double[ind.length];
            double[] qa = new double[ind.length];
            double[] qb = new double[ind.length];
            double[] prevL = new double[ms.size()];
            double[][] prevArm = new double[ms.size()][n];
            double[] arm = new double[n];
            double[] qd = new double[n];
            long evals = 0;
            long t0 = System.nanoTime();
            for (int line = 0; line < lines; line++) {
                for (int j = 0; j < ind.length; j++) {
                    var co = sys.coordinate(ind[j]);
                    double r = co.rangeMax() - co.rangeMin();
                    qa[j] = co.rangeMin() + r * rnd.nextDouble(0.05, 0.95);
                    qb[j] = co.rangeMin() + r * rnd.nextDouble(0.05, 0.95);
                }
                double[] qPrev = null;
                for (int s = 0; s <= steps; s++) {
                    double w = (double) s / steps;
                    for (int j = 0; j < ind.length; j++) {
                        qi[j] = qa[j] + w * (qb[j] - qa[j]);
                    }
                    double[] q = c.positions(qi);
                    dyn.setState(q, qd);
                    ev.evaluate(dyn);
                    evals++;
                    for (int m = 0; m < ms.size(); m++) {
                        ev.momentArms(m, arm);
                        double l = ev.length(m);
                        if (qPrev != null) {
                            double pred = 0;
                            for (int i = 0; i < n; i++) {
                                pred -= 0.5 * (arm[i] + prevArm[m][i]) * (q[i] - qPrev[i]);
                            }
                            double err = Math.abs(l - prevL[m] - pred);
                            if (err > 1e-7) {
                                jumps[m]++;
                                biggest[m] = Math.max(biggest[m], err);
                            }
                        }
                        prevL[m] = l;
                        System.arraycopy(arm, 0, prevArm[m], 0, n);
                    }
                    qPrev = q;
                }
            }
            double us = (System.nanoTime() - t0) / 1e3 / evals;
            System.out.printf("%s: %.0f us per evaluation of the 16 paths (incl. positions)%n",
                    converge ? "converged wrap passes" : "OpenSim's stopping rule", us);
            for (int m = 0; m < ms.size(); m++) {
                if (jumps[m] > 0) {
                    System.out.printf("  %-8s %4d jumps, largest %.2e m%n", ms.get(m), jumps[m], biggest[m]);
                }
            }
        }
    }
}
