package armid.cli;

import armid.model.ForceElement;
import armid.model.Model;
import armid.model.mechanics.Body;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.CoordinateCoupler;
import armid.model.mechanics.Joint;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code armid model info}: coordinates, constraints, bodies and muscles as read. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Coordinates (independent or dependent, ranges, defaults), constraints, bodies and muscles.")
final class ModelInfoCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelOptions.Opened o = modelOptions.open();
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode root = describe(o);
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(root));
        } else {
            printSummary(o, out);
        }
        out.flush();
        return 0;
    }

    static ObjectNode describe(ModelOptions.Opened o) {
        Model m = o.model();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("name", m.name());
        root.put("source", m.source());
        root.set("gravity", Json.array(m.gravity()));
        List<String> independent = o.constraints().independentNames();
        ArrayNode coords = root.putArray("coordinates");
        for (int i = 0; i < o.system().dof(); i++) {
            Coordinate c = o.system().coordinate(i);
            ObjectNode n = coords.addObject();
            n.put("name", c.name());
            n.put("joint", c.joint());
            n.put("motionType", c.motionType().name().toLowerCase());
            boolean ind = independent.contains(c.name());
            n.put("independent", ind);
            if (!ind) {
                for (CoordinateCoupler k : o.system().constraints()) {
                    if (m.coordinates().get(k.dependent()).name().equals(c.name())) {
                        n.put("dependsOn", m.coordinates().get(k.independent()).name());
                        n.put("coupler", k.name());
                    }
                }
            }
            n.put("default", c.defaultValue());
            n.put("defaultSpeed", c.defaultSpeed());
            n.putArray("range").add(c.rangeMin()).add(c.rangeMax());
            n.put("clamped", c.clamped());
        }
        ObjectNode locked = root.putObject("lockedCoordinates");
        o.system().lockedCoordinates().forEach(locked::put);
        ArrayNode cons = root.putArray("constraints");
        for (CoordinateCoupler k : o.system().constraints()) {
            ObjectNode n = cons.addObject();
            n.put("name", k.name());
            n.put("type", "CoordinateCouplerConstraint");
            n.put("dependent", m.coordinates().get(k.dependent()).name());
            n.put("independent", m.coordinates().get(k.independent()).name());
            n.put("function", k.function().kind());
            n.put("scaleFactor", k.scaleFactor());
            n.put("slope", k.slope(0));
            n.put("intercept", k.dependentValue(0));
        }
        ArrayNode bodies = root.putArray("bodies");
        for (Body b : m.bodies()) {
            ObjectNode n = bodies.addObject();
            n.put("name", b.name());
            n.put("mass", b.mass());
            n.set("massCenter", Json.array(b.massCenter()));
            n.set("inertia", Json.array(b.inertia()));
        }
        ArrayNode joints = root.putArray("joints");
        for (Joint j : m.joints()) {
            ObjectNode n = joints.addObject();
            n.put("name", j.name());
            n.put("type", j.type());
            n.put("parent", m.bodies().get(j.parentBody()).name());
            n.put("child", m.bodies().get(j.childBody()).name());
        }
        ArrayNode muscles = root.putArray("muscles");
        for (ForceElement f : m.muscles()) {
            ObjectNode n = muscles.addObject();
            n.put("name", f.name());
            n.put("type", f.type());
            for (String p : List.of("max_isometric_force", "optimal_fiber_length", "tendon_slack_length",
                    "pennation_angle_at_optimal", "max_contraction_velocity", "ignore_tendon_compliance")) {
                String v = f.properties().get(p);
                if (v != null) {
                    try {
                        n.put(p, Double.parseDouble(v));
                    } catch (NumberFormatException e) {
                        n.put(p, v);
                    }
                }
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        m.warnings().forEach(warnings::add);
        return root;
    }

    static void printSummary(ModelOptions.Opened o, PrintWriter out) {
        Model m = o.model();
        List<String> independent = o.constraints().independentNames();
        out.printf("Model %s (%s)%n", m.name(), m.source());
        out.printf("  %d bodies, %d joints, %d coordinates (%d free, %d independent), %d constraints, %d muscles%n",
                m.bodies().size(), m.joints().size(), m.coordinates().size(), o.system().dof(), independent.size(),
                o.constraints().rows(), m.muscles().size());
        out.printf("  gravity %s m/s²%n", java.util.Arrays.toString(m.gravity()));
        if (!o.system().lockedCoordinates().isEmpty()) {
            out.printf("  locked: %s%n", o.system().lockedCoordinates());
        }
        out.println("  coordinates:");
        for (int i = 0; i < o.system().dof(); i++) {
            Coordinate c = o.system().coordinate(i);
            String dep = "";
            for (CoordinateCoupler k : o.system().constraints()) {
                if (m.coordinates().get(k.dependent()).name().equals(c.name())) {
                    dep = String.format("= %.6g · %s", k.slope(0), m.coordinates().get(k.independent()).name());
                }
            }
            boolean ind = independent.contains(c.name());
            String range = c.rangeMax() - c.rangeMin() > 1000 ? "unbounded"
                    : String.format("[%8.2f°, %8.2f°]", Math.toDegrees(c.rangeMin()), Math.toDegrees(c.rangeMax()));
            out.printf("    %-22s %-11s %s default %8.2f°  %s%n", c.name(), ind ? "independent" : "dependent",
                    range, Math.toDegrees(c.defaultValue()), dep);
        }
        out.println("  bodies:");
        for (Body b : m.bodies().subList(1, m.bodies().size())) {
            out.printf("    %-14s mass %8.4f kg  com %s%n", b.name(), b.mass(),
                    java.util.Arrays.toString(b.massCenter()));
        }
        if (!m.muscles().isEmpty()) {
            out.printf("  muscles (%d): %s%n", m.muscles().size(),
                    String.join(" ", m.muscles().stream().map(ForceElement::name).toList()));
        }
        if (!m.warnings().isEmpty()) {
            out.printf("  %d warning(s):%n", m.warnings().size());
            m.warnings().forEach(w -> out.println("    " + w));
        }
    }
}
