package armid.model.path.wrap;

import static armid.model.path.wrap.WrapTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WrapOtherSurfacesTest {
    // MOBL_ARMS_fixed_41.osim, WrapCylinder "TRI": radius 0.016, length 0.1, quadrant all
    static final WrapCylinder TRI = new WrapCylinder(0.016, 0.1, "all");
    // MOBL_ARMS_fixed_41.osim, WrapCylinder "infsp_new": radius 0.0235, length 0.115, quadrant -x
    static final WrapCylinder INFSP_NEW = new WrapCylinder(0.0235, 0.115, "-x");
    // MOBL_ARMS_fixed_41.osim, WrapTorus "Delt3": inner 0.04, outer 0.06, quadrant all
    static final WrapTorus DELT3 = new WrapTorus(0.04, 0.06, "all");
    // MOBL_ARMS_fixed_41.osim, WrapEllipsoid "Thorax": dimensions 0.1 0.135 0.08, quadrant all
    static final WrapEllipsoid THORAX = new WrapEllipsoid(0.1, 0.135, 0.08, "all");
    // MOBL_ARMS_fixed_41.osim, WrapEllipsoid "DELT1hh": dimensions 0.03 0.1 0.05, quadrant z
    static final WrapEllipsoid DELT1HH = new WrapEllipsoid(0.03, 0.1, 0.05, "z");

    static int derivativeSweep(WrapSurface w, long seed, double rmin, double rmax, boolean single, int n) {
        Random rnd = new Random(seed);
        int checked = 0;
        for (int i = 0; i < n; i++) {
            double[] p = randomPoint(rnd, rmin, rmax), s = randomPoint(rnd, rmin, rmax);
            WrapResult r = new WrapResult();
            r.singleWrap = single;
            w.wrap(p, s, r);
            if (!r.wraps) continue;
            checked += checkDerivatives(w, p, s, single, 1e-7, 1e-6);
        }
        return checked;
    }

    @Test
    void cylinderDerivatives() {
        assertTrue(derivativeSweep(TRI, 3, 0.017, 0.08, true, 600) > 50);
        assertTrue(derivativeSweep(INFSP_NEW, 4, 0.024, 0.1, true, 600) > 20);
    }

    /**
     * P 25 µm outside INFSP_NEW (ρ = 0.023525, radius 0.0235). There ∂L/∂P is large (|∂L/∂P_y| = 3.7) and the length's
     * higher derivatives larger still, so a plain central difference with h = 1e-7 is off by 8e-6 (−3.7093433 against
     * −3.7093354); Richardson extrapolation, or a plain difference at h = 1e-8, agrees with the jets to 1e-10.
     */
    @Test
    void cylinderDerivativesNextToTheSurface() {
        double[] p = {0.011563249867647741, -0.020487730594831072, 0.03880143864458395};
        double[] s = {-0.024349316060445648, 0.04581652626625144, -0.06496237166856134};
        assertEquals(0.023525, Math.hypot(p[0], p[1]), 1e-6);
        WrapResult r = new WrapResult();
        INFSP_NEW.wrap(p, s, r);
        assertTrue(r.wraps);
        assertTrue(Math.abs(r.dLdP[1]) > 3.5);
        assertEquals(1, checkDerivatives(INFSP_NEW, p, s, true, 1e-7, 1e-8));
    }

    /**
     * P and S in the cylinder's mid cross-section (z = 0): the path is the planar one around a circle of radius r,
     * L = √(|P|² − r²) + √(|S|² − r²) + r·(φ − acos(r/|P|) − acos(r/|S|)) with φ the angle between P and S (derived by
     * hand: the tangent segments and the arc between the tangent points). Holds with and without the tangency
     * adjustment, which has nothing to adjust in this plane.
     */
    @Test
    void cylinderMatchesClosedFormInACrossSection() {
        double r = TRI.radius();
        Random rnd = new Random(12);
        int wrapped = 0;
        for (int i = 0; i < 400; i++) {
            double a1 = 2 * Math.PI * rnd.nextDouble(), a2 = 2 * Math.PI * rnd.nextDouble();
            double d1 = 0.017 + 0.08 * rnd.nextDouble(), d2 = 0.017 + 0.08 * rnd.nextDouble();
            double[] p = v(d1 * Math.cos(a1), d1 * Math.sin(a1), 0.0), s = v(d2 * Math.cos(a2), d2 * Math.sin(a2), 0.0);
            double phi = Math.acos(Math.max(-1, Math.min(1, Math.cos(a1 - a2))));
            double arc = phi - Math.acos(r / d1) - Math.acos(r / d2);
            for (boolean single : new boolean[] {true, false}) {
                WrapResult res = new WrapResult();
                res.singleWrap = single;
                TRI.wrap(p, s, res);
                assertEquals(arc > 0, res.wraps, "wraps exactly when the straight line cuts the circle");
                if (!res.wraps) continue;
                wrapped++;
                double expected = Math.sqrt(d1 * d1 - r * r) + Math.sqrt(d2 * d2 - r * r) + r * arc;
                assertEquals(expected, res.length, 1e-14);
                assertEquals(r * arc, res.surfaceLength, 1e-14);
            }
        }
        assertTrue(wrapped > 100, "wrapped " + wrapped);
    }

    @Test
    void cylinderDerivativesWithTangencyAdjustment() {
        assertTrue(derivativeSweep(TRI, 5, 0.017, 0.08, false, 600) > 30);
    }

    @Test
    void torusDerivatives() {
        assertTrue(derivativeSweep(DELT3, 6, 0.0, 0.2, true, 600) > 20);
    }

    @Test
    void ellipsoidDerivatives() {
        assertTrue(derivativeSweep(THORAX, 7, 0.14, 0.3, true, 300) > 20);
        assertTrue(derivativeSweep(DELT1HH, 8, 0.1, 0.2, true, 300) > 20);
    }

    @Test
    void wrappedNeverShorter() {
        WrapSurface[] all = {TRI, INFSP_NEW, DELT3, THORAX, DELT1HH};
        Random rnd = new Random(9);
        for (WrapSurface w : all) {
            int wrapped = 0;
            for (int i = 0; i < 300; i++) {
                double[] p = randomPoint(rnd, 0.0, 0.3), s = randomPoint(rnd, 0.0, 0.3);
                WrapResult r = new WrapResult();
                w.wrap(p, s, r);
                assertTrue(Double.isFinite(r.length));
                if (!r.wraps) continue;
                wrapped++;
                checkNotShorter(r, p, s);
            }
            assertTrue(wrapped > 5, w.getClass().getSimpleName() + " wrapped " + wrapped);
        }
    }
}
