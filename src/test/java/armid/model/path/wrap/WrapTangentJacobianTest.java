package armid.model.path.wrap;

import static armid.model.path.wrap.WrapTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tangent-point Jacobians dR1 = ∂r1/∂(P, S) and dR2 = ∂r2/∂(P, S) against Richardson-extrapolated central
 * differences of r1 and r2 (step h = 1e-7 m, then h/2), at random wrapping configurations of every surface kind and
 * method; stencils across which the wrap state changes are skipped. Tolerance 1e-6·max(1, |fd|) per entry, as for
 * ∂L/∂P.
 */
class WrapTangentJacobianTest {
    static final WrapSphere SPHERE = new WrapSphere(0.02, "all");
    static final WrapSphere SPHERE_Y = new WrapSphere(0.02, "y");
    static final WrapCylinder TRI = WrapOtherSurfacesTest.TRI;
    static final WrapCylinder INFSP_NEW = WrapOtherSurfacesTest.INFSP_NEW;
    static final WrapTorus DELT3 = WrapOtherSurfacesTest.DELT3;
    static final WrapEllipsoid THORAX = WrapOtherSurfacesTest.THORAX;
    static final WrapEllipsoid DELT1HH = WrapOtherSurfacesTest.DELT1HH;

    static final double H = 1e-7, TOL = 1e-6;

    /** Wrapping configurations compared; asserts that at least {@code min} were. */
    static void sweep(WrapSurface w, long seed, double rmin, double rmax, boolean single, WrapSurface.Method m, int n,
            int min) {
        Random rnd = new Random(seed);
        int checked = 0, wrapped = 0;
        for (int i = 0; i < n; i++) {
            double[] p = randomPoint(rnd, rmin, rmax), s = randomPoint(rnd, rmin, rmax);
            WrapResult r = new WrapResult();
            r.singleWrap = single;
            r.method = m;
            w.wrap(p, s, r);
            if (!r.wraps) continue;
            wrapped++;
            checked += checkTangentJacobians(w, p, s, single, m, H, TOL,
                    w instanceof WrapCylinder ? WrapCylinder::adjustmentBranch : null);
        }
        final int c = checked, wr = wrapped;
        assertTrue(checked >= min, () -> w.getClass().getSimpleName() + " " + w.quadrant() + " " + m + " single="
                + single + ": compared " + c + " of " + wr + " wrapping configurations");
    }

    @Test
    void sphere() {
        sweep(SPHERE, 41, 0.021, 0.1, true, WrapSurface.Method.HYBRID, 1000, 100);
        sweep(SPHERE_Y, 42, 0.021, 0.1, true, WrapSurface.Method.HYBRID, 1000, 100);
    }

    @Test
    void cylinder() {
        sweep(TRI, 43, 0.017, 0.08, true, WrapSurface.Method.HYBRID, 600, 50);
        sweep(INFSP_NEW, 44, 0.024, 0.1, true, WrapSurface.Method.HYBRID, 600, 20);
    }

    @Test
    void cylinderWithTangencyAdjustment() {
        sweep(TRI, 45, 0.017, 0.08, false, WrapSurface.Method.HYBRID, 600, 30);
        sweep(INFSP_NEW, 46, 0.024, 0.1, false, WrapSurface.Method.HYBRID, 600, 20);
    }

    @Test
    void torus() {
        sweep(DELT3, 47, 0.0, 0.2, true, WrapSurface.Method.HYBRID, 600, 20);
    }

    @Test
    void ellipsoidAllMethods() {
        long seed = 48;
        for (WrapSurface.Method m : WrapSurface.Method.values()) {
            sweep(THORAX, seed++, 0.14, 0.3, true, m, 200, 20);
            sweep(DELT1HH, seed++, 0.1, 0.2, true, m, 200, 20);
        }
    }

    /** Not wrapping: r1 = P, r2 = S, so dR1 = [I | 0] and dR2 = [0 | I], for every surface kind. */
    @Test
    void straightSegmentJacobians() {
        WrapSurface[] all = {SPHERE, SPHERE_Y, TRI, INFSP_NEW, DELT3, THORAX, DELT1HH};
        Random rnd = new Random(55);
        double[] id1 = new double[18], id2 = new double[18];
        for (int i = 0; i < 3; i++) {
            id1[6 * i + i] = 1;
            id2[6 * i + 3 + i] = 1;
        }
        for (WrapSurface w : all) {
            int straight = 0;
            WrapResult r = new WrapResult(); // reused, so stale wrapped Jacobians would show
            for (int i = 0; i < 300; i++) {
                double[] p = randomPoint(rnd, 0.0, 0.3), s = randomPoint(rnd, 0.0, 0.3);
                w.wrap(p, s, r);
                if (r.wraps) continue;
                straight++;
                assertArrayEquals(p, r.r1, 0.0);
                assertArrayEquals(s, r.r2, 0.0);
                assertArrayEquals(id1, r.dR1, 0.0);
                assertArrayEquals(id2, r.dR2, 0.0);
            }
            assertTrue(straight > 20, w.getClass().getSimpleName() + " straight " + straight);
        }
    }
}
