package armid.model.mechanics;

/**
 * A rigid body as OpenSim defines it: mass, centre of mass in the body frame, and the inertia about the centre of mass
 * in the body frame, {@code [Ixx, Iyy, Izz, Ixy, Ixz, Iyz]}. Ground is a body of zero mass.
 */
public record Body(String name, double mass, double[] massCenter, double[] inertia) {
    public Body {
        if (massCenter.length != 3) {
            throw new IllegalArgumentException("body " + name + ": mass_center needs 3 values");
        }
        if (inertia.length != 6) {
            throw new IllegalArgumentException("body " + name + ": inertia needs 6 values (xx yy zz xy xz yz)");
        }
        massCenter = massCenter.clone();
        inertia = inertia.clone();
    }

    public static Body ground(String name) {
        return new Body(name, 0, new double[3], new double[6]);
    }
}
