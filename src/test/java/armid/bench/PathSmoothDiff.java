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
 * How far the simulator's paths (converged wrap passes, smooth wraps) are from OpenSim's (the default evaluator) and
 * from converged passes alone: per paper muscle, the largest length and moment-arm differences over random poses of
 * the five independent coordinates. Argument: number of poses.
 */
public final class PathSmoothDiff {
    public static void main(String[] args) {
        int poses = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        Constraints c = new Constraints(sys);
        int[] ind = c.independent();
        int n = sys.dof();
        List<String> ms = ReferenceSimulator.PAPER_MUSCLES;
        PathSet set = PathSet.of(sys, ms);
        PathEvaluator opensim = set.newEvaluator();
        PathEvaluator converged = set.newEvaluator().convergeWrapPasses();
        PathEvaluator smooth = set.newEvaluator().convergeWrapPasses().smoothWraps();
        Dynamics dyn = sys.newDynamics();
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] worst = new double[ms.size()][4];
        int[] big = new int[ms.size()];
        int[] unsettled = new int[ms.size()];
        double[][] worstPose = new double[ms.size()][];
        double margin = Double.parseDouble(System.getProperty("armid.margin", "0"));
        double[] a0 = new double[n], a1 = new double[n], a2 = new double[n];
        double[] qi = new double[5];
        for (int k = 0; k < poses; k++) {
            for (int j = 0; j < 5; j++) {
                var co = sys.coordinate(ind[j]);
                double r = co.rangeMax() - co.rangeMin();
                qi[j] = rnd.nextDouble(co.rangeMin() + margin * r, co.rangeMax() - margin * r);
            }
            dyn.setState(c.positions(qi), new double[n]);
            opensim.evaluate(dyn);
            converged.evaluate(dyn);
            smooth.evaluate(dyn);
            for (int m = 0; m < ms.size(); m++) {
                opensim.momentArms(m, a0);
                converged.momentArms(m, a1);
                smooth.momentArms(m, a2);
                if (smooth.passCount(m) >= PathEvaluator.MAX_PASSES) {
                    unsettled[m]++;
                }
                double d = Math.abs(smooth.length(m) - opensim.length(m));
                if (d > 1e-4) {
                    big[m]++;
                }
                if (d > worst[m][0]) {
                    worstPose[m] = qi.clone();
                }
                worst[m][0] = Math.max(worst[m][0], d);
                worst[m][1] = Math.max(worst[m][1], Math.abs(smooth.length(m) - converged.length(m)));
                for (int i = 0; i < n; i++) {
                    worst[m][2] = Math.max(worst[m][2], Math.abs(a2[i] - a0[i]));
                    worst[m][3] = Math.max(worst[m][3], Math.abs(a2[i] - a1[i]));
                }
            }
        }
        System.out.printf("%d random poses; smooth = converged passes + smooth wraps%n", poses);
        System.out.printf("%-9s %14s %14s %14s %14s%n", "muscle", "|dl| OpenSim", "|dl| converged", "|dr| OpenSim",
                "|dr| converged");
        for (int m = 0; m < ms.size(); m++) {
            System.out.printf("%-9s %14.3e %14.3e %14.3e %14.3e  %5d poses over 0.1 mm, %5d unsettled; worst at %s%n",
                    ms.get(m), worst[m][0], worst[m][1], worst[m][2], worst[m][3], big[m], unsettled[m],
                    worstPose[m] == null ? "-" : java.util.Arrays.toString(worstPose[m]));
        }
    }
}
