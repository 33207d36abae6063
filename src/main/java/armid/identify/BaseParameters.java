package armid.identify;

import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.qr.QRColPivDecompositionHouseholderColumn_DDRM;

/**
 * The base dynamic coefficients of the 30 bone parameters, found numerically from the model (Gautier's method, the
 * paper's refs. [50], [51]): the constrained regressor Tᵀ Y(q, q̇, q̈) restricted to the standard parameters of
 * humerus, ulna and radius is stacked over many random states, its columns are scaled to unit norm, and a QR
 * decomposition with column pivoting splits them into r independent columns π₁ and dependent ones π₂ = ... The
 * base coefficients are β = π₁ + R₁₁⁻¹ R₁₂ π₂ (in standard parameters [m, m·c, I_origin]): the linear combinations the
 * motion determines. {@link #coefficients} evaluates them from OpenSim-style parameters θ.
 */
public final class BaseParameters {
    private final int rank;
    private final double[] k; // rank × 30: β = K π_std
    private final int[] independent;
    private final String[] names;

    private BaseParameters(int rank, double[] k, int[] independent, String[] names) {
        this.rank = rank;
        this.k = k;
        this.independent = independent;
        this.names = names;
    }

    /**
     * Computes the base coefficients from {@code states} random states with the independent coordinates inside the
     * given ranges (rad), speeds and accelerations uniform in ±{@code speed}, ±{@code accel}.
     */
    public static BaseParameters compute(MultibodySystem system, int states, long seed, double[] qMin,
                                         double[] qMax, double speed, double accel) {
        Constraints cons = new Constraints(system);
        double[] tm = cons.velocityMap();
        int ni = cons.independent().length;
        int[] bodies = new int[3];
        for (int b = 0; b < 3; b++) {
            bodies[b] = system.model().bodyIndex(ParameterRegistry.BONES.get(b));
        }
        int cols = 10 * system.bodyCount();
        Dynamics dyn = system.newDynamics();
        double[] y = new double[16 * cols];
        DMatrixRMaj w = new DMatrixRMaj(ni * states, 30);
        Random r = new Random(seed);
        double[] qi = new double[ni], qdi = new double[ni], qddi = new double[ni];
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < ni; c++) {
                qi[c] = qMin[c] + (qMax[c] - qMin[c]) * r.nextDouble();
                qdi[c] = speed * (2 * r.nextDouble() - 1);
                qddi[c] = accel * (2 * r.nextDouble() - 1);
            }
            double[] q = cons.positions(qi);
            double[] qd = cons.speeds(qdi);
            double[] qdd = cons.speeds(qddi);
            dyn.setState(q, qd);
            dyn.regressor(qdd, y);
            for (int i = 0; i < ni; i++) {
                for (int b = 0; b < 3; b++) {
                    for (int kk = 0; kk < 10; kk++) {
                        double v = 0;
                        for (int j = 0; j < 16; j++) {
                            v += tm[j * ni + i] * y[j * cols + 10 * bodies[b] + kk];
                        }
                        w.set(s * ni + i, 10 * b + kk, v);
                    }
                }
            }
        }
        double[] norm = new double[30];
        for (int c = 0; c < 30; c++) {
            double sum = 0;
            for (int i = 0; i < w.numRows; i++) {
                sum += w.get(i, c) * w.get(i, c);
            }
            norm[c] = Math.sqrt(sum);
            if (norm[c] == 0) {
                norm[c] = 1;
            }
            for (int i = 0; i < w.numRows; i++) {
                w.set(i, c, w.get(i, c) / norm[c]);
            }
        }
        QRColPivDecompositionHouseholderColumn_DDRM qrp = new QRColPivDecompositionHouseholderColumn_DDRM(1e-9);
        if (!qrp.decompose(w)) {
            throw new IllegalStateException("QR of the stacked regressor failed");
        }
        int rank = qrp.getRank();
        int[] piv = qrp.getColPivots();
        DMatrixRMaj rr = qrp.getR(null, true);
        // β (scaled) = π̃₁ + R₁₁⁻¹ R₁₂ π̃₂, π̃ = norm ∘ π.
        DMatrixRMaj r11 = new DMatrixRMaj(rank, rank);
        DMatrixRMaj r12 = new DMatrixRMaj(rank, 30 - rank);
        for (int i = 0; i < rank; i++) {
            for (int j = 0; j < 30; j++) {
                if (j < rank) {
                    r11.set(i, j, rr.get(i, j));
                } else {
                    r12.set(i, j - rank, rr.get(i, j));
                }
            }
        }
        DMatrixRMaj beta = new DMatrixRMaj(rank, 30 - rank);
        org.ejml.dense.row.CommonOps_DDRM.solve(r11, r12, beta);
        double[] k = new double[rank * 30];
        int[] indep = new int[rank];
        String[] names = new String[rank];
        String[] std = {"m", "mcx", "mcy", "mcz", "Ixx", "Iyy", "Izz", "Ixy", "Ixz", "Iyz"};
        for (int i = 0; i < rank; i++) {
            int c = piv[i];
            indep[i] = c;
            // β_i is expressed in the unscaled parameters: divide out the scaling of the independent column.
            k[i * 30 + c] = 1.0;
            StringBuilder sb = new StringBuilder(ParameterRegistry.BONES.get(c / 10) + "." + std[c % 10]);
            for (int j = rank; j < 30; j++) {
                int d = piv[j];
                double coef = beta.get(i, j - rank) * norm[d] / norm[c];
                if (Math.abs(coef) > 1e-9) {
                    k[i * 30 + d] += coef;
                    sb.append(String.format(" %+.4g·%s.%s", coef, ParameterRegistry.BONES.get(d / 10), std[d % 10]));
                }
            }
            names[i] = sb.toString();
        }
        return new BaseParameters(rank, k, indep, names);
    }

    /** Number of base coefficients (the paper reports 17). */
    public int count() {
        return rank;
    }

    /** β = K π_std (rank × 30, row-major copy). */
    public double[] matrix() {
        return k.clone();
    }

    /** Each coefficient as a readable combination of standard parameters. */
    public String[] names() {
        return names.clone();
    }

    /** Indices (0–29) of the standard parameters chosen as independent. */
    public int[] independentColumns() {
        return independent.clone();
    }

    /** The base coefficients at θ (the registry's full parameter vector; only the bone part is read). */
    public double[] coefficients(double[] theta) {
        double[] pi = IdentificationLoss.bonePi(theta);
        double[] out = new double[rank];
        for (int i = 0; i < rank; i++) {
            double s = 0;
            for (int j = 0; j < 30; j++) {
                s += k[i * 30 + j] * pi[j];
            }
            out[i] = s;
        }
        return out;
    }
}
