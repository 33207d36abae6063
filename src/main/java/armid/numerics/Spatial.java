package armid.numerics;

/**
 * Spatial-vector kernels (Featherstone's notation) on flat arrays: a motion vector is {@code [ω, v_O]}, a force vector
 * {@code [n_O, f]}, both expressed in ground coordinates about the ground origin O.
 */
public final class Spatial {
    private Spatial() {
    }

    /** out += scale · (m × s), the motion cross product (out may not alias m or s). */
    public static void addCrossMotion(double[] m, int im, double[] s, int is, double scale, double[] out, int io) {
        double wx = m[im], wy = m[im + 1], wz = m[im + 2];
        double vx = m[im + 3], vy = m[im + 4], vz = m[im + 5];
        double ax = s[is], ay = s[is + 1], az = s[is + 2];
        double bx = s[is + 3], by = s[is + 4], bz = s[is + 5];
        out[io] += scale * (wy * az - wz * ay);
        out[io + 1] += scale * (wz * ax - wx * az);
        out[io + 2] += scale * (wx * ay - wy * ax);
        out[io + 3] += scale * (wy * bz - wz * by + vy * az - vz * ay);
        out[io + 4] += scale * (wz * bx - wx * bz + vz * ax - vx * az);
        out[io + 5] += scale * (wx * by - wy * bx + vx * ay - vy * ax);
    }

    public static double dot6(double[] a, int ia, double[] b, int ib) {
        return a[ia] * b[ib] + a[ia + 1] * b[ib + 1] + a[ia + 2] * b[ib + 2] + a[ia + 3] * b[ib + 3]
                + a[ia + 4] * b[ib + 4] + a[ia + 5] * b[ib + 5];
    }

    /** out = I·s for a row-major 6×6 I. */
    public static void mul6(double[] inertia, int ii, double[] s, int is, double[] out, int io) {
        for (int r = 0; r < 6; r++) {
            int row = ii + 6 * r;
            out[io + r] = inertia[row] * s[is] + inertia[row + 1] * s[is + 1] + inertia[row + 2] * s[is + 2]
                    + inertia[row + 3] * s[is + 3] + inertia[row + 4] * s[is + 4] + inertia[row + 5] * s[is + 5];
        }
    }
}
