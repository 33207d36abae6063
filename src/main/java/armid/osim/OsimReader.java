package armid.osim;

import armid.model.ForceElement;
import armid.model.Model;
import armid.model.function.Function1;
import armid.model.mechanics.Body;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.CoordinateCoupler;
import armid.model.mechanics.Joint;
import armid.model.mechanics.TransformAxis;
import armid.model.path.WrapObjectDef;
import armid.numerics.Transform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenSim model file ({@code .osim}, document versions from 1.9 to 4.x) into a {@link Model}: ground, bodies,
 * PhysicalOffsetFrames, joints with their coordinates, CoordinateCouplerConstraints, gravity and the ForceSet. One small
 * reader per element kind does the work; this class ties frames, bodies and coordinates together. Files before 4.0
 * nest each joint inside its child body with {@code location_in_parent}/{@code orientation_in_parent} and
 * {@code location}/{@code orientation}, which become the parent and child offset frames as OpenSim's own file update
 * does.
 */
public final class OsimReader {
    private static final Set<String> MODEL_KNOWN = Set.of("credits", "publications", "length_units", "force_units",
            "assembly_accuracy", "gravity", "Ground", "BodySet", "JointSet", "ConstraintSet", "ForceSet", "MarkerSet",
            "ContactGeometrySet", "ControllerSet", "ComponentSet", "ProbeSet", "defaults", "ModelVisualPreferences",
            "validatedForces", "DynamicsEngine", "SimbodyEngine", "AnalysisSet", "ground", "Appearance",
            "FrameGeometry", "attached_geometry", "components", "WrapObjectSet");

    private OsimReader() {
    }

    public static Model read(Path file) throws OsimException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new OsimException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static Model read(InputStream in, String fileName) throws OsimException {
        XmlElement root = XmlParser.parse(in, fileName);
        XmlElement modelElement;
        int version;
        if (root.name().equals("OpenSimDocument")) {
            String v = root.attribute("Version");
            try {
                version = v == null ? 40000 : Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new OsimException(root.where(fileName) + ": OpenSimDocument Version '" + v + "' is not a number");
            }
            modelElement = root.child("Model");
        } else {
            version = 10500;
            modelElement = root.name().equals("Model") ? root : null;
        }
        if (modelElement == null) {
            throw new OsimException(root.where(fileName) + ": no <Model> element in <" + root.name() + ">");
        }
        ReadContext ctx = new ReadContext(fileName, version);
        return new OsimReader.Builder(ctx, modelElement).build();
    }

    private static final class Builder {
        private final ReadContext ctx;
        private final XmlElement model;
        private final List<Body> bodies = new ArrayList<>();
        private final Map<String, Integer> bodyIndex = new HashMap<>();
        /** Offset frames by name: parent frame path and transform. */
        private final Map<String, XmlElement> globalFrames = new LinkedHashMap<>();

        Builder(ReadContext ctx, XmlElement model) {
            this.ctx = ctx;
            this.model = model;
        }

        Model build() throws OsimException {
            for (XmlElement c : model.children()) {
                if (!MODEL_KNOWN.contains(c.name())) {
                    ctx.warn(c, "unknown model element, ignored");
                }
            }
            double[] gravity = ctx.vector(model, "gravity", 3, new double[] {0, -9.80665, 0});
            List<JointReader.JointSpec> specs = new ArrayList<>();
            readBodies(specs);
            readJointSet(specs);
            List<Joint> joints = new ArrayList<>();
            List<Coordinate> coordinates = new ArrayList<>();
            Map<String, Integer> coordinateIndex = new HashMap<>();
            for (JointReader.JointSpec spec : sortTopologically(specs)) {
                joints.add(resolve(spec, coordinates, coordinateIndex));
            }
            List<CoordinateCoupler> couplers = readConstraints(coordinateIndex);
            List<WrapObjectDef> wraps = readWrapObjects();
            List<ForceElement> forces = readForces(coordinateIndex);
            for (String ignored : List.of("MarkerSet", "ContactGeometrySet", "ControllerSet", "ProbeSet")) {
                XmlElement set = model.child(ignored);
                if (set != null && set.child("objects") != null && !set.child("objects").children().isEmpty()) {
                    ctx.warn(set, set.child("objects").children().size() + " element(s) read but not used by armid");
                }
            }
            return new Model(model.objectName(), ctx.file, gravity, bodies, joints, coordinates, couplers, forces,
                    wraps, ctx.warnings);
        }

