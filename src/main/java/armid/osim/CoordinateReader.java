package armid.osim;

import armid.model.mechanics.Coordinate;
import armid.model.mechanics.MotionType;
import java.util.Set;

/** Reads a Coordinate: default value and speed, range, clamped, locked. */
final class CoordinateReader {
    private static final Set<String> KNOWN = Set.of("default_value", "default_speed_value", "initial_value", "range",
            "clamped", "locked", "prescribed_function", "prescribed", "motion_type", "is_free_to_satisfy_constraints",
            "restraint_function", "min_restraint_function", "max_restraint_function", "restraint_active",
            "tolerance", "stiffness", "keys", "constraint_function", "constraint_type");

    private CoordinateReader() {
    }

    static Coordinate read(ReadContext ctx, XmlElement e, String joint, MotionType type) throws OsimException {
        double def = ctx.scalar(e, "default_value", ctx.scalar(e, "initial_value", 0));
        double speed = ctx.scalar(e, "default_speed_value", 0);
        double[] range = ctx.vector(e, "range", 2, new double[] {-10, 10});
        if (range[0] > range[1]) {
            throw ctx.error(e.child("range"), "range minimum " + range[0] + " exceeds maximum " + range[1]);
        }
        boolean clamped = ctx.bool(e, "clamped", true);
        boolean locked = ctx.bool(e, "locked", false);
        if (ctx.bool(e, "prescribed", false)) {
            ctx.warn(e, "prescribed motion is not supported; the coordinate is treated as free");
        }
        for (XmlElement c : e.children()) {
            if (!KNOWN.contains(c.name())) {
                ctx.warn(c, "unknown element in coordinate '" + e.objectName() + "', ignored");
            }
        }
        return new Coordinate(e.objectName(), joint, type, def, speed, range[0], range[1], clamped, locked);
    }
}
