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
        return checkDerivatives(w, p, s, r -> r.singleWrap = singleWrap, h, relTol, false);
    }

    /**
     * As {@link #checkDerivatives(WrapSurface, double[], double[], boolean, double, double)} with the inputs of every
     * WrapResult set by {@code configure}; stencils across which the wrap's decisions change are skipped too.
     */
    static int checkDerivatives(WrapSurface w, double[] p, double[] s,
            java.util.function.Consumer<WrapResult> configure, double h, double relTol) {
        return checkDerivatives(w, p, s, configure, h, relTol, true);
    }

    private static int checkDerivatives(WrapSurface w, double[] p, double[] s,
            java.util.function.Consumer<WrapResult> configure, double h, double relTol, boolean sameDecisions) {
        WrapResult r = new WrapResult();
        configure.accept(r);
        w.wrap(p, s, r);
        double[] g = new double[6];
        for (int k = 0; k < 3; k++) {
            g[k] = r.dLdP[k];
            g[3 + k] = r.dLdS[k];
        }
        double scale = 1.0;
        WrapResult a = new WrapResult();
        configure.accept(a);
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
                    if (sameDecisions && a.decisions() != r.decisions()) return 0;
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

    /**
     * Compares the tangent-point Jacobians dR1, dR2 with Richardson-extrapolated central differences of r1, r2 (as in
     * {@link #checkDerivatives}), when the wrap state (code, wraps) is the same at all stencil points. Entry by entry,
     * |fd − jet| ≤ relTol·max(1, |fd|). Returns the number of points compared (0 or 1).
     *
     * <p>{@code branch}, when not null, names further discrete state of the construction (such as the cylinder's
     * tangency-adjustment decisions, across which r1 and r2 jump); stencils across which it changes are skipped too.
     */
    static int checkTangentJacobians(WrapSurface w, double[] p, double[] s, boolean singleWrap, WrapSurface.Method m,
            double h, double relTol, java.util.function.ToLongFunction<WrapResult> branch) {
        WrapResult r = new WrapResult();
        r.singleWrap = singleWrap;
        r.method = m;
        w.wrap(p, s, r);
        WrapResult a = new WrapResult();
        a.singleWrap = singleWrap;
        a.method = m;
        a.computeDerivatives = false;
        double[] fd1 = new double[18], fd2 = new double[18];
        for (int k = 0; k < 6; k++) {
            double[][] d = new double[2][6];
            for (int half = 0; half < 2; half++) {
                double step = half == 0 ? h : 0.5 * h;
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] pp = p.clone(), ss = s.clone();
                    if (k < 3) pp[k] += sign * step;
                    else ss[k - 3] += sign * step;
                    w.wrap(pp, ss, a);
                    if (a.code != r.code || a.wraps != r.wraps) return 0;
                    if (branch != null && branch.applyAsLong(a) != branch.applyAsLong(r)) return 0;
                    for (int i = 0; i < 3; i++) {
                        d[half][i] += sign * a.r1[i] / (2 * step);
                        d[half][3 + i] += sign * a.r2[i] / (2 * step);
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                fd1[6 * i + k] = (4 * d[1][i] - d[0][i]) / 3;
                fd2[6 * i + k] = (4 * d[1][3 + i] - d[0][3 + i]) / 3;
            }
        }
        for (int e = 0; e < 36; e++) {
            final int ee = e % 18;
            final double[] fd = e < 18 ? fd1 : fd2, jet = e < 18 ? r.dR1 : r.dR2;
            final String name = e < 18 ? "r1" : "r2";
            assertEquals(fd[ee], jet[ee], relTol * Math.max(1.0, Math.abs(fd[ee])),
                    () -> "d" + name + "_" + (ee / 6) + "/d" + (ee % 6 < 3 ? "P" : "S") + (ee % 3) + " at P="
                            + java.util.Arrays.toString(p) + " S=" + java.util.Arrays.toString(s) + " code=" + r.code
                            + " wraps=" + r.wraps + " method=" + m + " single=" + singleWrap);
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
