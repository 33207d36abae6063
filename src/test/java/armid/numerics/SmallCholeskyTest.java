package armid.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmallCholeskyTest {
    /** A = BᵀB + 0.1 I, k × k, row-major. */
    static double[] spd(SplittableRandom rnd, int k) {
        double[] b = new double[k * k];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextDouble(-1, 1);
        }
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = i == j ? 0.1 : 0;
                for (int r = 0; r < k; r++) {
                    s += b[r * k + i] * b[r * k + j];
                }
                a[i * k + j] = s;
            }
        }
        return a;
    }

    @Test
    void bothFactorisationsSolveTheSystem() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int k = 1; k <= 6; k++) {
            for (int trial = 0; trial < 20; trial++) {
                double[] a = spd(rnd, k);
                double[] rhs = new double[k];
                for (int i = 0; i < k; i++) {
                    rhs[i] = rnd.nextDouble(-1, 1);
                }
                double[] l = a.clone();
                double[] lr = a.clone();
                assertTrue(SmallCholesky.factor(l, k));
                assertTrue(SmallCholesky.factorReciprocal(lr, k));
                double[] x = new double[k];
                double[] xr = new double[k];
                SmallCholesky.solve(l, k, rhs, x);
                SmallCholesky.solveReciprocal(lr, k, rhs, xr);
                for (int i = 0; i < k; i++) {
                    assertEquals(1 / l[i * k + i], lr[i * k + i], 1e-12 * Math.abs(lr[i * k + i]));
                    double ax = 0, axr = 0;
                    for (int j = 0; j < k; j++) {
                        ax += a[i * k + j] * x[j];
                        axr += a[i * k + j] * xr[j];
                    }
                    assertEquals(rhs[i], ax, 1e-10, "k = " + k);
                    assertEquals(rhs[i], axr, 1e-10, "k = " + k);
                    assertEquals(x[i], xr[i], 1e-9 * Math.max(1, Math.abs(x[i])), "k = " + k);
                }
            }
        }
    }

    @Test
    void rejectsMatricesThatAreNotPositiveDefinite() {
        double[] a = {1, 2, 2, 1}; // eigenvalues 3 and −1
        assertFalse(SmallCholesky.factor(a.clone(), 2));
        assertFalse(SmallCholesky.factorReciprocal(a.clone(), 2));
    }
}
