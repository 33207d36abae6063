package armid.identify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.numerics.SmallCholesky;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The written-out 5 × 5 solve of the per-sample dynamics against the general one: the same numbers, bit for bit. */
class ReducedSolveTest {
    @Test
    void writtenOutSolveEqualsTheGeneralOne() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 100; trial++) {
            double[] b = new double[25];
            for (int i = 0; i < 25; i++) {
                b[i] = rnd.nextDouble(-1, 1);
            }
            double[] a = new double[25];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    double s = i == j ? 0.05 : 0;
                    for (int r = 0; r < 5; r++) {
                        s += b[r * 5 + i] * b[r * 5 + j];
                    }
                    a[i * 5 + j] = s;
                }
            }
            double[] rhs = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            assertTrue(IdentificationLoss.cholesky5(a));
            double[] x = new double[5];
            double[] y = new double[5];
            IdentificationLoss.solve5(a, rhs, x);
            SmallCholesky.solveReciprocal(a, 5, rhs, y);
            assertArrayEquals(y, x, 0.0);
        }
    }
}
