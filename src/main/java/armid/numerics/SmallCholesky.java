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
            a[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                double sum = a[i * k + j];
                for (int p = 0; p < j; p++) {
                    sum -= a[i * k + p] * a[j * k + p];
                }
                a[i * k + j] = sum / ljj;
            }
        }
        return true;
    }

    /** Solves L Lᵀ x = b with the factor from {@link #factor}; x may be b. */
    public static void solve(double[] l, int k, double[] b, double[] x) {
        for (int i = 0; i < k; i++) {
            double sum = b[i];
            for (int p = 0; p < i; p++) {
                sum -= l[i * k + p] * x[p];
            }
            x[i] = sum / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double sum = x[i];
            for (int p = i + 1; p < k; p++) {
                sum -= l[p * k + i] * x[p];
            }
            x[i] = sum / l[i * k + i];
        }
    }

    /**
     * {@link #factor}, but with the reciprocals 1/L_jj stored on the diagonal, for {@link #solveReciprocal}: a solve
     * is a chain of dependent operations, and a multiplication ends it sooner than a division would.
     */
    public static boolean factorReciprocal(double[] a, int k) {
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
            double inv = 1 / Math.sqrt(d);
            a[j * k + j] = inv;
            for (int i = j + 1; i < k; i++) {
                double sum = a[i * k + j];
                for (int p = 0; p < j; p++) {
                    sum -= a[i * k + p] * a[j * k + p];
                }
                a[i * k + j] = sum * inv;
            }
        }
        return true;
    }

    /** Solves L Lᵀ x = b with the factor from {@link #factorReciprocal}; x may be b. */
    public static void solveReciprocal(double[] l, int k, double[] b, double[] x) {
        for (int i = 0; i < k; i++) {
            double sum = b[i];
            for (int p = 0; p < i; p++) {
                sum -= l[i * k + p] * x[p];
            }
            x[i] = sum * l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double sum = x[i];
            for (int p = i + 1; p < k; p++) {
                sum -= l[p * k + i] * x[p];
            }
            x[i] = sum * l[i * k + i];
        }
    }
}