        private void addBody(Body b, XmlElement e) throws OsimException {
            if (bodyIndex.containsKey(b.name())) {
                throw ctx.error(e, "duplicate body name '" + b.name() + "'");
            }
            bodyIndex.put(b.name(), bodies.size());
            bodies.add(b);
        }

        private void readBodies(List<JointReader.JointSpec> legacyJoints) throws OsimException {
            XmlElement ground = model.child("Ground");
            if (!ctx.legacy() || ground != null) {
                addBody(Body.ground(ground == null ? "ground" : nameOr(ground, "ground")),
                        ground == null ? model : ground);
                if (ground != null) {
                    collectFrames(ground);
                }
            }
            XmlElement set = model.child("BodySet");
            if (set == null) {
                throw ctx.error(model, "no <BodySet>");
            }
            for (XmlElement e : objects(set)) {
                if (!e.name().equals("Body")) {
                    ctx.warn(e, "unknown element in BodySet, ignored");
                    continue;
                }
                if (ctx.legacy() && bodies.isEmpty()) {
                    // Before 4.0 the first body is ground.
                    if (!e.objectName().equals("ground")) {
                        throw ctx.error(e, "the first body of a pre-4.0 model must be ground");
                    }
                    addBody(Body.ground("ground"), e);
                    continue;
                }
                addBody(BodyReader.read(ctx, e), e);
                collectFrames(e);
                if (ctx.legacy()) {
                    XmlElement holder = e.child("Joint");
                    if (holder != null) {
                        for (XmlElement j : holder.children()) {
                            legacyJoints.add(JointReader.read(ctx, j, e.objectName()));
                        }
                    }
                }
            }
        }

        private static String nameOr(XmlElement e, String fallback) {
            return e.objectName().isEmpty() ? fallback : e.objectName();
        }

        private void collectFrames(XmlElement owner) {
            for (String holder : List.of("components", "frames")) {
                XmlElement h = owner.child(holder);
                if (h != null) {
                    for (XmlElement f : h.children("PhysicalOffsetFrame")) {
                        globalFrames.putIfAbsent(f.objectName(), f);
                    }
                }
            }
        }

        private void readJointSet(List<JointReader.JointSpec> specs) throws OsimException {
            XmlElement set = model.child("JointSet");
            if (set == null) {
                return;
            }
            for (XmlElement e : objects(set)) {
                if (!JointReader.TYPES.contains(e.name())) {
                    throw ctx.error(e, "joint type " + e.name() + " is not supported");
                }
                specs.add(JointReader.read(ctx, e, null));
                collectFrames(e);
            }
        }

        private List<XmlElement> objects(XmlElement set) {
            XmlElement o = set.child("objects");
            return o == null ? List.of() : o.children();
        }

        /** Orders joints so that each parent body is connected to ground before its children. */
        private List<JointReader.JointSpec> sortTopologically(List<JointReader.JointSpec> specs) throws OsimException {
            Map<JointReader.JointSpec, int[]> ends = new LinkedHashMap<>();
            for (JointReader.JointSpec s : specs) {
                ends.put(s, new int[] {frameBody(s, true), frameBody(s, false)});
            }
            List<JointReader.JointSpec> out = new ArrayList<>();
            boolean[] connected = new boolean[bodies.size()];
            connected[0] = true;
            List<JointReader.JointSpec> pending = new ArrayList<>(specs);
            while (!pending.isEmpty()) {
                boolean progress = false;
                for (var it = pending.iterator(); it.hasNext();) {
                    JointReader.JointSpec s = it.next();
                    int[] pc = ends.get(s);
                    if (connected[pc[0]]) {
                        if (connected[pc[1]]) {
                            throw ctx.error(s.element(), "child body '" + bodies.get(pc[1]).name()
                                    + "' is already connected: closed kinematic loops are not supported");
                        }
                        connected[pc[1]] = true;
                        out.add(s);
                        it.remove();
                        progress = true;
                    }
                }
                if (!progress) {
                    JointReader.JointSpec s = pending.get(0);
                    throw ctx.error(s.element(), "parent body '" + bodies.get(ends.get(s)[0]).name()
                            + "' is never connected to ground (or the joint is reversed)");
                }
            }
            for (int b = 1; b < bodies.size(); b++) {
                if (!connected[b]) {
                    throw new OsimException(ctx.file + ": body '" + bodies.get(b).name() + "' has no joint");
                }
            }
            return out;
        }

        private int frameBody(JointReader.JointSpec s, boolean parent) throws OsimException {
            return resolveFrame(s, parent ? s.parentFrame() : s.childFrame(), 0).body;
        }

