package armid.simulate;

import armid.model.ForceElement;
import armid.model.Model;
import armid.model.mechanics.Body;
import armid.model.muscle.MillardParameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The parameters a dataset was simulated with, the "ground truth" that identification should recover: the inertial
 * properties of every body (OpenSim's mass, centre of mass and inertia about it, body frame), the five
 * musculotendon parameters of every simulated muscle, and the five parameters shared by all muscles (activation and
 * deactivation time constants, eq. 18; EMG filter coefficients c1, c2 and electromechanical delay t_d, eq. 19–21).
 *
 * <p>Either the model's own values ({@link #template}) or a perturbed "subject" ({@link #perturbed}): the bones the
 * paper identifies (humerus, ulna, radius) and every simulated muscle's five parameters are scaled by independent
 * factors 1 + 0.1·N(0, 1), clipped to [0.7, 1.3], so that identification can be tested on a subject that is not the
 * template. Zero pennation stays zero (BIClong, BICshort, BRA, BRD). A perturbed inertia that is not physically
 * realisable (a principal moment not positive or the triangle inequality broken) is drawn again.
 *
 * <p>The shared EMG-filter values (c1 = −0.5, c2 = −0.3, t_d = 20 ms) are within the ranges of Lloyd and Besier
 * (2003), the paper's ref. [49]: |c1|, |c2| &lt; 1 with real poles (negative c give a smooth, non-overshooting
 * low-pass, so EMG in [0, 1] gives excitation in [0, 1]), and an electromechanical delay of 10–100 ms. The time
 * constants are OpenSim's defaults for Millard muscles (t_act = 10 ms, t_de = 40 ms), which the model file uses.
 * c1 and c2 act per sample, so they belong with the sample rate of the dataset.
 */
public final class GroundTruth {
    /** The bodies whose inertial parameters the paper identifies. */
    public static final List<String> IDENTIFIED_BODIES = List.of("humerus", "ulna", "radius");
    /** Default c1 of eq. 20. */
    public static final double DEFAULT_C1 = -0.5;
    /** Default c2 of eq. 20. */
    public static final double DEFAULT_C2 = -0.3;
    /** Default electromechanical delay t_d (s). */
    public static final double DEFAULT_DELAY = 0.020;

    /** The five musculotendon parameters of one muscle, named as in OpenSim. */
    public record MuscleValues(double maxIsometricForce, double optimalFiberLength, double maxContractionVelocity,
            double pennationAngleAtOptimal, double tendonSlackLength) {
    }

    /** The parameters shared by all muscles. */
    public record Shared(double activationTimeConstant, double deactivationTimeConstant, double c1, double c2,
            double delay) {
    }

    private final List<Body> bodies;
    private final Map<String, MuscleValues> muscles;
    private final Shared shared;
    private final Long subjectSeed;

