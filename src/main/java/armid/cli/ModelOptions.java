package armid.cli;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.MultibodySystem;
import armid.osim.BundledModels;
import armid.osim.OsimException;
import armid.osim.OsimReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which model to open and which coordinates to lock: shared by the commands that work on a model. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE",
            description = "OpenSim model file (.osim); default: the bundled MoBL-ARMS (fixed torso, OpenSim 4.1)")
    Path model;

    @Option(names = "--lock", paramLabel = "NAME=VALUE", split = ",",
            description = "Lock coordinates at values (radians or metres; 'deg' suffix for degrees). Default: the "
                    + "wrist of MoBL-ARMS (deviation=0,flexion=0) when the model has it.")
    Map<String, String> locks;

    @Option(names = "--no-default-locks", description = "Do not lock the wrist by default.")
    boolean noDefaultLocks;

    /** A model opened for computation. */
    public record Opened(Model model, MultibodySystem system, Constraints constraints) {
        /** The paths of every muscle of the model. */
        public armid.model.path.PathSet paths() {
            return armid.model.path.PathSet.muscles(system);
        }
    }

    public Opened open() throws OsimException {
        Model m = model == null ? BundledModels.moblArms() : OsimReader.read(model);
        Map<String, Double> l = new LinkedHashMap<>();
        if (!noDefaultLocks) {
            l.putAll(BundledModels.defaultLocks(m));
        }
        if (locks != null) {
            for (var e : locks.entrySet()) {
                l.put(e.getKey(), Values.parse(e.getValue(), "--lock " + e.getKey()));
            }
        }
        MultibodySystem sys = MultibodySystem.of(m, l);
        return new Opened(m, sys, new Constraints(sys));
    }
}
