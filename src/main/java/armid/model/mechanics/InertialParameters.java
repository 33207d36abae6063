package armid.model.mechanics;

/**
 * Conversions between OpenSim's body inertial properties (mass, centre of mass, inertia about the centre of mass,
 * body frame) and the standard parameters that enter the equations of motion linearly (mass, first moment m·c,
 * inertia about the body origin), the columns of {@link Dynamics#regressor}.
 */
public final class InertialParameters {
    private InertialParameters() {
    }

    /** Standard parameters [m, m·c, I_o(xx yy zz xy xz yz)] from mass, COM and inertia about the COM. */
    public static double[] standard(double mass, double[] com, double[] inertiaAboutCom) {
        double cx = com[0], cy = com[1], cz = com[2];
        // Parallel axis theorem: I_o = I_c + m(|c|² 1 − c cᵀ).
        return new double[] {mass, mass * cx, mass * cy, mass * cz,
            inertiaAboutCom[0] + mass * (cy * cy + cz * cz),
            inertiaAboutCom[1] + mass * (cx * cx + cz * cz),
            inertiaAboutCom[2] + mass * (cx * cx + cy * cy),
            inertiaAboutCom[3] - mass * cx * cy,
            inertiaAboutCom[4] - mass * cx * cz,
            inertiaAboutCom[5] - mass * cy * cz};
    }

    /** The standard parameters of every body of a system, 10 per body (ground's are zero). */
    public static double[] standard(MultibodySystem system) {
        var bodies = system.model().bodies();
        double[] out = new double[10 * bodies.size()];
        for (int b = 1; b < bodies.size(); b++) {
            Body body = bodies.get(b);
            System.arraycopy(standard(body.mass(), body.massCenter(), body.inertia()), 0, out, 10 * b, 10);
        }
        return out;
    }

    /**
     * Jacobian ∂π_std/∂(m, c, I_c) (10×10, row-major) of {@link #standard(double, double[], double[])}: identification
     * parameters are OpenSim's, and this carries gradients from the regressor's parameters to them.
     */
    public static double[] jacobian(double mass, double[] com) {
        double cx = com[0], cy = com[1], cz = com[2];
        double[] j = new double[100];
        j[0] = 1;
        // m·c
        j[10] = cx;
        j[11] = mass;
        j[20] = cy;
        j[22] = mass;
        j[30] = cz;
        j[33] = mass;
        // I_o diagonal
        j[40] = cy * cy + cz * cz;
        j[42] = 2 * mass * cy;
        j[43] = 2 * mass * cz;
        j[44] = 1;
        j[50] = cx * cx + cz * cz;
        j[51] = 2 * mass * cx;
        j[53] = 2 * mass * cz;
        j[55] = 1;
        j[60] = cx * cx + cy * cy;
        j[61] = 2 * mass * cx;
        j[62] = 2 * mass * cy;
        j[66] = 1;
        // I_o products
        j[70] = -cx * cy;
        j[71] = -mass * cy;
        j[72] = -mass * cx;
        j[77] = 1;
        j[80] = -cx * cz;
        j[81] = -mass * cz;
        j[83] = -mass * cx;
        j[88] = 1;
        j[90] = -cy * cz;
        j[92] = -mass * cz;
        j[93] = -mass * cy;
        j[99] = 1;
        return j;
    }
}
