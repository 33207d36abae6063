package armid.numerics;

/**
 * Small kernels on 3-vectors and 3×3 row-major matrices stored in {@code double[]} with offsets, so that hot loops
 * work on flat primitive arrays without allocating.
 */
public final class Vec3 {
    private Vec3() {
    }

    public static double dot(double[] a, int ia, double[] b, int ib) {
        return a[ia] * b[ib] + a[ia + 1] * b[ib + 1] + a[ia + 2] * b[ib + 2];
    }

    /** out = a × b (out may not alias a or b). */
    public static void cross(double[] a, int ia, double[] b, int ib, double[] out, int io) {
        double x = a[ia + 1] * b[ib + 2] - a[ia + 2] * b[ib + 1];
        double y = a[ia + 2] * b[ib] - a[ia] * b[ib + 2];
        double z = a[ia] * b[ib + 1] - a[ia + 1] * b[ib];
        out[io] = x;
        out[io + 1] = y;
        out[io + 2] = z;
    }

    public static double norm(double[] a, int ia) {
        return Math.sqrt(dot(a, ia, a, ia));
    }

    /** out = R·v for a row-major 3×3 R (out may alias v). */
    public static void mul(double[] r, int ir, double[] v, int iv, double[] out, int io) {
        double x = r[ir] * v[iv] + r[ir + 1] * v[iv + 1] + r[ir + 2] * v[iv + 2];
        double y = r[ir + 3] * v[iv] + r[ir + 4] * v[iv + 1] + r[ir + 5] * v[iv + 2];
        double z = r[ir + 6] * v[iv] + r[ir + 7] * v[iv + 1] + r[ir + 8] * v[iv + 2];
        out[io] = x;
        out[io + 1] = y;
        out[io + 2] = z;
    }

    /** out = Rᵀ·v for a row-major 3×3 R (out may alias v). */
    public static void mulTransposed(double[] r, int ir, double[] v, int iv, double[] out, int io) {
        double x = r[ir] * v[iv] + r[ir + 3] * v[iv + 1] + r[ir + 6] * v[iv + 2];
        double y = r[ir + 1] * v[iv] + r[ir + 4] * v[iv + 1] + r[ir + 7] * v[iv + 2];
        double z = r[ir + 2] * v[iv] + r[ir + 5] * v[iv + 1] + r[ir + 8] * v[iv + 2];
        out[io] = x;
        out[io + 1] = y;
        out[io + 2] = z;
    }

    /** out = A·B for row-major 3×3 matrices (out may not alias A or B). */
    public static void mulMat(double[] a, int ia, double[] b, int ib, double[] out, int io) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[io + 3 * i + j] = a[ia + 3 * i] * b[ib + j] + a[ia + 3 * i + 1] * b[ib + 3 + j]
                        + a[ia + 3 * i + 2] * b[ib + 6 + j];
            }
        }
    }

    /**
     * Rotation matrix of angle {@code angle} about the unit axis {@code u} (Rodrigues' formula), row-major.
     */
    public static void axisAngle(double ux, double uy, double uz, double angle, double[] out, int io) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        out[io] = c + ux * ux * t;
        out[io + 1] = ux * uy * t - uz * s;
        out[io + 2] = ux * uz * t + uy * s;
        out[io + 3] = uy * ux * t + uz * s;
        out[io + 4] = c + uy * uy * t;
        out[io + 5] = uy * uz * t - ux * s;
        out[io + 6] = uz * ux * t - uy * s;
        out[io + 7] = uz * uy * t + ux * s;
        out[io + 8] = c + uz * uz * t;
    }

    /**
     * Rotation from body-fixed X-Y-Z Euler angles, R = Rx(a)·Ry(b)·Rz(c): the convention of OpenSim's
     * {@code orientation} and {@code xyz_body_rotation} properties (Simbody's setRotationToBodyFixedXYZ).
     */
    public static void bodyFixedXYZ(double a, double b, double c, double[] out, int io) {
        double[] rx = new double[9];
        double[] ry = new double[9];
        double[] rz = new double[9];
        double[] t = new double[9];
        axisAngle(1, 0, 0, a, rx, 0);
        axisAngle(0, 1, 0, b, ry, 0);
        axisAngle(0, 0, 1, c, rz, 0);
        mulMat(rx, 0, ry, 0, t, 0);
        mulMat(t, 0, rz, 0, out, io);
    }

    public static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }
}
