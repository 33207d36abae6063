package armid.model.path.wrap;

import static armid.model.path.wrap.WrapTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WrapEllipsoidTest {
    // MOBL_ARMS_fixed_41.osim, WrapEllipsoid "DELT1hh": dimensions 0.03 0.1 0.05, quadrant z
    static final double[] DELT1HH = {0.03, 0.1, 0.05};
    // MOBL_ARMS_fixed_41.osim, WrapEllipsoid "Thorax": dimensions 0.1 0.135 0.08
    static final double[] THORAX = {0.1, 0.135, 0.08};

    /**
     * Geometric invariants of a wrapped ellipsoid path, none of which uses the algorithm: everything finite; every
     * drawing point (r1 … r2) on the ellipsoid (but for r1 = P or r2 = S, OpenSim's choice when P or S is within
     * 1e-4 of the surface in Σ(x_i/a_i)²); all of them in one plane with P and S; surface length = length of that
     * polyline; L = |P − r1| + surface + |r2 − S| ≥ |P − S|. And the points follow the ellipse cut by that plane in
     * order, without doubling back: being on a convex curve, they must then form (closed by the chord r2–r1) a convex
     * polygon, i.e. every turn has the same sign and the turns add up to ±2π.
     */
    static void checkPath(double[] dims, double[] p, double[] s, WrapResult r) {
        String where = " at P=" + Arrays.toString(p) + " S=" + Arrays.toString(s) + " method=" + r.method;
        assertTrue(Double.isFinite(r.length) && Double.isFinite(r.surfaceLength), () -> "non-finite length" + where);
        for (int k = 0; k < 3; k++)
            assertTrue(Double.isFinite(r.dLdP[k]) && Double.isFinite(r.dLdS[k]), () -> "non-finite derivative" + where);
        if (!r.wraps) {
            assertEquals(dist(p, s), r.length, 1e-15);
            return;
        }
        checkNotShorter(r, p, s);
        int n = r.pointCount;
        assertTrue(n >= 2);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) x[i] = new double[] {r.pointX(i), r.pointY(i), r.pointZ(i)};
        double[] nrm = cross(sub(s, p), sub(x[n / 2], p));
        double nn = norm(nrm);
        double poly = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) assertTrue(Double.isFinite(x[i][k]), () -> "non-finite point" + where);
            double e = sq(x[i][0] / dims[0]) + sq(x[i][1] / dims[1]) + sq(x[i][2] / dims[2]) - 1.0;
            final int ii = i;
            // a path point within OpenSim's tolerance of the surface is its own tangent point
            boolean pathPoint = (i == 0 && dist(x[i], p) < 1e-15) || (i == n - 1 && dist(x[i], s) < 1e-15);
            if (!pathPoint) assertEquals(0.0, e, 1e-9, () -> "point " + ii + " off the ellipsoid" + where);
            if (nn > 1e-12) assertEquals(0.0, dot(nrm, sub(x[i], p)) / nn, 1e-9, () -> "point " + ii + " off the plane of P, S" + where);
            if (i > 0) poly += dist(x[i], x[i - 1]);
        }
        assertEquals(poly, r.surfaceLength, 1e-12, () -> "surface length is not the polyline's" + where);
        if (n < 3 || nn <= 1e-12) return;
        double total = 0;
        int positive = 0;
        for (int i = 0; i < n; i++) {
            double[] e1 = sub(x[i], x[(i + n - 1) % n]), e2 = sub(x[(i + 1) % n], x[i]);
            double turn = Math.atan2(dot(cross(e1, e2), nrm) / nn, dot(e1, e2));
            total += turn;
            if (turn > 0) positive++;
        }
        final double t = total;
        assertEquals(2 * Math.PI, Math.abs(total), 1e-9, () -> "the points wind " + t / (2 * Math.PI) + " times" + where);
        assertTrue(positive == 0 || positive == n, () -> "the points do not follow the ellipse in order" + where);
    }

    static double[] sub(double[] a, double[] b) {
        return v(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    }

    static double[] cross(double[] a, double[] b) {
        return v(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double sq(double x) {
        return x * x;
    }

    /**
     * Far-side (constrained, wrong-way) wraps whose fan origin on the axis lies outside the ellipse cut by the wrapping
     * plane: the OpenSim construction takes the square root of a negative number there and returned NaN.
     */
    @Test
    void farSideWrapFromAnOriginOutsideTheEllipseIsFinite() {
        WrapEllipsoid e = new WrapEllipsoid(DELT1HH[0], DELT1HH[1], DELT1HH[2], "z");
        double[][][] cases = {
            {{-0.042154648706014666, -0.21305873349119828, -0.06883578770766113},
                {-0.02217200230464334, 0.09620421186781057, 0.004555231790090687}},
            {{-0.07393311098039076, -0.14576786732872393, -0.06958120369054367},
                {0.052518176007935326, 0.2611657767261672, 0.0011669603438891046}}};
        for (double[][] c : cases) {
            WrapResult r = new WrapResult();
            e.wrap(c[0], c[1], r);
            assertTrue(r.wraps);
            checkPath(DELT1HH, c[0], c[1], r);
        }
    }

    /** P on the surface at the end of an axis: the axial point c1 is P itself and P, S, c1 span no plane. */
    @Test
    void pathPointOnTheSurfaceAtAnAxisEnd() {
        WrapEllipsoid e = new WrapEllipsoid(DELT1HH[0], DELT1HH[1], DELT1HH[2], "all");
        double[] p = {0.03, 0.0, 0.0}, s = {0.02384839348779571, 0.16751926681552753, -0.03863696999750623};
        double[] lengths = new double[3];
        for (WrapSurface.Method m : WrapSurface.Method.values()) {
            WrapResult r = new WrapResult();
            r.method = m;
            e.wrap(p, s, r);
            assertTrue(r.wraps);
            checkPath(DELT1HH, p, s, r);
            lengths[m.ordinal()] = r.length;
        }
        // the three methods only choose the plane differently; here they agree to a micrometre
        assertEquals(lengths[0], lengths[1], 1e-6);
        assertEquals(lengths[0], lengths[2], 1e-6);
    }

    /** A line touching the ellipsoid at one point (the +z pole): straight, with the straight line's derivatives. */
    @Test
    void lineTouchingAtOnePointDoesNotWrap() {
        WrapEllipsoid e = new WrapEllipsoid(DELT1HH[0], DELT1HH[1], DELT1HH[2], "all");
        double[] p = {0.0, -0.05, 0.05}, s = {0.0, 0.05, 0.05};
        for (WrapSurface.Method m : WrapSurface.Method.values()) {
            WrapResult r = new WrapResult();
            r.method = m;
            e.wrap(p, s, r);
            assertFalse(r.wraps);
            assertEquals(0.1, r.length, 1e-15);
            assertArrayEquals(new double[] {0, -1, 0}, r.dLdP, 1e-15);
            assertArrayEquals(new double[] {0, 1, 0}, r.dLdS, 1e-15);
        }
    }

    /**
     * Axial method, quadrant z, c1 flipped to +z and pulled into the ellipsoid onto (or next to) the plane x = 0 normal
     * to its smallest axis. The nearest-point solve there must follow OpenSim's cross-section special cases: with the
     * general formula the result was rounding noise (x = ±0.0156 or 0 in scaled units, off the surface), so as P moved
     * by 1e-8 m, L jumped by up to 0.5 mm. Now L is smooth: over P_x ± 1.2e-7 m in 1e-8 m steps it follows its tangent
     * L(0) + h·∂L/∂P_x to 1e-12 m.
     */
    @Test
    void axialFlippedContactPointNextToASymmetryPlaneIsSmooth() {
        WrapEllipsoid e = new WrapEllipsoid(DELT1HH[0], DELT1HH[1], DELT1HH[2], "z");
        double[][][] cases = {
            {{-0.10344105180213285, 0.043398908722874364, 0.06912010607098823},
                {0.1254805129358164, -0.015527901322135548, -0.1256698796521712}},
            {{0.10887395324841168, -0.05482978583931523, 0.0645522178940683},
                {-0.1150917001662677, 0.12178957546116723, -0.10110902649871055}}};
        for (double[][] c : cases) {
            WrapResult r0 = new WrapResult();
            r0.method = WrapSurface.Method.AXIAL;
            e.wrap(c[0], c[1], r0);
            assertTrue(r0.wraps);
            for (int i = -12; i <= 12; i++) {
                double h = i * 1e-8;
                double[] p = c[0].clone();
                p[0] += h;
                WrapResult r = new WrapResult();
                r.method = WrapSurface.Method.AXIAL;
                e.wrap(p, c[1], r);
                checkPath(DELT1HH, p, c[1], r);
                assertEquals(r0.length + h * r0.dLdP[0], r.length, 1e-12, "h=" + h);
            }
        }
    }

    @Test
    void randomPathsSatisfyTheGeometricInvariants() {
        Random rnd = new Random(21);
        String[] quadrants = {"all", "x", "-y", "z", "-z"};
        int wrapped = 0;
        for (double[] d : new double[][] {DELT1HH, THORAX}) {
            for (String q : quadrants) {
                WrapEllipsoid e = new WrapEllipsoid(d[0], d[1], d[2], q);
                for (int i = 0; i < 250; i++) {
                    double[] p = randomPoint(rnd, 0.0, 0.3), s = randomPoint(rnd, 0.0, 0.3);
                    WrapResult r = new WrapResult();
                    r.method = WrapSurface.Method.values()[i % 3];
                    e.wrap(p, s, r);
                    checkPath(d, p, s, r);
                    if (r.wraps) wrapped++;
                }
            }
        }
        assertTrue(wrapped > 300, "wrapped " + wrapped);
    }
}
