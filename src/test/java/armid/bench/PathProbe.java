package armid.bench;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import armid.osim.BundledModels;
import java.util.List;

/** A muscle's length, moment arms and decision signature along a line q0 + s v in the independent coordinates. */
public final class PathProbe {
    public static void main(String[] args) {
        String muscle = args[0];
        double[] q0 = parse(args[1]);
        double[] v = parse(args[2]);
        double span = Double.parseDouble(args[3]);
        int steps = Integer.parseInt(args[4]);
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        Constraints c = new Constraints(sys);
        int n = sys.dof();
        PathEvaluator ev = PathSet.of(sys, List.of(muscle)).newEvaluator();
        if (args.length > 5 && args[5].contains("converge")) {
            ev.convergeWrapPasses();
        }
        if (args.length > 5 && args[5].equals("continuous")) {
            ev.continuous();
        }
        if (args.length > 5 && args[5].contains("exact")) {
            ev.smoothWraps();
        }
        Dynamics dyn = sys.newDynamics();
        double[] arm = new double[n];
        double[] prevArm = new double[n];
        double prevL = Double.NaN;
        long prevSig = 0;
        double[] qPrev = null;
        double[] qi = new double[q0.length];
        for (int s = -steps; s <= steps; s++) {
            double w = span * s / steps;
            for (int j = 0; j < qi.length; j++) {
                qi[j] = q0[j] + w * v[j];
            }
            double[] q = c.positions(qi);
            dyn.setState(q, new double[n]);
            ev.evaluate(dyn);
            ev.momentArms(0, arm);
            double l = ev.length(0);
            long sig = ev.decisionSignature(0);
            if (qPrev != null) {
                double pred = 0;
                double dArm = 0;
                for (int i = 0; i < n; i++) {
                    pred -= 0.5 * (arm[i] + prevArm[i]) * (q[i] - qPrev[i]);
                    dArm = Math.max(dArm, Math.abs(arm[i] - prevArm[i]));
                }
                double err = l - prevL - pred;
                if (sig != prevSig || Math.abs(err) > 1e-9) {
                    System.out.printf("s=%+.3e: l=%.9f jump(l - trapezoid)=%+.3e max|d arm|=%.3e wraps=%d signature %s%n",
                            w, l, err, dArm, ev.wrapCount(0), sig != prevSig ? "changed" : "same");
                }
            }
            prevL = l;
            prevSig = sig;
            System.arraycopy(arm, 0, prevArm, 0, n);
            qPrev = q;
        }
    }

    static double[] parse(String s) {
        String[] p = s.split(",");
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Double.parseDouble(p[i]);
        }
        return d;
    }
}
