package armid.model.path.wrap;

import static armid.model.path.wrap.WrapTestSupport.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The wall rule of a quadrant-constrained cylinder in the continuous variant ({@link WrapResult#continuous}): the path
 * may not cross the half plane from the axis into the inactive side, and is the shortest path round the circle in
 * that class. With P and S in the cross-section z = 0 the length has a closed form to check against, √(ρ_P² − R²) +
 * R·(|Δφ| − α_P − α_S) + √(ρ_S² − R²) when the arc is positive and |P − S| otherwise (Δφ the turn from P to S that
 * does not cross the wall, α = acos(R/ρ)); out of that plane the length must be continuous where OpenSim's rule
 * switches with the path clear of the cylinder.
 */
class WrapCylinderWallTest {
    private static final double R = 0.01;

    private static WrapResult continuous() {
        WrapResult r = new WrapResult();
        r.continuous = true;
        return r;
    }

    /** The closed form in the cross-section, for a cylinder with quadrant +x (angles from +x, the wall at ±π). */
    private static double planar(double[] p, double[] s) {
        double rp = Math.hypot(p[0], p[1]), rs = Math.hypot(s[0], s[1]);
        double dphi = Math.atan2(s[1], s[0]) - Math.atan2(p[1], p[0]);
        double arc = Math.abs(dphi) - Math.acos(R / rp) - Math.acos(R / rs);
        if (arc <= 0) return Math.hypot(p[0] - s[0], p[1] - s[1]);
        return Math.sqrt(rp * rp - R * R) + R * arc + Math.sqrt(rs * rs - R * R);
    }

    @Test
    void planarLengthsAreTheShortestPathThatDoesNotCrossTheWall() {
        WrapCylinder cyl = new WrapCylinder(R, 0.1, "x");
        Random rnd = new Random(5);
        int wrapped = 0, far = 0, straightInactive = 0;
        for (int k = 0; k < 20000; k++) {
            double[] p = point(rnd), s = point(rnd);
            WrapResult r = continuous();
            cyl.wrap(p, s, r);
            assertEquals(planar(p, s), r.length, 1e-12, "P=" + java.util.Arrays.toString(p) + " S="
                    + java.util.Arrays.toString(s));
            if (r.wraps) {
                wrapped++;
                // the path goes round the active side: through x > 0 wherever it crosses y = 0
                if (r.surfaceLength > Math.PI * R) far++;
            } else if (p[0] < 0 && s[0] < 0) {
                straightInactive++; // OpenSim's rule wraps every such segment
            }
        }
        assertTrue(wrapped > 1000 && far > 100 && straightInactive > 1000, wrapped + " " + far + " " + straightInactive);
    }

    private static double[] point(Random rnd) {
        double rho = R * (1.05 + 10 * rnd.nextDouble()), phi = Math.PI * (2 * rnd.nextDouble() - 1);
        return v(rho * Math.cos(phi), rho * Math.sin(phi), 0.0);
    }

    /**
     * P on the active side, S on the inactive side, the line 20 mm from the axis of a 10 mm cylinder: OpenSim's rule
     * wraps once the line's point nearest the axis crosses to the inactive side (here where S passes y = 20 mm, the
     * line parallel to x), a jump of centimetres; the wall rule leaves the line straight, as it does not cross the
     * wall. Out of the cross-section (S 40 mm along the axis) too.
     */
    @Test
    void noJumpWhereTheLineNearestTheAxisCrossesToTheInactiveSide() {
        WrapCylinder cyl = new WrapCylinder(R, 0.2, "x");
        double[] p = v(0.03, 0.02, 0.0);
        double worstContinuous = 0, worstOpenSim = 0, prevC = Double.NaN, prevO = Double.NaN;
        for (int i = 0; i <= 2000; i++) {
            double[] s = v(-0.05, 0.019 + 0.002 * i / 2000, 0.04);
            WrapResult c = continuous();
            cyl.wrap(p, s, c);
            assertFalse(c.wraps);
            WrapResult o = new WrapResult();
            cyl.wrap(p, s, o);
            if (i > 0) {
                worstContinuous = Math.max(worstContinuous, Math.abs(c.length - prevC));
                worstOpenSim = Math.max(worstOpenSim, Math.abs(o.length - prevO));
            }
            prevC = c.length;
            prevO = o.length;
        }
        assertTrue(worstOpenSim > 0.01, "OpenSim's rule no longer jumps here: " + worstOpenSim);
        assertTrue(worstContinuous < 2e-6, "the wall rule jumps by " + worstContinuous);
    }

    /**
     * Where P, S and the axis come into one plane (|Δφ| = π, the straight line through the axis) the path keeps its
     * side, only the construction's apex changes sides (OpenSim's far side; the wall rule takes the apex nearer the
     * middle of the arc), so L is continuous. S sweeps across the line through P and the axis, 30 mm along the axis,
     * with P on the active and on the inactive side; consecutive lengths differ by at most the step's share (2e-6 m).
     * The grid avoids the line exactly through the axis, where the construction's plane through P, S and the axis is
     * undefined, as in OpenSim.
     */
    @Test
    void continuousWhereTheLinePassesThroughTheAxis() {
        WrapCylinder cyl = new WrapCylinder(R, 0.2, "-y");
        for (double[] p : new double[][] {v(0.01, -0.03, -0.02), v(0.02, 0.025, -0.02)}) {
            double prev = Double.NaN;
            boolean wraps = true;
            for (int i = 0; i <= 2000; i++) {
                double t = -0.001 + 0.002 * (i + 0.37) / 2000;
                // across the line through P and the axis, beyond the axis
                double[] s = v(-2 * p[0] + t * p[1], -2 * p[1] - t * p[0], 0.03);
                WrapResult r = continuous();
                cyl.wrap(p, s, r);
                wraps &= r.wraps;
                if (i > 0) assertEquals(prev, r.length, 2e-6, "P=" + java.util.Arrays.toString(p) + " t=" + t);
                prev = r.length;
            }
            assertTrue(wraps);
        }
    }

    @Test
    void derivativesAreThoseOfTheLength() {
        Random rnd = new Random(9);
        int checked = 0;
        for (String q : new String[] {"x", "-x", "y", "-y"}) {
            WrapCylinder cyl = new WrapCylinder(R, 0.1, q);
            for (int k = 0; k < 400; k++) {
                double[] p = point(rnd), s = point(rnd);
                p[2] = 0.03 * (rnd.nextDouble() - 0.5);
                s[2] = 0.03 * (rnd.nextDouble() - 0.5);
                for (boolean single : new boolean[] {true, false}) {
                    checked += WrapTestSupport.checkDerivatives(cyl, p, s, r -> {
                        r.continuous = true;
                        r.singleWrap = single;
                        r.exactTangency = true;
                    }, 1e-6, 1e-6);
                }
            }
        }
        assertTrue(checked > 2000, "checked " + checked);
    }

    /**
     * Where the construction's tangent points pass the cylinder's end OpenSim stops wrapping with the path still longer
     * than the straight line; the continuous variant fades the wrap out over one radius ({@code WrapCylinder.endWeight}).
     * S rises along the axis so that the tangent points leave the top of a 30 mm cylinder: OpenSim's length jumps, the
     * continuous one changes by at most the step's share, is the full wrap below the band and the straight line above
     * it, and its derivatives inside the band are those of the length.
     */
    @Test
    void theWrapFadesOutAtTheCylindersEnd() {
        WrapCylinder cyl = new WrapCylinder(R, 0.03, "all");
        double[] p = v(0.04, 0.012, 0.0);
        double prevC = Double.NaN, prevO = Double.NaN, worstC = 0, worstO = 0;
        boolean full = false, straight = false;
        int fading = 0, checked = 0;
        for (int i = 0; i <= 4000; i++) {
            double[] s = v(-0.04, 0.0, 0.08 * i / 4000);
            WrapResult c = new WrapResult();
            c.continuous = true;
            cyl.wrap(p, s, c);
            WrapResult o = new WrapResult();
            cyl.wrap(p, s, o);
            if (i > 0) {
                worstC = Math.max(worstC, Math.abs(c.length - prevC));
                worstO = Math.max(worstO, Math.abs(o.length - prevO));
            }
            prevC = c.length;
            prevO = o.length;
            full |= c.wraps && c.length == o.length && o.wraps;
            straight |= !c.wraps && !o.wraps;
            if (c.wraps && c.length != o.length) {
                fading++;
                assertTrue(c.length < o.length || !o.wraps);
                if (i % 10 == 0) {
                    checked += WrapTestSupport.checkDerivatives(cyl, p, s, r -> r.continuous = true, 1e-6, 1e-6);
                }
            }
        }
        assertTrue(worstO > 3e-4, "OpenSim's rule no longer jumps here: " + worstO);
        // consecutive points 20 µm apart along the axis: |ΔL| ≤ |∂L/∂S_z| · 2e-5 m
        assertTrue(worstC < 2e-5, "the continuous variant jumps by " + worstC);
        assertTrue(full && straight && fading > 20 && checked > 2, full + " " + straight + " " + fading + " " + checked);
    }
}