        private record FrameRef(int body, Transform offset) {
        }

        private FrameRef resolveFrame(JointReader.JointSpec s, String path, int depth) throws OsimException {
            if (depth > 20) {
                throw ctx.error(s.element(), "offset frames nest too deeply (cycle?) at '" + path + "'");
            }
            String p = path.trim();
            String last = p.contains("/") ? p.substring(p.lastIndexOf('/') + 1) : p;
            if (ctx.legacy() && s.legacyParentLocation() != null) {
                Integer b = bodyIndex.get(last);
                if (b == null) {
                    throw ctx.error(s.element(), "unknown body '" + path + "'");
                }
                return new FrameRef(b, Transform.IDENTITY);
            }
            // A frame of this joint first, then a body (or ground), then an offset frame declared elsewhere.
            XmlElement frames = s.element().child("frames");
            XmlElement frame = null;
            if (frames != null && !p.startsWith("/bodyset") && !p.equals("/ground")) {
                for (XmlElement f : frames.children("PhysicalOffsetFrame")) {
                    if (f.objectName().equals(last)) {
                        frame = f;
                    }
                }
            }
            if (frame == null) {
                Integer b = bodyIndex.get(last);
                if (b != null) {
                    return new FrameRef(b, Transform.IDENTITY);
                }
                frame = globalFrames.get(last);
            }
            if (frame == null) {
                throw ctx.error(s.element(), "cannot find frame '" + path + "'");
            }
            String parent = frame.childText("socket_parent");
            if (parent == null) {
                throw ctx.error(frame, "missing <socket_parent>");
            }
            FrameRef base = resolveFrame(s, parent, depth + 1);
            Transform local = Transform.fromTranslationXYZ(ctx.vector(frame, "translation", 3, new double[3]),
                    ctx.vector(frame, "orientation", 3, new double[3]));
            return new FrameRef(base.body, base.offset.compose(local));
        }

        private Joint resolve(JointReader.JointSpec s, List<Coordinate> coordinates, Map<String, Integer> index)
                throws OsimException {
            FrameRef parent = resolveFrame(s, s.parentFrame(), 0);
            FrameRef child = resolveFrame(s, s.childFrame(), 0);
            Transform parentOffset = parent.offset;
            Transform childOffset = child.offset;
            if (s.legacyParentLocation() != null) {
                parentOffset = Transform.fromTranslationXYZ(s.legacyParentLocation(), s.legacyParentOrientation());
                childOffset = Transform.fromTranslationXYZ(s.legacyChildLocation(), s.legacyChildOrientation());
            }
            for (int i = 0; i < s.coordinates().size(); i++) {
                XmlElement c = s.coordinates().get(i);
                if (index.containsKey(c.objectName())) {
                    throw ctx.error(c, "duplicate coordinate name '" + c.objectName() + "'");
                }
                index.put(c.objectName(), coordinates.size());
                coordinates.add(CoordinateReader.read(ctx, c, s.name(), s.motionTypes().get(i)));
            }
            List<TransformAxis> axes = new ArrayList<>();
            for (JointReader.AxisSpec a : s.axes()) {
                int ci = a.coordinate() == null ? -1 : index.get(a.coordinate());
                try {
                    axes.add(new TransformAxis(a.axis(), a.function(), ci));
                } catch (IllegalArgumentException ex) {
                    throw ctx.error(s.element(), ex.getMessage());
                }
            }
            return new Joint(s.name(), s.type(), parent.body, parentOffset, child.body, childOffset, axes);
        }

        private List<CoordinateCoupler> readConstraints(Map<String, Integer> index) throws OsimException {
            List<CoordinateCoupler> out = new ArrayList<>();
            XmlElement set = model.child("ConstraintSet");
            if (set == null) {
                return out;
            }
            for (XmlElement e : objects(set)) {
                if (!e.name().equals("CoordinateCouplerConstraint")) {
                    ctx.warn(e, "constraint type " + e.name() + " is not supported; it is NOT enforced");
                    continue;
                }
                boolean enforced = e.child("isEnforced") != null ? ctx.bool(e, "isEnforced", true)
                        : !ctx.bool(e, "isDisabled", false);
                String dep = e.childText("dependent_coordinate_name");
                String ind = e.childText("independent_coordinate_names");
                if (dep == null || ind == null || ind.isEmpty()) {
                    throw ctx.error(e, "needs <dependent_coordinate_name> and <independent_coordinate_names>");
                }
                if (ind.trim().split("\\s+").length != 1) {
                    throw ctx.error(e, "couplers of several independent coordinates are not supported ('" + ind + "')");
                }
                Integer di = index.get(dep.trim());
                Integer ii = index.get(ind.trim());
                if (di == null || ii == null) {
                    throw ctx.error(e, "unknown coordinate '" + (di == null ? dep : ind) + "'");
                }
                Function1 f = FunctionReader.readIn(ctx, e.child("coupled_coordinates_function") != null
                        ? e.child("coupled_coordinates_function") : e, null);
                if (f == null) {
                    throw ctx.error(e, "missing <coupled_coordinates_function>");
                }
                out.add(new CoordinateCoupler(e.objectName(), di, ii, f, ctx.scalar(e, "scale_factor", 1), enforced));
            }
            return out;
        }

