package armid.osim;

import armid.model.function.Constant;
import armid.model.function.Function1;
import armid.model.function.LinearFunction;
import armid.model.mechanics.MotionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a joint of any supported type into a SpatialTransform-like description (three rotation axes then three
 * translation axes, each with a function of at most one coordinate). The typed joints are written as OpenSim
 * defines their motion: PinJoint rotates about the common Z axis, SliderJoint translates along X, UniversalJoint
 * rotates about X then the new Y, GimbalJoint about X, Y, Z body-fixed, PlanarJoint rotates about Z and translates in
 * X–Y, FreeJoint and BallJoint rotate body-fixed X-Y-Z (FreeJoint then translates along the parent's axes).
 *
 * <p>BallJoint and FreeJoint: OpenSim's generalized speeds for these are the angular velocity (quaternion mobilizer),
 * while armid's are the Euler-angle rates; positions agree, generalized forces differ by the Euler kinematics map.
 */
final class JointReader {
    static final Set<String> TYPES = Set.of("CustomJoint", "PinJoint", "WeldJoint", "SliderJoint", "UniversalJoint",
            "GimbalJoint", "BallJoint", "FreeJoint", "PlanarJoint");
    private static final Set<String> KNOWN = Set.of("socket_parent_frame", "socket_child_frame", "coordinates",
            "frames", "SpatialTransform", "parent_body", "location_in_parent", "orientation_in_parent", "location",
            "orientation", "CoordinateSet", "reverse", "socket_parent", "socket_child");

    /** One axis as read: unit direction, function, coordinate name (null for none). */
    record AxisSpec(double[] axis, Function1 function, String coordinate) {
    }

    /** A joint as read, before its frames and coordinates are resolved against the model. */
    record JointSpec(XmlElement element, String name, String type, String parentFrame, String childFrame,
            List<XmlElement> coordinates, List<AxisSpec> axes, List<MotionType> motionTypes,
            double[] legacyParentLocation, double[] legacyParentOrientation, double[] legacyChildLocation,
            double[] legacyChildOrientation) {
    }

    private JointReader() {
    }

    /**
     * Reads a 4.x joint (sockets name its frames) or, when {@code legacyChild} is not null, a pre-4.0 joint nested in
     * the body {@code legacyChild}.
     */
    static JointSpec read(ReadContext ctx, XmlElement e, String legacyChild) throws OsimException {
        String type = e.name();
        if (!TYPES.contains(type)) {
            throw ctx.error(e, "joint type " + type + " is not supported (supported: " + String.join(", ",
                    new java.util.TreeSet<>(TYPES)) + ")");
        }
        if (ctx.bool(e, "reverse", false)) {
            throw ctx.error(e, "reversed joints are not supported");
        }
        List<XmlElement> coords = new ArrayList<>();
        XmlElement set = legacyChild == null ? e.child("coordinates") : e.child("CoordinateSet");
        if (set != null) {
            XmlElement scope = set.child("objects") != null ? set.child("objects") : set;
            coords.addAll(scope.children("Coordinate"));
        }
        List<String> names = new ArrayList<>();
        for (XmlElement c : coords) {
            names.add(c.objectName());
        }
        List<AxisSpec> axes = new ArrayList<>();
        if (type.equals("CustomJoint")) {
            readSpatialTransform(ctx, e, axes);
        } else {
            typedAxes(ctx, e, type, names, axes);
        }
        // OpenSim 4.5 orders a CustomJoint's coordinates as they first appear in its SpatialTransform.
        if (type.equals("CustomJoint")) {
            List<XmlElement> ordered = new ArrayList<>();
            for (AxisSpec a : axes) {
                if (a.coordinate != null) {
                    XmlElement c = find(coords, a.coordinate);
                    if (c == null) {
                        throw ctx.error(e, "transform axis uses coordinate '" + a.coordinate
                                + "' that the joint does not declare");
                    }
                    if (!ordered.contains(c)) {
                        ordered.add(c);
                    }
                }
            }
            for (XmlElement c : coords) {
                if (!ordered.contains(c)) {
                    ctx.warn(c, "coordinate of joint '" + e.objectName() + "' is used by no transform axis; ignored");
                }
            }
            coords = ordered;
        }
        List<MotionType> motion = new ArrayList<>();
        for (XmlElement c : coords) {
            motion.add(motionType(c.objectName(), axes, type));
        }
        for (XmlElement c : e.children()) {
            if (!KNOWN.contains(c.name())) {
                ctx.warn(c, "unknown element in joint '" + e.objectName() + "', ignored");
            }
        }
        if (legacyChild == null) {
            String parent = e.childText("socket_parent_frame");
            String child = e.childText("socket_child_frame");
            if (parent == null || child == null) {
                throw ctx.error(e, "missing <socket_parent_frame> or <socket_child_frame>");
            }
            return new JointSpec(e, e.objectName(), type, parent, child, coords, axes, motion, null, null, null, null);
        }
        String parent = e.childText("parent_body");
        if (parent == null || parent.isEmpty()) {
            throw ctx.error(e, "missing <parent_body>");
        }
        return new JointSpec(e, e.objectName(), type, parent, legacyChild, coords, axes, motion,
                ctx.vector(e, "location_in_parent", 3, new double[3]),
                ctx.vector(e, "orientation_in_parent", 3, new double[3]),
                ctx.vector(e, "location", 3, new double[3]), ctx.vector(e, "orientation", 3, new double[3]));
    }

    private static XmlElement find(List<XmlElement> coords, String name) {
        for (XmlElement c : coords) {
            if (c.objectName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static void readSpatialTransform(ReadContext ctx, XmlElement joint, List<AxisSpec> axes)
            throws OsimException {
        XmlElement st = joint.child("SpatialTransform");
        if (st == null) {
            throw ctx.error(joint, "CustomJoint without <SpatialTransform>");
        }
        String[] order = {"rotation1", "rotation2", "rotation3", "translation1", "translation2", "translation3"};
        double[][] defaults = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int i = 0; i < 6; i++) {
            XmlElement ax = null;
            for (XmlElement c : st.children("TransformAxis")) {
                if (c.objectName().equals(order[i])) {
                    ax = c;
                }
            }
            if (ax == null) {
                List<XmlElement> all = st.children("TransformAxis");
                if (all.size() == 6 && all.get(i).objectName().isEmpty()) {
                    ax = all.get(i);
                }
            }
            if (ax == null) {
                axes.add(new AxisSpec(defaults[i], new Constant(0), null));
                continue;
            }
            double[] dir = ctx.vector(ax, "axis", 3, defaults[i]);
            String coordText = ax.childText("coordinates");
            String[] cs = coordText == null || coordText.isEmpty() ? new String[0] : coordText.split("\\s+");
            if (cs.length > 1) {
                throw ctx.error(ax, "functions of several coordinates are not supported (" + coordText + ")");
            }
            Function1 f = FunctionReader.readIn(ctx, ax, "function");
            if (f == null) {
                f = cs.length == 1 ? new LinearFunction(1, 0) : new Constant(0);
            }
            axes.add(new AxisSpec(dir, f, cs.length == 1 ? cs[0] : null));
        }
    }

    private static void typedAxes(ReadContext ctx, XmlElement e, String type, List<String> names,
            List<AxisSpec> axes) throws OsimException {
        double[] x = {1, 0, 0};
        double[] y = {0, 1, 0};
        double[] z = {0, 0, 1};
        int needed = switch (type) {
            case "WeldJoint" -> 0;
            case "PinJoint", "SliderJoint" -> 1;
            case "UniversalJoint" -> 2;
            case "GimbalJoint", "BallJoint", "PlanarJoint" -> 3;
            default -> 6; // FreeJoint
        };
        if (names.size() != needed) {
            throw ctx.error(e, type + " needs " + needed + " coordinates, found " + names.size());
        }
        String[] rot = new String[3];
        String[] tr = new String[3];
        switch (type) {
            case "PinJoint" -> rot[2] = names.get(0);
            case "SliderJoint" -> tr[0] = names.get(0);
            case "UniversalJoint" -> {
                rot[0] = names.get(0);
                rot[1] = names.get(1);
            }
            case "GimbalJoint", "BallJoint" -> {
                rot[0] = names.get(0);
                rot[1] = names.get(1);
                rot[2] = names.get(2);
            }
            case "PlanarJoint" -> {
                rot[2] = names.get(0);
                tr[0] = names.get(1);
                tr[1] = names.get(2);
            }
            case "FreeJoint" -> {
                for (int i = 0; i < 3; i++) {
                    rot[i] = names.get(i);
                    tr[i] = names.get(3 + i);
                }
            }
            default -> {
            }
        }
        double[][] dirs = {x, y, z};
        for (int i = 0; i < 3; i++) {
            axes.add(axis(dirs[i], rot[i]));
        }
        for (int i = 0; i < 3; i++) {
            axes.add(axis(dirs[i], tr[i]));
        }
    }

    private static AxisSpec axis(double[] dir, String coordinate) {
        return new AxisSpec(dir, coordinate == null ? new Constant(0) : new LinearFunction(1, 0), coordinate);
    }

    /** OpenSim's rule: pure rotation or translation when driven by a LinearFunction of slope ±1, else coupled. */
    private static MotionType motionType(String coordinate, List<AxisSpec> axes, String type) {
        MotionType mt = null;
        for (int j = 0; j < 6; j++) {
            AxisSpec a = axes.get(j);
            if (!coordinate.equals(a.coordinate)) {
                continue;
            }
            if (a.function instanceof LinearFunction lf && (lf.slope() == 1.0 || lf.slope() == -1.0)) {
                mt = j < 3 ? MotionType.ROTATIONAL : MotionType.TRANSLATIONAL;
            } else if (mt == null) {
                mt = MotionType.COUPLED;
            }
        }
        return mt == null ? MotionType.COUPLED : mt;
    }
}
