package armid.report;

import armid.model.mechanics.Constraints;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.Dynamics;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Moment arms and musculotendon lengths against each independent coordinate across its range (the others at their
 * defaults, dependent ones following their couplers): the picture a biomechanist checks a model with. One pair of
 * charts (PNG and SVG) per independent coordinate.
 */
public final class PathReport {
    private PathReport() {
    }

    /** Writes {@code moment_arms_<coordinate>} and {@code lengths_<coordinate>} charts; returns the files' bases. */
    public static List<String> write(PathSet paths, Constraints constraints, Path dir, double stepDegrees)
            throws IOException {
        var sys = paths.system();
        PathEvaluator eval = paths.newEvaluator();
        Dynamics dyn = sys.newDynamics();
        int[] ind = constraints.independent();
        List<String> written = new ArrayList<>();
        for (int k = 0; k < ind.length; k++) {
            Coordinate c = sys.coordinate(ind[k]);
            double step = Math.toRadians(stepDegrees);
            int count = (int) Math.floor((c.rangeMax() - c.rangeMin()) / step) + 1;
            double[] x = new double[count];
            double[][] arms = new double[paths.size()][count];
            double[][] lengths = new double[paths.size()][count];
            double[] qi = constraints.independentPart(sys.defaultPositions());
            for (int s = 0; s < count; s++) {
                double v = Math.min(c.rangeMin() + s * step, c.rangeMax());
                qi[k] = v;
                x[s] = Math.toDegrees(v);
                dyn.setState(constraints.positions(qi), new double[sys.dof()]);
                eval.evaluate(dyn);
                for (int m = 0; m < paths.size(); m++) {
                    arms[m][s] = 1000 * eval.momentArm(m, ind[k]);
                    lengths[m][s] = eval.length(m);
                }
            }
            XYChart a = Charts.lineChart("Moment arms about " + c.name() + " (−∂l/∂q)", c.name() + " [°]",
                    "moment arm [mm]");
            XYChart l = Charts.lineChart("Musculotendon lengths along " + c.name(), c.name() + " [°]",
                    "length [m]");
            for (int m = 0; m < paths.size(); m++) {
                Charts.addLine(a, paths.names().get(m), x, arms[m]);
                Charts.addLine(l, paths.names().get(m), x, lengths[m]);
            }
            a.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            l.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            Charts.save(a, dir, "moment_arms_" + c.name());
            Charts.save(l, dir, "lengths_" + c.name());
            written.add("moment_arms_" + c.name());
            written.add("lengths_" + c.name());
        }
        return written;
    }
}
