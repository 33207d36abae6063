package armid.model.path;

import armid.model.mechanics.Dynamics;
import java.util.List;
import java.util.Random;

/** Scratch: random lines along one coordinate, report jumps of one muscle over a threshold. */
public final class FindBigJumps {
    public static void main(String[] args) {
        String mus = args[0];
        int coordK = Integer.parseInt(args[1]);
        double thr = Double.parseDouble(args[2]);
        boolean cont = args.length > 3 && args[3].equals("continuous");
        var sys = MoblPathTest.SYSTEM;
        var cons = MoblPathTest.CONSTRAINTS;
        PathSet set = PathSet.of(sys, List.of(mus));
        PathEvaluator ev = cont ? set.newSmoothEvaluator() : set.newEvaluator();
        Dynamics dyn = sys.newDynamics();
        int[] ind = cons.independent();
        Random rnd = new Random(3);
        double step = Math.toRadians(0.25);
        for (int line = 0; line < 60; line++) {
            double[] qi = new double[ind.length];
            for (int j = 0; j < ind.length; j++) {
                var c = sys.coordinate(ind[j]);
                qi[j] = c.rangeMin() + rnd.nextDouble() * (c.rangeMax() - c.rangeMin());
            }
            var c = sys.coordinate(ind[coordK]);
            double[] qd = new double[ind.length];
            qd[coordK] = 1;
            double prevL = Double.NaN, prevS = 0;
            for (double v = c.rangeMin(); v <= c.rangeMax(); v += step) {
                qi[coordK] = v;
                dyn.setState(cons.positions(qi), cons.speeds(qd));
                ev.evaluate(dyn);
                double l = ev.length(0), s = ev.lengtheningSpeed(0);
                double jump = l - prevL - 0.5 * step * (s + prevS);
                if (Math.abs(jump) > thr) {
                    System.out.printf("line %d q=%s at %.3f: jump %.4f l=%.4f %s%n", line, java.util.Arrays.toString(qi),
                            v, jump, l, PathSweepDiagnosis.describe(ev, set, 0));
                }
                prevL = l;
                prevS = s;
            }
        }
    }
}
