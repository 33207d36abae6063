package armid.model.path;

/**
 * A wrap object attached to a body, as read: its kind (WrapCylinder, WrapEllipsoid, WrapSphere, WrapTorus), its frame
 * in the body (translation and body-fixed X-Y-Z rotation {@code xyz_body_rotation}), active flag, quadrant, and its
 * dimensions: {@code radius}, {@code length} (cylinder), {@code dimensions} (ellipsoid radii), {@code inner_radius} and
 * {@code outer_radius} (torus).
 */
public record WrapObjectDef(String name, int body, String type, double[] translation, double[] xyzBodyRotation,
        boolean active, String quadrant, double radius, double length, double[] dimensions, double innerRadius,
        double outerRadius) {
}