    public GroundTruth(List<Body> bodies, Map<String, MuscleValues> muscles, Shared shared, Long subjectSeed) {
        this.bodies = List.copyOf(bodies);
        this.muscles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(muscles));
        this.shared = shared;
        this.subjectSeed = subjectSeed;
    }

    /** The model's own values for the given muscles, with the default shared parameters. */
    public static GroundTruth template(Model model, List<String> muscleNames) {
        Map<String, MuscleValues> ms = new LinkedHashMap<>();
        double tAct = Double.NaN;
        double tDe = Double.NaN;
        for (String name : muscleNames) {
            MillardParameters p = parameters(model, name);
            ms.put(name, new MuscleValues(p.maxIsometricForce(), p.optimalFiberLength(), p.maxContractionVelocity(),
                    p.pennationAngleAtOptimal(), p.tendonSlackLength()));
            if (Double.isNaN(tAct)) {
                tAct = p.activationTimeConstant();
                tDe = p.deactivationTimeConstant();
            } else if (tAct != p.activationTimeConstant() || tDe != p.deactivationTimeConstant()) {
                throw new IllegalArgumentException("muscle " + name + " has other activation time constants than "
                        + muscleNames.get(0) + "; the model shares them between all muscles (eq. 18)");
            }
        }
        List<Body> bs = new ArrayList<>(model.bodies().subList(1, model.bodies().size()));
        return new GroundTruth(bs, ms, new Shared(tAct, tDe, DEFAULT_C1, DEFAULT_C2, DEFAULT_DELAY), null);
    }

    /** A subject: this ground truth with its identified parameters scaled by seeded random factors. */
    public GroundTruth perturbed(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Body> bs = new ArrayList<>();
        for (Body b : bodies) {
            if (!IDENTIFIED_BODIES.contains(b.name())) {
                bs.add(b);
                continue;
            }
            double mass = b.mass() * factor(rnd);
            double[] com = b.massCenter().clone();
            for (int i = 0; i < 3; i++) {
                com[i] *= factor(rnd);
            }
            double[] inertia;
            int tries = 0;
            do {
                inertia = b.inertia().clone();
                for (int i = 0; i < 6; i++) {
                    inertia[i] *= factor(rnd);
                }
                if (++tries > 1000) {
                    throw new IllegalStateException("cannot draw a realisable inertia for body " + b.name());
                }
            } while (!realisable(inertia));
            bs.add(new Body(b.name(), mass, com, inertia));
        }
        Map<String, MuscleValues> ms = new LinkedHashMap<>();
        for (var e : muscles.entrySet()) {
            MuscleValues v = e.getValue();
            ms.put(e.getKey(), new MuscleValues(v.maxIsometricForce() * factor(rnd),
                    v.optimalFiberLength() * factor(rnd), v.maxContractionVelocity() * factor(rnd),
                    v.pennationAngleAtOptimal() * factor(rnd), v.tendonSlackLength() * factor(rnd)));
        }
        Shared s = new Shared(shared.activationTimeConstant() * factor(rnd),
                shared.deactivationTimeConstant() * factor(rnd), shared.c1() * factor(rnd),
                shared.c2() * factor(rnd), shared.delay() * factor(rnd));
        return new GroundTruth(bs, ms, s, seed);
    }

    private static double factor(SplittableRandom rnd) {
        double z = gaussian(rnd);
        return Math.max(0.7, Math.min(1.3, 1 + 0.1 * z));
    }

    /** A standard normal deviate by Box–Muller (the same on every JVM, unlike a library's choice). */
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** True if the inertia [xx yy zz xy xz yz] is positive definite and its principal moments obey the triangle rule. */
    static boolean realisable(double[] i) {
        var m = new org.hipparchus.linear.Array2DRowRealMatrix(new double[][] {
            {i[0], i[3], i[4]}, {i[3], i[1], i[5]}, {i[4], i[5], i[2]}});
        double[] ev = new org.hipparchus.linear.EigenDecompositionSymmetric(m).getEigenvalues();
        for (double e : ev) {
            if (!(e > 0)) {
                return false;
            }
        }
        return ev[0] <= ev[1] + ev[2] && ev[1] <= ev[0] + ev[2] && ev[2] <= ev[0] + ev[1];
    }

    static MillardParameters parameters(Model model, String muscle) {
        ForceElement f = model.force(muscle);
        if (f == null) {
            throw new IllegalArgumentException("model " + model.name() + " has no muscle named '" + muscle + "'");
        }
        return MillardParameters.fromForceElement(f);
    }

    /** The model with this ground truth's body inertial properties. */
    public Model applyTo(Model model) {
        List<Body> out = new ArrayList<>();
        for (Body b : model.bodies()) {
            Body mine = body(b.name());
            out.add(mine == null ? b : mine);
        }
        return new Model(model.name(), model.source(), model.gravity(), out, model.joints(), model.coordinates(),
                model.couplers(), model.forces(), model.wrapObjects(), model.warnings());
    }

    /** The model's parameters of a muscle with this ground truth's five values and shared time constants. */
    public MillardParameters muscleParameters(Model model, String muscle) {
        MillardParameters p = parameters(model, muscle);
        MuscleValues v = muscles.get(muscle);
        if (v == null) {
            return p;
        }
        return p.withArchitecture(v.maxIsometricForce(), v.optimalFiberLength(), v.tendonSlackLength(),
                        v.pennationAngleAtOptimal(), v.maxContractionVelocity())
                .withTimeConstants(shared.activationTimeConstant(), shared.deactivationTimeConstant());
    }

    public Body body(String name) {
        for (Body b : bodies) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        return null;
    }

    public List<Body> bodies() {
        return bodies;
    }

    public Map<String, MuscleValues> muscles() {
        return muscles;
    }

    public Shared shared() {
        return shared;
    }

    /** The seed of the subject's perturbation, or null for the model's own values. */
    public Long subjectSeed() {
        return subjectSeed;
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** JSON with OpenSim's property names (SI units; max_contraction_velocity in optimal fibre lengths per s). */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("source", subjectSeed == null ? "model" : "perturbed subject");
        if (subjectSeed != null) {
            root.put("subject_seed", subjectSeed);
            root.put("perturbation", "identified bodies (humerus, ulna, radius) and every muscle parameter scaled "
                    + "by 1 + 0.1 N(0,1), clipped to [0.7, 1.3]; shared parameters likewise");
        }
        ObjectNode bs = root.putObject("bodies");
        for (Body b : bodies) {
            ObjectNode o = bs.putObject(b.name());
            o.put("mass", b.mass());
            ArrayNode c = o.putArray("mass_center");
            for (double v : b.massCenter()) {
                c.add(v);
            }
            ArrayNode in = o.putArray("inertia");
            for (double v : b.inertia()) {
                in.add(v);
            }
        }
        ObjectNode ms = root.putObject("muscles");
        for (var e : muscles.entrySet()) {
            MuscleValues v = e.getValue();
            ObjectNode o = ms.putObject(e.getKey());
            o.put("max_isometric_force", v.maxIsometricForce());
            o.put("optimal_fiber_length", v.optimalFiberLength());
            o.put("max_contraction_velocity", v.maxContractionVelocity());
            o.put("pennation_angle_at_optimal", v.pennationAngleAtOptimal());
            o.put("tendon_slack_length", v.tendonSlackLength());
        }
        ObjectNode s = root.putObject("shared");
        s.put("activation_time_constant", shared.activationTimeConstant());
        s.put("deactivation_time_constant", shared.deactivationTimeConstant());
        s.put("c1", shared.c1());
        s.put("c2", shared.c2());
        s.put("electromechanical_delay", shared.delay());
        return root;
    }

    public static GroundTruth fromJson(JsonNode root) {
        List<Body> bs = new ArrayList<>();
        root.get("bodies").fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            bs.add(new Body(e.getKey(), o.get("mass").asDouble(), doubles(o.get("mass_center")),
                    doubles(o.get("inertia"))));
        });
        Map<String, MuscleValues> ms = new LinkedHashMap<>();
        root.get("muscles").fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            ms.put(e.getKey(), new MuscleValues(o.get("max_isometric_force").asDouble(),
                    o.get("optimal_fiber_length").asDouble(), o.get("max_contraction_velocity").asDouble(),
                    o.get("pennation_angle_at_optimal").asDouble(), o.get("tendon_slack_length").asDouble()));
        });
        JsonNode s = root.get("shared");
        Shared sh = new Shared(s.get("activation_time_constant").asDouble(),
                s.get("deactivation_time_constant").asDouble(), s.get("c1").asDouble(), s.get("c2").asDouble(),
                s.get("electromechanical_delay").asDouble());
        Long seed = root.has("subject_seed") ? root.get("subject_seed").asLong() : null;
        return new GroundTruth(bs, ms, sh, seed);
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
