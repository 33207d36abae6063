package armid.bench;

import armid.io.StorageFile;
import armid.model.Model;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import armid.osim.BundledModels;
import armid.simulate.ReferenceSimulator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lengths of the paper muscles by the continuous path variant ({@link PathSet#newSmoothEvaluator()}) at every pose of
 * a dataset's coordinates.sto, so that two builds can be compared. Arguments: {@code write coordinates.sto out.txt}
 * (one line per sample: time, then the lengths), or {@code compare a.txt b.txt} (per muscle the largest |Δl| and its
 * time).
 */
public final class PathTrajectoryLengths {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("compare")) {
            compare(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        StorageFile sto = StorageFile.read(Path.of(args[1]));
        Model model = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        int n = sys.dof();
        List<String> ms = ReferenceSimulator.PAPER_MUSCLES;
        PathEvaluator ev = PathSet.of(sys, ms).newSmoothEvaluator();
        double[][] cols = new double[n][];
        for (int i = 0; i < n; i++) {
            cols[i] = sto.column(sys.coordinateNames().get(i));
        }
        double[] time = sto.time();
        Dynamics dyn = sys.newDynamics();
        double[] q = new double[n];
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
            out.println("time " + String.join(" ", ms));
            for (int k = 0; k < time.length; k++) {
                for (int i = 0; i < n; i++) {
                    q[i] = cols[i][k];
                }
                dyn.setState(q, new double[n]);
                ev.evaluate(dyn);
                StringBuilder line = new StringBuilder(Double.toString(time[k]));
                for (int m = 0; m < ms.size(); m++) {
                    line.append(' ').append(ev.length(m));
                }
                out.println(line);
            }
        }
    }

    private static void compare(Path a, Path b) throws Exception {
        List<String> la = Files.readAllLines(a);
        List<String> lb = Files.readAllLines(b);
        if (la.size() != lb.size()) {
            throw new IllegalArgumentException(a + " and " + b + " have different row counts");
        }
        String[] names = la.get(0).split(" ");
        double[] worst = new double[names.length];
        double[] at = new double[names.length];
        List<String> rows = new ArrayList<>();
        for (int r = 1; r < la.size(); r++) {
            String[] x = la.get(r).split(" ");
            String[] y = lb.get(r).split(" ");
            for (int c = 1; c < names.length; c++) {
                double d = Math.abs(Double.parseDouble(x[c]) - Double.parseDouble(y[c]));
                if (d > worst[c]) {
                    worst[c] = d;
                    at[c] = Double.parseDouble(x[0]);
                }
            }
        }
        for (int c = 1; c < names.length; c++) {
            rows.add(String.format(Locale.ROOT, "  %-8s max |Δl| %.3e m at t = %.4f s", names[c], worst[c], at[c]));
        }
        rows.forEach(System.out::println);
    }
}
