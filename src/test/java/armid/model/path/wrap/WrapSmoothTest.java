package armid.model.path.wrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The smooth limits of OpenSim's wrap discretisations ({@link WrapResult#exactArc}, {@link
 * WrapResult#exactTangency}), each checked against an independent computation.
 */
class WrapSmoothTest {
    /** MoBL-ARMS ellipsoids: delt3hum (aspect ratio 5), DELT1hh, SUBSCAP. */
    private static final double[][] ELLIPSOIDS = {{0.01, 0.01, 0.05}, {0.03, 0.1, 0.05}, {0.02, 0.017, 0.028}};

    /**
     * The exact arc equals the length of the ellipsoid's section by the wrapping plane (through P, r1 and r2) between
     * r1 and r2, measured independently: a polyline through 4000 and 8000 points on rays from the chord's midpoint at
     * equal angles, Richardson-extrapolated. OpenSim's polyline (one segment per millimetre of chord) is shorter, by
     * at most a few micrometres.
     */
    @Test
    void exactArcIsTheLengthOfThePlaneSection() {
        Random rnd = new Random(17);
        int compared = 0;
        double worstPolyline = 0;
        double worstRel = 0;
        for (double[] d : ELLIPSOIDS) {
            WrapEllipsoid e = new WrapEllipsoid(d[0], d[1], d[2], "all");
            double scale = Math.max(d[0], Math.max(d[1], d[2]));
            for (int k = 0; k < 1000; k++) {
                double[] p = WrapTestSupport.randomPoint(rnd, 1.2 * scale, 2.5 * scale);
                double[] s = WrapTestSupport.randomPoint(rnd, 1.2 * scale, 2.5 * scale);
                WrapResult exact = new WrapResult();
                exact.exactArc = true;
                WrapResult opensim = new WrapResult();
                e.wrap(p, s, exact);
                e.wrap(p, s, opensim);
                if (!exact.wraps || WrapTestSupport.dist(exact.r1, exact.r2) < 1e-4) {
                    continue;
                }
                assertEquals(0.0, WrapTestSupport.dist(exact.r1, opensim.r1), 0.0, "same tangent points");
                double reference = sectionArc(d, p, exact);
                assertEquals(reference, exact.surfaceLength, 1e-11 + 1e-9 * reference,
                        "P=" + java.util.Arrays.toString(p) + " S=" + java.util.Arrays.toString(s));
                assertTrue(opensim.surfaceLength <= exact.surfaceLength + 1e-15, "a chord polyline is shorter");
                worstPolyline = Math.max(worstPolyline, exact.surfaceLength - opensim.surfaceLength);
                worstRel = Math.max(worstRel, Math.abs(reference - exact.surfaceLength) / reference);
                compared++;
            }
        }
        assertTrue(compared > 300, "compared " + compared);
        assertTrue(worstPolyline < 2e-5, "OpenSim's polyline differs by " + worstPolyline);
    }

    /**
     * Independent arc length: points of the plane section on rays from the midpoint o of r1–r2 (inside the ellipsoid)
     * at equal angles from the direction of r1 to that of r2, on either side; an unconstrained ellipsoid wraps the
     * shorter way.
     */
    private static double sectionArc(double[] a, double[] p, WrapResult exact) {
        double[] r1 = exact.r1, r2 = exact.r2;
        double[] o = new double[3], e1 = new double[3], nrm = new double[3], e2 = new double[3];
        for (int i = 0; i < 3; i++) {
            o[i] = 0.5 * (r1[i] + r2[i]);
            e1[i] = r1[i] - o[i];
        }
        normalize(e1);
        double[] u = {r1[0] - p[0], r1[1] - p[1], r1[2] - p[2]}, w = {r2[0] - p[0], r2[1] - p[1], r2[2] - p[2]};
        cross(u, w, nrm);
        normalize(nrm);
        cross(nrm, e1, e2);
        double[] e3 = {-e2[0], -e2[1], -e2[2]};
        return Math.min(arc(a, o, e1, e2), arc(a, o, e1, e3));
    }

    private static double arc(double[] a, double[] o, double[] e1, double[] e2) {
        double l1 = polyline(a, o, e1, e2, 4000), l2 = polyline(a, o, e1, e2, 8000);
        return (4 * l2 - l1) / 3;
    }

