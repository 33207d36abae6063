package armid.cli;

import armid.io.PoseCsv;
import armid.model.mechanics.Dynamics;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code armid model eval}: M(q), τ_bias, gravity forces, G and b at a pose given by its independent coordinates.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate M(q), bias and gravity forces, and the constraints at a pose (SI units, radians).")
final class ModelEvalCommand implements Callable<Integer> {
    /** Tolerance for a given dependent coordinate to agree with its coupler. */
    static final double COUPLER_TOLERANCE = 1e-9;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--q", paramLabel = "NAME=VALUE", split = ",",
            description = "Coordinate values (radians or metres; 'deg' suffix for degrees). Independent ones not "
                    + "given take the model default; dependent ones follow from the couplers.")
    Map<String, String> q;

    @Option(names = "--qdot", paramLabel = "NAME=VALUE", split = ",",
            description = "Coordinate speeds (rad/s or m/s); default: the model's default speeds.")
    Map<String, String> qdot;

    @Option(names = "--poses", paramLabel = "FILE.csv",
            description = "A table of poses: header of coordinate names and NAME/speed columns, one pose per row.")
    Path poses;

    @Option(names = "--json", description = "Print JSON (one object, or an array with --poses).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelOptions.Opened o = modelOptions.open();
        PrintWriter out = spec.commandLine().getOut();
        if (poses != null) {
            if (q != null || qdot != null) {
                throw new IllegalArgumentException("give either --poses or --q/--qdot, not both");
            }
            ArrayNode all = Json.MAPPER.createArrayNode();
            for (PoseCsv.Pose p : PoseCsv.read(poses)) {
                try {
                    all.add(evaluate(o, p.positions(), p.speeds()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(poses + ": row " + p.row() + ": " + e.getMessage(), e);
                }
            }
            out.println(json ? Json.MAPPER.writeValueAsString(all) : all.toPrettyString());
        } else {
            ObjectNode r = evaluate(o, Values.parseAll(q, "--q"), Values.parseAll(qdot, "--qdot"));
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(r));
            } else {
                printText(r, out);
            }
        }
        out.flush();
        return 0;
    }

    static ObjectNode evaluate(ModelOptions.Opened o, Map<String, Double> qGiven, Map<String, Double> qdGiven) {
        var sys = o.system();
        var cons = o.constraints();
        int n = sys.dof();
        double[] defaults = cons.independentPart(sys.defaultPositions());
        double[] defaultSpeeds = new double[n];
        for (int i = 0; i < n; i++) {
            defaultSpeeds[i] = sys.coordinate(i).defaultSpeed();
        }
        double[] qv = cons.complete(qGiven, defaults, COUPLER_TOLERANCE, false);
        double[] qd = cons.complete(qdGiven, cons.independentPart(defaultSpeeds), COUPLER_TOLERANCE, true);
        Dynamics dyn = sys.newDynamics();
        dyn.setState(qv, qd);
        double[] m = new double[n * n];
        double[] bias = new double[n];
        double[] grav = new double[n];
        dyn.massMatrix(m);
        dyn.biasForces(bias);
        dyn.gravityForces(grav);
        ObjectNode r = Json.MAPPER.createObjectNode();
        ArrayNode names = r.putArray("coordinates");
        sys.coordinateNames().forEach(names::add);
        r.set("q", Json.array(qv));
        r.set("qdot", Json.array(qd));
        r.set("massMatrix", Json.matrix(m, n, n));
        r.set("biasForces", Json.array(bias));
        r.set("gravityForces", Json.array(grav));
        r.set("constraintMatrix", Json.matrix(cons.matrix(), cons.rows(), n));
        r.set("constraintBias", Json.array(cons.bias()));
        ArrayNode muscles = r.putArray("muscles");
        PathSet paths = o.paths();
        if (paths.size() > 0) {
            PathEvaluator eval = paths.newEvaluator();
            eval.evaluate(dyn);
            double[] arms = new double[n];
            for (int k = 0; k < paths.size(); k++) {
                ObjectNode mus = muscles.addObject();
                mus.put("name", paths.names().get(k));
                mus.put("length", eval.length(k));
                mus.put("lengtheningSpeed", eval.lengtheningSpeed(k));
                eval.momentArms(k, arms);
                mus.set("momentArms", Json.array(arms));
            }
        }
        return r;
    }

    private static void printText(ObjectNode r, PrintWriter out) {
        ArrayNode names = (ArrayNode) r.get("coordinates");
        out.printf("%-22s %12s %12s %14s %14s %12s%n", "coordinate", "q [rad]", "qdot [rad/s]", "bias [N·m]",
                "gravity [N·m]", "M_ii");
        for (int i = 0; i < names.size(); i++) {
            out.printf("%-22s %12.6f %12.6f %14.6g %14.6g %12.6g%n", names.get(i).asText(), r.get("q").get(i)
                    .asDouble(), r.get("qdot").get(i).asDouble(), r.get("biasForces").get(i).asDouble(),
                    r.get("gravityForces").get(i).asDouble(), r.get("massMatrix").get(i).get(i).asDouble());
        }
        ArrayNode muscles = (ArrayNode) r.get("muscles");
        if (muscles.size() > 0) {
            out.printf("%n%-10s %12s %14s  largest moment arms [mm]%n", "muscle", "length [m]", "speed [m/s]");
            for (var m : muscles) {
                StringBuilder arms = new StringBuilder();
                java.util.List<Integer> idx = new java.util.ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    idx.add(i);
                }
                idx.sort((a, b) -> Double.compare(Math.abs(m.get("momentArms").get(b).asDouble()),
                        Math.abs(m.get("momentArms").get(a).asDouble())));
                for (int i : idx.subList(0, Math.min(3, idx.size()))) {
                    arms.append(String.format(" %s %.2f", names.get(i).asText(),
                            1000 * m.get("momentArms").get(i).asDouble()));
                }
                out.printf("%-10s %12.6f %14.6f %s%n", m.get("name").asText(), m.get("length").asDouble(),
                        m.get("lengtheningSpeed").asDouble(), arms);
            }
        }
        out.println("(--json prints M, G, b and every moment arm in full)");
    }
}
