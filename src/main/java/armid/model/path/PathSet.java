package armid.model.path;

import armid.model.ForceElement;
import armid.model.Model;
import armid.model.mechanics.MultibodySystem;
import java.util.ArrayList;
import java.util.List;

/**
 * The GeometryPaths of a model's force elements compiled against a {@link MultibodySystem}: the input of
 * {@link PathEvaluator}, which gives each path's musculotendon length, lengthening speed and moment arms.
 */
public final class PathSet {
    final MultibodySystem system;
    final List<String> names;
    final List<GeometryPathDef> paths;

    private PathSet(MultibodySystem system, List<String> names, List<GeometryPathDef> paths) {
        this.system = system;
        this.names = List.copyOf(names);
        this.paths = List.copyOf(paths);
    }

    /** Every force element of the model that has a path, in ForceSet order. */
    public static PathSet of(MultibodySystem system) {
        List<String> names = new ArrayList<>();
        List<GeometryPathDef> paths = new ArrayList<>();
        for (ForceElement f : system.model().forces()) {
            if (f.path() != null) {
                names.add(f.name());
                paths.add(f.path());
            }
        }
        return new PathSet(system, names, paths);
    }

    /** Every muscle of the model (force elements whose type is a muscle) that has a path, in ForceSet order. */
    public static PathSet muscles(MultibodySystem system) {
        List<String> names = new ArrayList<>();
        for (ForceElement f : system.model().forces()) {
            if (f.path() != null && f.isMuscle()) {
                names.add(f.name());
            }
        }
        return of(system, names);
    }

    /** The named force elements' paths, in the order given. */
    public static PathSet of(MultibodySystem system, List<String> forceNames) {
        Model m = system.model();
        List<GeometryPathDef> paths = new ArrayList<>();
        for (String n : forceNames) {
            ForceElement f = m.force(n);
            if (f == null || f.path() == null) {
                throw new IllegalArgumentException("model " + m.name() + " has no force element with a path named '"
                        + n + "'");
            }
            paths.add(f.path());
        }
        return new PathSet(system, forceNames, paths);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public MultibodySystem system() {
        return system;
    }

    /** An evaluator with OpenSim's rules (the default): the lengths of OpenSim's GeometryPath. */
    public PathEvaluator newEvaluator() {
        return new PathEvaluator(this);
    }

    /**
     * {@link PathEvaluator#continuous()}: the wrap passes converged, lengths from the latest tangent points and
     * OpenSim's wrap discretisations replaced by their limits: smooth musculotendon lengths, used by the reference
     * simulator and, so that the identification model has the simulator's paths, by identification.
     */
    public PathEvaluator newSmoothEvaluator() {
        return new PathEvaluator(this).continuous();
    }
}