    private static double polyline(double[] a, double[] o, double[] e1, double[] e2, int segments) {
        double len = 0;
        double[] prev = null;
        for (int k = 0; k <= segments; k++) {
            double ang = Math.PI * k / segments;
            double[] dir = new double[3];
            for (int i = 0; i < 3; i++) {
                dir[i] = Math.cos(ang) * e1[i] + Math.sin(ang) * e2[i];
            }
            double qa = 0, qb = 0, qc = -1;
            for (int i = 0; i < 3; i++) {
                qa += dir[i] * dir[i] / (a[i] * a[i]);
                qb += 2 * dir[i] * o[i] / (a[i] * a[i]);
                qc += o[i] * o[i] / (a[i] * a[i]);
            }
            double t = (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
            double[] x = {o[0] + t * dir[0], o[1] + t * dir[1], o[2] + t * dir[2]};
            if (prev != null) {
                len += WrapTestSupport.dist(x, prev);
            }
            prev = x;
        }
        return len;
    }

    /**
     * With exact tangency, P→r1, the helix and r2→S make one angle with the cylinder's axis (they unroll into one
     * straight line), and the path is no longer than OpenSim's adjusted one (the exact point minimises the length
     * over the tangent points' axial positions), shorter by at most a few tens of micrometres.
     */
    @Test
    void exactTangencyUnrollsIntoAStraightLine() {
        WrapCylinder cyl = new WrapCylinder(0.01, 0.2, "all");
        Random rnd = new Random(23);
        int compared = 0;
        double worst = 0;
        for (int k = 0; k < 4000; k++) {
            double[] p = WrapTestSupport.randomPoint(rnd, 0.015, 0.06);
            double[] s = WrapTestSupport.randomPoint(rnd, 0.015, 0.06);
            WrapResult exact = new WrapResult();
            exact.singleWrap = false;
            exact.exactTangency = true;
            WrapResult opensim = new WrapResult();
            opensim.singleWrap = false;
            cyl.wrap(p, s, exact);
            cyl.wrap(p, s, opensim);
            if (!exact.wraps) {
                continue;
            }
            double[] r1 = exact.r1, r2 = exact.r2;
            double h1 = Math.hypot(r1[0] - p[0], r1[1] - p[1]), h2 = Math.hypot(s[0] - r2[0], s[1] - r2[1]);
            double arc = 0.01 * Math.abs(Math.atan2(r1[0] * r2[1] - r1[1] * r2[0], r1[0] * r2[0] + r1[1] * r2[1]));
            double run = h1 + arc + h2, rise = s[2] - p[2];
            assertEquals(rise * h1 / run, r1[2] - p[2], 1e-13);
            assertEquals(rise * arc / run, r2[2] - r1[2], 1e-13);
            assertEquals(Math.hypot(run, rise), exact.length, 1e-13);
            assertTrue(exact.length <= opensim.length + 1e-13, "exact " + exact.length + " > " + opensim.length);
            worst = Math.max(worst, opensim.length - exact.length);
            compared++;
        }
        assertTrue(compared > 500, "compared " + compared);
        assertTrue(worst < 5e-5, "OpenSim's adjusted length longer by " + worst);
    }

    /** ∂L/∂P and ∂L/∂S of the smooth limits are the derivatives of their lengths (central differences). */
    @Test
    void derivativesOfTheSmoothLimits() {
        Random rnd = new Random(29);
        int compared = 0;
        WrapSurface[] surfaces = {new WrapEllipsoid(0.01, 0.01, 0.05, "all"), new WrapEllipsoid(0.03, 0.1, 0.05, "-x"),
            new WrapCylinder(0.01, 0.2, "all"), new WrapTorus(0.008, 0.019, "all")};
        for (WrapSurface w : surfaces) {
            for (int k = 0; k < 300; k++) {
                double[] p = WrapTestSupport.randomPoint(rnd, 0.03, 0.12);
                double[] s = WrapTestSupport.randomPoint(rnd, 0.03, 0.12);
                compared += WrapTestSupport.checkDerivatives(w, p, s, r -> {
                    r.singleWrap = false;
                    r.exactTangency = true;
                    r.exactArc = true;
                }, 1e-6, 1e-6);
            }
        }
        assertTrue(compared > 200, "compared " + compared);
    }

    private static void cross(double[] a, double[] b, double[] out) {
        out[0] = a[1] * b[2] - a[2] * b[1];
        out[1] = a[2] * b[0] - a[0] * b[2];
        out[2] = a[0] * b[1] - a[1] * b[0];
    }

    private static void normalize(double[] x) {
        double n = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
        for (int i = 0; i < 3; i++) {
            x[i] /= n;
        }
    }
}
