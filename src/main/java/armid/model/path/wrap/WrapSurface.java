package armid.model.path.wrap;

import java.util.Locale;

/**
 * A wrap object's surface, in its own frame (origin and axes given by the wrap object's {@code translation} and
 * {@code xyz_body_rotation} relative to its body). Knows nothing about bodies: the caller expresses the two path
 * points in this frame, calls {@link #wrap}, and maps results back with the same transform.
 *
 * <p>Return codes and quadrant semantics follow OpenSim 4.x {@code WrapObject} ({@code WrapAction}:
 * noWrap, insideRadius, wrapped, mandatoryWrap; a quadrant {@code "x"}/{@code "-y"}/… constrains wrapping to the half
 * space where that coordinate has that sign, tested with OpenSim's sign convention sign(0) = +1).
 *
 * <p>Implementations are immutable and thread-safe; all mutable state lives in the caller's {@link WrapResult}.
 */
public abstract class WrapSurface {
    public static final int NO_WRAP = 0;
    public static final int INSIDE_RADIUS = 1;
    public static final int WRAPPED = 2;
    public static final int MANDATORY_WRAP = 3;

    /** OpenSim PathWrap methods. Only WrapEllipsoid distinguishes them. */
    public enum Method {
        HYBRID, MIDPOINT, AXIAL;

        public static Method parse(String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "hybrid":
                case "unassigned":
                case "":
                    return HYBRID;
                case "midpoint":
                    return MIDPOINT;
                case "axial":
                    return AXIAL;
                default:
                    throw new IllegalArgumentException("unknown wrap method '" + s + "'");
            }
        }
    }

    /** Constrained axis (0, 1, 2); 0 when unconstrained, as in OpenSim. */
    protected final int wrapAxis;
    /** +1 / −1 for a constrained quadrant, 0 for "all". */
    protected final int wrapSign;
    private final String quadrant;

    protected WrapSurface(String quadrant) {
        this.quadrant = quadrant;
        String q = quadrant == null ? "all" : quadrant.trim();
        switch (q) {
            case "-x": case "-X": wrapAxis = 0; wrapSign = -1; break;
            case "x": case "+x": case "X": case "+X": wrapAxis = 0; wrapSign = 1; break;
            case "-y": case "-Y": wrapAxis = 1; wrapSign = -1; break;
            case "y": case "+y": case "Y": case "+Y": wrapAxis = 1; wrapSign = 1; break;
            case "-z": case "-Z": wrapAxis = 2; wrapSign = -1; break;
            case "z": case "+z": case "Z": case "+Z": wrapAxis = 2; wrapSign = 1; break;
            case "all": case "ALL": case "All": case "Unassigned": case "": wrapAxis = 0; wrapSign = 0; break;
            default: throw new IllegalArgumentException("invalid wrap quadrant '" + quadrant + "'");
        }
    }

    /** Internal: constrained axis and sign given directly (the torus's inner cylinder). */
    protected WrapSurface(int wrapAxis, int wrapSign) {
        this.wrapAxis = wrapAxis;
        this.wrapSign = wrapSign;
        this.quadrant = wrapSign == 0 ? "all" : (wrapSign > 0 ? "" : "-") + "xyz".charAt(wrapAxis);
    }

    public String quadrant() {
        return quadrant;
    }

    /**
     * Wrap the straight segment P–S (both in this surface's frame, length-3 arrays, not modified) over the surface,
     * as OpenSim's {@code wrapLine} does, writing tangent points, lengths, derivatives and surface points into
     * {@code out}, and its discrete branch decisions into {@link WrapResult#decisions()}. Returns {@code out.code}.
     */
    public abstract int wrap(double[] p, double[] s, WrapResult out);

    /** OpenSim's sign convention (SIMM's DSIGN): sign(0) = +1. */
    static int dsign(double a) {
        return a >= 0.0 ? 1 : -1;
    }

    /**
     * The rotation of a wrap object's frame relative to its body, from {@code xyz_body_rotation} = (a, b, c), exactly
     * as OpenSim's {@code Rotation::setRotationToBodyFixedXYZ}: R = Rx(a)·Ry(b)·Rz(c). Written row-major into
     * {@code out} (9 values); columns are the wrap frame's axes expressed in the body frame, so a point in the wrap
     * frame maps to the body as x_body = R·x_wrap + translation.
     */
    public static void rotationFromXyzBodyRotation(double a, double b, double c, double[] out) {
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cc = Math.cos(c), sc = Math.sin(c);
        out[0] = cb * cc;
        out[1] = -cb * sc;
        out[2] = sb;
        out[3] = sa * sb * cc + ca * sc;
        out[4] = -sa * sb * sc + ca * cc;
        out[5] = -sa * cb;
        out[6] = -ca * sb * cc + sa * sc;
        out[7] = ca * sb * sc + sa * cc;
        out[8] = ca * cb;
    }

    /** x_wrap = Rᵀ·(x_body − t). */
    public static void bodyToWrap(double[] rot, double[] t, double[] xBody, double[] xWrap) {
        double x = xBody[0] - t[0], y = xBody[1] - t[1], z = xBody[2] - t[2];
        xWrap[0] = rot[0] * x + rot[3] * y + rot[6] * z;
        xWrap[1] = rot[1] * x + rot[4] * y + rot[7] * z;
        xWrap[2] = rot[2] * x + rot[5] * y + rot[8] * z;
    }

    /** x_body = R·x_wrap + t. */
    public static void wrapToBody(double[] rot, double[] t, double[] xWrap, double[] xBody) {
        double x = xWrap[0], y = xWrap[1], z = xWrap[2];
        xBody[0] = rot[0] * x + rot[1] * y + rot[2] * z + t[0];
        xBody[1] = rot[3] * x + rot[4] * y + rot[5] * z + t[1];
        xBody[2] = rot[6] * x + rot[7] * y + rot[8] * z + t[2];
    }

    /** Seed the jets of P (directions 0..2) and S (directions 3..5). */
    static void seed(Jet[] pj, Jet[] sj, double[] p, double[] s) {
        for (int i = 0; i < 3; i++) {
            pj[i].seed(p[i], i);
            sj[i].seed(s[i], 3 + i);
        }
    }
}
