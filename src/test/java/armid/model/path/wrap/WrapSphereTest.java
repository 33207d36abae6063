package armid.model.path.wrap;

import static armid.model.path.wrap.WrapTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WrapSphereTest {
    /** Geodesic over a sphere, P and S at distances dp, ds from the centre, angle phi apart (hand-derived). */
    static double geodesic(double r, double dp, double ds, double phi) {
        return Math.sqrt(dp * dp - r * r) + Math.sqrt(ds * ds - r * r)
                + r * (phi - Math.acos(r / dp) - Math.acos(r / ds));
    }

    @Test
    void matchesClosedFormGeodesicAndIsTangent() {
        double r = 0.03; // MOBL_ARMS_fixed_41.osim, WrapSphere LAT_TMAJ2hh radius
        WrapSphere sph = new WrapSphere(r, "all");
        Random rnd = new Random(1);
        int wrapped = 0;
        for (int i = 0; i < 500; i++) {
            double[] p = randomPoint(rnd, 0.031, 0.15), s = randomPoint(rnd, 0.031, 0.15);
            WrapResult res = new WrapResult();
            sph.wrap(p, s, res);
            if (!res.wraps) continue;
            wrapped++;
            double dp = dist(p, v(0, 0, 0)), ds = dist(s, v(0, 0, 0));
            double phi = Math.acos((p[0] * s[0] + p[1] * s[1] + p[2] * s[2]) / (dp * ds));
            assertEquals(geodesic(r, dp, ds, phi), res.length, 1e-12);
            checkNotShorter(res, p, s);
            // tangency: r1 on the sphere and (P − r1) ⟂ r1
            assertEquals(r, dist(res.r1, v(0, 0, 0)), 1e-12);
            assertEquals(r, dist(res.r2, v(0, 0, 0)), 1e-12);
            double t1 = 0, t2 = 0;
            for (int k = 0; k < 3; k++) {
                t1 += (p[k] - res.r1[k]) * res.r1[k];
                t2 += (s[k] - res.r2[k]) * res.r2[k];
            }
            assertEquals(0, t1, 1e-14);
            assertEquals(0, t2, 1e-14);
            // envelope theorem: dL/dP = (P − r1)/|P − r1|
            double lp = dist(p, res.r1);
            for (int k = 0; k < 3; k++) assertEquals((p[k] - res.r1[k]) / lp, res.dLdP[k], 1e-9);
        }
        assertTrue(wrapped > 50, "too few wrapped samples: " + wrapped);
    }

    /**
     * A path that barely wraps (arc angle 7.6e-5 rad, 1.5 µm on the surface). The closed form loses nothing here
     * (the cancellation in φ − acos − acos costs ~1e-17 m), so the length must agree to 1e-15 m; computing the arc
     * angle as acos of the cosine of the tangent points' directions was off by up to 7e-14 m in this neighbourhood.
     */
    @Test
    void barelyWrappingPathIsAccurate() {
        double r = 0.02;
        WrapSphere sph = new WrapSphere(r, "all");
        double[] s = {0.04509890050751966, 0.07447359198998083, 0.04507537307685886};
        int wrapped = 0;
        for (int i = -50; i <= 50; i++) {
            double[] p = {-0.03436294624065558, -0.014270988150876405, 1.936775969859252E-5 + i * 1e-9};
            WrapResult res = new WrapResult();
            sph.wrap(p, s, res);
            assertTrue(res.wraps);
            assertTrue(res.surfaceLength < 2e-6);
            double dp = dist(p, v(0, 0, 0)), ds = dist(s, v(0, 0, 0));
            double phi = Math.acos((p[0] * s[0] + p[1] * s[1] + p[2] * s[2]) / (dp * ds));
            assertEquals(geodesic(r, dp, ds, phi), res.length, 1e-15);
            wrapped++;
        }
        assertEquals(101, wrapped);
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        WrapSphere sph = new WrapSphere(0.02, "all");
        Random rnd = new Random(2);
        int n = 0;
        for (int i = 0; i < 400; i++)
            n += checkDerivatives(sph, randomPoint(rnd, 0.021, 0.1), randomPoint(rnd, 0.021, 0.1), true, 1e-6, 1e-7);
        assertTrue(n > 300);
    }

    @Test
    void lengthIsContinuousAtOnsetOfWrapping() {
        WrapSphere sph = new WrapSphere(0.02, "all");
        double[] s = v(0.05, 0.0, 0.0);
        // P moves so that the line P–S sweeps across the sphere's silhouette at y = 0.02
        double prev = Double.NaN;
        boolean sawWrap = false, sawNoWrap = false;
        for (int i = 0; i <= 2000; i++) {
            double y = 0.042 + 0.003 * i / 2000.0; // the line is tangent to the sphere at y = 0.04364
            double[] p = v(-0.05, y, 0.0);
            WrapResult res = new WrapResult();
            sph.wrap(p, s, res);
            if (res.wraps) sawWrap = true;
            else sawNoWrap = true;
            if (!Double.isNaN(prev)) assertEquals(prev, res.length, 2e-6);
            prev = res.length;
        }
        assertTrue(sawWrap && sawNoWrap);
    }
}
