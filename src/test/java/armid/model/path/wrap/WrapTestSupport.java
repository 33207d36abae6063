package armid.model.path.wrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/** Shared checks for the wrap surface tests. */
final class WrapTestSupport {
    private WrapTestSupport() {}

    static double dist(double[] a, double[] b) {
        double x = a[0] - b[0], y = a[1] - b[1], z = a[2] - b[2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    static double[] v(double x, double y, double z) {
        return new double[] {x, y, z};
    }

    static double length(WrapSurface w, double[] p, double[] s, boolean singleWrap) {
        WrapResult r = new WrapResult();
        r.singleWrap = singleWrap;
        r.computeDerivatives = false;
        w.wrap(p, s, r);
        return r.length;
    }

    /**
     * Compares ∂L/∂P, ∂L/∂S with Richardson-extrapolated central differences, (4·D(h/2) − D(h))/3 where D(h) is the
     * central difference with step h, when the wrap state (code, wraps) is the same at all stencil points. Returns the
     * number of points compared (0 or 1).
     *
     * <p>The extrapolation removes the h² term of the central difference's error. That term matters next to a
     * surface: the lengths of the constructions (cylinder, ellipsoid) have derivatives like 1/√(ρ − R) as a path point
     * approaches the surface, so within tens of micrometres of it a plain central difference with h = 1e-7 m is off by
     * more than 1e-6 while the extrapolated one still agrees to about 1e-9.
     */
    static int checkDerivatives(WrapSurface w, double[] p, double[] s, boolean singleWrap, double h, double relTol) {
        WrapResult r = new WrapResult();
        r.singleWrap = singleWrap;
        w.wrap(p, s, r);
        double[] g = new double[6];
        for (int k = 0; k < 3; k++) {
            g[k] = r.dLdP[k];
            g[3 + k] = r.dLdS[k];
        }
        double scale = 1.0;
        WrapResult a = new WrapResult();
        a.singleWrap = singleWrap;
        a.computeDerivatives = false;
        double[] fd = new double[6];
        for (int k = 0; k < 6; k++) {
            double[] d = new double[2];
            for (int half = 0; half < 2; half++) {
                double step = half == 0 ? h : 0.5 * h, lp = 0, lm = 0;
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] pp = p.clone(), ss = s.clone();
                    if (k < 3) pp[k] += sign * step;
                    else ss[k - 3] += sign * step;
                    w.wrap(pp, ss, a);
                    if (a.code != r.code || a.wraps != r.wraps) return 0;
                    if (sign > 0) lp = a.length;
                    else lm = a.length;
                }
                d[half] = (lp - lm) / (2 * step);
            }
            fd[k] = (4 * d[1] - d[0]) / 3;
        }
        for (int k = 0; k < 6; k++) {
            final int kk = k;
            assertEquals(fd[k], g[k], relTol * Math.max(scale, Math.abs(fd[k])),
                    () -> "dL/d" + (kk < 3 ? "P" : "S") + (kk % 3) + " at P=" + java.util.Arrays.toString(p) + " S="
                            + java.util.Arrays.toString(s) + " code=" + r.code);
        }
        return 1;
    }

    /** Random point with distance from the origin in [rmin, rmax]. */
    static double[] randomPoint(Random rnd, double rmin, double rmax) {
        double x, y, z, n;
        do {
            x = rnd.nextGaussian();
            y = rnd.nextGaussian();
            z = rnd.nextGaussian();
            n = Math.sqrt(x * x + y * y + z * z);
        } while (n < 1e-6);
        double r = rmin + (rmax - rmin) * rnd.nextDouble();
        return v(x / n * r, y / n * r, z / n * r);
    }

    /** The wrapped path is no shorter than the straight one and r1, r2 are where the segments leave. */
    static void checkNotShorter(WrapResult r, double[] p, double[] s) {
        assertTrue(r.length >= dist(p, s) - 1e-12, () -> "wrapped path shorter than the straight line: L=" + r.length
                + " |PS|=" + dist(p, s) + " surface=" + r.surfaceLength + " code=" + r.code + " P="
                + java.util.Arrays.toString(p) + " S=" + java.util.Arrays.toString(s));
        assertEquals(dist(p, r.r1) + r.surfaceLength + dist(r.r2, s), r.length, 1e-12);
    }
}
