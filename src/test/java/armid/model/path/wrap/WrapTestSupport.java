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
     * Compares ∂L/∂P, ∂L/∂S with central differences (step h) when the wrap state (code, wraps) is the same at all
     * stencil points. Returns the number of points compared.
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
        for (int k = 0; k < 6; k++) {
            double[] pp = p.clone(), ss = s.clone(), pm = p.clone(), sm = s.clone();
            if (k < 3) {
                pp[k] += h;
                pm[k] -= h;
            } else {
                ss[k - 3] += h;
                sm[k - 3] -= h;
            }
            WrapResult a = new WrapResult(), b = new WrapResult();
            a.singleWrap = b.singleWrap = singleWrap;
            w.wrap(pp, ss, a);
            w.wrap(pm, sm, b);
            if (a.code != r.code || b.code != r.code || a.wraps != r.wraps || b.wraps != r.wraps) return 0;
            double fd = (a.length - b.length) / (2 * h);
            final int kk = k;
            assertEquals(fd, g[k], relTol * Math.max(scale, Math.abs(fd)),
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
