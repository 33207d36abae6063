package armid.model.path;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.wrap.WrapResult;
import armid.osim.BundledModels;
import java.util.List;
import java.util.Locale;

/**
 * Diagnosis of length jumps along 0.25° sweeps of each independent coordinate of MoBL-ARMS (others at default): each
 * jump (|Δl − ½ step (l̇₀ + l̇₁)| over a threshold) is located by bisection and the path on both sides printed (points,
 * tangent points with their wrap, surface lengths, wrap codes). Arguments: evaluator (opensim|continuous), threshold
 * (m), muscles (comma separated, or all).
 */
public final class PathSweepDiagnosis {
    public static void main(String[] args) {
        boolean continuous = args.length == 0 || args[0].equals("continuous");
        double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 1e-4;
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        Constraints cons = new Constraints(sys);
        List<String> muscles = args.length > 2 && !args[2].equals("all") ? List.of(args[2].split(","))
                : PathSet.muscles(sys).names();
        int[] ind = cons.independent();
        double step = Math.toRadians(0.25);
        int total = 0;
        for (String mus : muscles) {
            PathSet set = PathSet.of(sys, List.of(mus));
            PathEvaluator ev = continuous ? set.newSmoothEvaluator() : set.newEvaluator();
            Dynamics dyn = sys.newDynamics();
            for (int k = 0; k < ind.length; k++) {
                Coordinate c = sys.coordinate(ind[k]);
                double[] qi = cons.independentPart(sys.defaultPositions());
                double[] qd = new double[ind.length];
                qd[k] = 1;
                final int kk = k;
                java.util.function.DoubleConsumer at = v -> {
                    qi[kk] = v;
                    dyn.setState(cons.positions(qi), cons.speeds(qd));
                    ev.evaluate(dyn);
                };
                double prevL = Double.NaN, prevS = 0, prevV = 0;
                for (double v = c.rangeMin(); v <= c.rangeMax() + 1e-9; v += step) {
                    at.accept(v);
                    double l = ev.length(0), sp = ev.lengtheningSpeed(0);
                    if (!Double.isFinite(l) || !Double.isFinite(sp)) {
                        System.out.printf(Locale.ROOT, "%-8s %-14s %8.3f°: NOT FINITE%n", mus, c.name(),
                                Math.toDegrees(v));
                    }
                    if (!Double.isNaN(prevL)) {
                        double jump = l - prevL - 0.5 * (v - prevV) * (sp + prevS);
                        if (Math.abs(jump) > threshold) {
                            total++;
                            // bisect on the length difference
                            double a = prevV, b = v, la = prevL, lb = l;
                            for (int it = 0; it < 60 && b - a > 1e-12; it++) {
                                double mid = 0.5 * (a + b);
                                at.accept(mid);
                                double lm = ev.length(0);
                                if (Math.abs(lm - la) > Math.abs(lb - lm)) {
                                    b = mid;
                                    lb = lm;
                                } else {
                                    a = mid;
                                    la = lm;
                                }
                            }
                            System.out.printf(Locale.ROOT,
                                    "%-8s %-14s %8.3f° (%.9f rad): jump %+.6f m (step), %+.6e m at bisection%n", mus,
                                    c.name(), Math.toDegrees(v), a, jump, lb - la);
                            at.accept(a);
                            System.out.println("   before: " + describe(ev, set, 0));
                            at.accept(b);
                            System.out.println("   after:  " + describe(ev, set, 0));
                            at.accept(v);
                        }
                    }
                    prevL = l;
                    prevS = sp;
                    prevV = v;
                }
            }
        }
        System.out.println("jumps over " + threshold + " m: " + total);
    }

    static String describe(PathEvaluator ev, PathSet set, int m) {
        GeometryPathDef path = set.paths.get(m);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "l=%.6f passes=%d sig=%x [", ev.length(m),
                ev.passCount(m), ev.decisionSignature(m)));
        for (int e = 0; e < ev.elementCount(); e++) {
            int id = ev.elementId(e);
            if (id >= 0) {
                sb.append(" p").append(id);
            } else {
                int w = (-1 - id) / 2;
                int t = (-1 - id) % 2;
                WrapResult r = ev.acceptedWrap(m, w);
                String name = path.wraps().get(w).wrapObject();
                if (t == 0) {
                    double[] pw = new double[3];
                    double[] sw = new double[3];
                    ev.elementInWrapFrame(e - 1, w, pw);
                    ev.elementInWrapFrame(e + 2, w, sw);
                    sb.append(String.format(Locale.ROOT, " P=(%.6f,%.6f,%.6f) S=(%.6f,%.6f,%.6f)", pw[0], pw[1], pw[2],
                            sw[0], sw[1], sw[2]));
                    sb.append(String.format(Locale.ROOT, " <%s code=%d surf=%.5f dec=%x r1=(%.4f,%.4f,%.4f)", name,
                            r.code, r.surfaceLength, r.decisions(), r.r1[0], r.r1[1], r.r1[2]));
                } else {
                    sb.append(String.format(Locale.ROOT, " r2=(%.4f,%.4f,%.4f)>", r.r2[0], r.r2[1], r.r2[2]));
                }
            }
        }
        return sb.append(" ]").toString();
    }
}
