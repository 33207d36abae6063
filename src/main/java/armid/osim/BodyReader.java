package armid.osim;

import armid.model.mechanics.Body;
import java.util.Set;

/** Reads a Body: mass, mass_center and inertia (4.x: six numbers; before 4.0: inertia_xx … inertia_yz). */
final class BodyReader {
    private static final Set<String> KNOWN = Set.of("mass", "mass_center", "inertia", "inertia_xx", "inertia_yy",
            "inertia_zz", "inertia_xy", "inertia_xz", "inertia_yz", "attached_geometry", "WrapObjectSet",
            "FrameGeometry", "VisibleObject", "Joint", "components", "frames", "displayer", "GeometrySet");

    private BodyReader() {
    }

    static Body read(ReadContext ctx, XmlElement e) throws OsimException {
        double mass = ctx.scalar(e, "mass", 0);
        if (mass < 0) {
            throw ctx.error(e, "negative mass " + mass);
        }
        double[] com = ctx.vector(e, "mass_center", 3, new double[3]);
        double[] inertia;
        if (e.child("inertia") != null) {
            inertia = ctx.vector(e, "inertia", 6, null);
        } else {
            inertia = new double[] {ctx.scalar(e, "inertia_xx", 0), ctx.scalar(e, "inertia_yy", 0),
                ctx.scalar(e, "inertia_zz", 0), ctx.scalar(e, "inertia_xy", 0), ctx.scalar(e, "inertia_xz", 0),
                ctx.scalar(e, "inertia_yz", 0)};
        }
        for (XmlElement c : e.children()) {
            if (!KNOWN.contains(c.name())) {
                ctx.warn(c, "unknown element in body '" + e.objectName() + "', ignored");
            }
        }
        return new Body(e.objectName(), mass, com, inertia);
    }
}
