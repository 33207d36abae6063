package armid.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.identify.IdentificationLoss.Method;
import armid.identify.IdentificationLoss.Options;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * Eq. 7's check: M1 and M2 refuse bone parameters for which the constrained inertia M_r = Tᵀ M T is not positive
 * definite, naming the first such sample, found here independently from M_r's eigenvalues; M1 skips the
 * factorisation only where physically valid bones make it unnecessary, and non-physical bones that still give a
 * positive definite M_r are evaluated.
 */
class ConstraintCheckTest {
    private static final int RADIUS_IYY = 25;

    /** Samples where M_r(θ) has an eigenvalue ≤ 0. */
    private static int[] notPositiveDefinite(IdentificationLoss l, double[] theta) {
        return java.util.stream.IntStream.range(0, l.samples()).filter(t -> {
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(5, false, true);
            eig.decompose(new DMatrixRMaj(5, 5, true, l.reducedMassMatrix(t, theta)));
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 5; i++) {
                min = Math.min(min, eig.getEigenvalue(i).real);
            }
            return min <= 0;
        }).toArray();
    }

    @Test
    void m1AndM2NameTheFirstSampleWhereTheConstrainedInertiaIsNotPositiveDefinite() {
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL);
        reg.selectM2();
        MotionData data = Synthetic.kinematic(0.5, 1000, 4);
        double[] gt = reg.groundTruth();
        assertEquals("/bodyset/radius:inertia_yy", reg.driver(RADIUS_IYY).name());
        try (IdentificationLoss m1 = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                Options.of(Method.M1));
             IdentificationLoss m2 = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                     Options.of(Method.M2))) {
            int n = m1.samples();
            // A negative moment of inertia of the radius about its long axis: slightly negative keeps M_r positive
            // definite (the hand's inertia about the axis dominates), more negative makes it indefinite.
            double[] mild = gt.clone();
            mild[RADIUS_IYY] = -gt[RADIUS_IYY];
            assertEquals(0, notPositiveDefinite(m1, mild).length);
            assertTrue(Double.isFinite(m1.value(mild)));
            assertTrue(Double.isFinite(m2.value(mild)));
            // Bisect for a value at which M_r is indefinite at some samples but not all.
            double lo = -gt[RADIUS_IYY];
            double hi = -10 * gt[RADIUS_IYY];
            assertEquals(n, notPositiveDefinite(m1, with(gt, hi)).length);
            int[] bad = null;
            for (int k = 0; k < 60; k++) {
                double mid = 0.5 * (lo + hi);
                int[] b = notPositiveDefinite(m1, with(gt, mid));
                if (b.length == 0) {
                    lo = mid;
                } else if (b.length == n) {
                    hi = mid;
                } else {
                    bad = b;
                    double[] theta = with(gt, mid);
                    for (IdentificationLoss l : new IdentificationLoss[] {m1, m2}) {
                        var e = assertThrows(IdentificationLoss.SingularConstraintException.class,
                                () -> l.value(theta));
                        assertEquals(bad[0], e.sample(), l.options().method() + ": " + e.getMessage());
                    }
                    break;
                }
            }
            assertTrue(bad != null, "no value of the radius's inertia_yy makes M_r indefinite at some samples only");
            System.out.printf("radius inertia_yy: M_r indefinite at %d of %d samples, first %d%n", bad.length, n,
                    bad[0]);
        }
    }

    private static double[] with(double[] gt, double radiusIyy) {
        double[] t = gt.clone();
        t[RADIUS_IYY] = radiusIyy;
        return t;
    }
}
