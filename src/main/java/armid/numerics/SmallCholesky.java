package armid.numerics;

/**
 * Cholesky factorisation and solve of small symmetric positive definite k × k matrices stored row-major in
 * {@code double[]}, in place and without allocation (the per-sample 5 × 5 systems of the dynamics and the controller).
 */
public final class SmallCholesky {
    private SmallCholesky() {
    }

    /**
     * Factors a = L Lᵀ in place (L in the lower triangle; the upper triangle is left as it was); false if a pivot is
     * not above 1e-14 times the largest diagonal entry (not positive definite to working precision).
     */
    public static boolean factor(double[] a, int k) {
        return factor(a, k, false);
    }

    /**
     * {@link #factor}, but with the reciprocals 1/L_jj stored on the diagonal, for {@link #solveReciprocal}: a solve
     * is a chain of dependent operations, and a multiplication ends it sooner than a division would.
     */
    public static boolean factorReciprocal(double[] a, int k) {
        return factor(a, k, true);
    }

    /** Solves L Lᵀ x = b with the factor from {@link #factor}; x may be b. */
    public static void solve(double[] l, int k, double[] b, double[] x) {
        solve(l, k, b, x, false);
    }

    /** Solves L Lᵀ x = b with the factor from {@link #factorReciprocal}; x may be b. */
    public static void solveReciprocal(double[] l, int k, double[] b, double[] x) {
        solve(l, k, b, x, true);
    }

    /** The factorisation; {@code reciprocal}: 1/L_jj on the diagonal and the column scaled by it. */
    private static boolean factor(double[] a, int k, boolean reciprocal) {
        double scale = 0;
        for (int i = 0; i < k; i++) {
            scale = Math.max(scale, Math.abs(a[i * k + i]));
        }
        for (int j = 0; j < k; j++) {
            double d = a[j * k + j];
            for (int p = 0; p < j; p++) {
                d -= a[j * k + p] * a[j * k + p];
            }
            if (!(d > 1e-14 * scale)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            double inv = 1 / ljj;
            a[j * k + j] = reciprocal ? inv : ljj;
            for (int i = j + 1; i < k; i++) {
                double sum = a[i * k + j];
                for (int p = 0; p < j; p++) {
                    sum -= a[i * k + p] * a[j * k + p];
                }
                a[i * k + j] = reciprocal ? sum * inv : sum / ljj;
            }
        }
        return true;
    }

    /** The two triangular solves; {@code reciprocal}: the diagonal holds 1/L_jj. */
    private static void solve(double[] l, int k, double[] b, double[] x, boolean reciprocal) {
        for (int i = 0; i < k; i++) {
            double sum = b[i];
            for (int p = 0; p < i; p++) {
                sum -= l[i * k + p] * x[p];
            }
            x[i] = reciprocal ? sum * l[i * k + i] : sum / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double sum = x[i];
            for (int p = i + 1; p < k; p++) {
                sum -= l[p * k + i] * x[p];
            }
            x[i] = reciprocal ? sum * l[i * k + i] : sum / l[i * k + i];
        }
    }
}