        private List<WrapObjectDef> readWrapObjects() throws OsimException {
            List<WrapObjectDef> out = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            XmlElement ground = model.child("Ground");
            if (ground != null) {
                PathReader.readWrapObjects(ctx, ground, 0, out, seen);
            }
            XmlElement set = model.child("BodySet");
            for (XmlElement e : objects(set)) {
                Integer b = bodyIndex.get(e.objectName());
                if (e.name().equals("Body") && b != null) {
                    PathReader.readWrapObjects(ctx, e, b, out, seen);
                }
            }
            return out;
        }

        /** A body, or an offset frame declared anywhere, as a body and a location in it. */
        private PathReader.Located locate(XmlElement where, String path, double[] location) throws OsimException {
            String p = path.trim();
            String last = p.contains("/") ? p.substring(p.lastIndexOf('/') + 1) : p;
            Integer b = bodyIndex.get(last);
            if (b != null) {
                return new PathReader.Located(b, location == null ? null : location.clone());
            }
            Transform offset = Transform.IDENTITY;
            String current = last;
            for (int depth = 0; depth < 20; depth++) {
                XmlElement frame = globalFrames.get(current);
                if (frame == null) {
                    throw ctx.error(where, "cannot find frame '" + path + "'");
                }
                Transform local = Transform.fromTranslationXYZ(ctx.vector(frame, "translation", 3, new double[3]),
                        ctx.vector(frame, "orientation", 3, new double[3]));
                offset = local.compose(offset);
                String parent = frame.childText("socket_parent");
                if (parent == null) {
                    throw ctx.error(frame, "missing <socket_parent>");
                }
                String pl = parent.contains("/") ? parent.substring(parent.lastIndexOf('/') + 1) : parent;
                Integer pb = bodyIndex.get(pl);
                if (pb != null) {
                    if (location == null) {
                        if (!offset.isIdentity()) {
                            throw ctx.error(where, "a moving path point on an offset frame is not supported");
                        }
                        return new PathReader.Located(pb, null);
                    }
                    double[] x = new double[3];
                    armid.numerics.Vec3.mul(offset.rotation(), 0, location, 0, x, 0);
                    for (int i = 0; i < 3; i++) {
                        x[i] += offset.position()[i];
                    }
                    return new PathReader.Located(pb, x);
                }
                current = pl;
            }
            throw ctx.error(where, "offset frames nest too deeply at '" + path + "'");
        }

        private List<ForceElement> readForces(Map<String, Integer> coordinateIndex) throws OsimException {
            List<ForceElement> out = new ArrayList<>();
            XmlElement set = model.child("ForceSet");
            if (set == null) {
                return out;
            }
            for (XmlElement e : objects(set)) {
                Map<String, String> props = new LinkedHashMap<>();
                Map<String, Map<String, String>> components = new LinkedHashMap<>();
                for (XmlElement c : e.children()) {
                    if (c.children().isEmpty()) {
                        props.put(c.name(), c.text());
                    } else if (!c.name().equals("GeometryPath") && !c.name().startsWith("Muscle")) {
                        Map<String, String> sub = new LinkedHashMap<>();
                        for (XmlElement leaf : c.children()) {
                            if (leaf.children().isEmpty()) {
                                sub.put(leaf.name(), leaf.text());
                            }
                        }
                        components.put(c.name(), sub);
                    }
                }
                armid.model.path.GeometryPathDef path = PathReader.read(ctx, e, this::locate,
                        name -> coordinateIndex.getOrDefault(name, -1));
                out.add(new ForceElement(e.objectName(), e.name(), props, components, path));
            }
            return out;
        }
    }
}
