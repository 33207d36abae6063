package armid.bench;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import armid.osim.BundledModels;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Counts length jumps of all 50 MoBL-ARMS muscles along 0.25° sweeps of each independent coordinate, the others at
 * their defaults (line 0) and at random values (lines 1 … N−1, seeded): a jump is a step with |Δl − ½ h (l̇₀ + l̇₁)| over
 * the threshold that survives bisection to 1e-5 m (a steep but continuous onset does not). Arguments: opensim |
 * continuous, lines (default 1), threshold in m (default 1e-4). Prints per muscle the count and the largest jump.
 */
public final class PathSweepJumps {
    public static void main(String[] args) {
        boolean continuous = args.length > 0 && args[0].equals("continuous");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double threshold = args.length > 2 ? Double.parseDouble(args[2]) : 1e-4;
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        Constraints cons = new Constraints(sys);
        int[] ind = cons.independent();
        List<String> names = PathSet.muscles(sys).names();
        double step = Math.toRadians(0.25);
        int total = 0;
        for (String name : names) {
            PathSet set = PathSet.of(sys, List.of(name));
            PathEvaluator ev = continuous ? set.newSmoothEvaluator() : set.newEvaluator();
            Dynamics dyn = sys.newDynamics();
            SplittableRandom rnd = new SplittableRandom(7);
            int count = 0;
            double largest = 0;
            for (int line = 0; line < lines; line++) {
                double[] base = cons.independentPart(sys.defaultPositions());
                if (line > 0) {
                    for (int j = 0; j < ind.length; j++) {
                        var c = sys.coordinate(ind[j]);
                        base[j] = rnd.nextDouble(c.rangeMin(), c.rangeMax());
                    }
                }
                for (int k = 0; k < ind.length; k++) {
                    var c = sys.coordinate(ind[k]);
                    double[] qi = base.clone();
                    double[] qd = new double[ind.length];
                    qd[k] = 1;
                    int kk = k;
                    java.util.function.DoubleUnaryOperator at = v -> {
                        qi[kk] = v;
                        dyn.setState(cons.positions(qi), cons.speeds(qd));
                        ev.evaluate(dyn);
                        return ev.length(0);
                    };
                    double prevL = Double.NaN, prevS = 0, prevV = 0;
                    for (double v = c.rangeMin(); v <= c.rangeMax() + 1e-9; v += step) {
                        double l = at.applyAsDouble(v);
                        double s = ev.lengtheningSpeed(0);
                        if (!Double.isNaN(prevL)) {
                            double jump = Math.abs(l - prevL - 0.5 * (v - prevV) * (s + prevS));
                            if (jump > threshold && !continuous(at, prevV, prevL, v, l, 0)) {
                                count++;
                                largest = Math.max(largest, jump);
                            }
                        }
                        prevL = l;
                        prevS = s;
                        prevV = v;
                    }
                }
            }
            if (count > 0) {
                System.out.printf(Locale.ROOT, "  %-8s %4d jumps, largest %.4f m%n", name, count, largest);
            }
            total += count;
        }
        System.out.println((continuous ? "continuous" : "OpenSim's rules") + ": " + total + " jumps over " + threshold
                + " m on " + lines + " line(s) per coordinate");
    }

    private static boolean continuous(java.util.function.DoubleUnaryOperator at, double a, double la, double b,
            double lb, int depth) {
        if (Math.abs(lb - la) <= 1e-5) {
            return true;
        }
        if (depth == 40) {
            return false;
        }
        double mid = 0.5 * (a + b);
        double lm = at.applyAsDouble(mid);
        return continuous(at, a, la, mid, lm, depth + 1) && continuous(at, mid, lm, b, lb, depth + 1);
    }
}
