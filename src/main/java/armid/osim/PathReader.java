package armid.osim;

import armid.model.function.Constant;
import armid.model.function.Function1;
import armid.model.path.GeometryPathDef;
import armid.model.path.PathPointDef;
import armid.model.path.PathWrapDef;
import armid.model.path.WrapObjectDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Reads GeometryPaths (4.x: {@code socket_parent_frame}, {@code socket_coordinate}; 3.x: {@code body},
 * {@code coordinate}; 1.9: MusclePointSet/MuscleWrapSet with MusclePoint, MuscleViaPoint, MovingMusclePoint) and the
 * wrap objects of bodies.
 */
final class PathReader {
    /** Resolves a frame path (a body or an offset frame) to a body index and the point's offset in that body. */
    interface FrameLookup {
        Located locate(XmlElement where, String framePath, double[] location) throws OsimException;
    }

    record Located(int body, double[] location) {
    }

    private PathReader() {
    }

    static GeometryPathDef read(ReadContext ctx, XmlElement force, FrameLookup frames,
            ToIntFunction<String> coordinate) throws OsimException {
        XmlElement gp = force.child("GeometryPath");
        XmlElement pointSet;
        XmlElement wrapSet;
        if (gp != null) {
            pointSet = gp.child("PathPointSet");
            wrapSet = gp.child("PathWrapSet");
        } else {
            pointSet = force.child("MusclePointSet");
            wrapSet = force.child("MuscleWrapSet");
        }
        if (pointSet == null) {
            return null;
        }
        List<PathPointDef> points = new ArrayList<>();
        for (XmlElement p : objects(pointSet)) {
            points.add(point(ctx, p, frames, coordinate));
        }
        if (points.size() < 2) {
            throw ctx.error(force, "a path needs at least two points, found " + points.size());
        }
        List<PathWrapDef> wraps = new ArrayList<>();
        if (wrapSet != null) {
            for (XmlElement w : objects(wrapSet)) {
                String obj = w.childText("wrap_object");
                if (obj == null || obj.isEmpty()) {
                    throw ctx.error(w, "missing <wrap_object>");
                }
                String method = w.childText("method");
                double[] range = ctx.vector(w, "range", 2, new double[] {-1, -1});
                wraps.add(new PathWrapDef(obj, method == null || method.isEmpty() ? "hybrid" : method,
                        (int) range[0], (int) range[1]));
            }
        }
        return new GeometryPathDef(points, wraps);
    }

    private static List<XmlElement> objects(XmlElement set) {
        XmlElement o = set.child("objects");
        return o == null ? List.of() : o.children();
    }

    private static PathPointDef point(ReadContext ctx, XmlElement p, FrameLookup frames,
            ToIntFunction<String> coordinate) throws OsimException {
        String kind = p.name();
        String frame = p.childText("socket_parent_frame");
        if (frame == null) {
            frame = p.childText("body");
        }
        if (frame == null || frame.isEmpty()) {
            throw ctx.error(p, "missing <socket_parent_frame> (or <body>)");
        }
        switch (kind) {
            case "PathPoint", "MusclePoint" -> {
                Located l = frames.locate(p, frame, ctx.vector(p, "location", 3, new double[3]));
                return PathPointDef.fixed(p.objectName(), l.body(), l.location());
            }
            case "ConditionalPathPoint", "MuscleViaPoint" -> {
                Located l = frames.locate(p, frame, ctx.vector(p, "location", 3, new double[3]));
                String c = p.childText("socket_coordinate");
                if (c == null) {
                    c = p.childText("coordinate");
                }
                int ci = coordinateIndex(ctx, p, c, coordinate);
                double[] range = ctx.vector(p, "range", 2, null);
                return PathPointDef.conditional(p.objectName(), l.body(), l.location(), ci, range[0], range[1]);
            }
            case "MovingPathPoint", "MovingMusclePoint" -> {
                Function1[] f = new Function1[3];
                int[] ci = new int[3];
                String[] axes = {"x", "y", "z"};
                String[] legacy = {"XAttachment", "YAttachment", "ZAttachment"};
                for (int k = 0; k < 3; k++) {
                    XmlElement holder = p.child(axes[k] + "_location");
                    if (holder == null) {
                        holder = p.child(legacy[k]);
                    }
                    f[k] = holder == null ? null : FunctionReader.readIn(ctx, holder, null);
                    if (f[k] == null) {
                        f[k] = new Constant(0);
                    }
                    String c = p.childText("socket_" + axes[k] + "_coordinate");
                    if (c == null) {
                        c = p.childText(axes[k] + "_coordinate");
                    }
                    ci[k] = c == null || c.isEmpty() ? -1 : coordinateIndex(ctx, p, c, coordinate);
                }
                // A moving point's location is expressed in its parent frame; only body frames are supported here.
                Located l = frames.locate(p, frame, null);
                return PathPointDef.moving(p.objectName(), l.body(), f, ci);
            }
            default -> throw ctx.error(p, "path point type " + kind + " is not supported");
        }
    }

    private static int coordinateIndex(ReadContext ctx, XmlElement p, String path, ToIntFunction<String> coordinate)
            throws OsimException {
        if (path == null || path.isEmpty()) {
            throw ctx.error(p, "missing coordinate");
        }
        String name = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
        int i = coordinate.applyAsInt(name.trim());
        if (i < 0) {
            throw ctx.error(p, "unknown coordinate '" + path + "'");
        }
        return i;
    }

    /** The wrap objects of a body (or ground). */
    static void readWrapObjects(ReadContext ctx, XmlElement body, int bodyIndex, List<WrapObjectDef> out,
            Map<String, Integer> seen) throws OsimException {
        XmlElement set = body.child("WrapObjectSet");
        if (set == null) {
            return;
        }
        for (XmlElement w : objects(set)) {
            String type = w.name();
            if (!List.of("WrapCylinder", "WrapEllipsoid", "WrapSphere", "WrapTorus").contains(type)) {
                ctx.warn(w, "wrap object type " + type + " is not supported; paths using it will not wrap");
                continue;
            }
            if (seen.containsKey(w.objectName())) {
                throw ctx.error(w, "duplicate wrap object name '" + w.objectName() + "'");
            }
            seen.put(w.objectName(), bodyIndex);
            out.add(new WrapObjectDef(w.objectName(), bodyIndex, type, ctx.vector(w, "translation", 3, new double[3]),
                    ctx.vector(w, "xyz_body_rotation", 3, new double[3]), ctx.bool(w, "active", true),
                    quadrant(w), ctx.scalar(w, "radius", 0), ctx.scalar(w, "length", 0),
                    ctx.vector(w, "dimensions", 3, new double[3]), ctx.scalar(w, "inner_radius", 0),
                    ctx.scalar(w, "outer_radius", 0)));
        }
    }

    private static String quadrant(XmlElement w) {
        String q = w.childText("quadrant");
        return q == null || q.isEmpty() ? "all" : q.trim();
    }
}
