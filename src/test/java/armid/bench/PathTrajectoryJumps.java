package armid.bench;

import armid.io.StorageFile;
import armid.model.Model;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import armid.osim.BundledModels;
import armid.simulate.ReferenceSimulator;
import java.nio.file.Path;
import java.util.List;

/**
 * Length jumps of the paper muscles along a simulated trajectory (a dataset's coordinates.sto): every sample interval
 * is split into {@code substeps} straight pieces in q, and a piece counts as a jump where the length change differs
 * from the trapezoid rule on the moment arms by more than {@code threshold}. Arguments: coordinates.sto, substeps,
 * threshold, and "opensim" (default rule), "converge", "smooth" (converged passes and exact cylinder tangency) or
 * "continuous" (the continuous variant, {@link PathSet#newSmoothEvaluator()}).
 */
public final class PathTrajectoryJumps {
    public static void main(String[] args) throws Exception {
        StorageFile sto = StorageFile.read(Path.of(args[0]));
        int sub = Integer.parseInt(args[1]);
        double threshold = Double.parseDouble(args[2]);
        String mode = args.length > 3 ? args[3] : "opensim";
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        int n = sys.dof();
        List<String> ms = ReferenceSimulator.PAPER_MUSCLES;
        PathEvaluator ev = mode.equals("continuous") ? PathSet.of(sys, ms).newSmoothEvaluator()
                : PathSet.of(sys, ms).newEvaluator();
        if (mode.equals("converge") || mode.equals("smooth")) {
            ev.convergeWrapPasses();
        }
        if (mode.equals("smooth")) {
            ev.smoothWraps();
        }
        double[][] cols = new double[n][];
        for (int i = 0; i < n; i++) {
            cols[i] = sto.column(sys.coordinateNames().get(i));
        }
        double[] time = sto.time();
        Dynamics dyn = sys.newDynamics();
        double[] arm = new double[n];
        double[][] prevArm = new double[ms.size()][n];
        double[] prevL = new double[ms.size()];
        int[] jumps = new int[ms.size()];
        double[] worst = new double[ms.size()];
        int[] unsettled = new int[ms.size()];
        int[] maxPasses = new int[ms.size()];
        double[] q = new double[n];
        double[] qPrev = new double[n];
        boolean first = true;
        long t0 = System.nanoTime();
        for (int k = 0; k + 1 < time.length; k++) {
            for (int s = first ? 0 : 1; s <= sub; s++) {
                double f = (double) s / sub;
                for (int i = 0; i < n; i++) {
                    q[i] = cols[i][k] + f * (cols[i][k + 1] - cols[i][k]);
                }
                dyn.setState(q, new double[n]);
                ev.evaluate(dyn);
                for (int m = 0; m < ms.size(); m++) {
                    ev.momentArms(m, arm);
                    double l = ev.length(m);
                    maxPasses[m] = Math.max(maxPasses[m], ev.passCount(m));
                    if (!mode.equals("opensim") && ev.passCount(m) >= PathEvaluator.MAX_PASSES) {
                        unsettled[m]++;
                    }
                    if (!first) {
                        double pred = 0;
                        for (int i = 0; i < n; i++) {
                            pred -= 0.5 * (arm[i] + prevArm[m][i]) * (q[i] - qPrev[i]);
                        }
                        double e = Math.abs(l - prevL[m] - pred);
                        if (e > threshold) {
                            jumps[m]++;
                            if (Boolean.getBoolean("armid.verbose")) {
                                System.out.printf("t=%.5f %s %.3e%n", time[k] + f * (time[k + 1] - time[k]),
                                        ms.get(m), e);
                            }
                        }
                        worst[m] = Math.max(worst[m], e);
                    }
                    prevL[m] = l;
                    System.arraycopy(arm, 0, prevArm[m], 0, n);
                }
                System.arraycopy(q, 0, qPrev, 0, n);
                first = false;
            }
        }
        System.out.printf("%s, %d intervals x %d, threshold %.1e (%.1f s)%n", mode, time.length - 1, sub, threshold,
                (System.nanoTime() - t0) * 1e-9);
        for (int m = 0; m < ms.size(); m++) {
            System.out.printf("  %-8s jumps %5d  worst %.3e m  most passes %2d, unsettled %d%n", ms.get(m), jumps[m],
                    worst[m], maxPasses[m], unsettled[m]);
        }
    }
}
