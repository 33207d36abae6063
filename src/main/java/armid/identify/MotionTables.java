package armid.identify;

import static armid.identify.IdentificationLoss.NB;
import static armid.identify.IdentificationLoss.NI;
import static armid.identify.IdentificationLoss.NU;
import static armid.identify.IdentificationLoss.UI;
import static armid.identify.IdentificationLoss.UK;

import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.InertialParameters;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * What {@link IdentificationLoss} needs from the motion alone (q, q̇, q̈ and the model), computed once per dataset and
 * read only afterwards, so that several losses on the same data (a study's runs: methods, seeds) share it: per sample
 * the musculotendon lengths and speeds of the 16 muscles (the reference simulator's smooth paths), Tᵀ J_mᵀ, Tᵀ Y on
 * the 30 bone parameters and the constant rest, and M_r = Tᵀ M T as its value at zero bone parameters plus ∂M_r/∂π
 * (see {@link IdentificationLoss} for the layout and for the bound of eq. 7's check). Computing it evaluates every
 * path at every sample, most of a run's start-up.
 */
public final class MotionTables {
    final MultibodySystem system;
    final int n;
    private final double[] q;
    private final double[] qd;
    private final double[] qdd;
    final double[] tMap; // 16×5
    // ∂M_r/∂π at sample t, per bone b (its 10 parameters p = 10b + k): the distinct entries u < dLen[b] at
    // dMr[t·dStride + dOff[b] + 10u + k], entry-major so that the ten parameters of an entry are adjacent; the
    // entries from dLen[b] on are zero at every sample (exactly: a bone that the last coordinates do not move; the
    // humerus moves the shoulder's 6, the ulna 10, the radius all 15).
    final double[] dMr;
    final int[] dOff = new int[3];
    final int[] dLen = new int[3];
    final int dStride;
    final double[] mr0; // n × 15
    final double[] yr; // n × 5 × 30
    final double[] y0; // n × 5
    final double[] r; // n × 5 × 16
    final double restMinEigenvalue;
    final double restMaxDiagonal;
    final double[] diagonalSlope = new double[NB];
    final double[][] lmt = new double[16][]; // [muscle][sample]
    final double[][] vmt = new double[16][];

    private MotionTables(MultibodySystem system, MotionData data, int threads) {
        this.system = system;
        this.n = data.samples();
        this.q = data.q();
        this.qd = data.qd();
        this.qdd = data.qdd();
        if (system.dof() != MotionData.DOF) {
            throw new IllegalArgumentException("the system has " + system.dof() + " free coordinates, the data "
                    + MotionData.DOF);
        }
        if (n < 3) {
            throw new IllegalArgumentException("need at least 3 samples, got " + n);
        }
        var model = system.model();
        int[] bodies = new int[3];
        for (int b = 0; b < 3; b++) {
            bodies[b] = model.bodyIndex(ParameterRegistry.BONES.get(b));
            if (bodies[b] < 0) {
                throw new IllegalArgumentException("the model has no body " + ParameterRegistry.BONES.get(b));
            }
        }
        Constraints cons = new Constraints(system);
        if (cons.independent().length != NI) {
            throw new IllegalArgumentException("expected 5 independent coordinates, got "
                    + cons.independentNames());
        }
        tMap = cons.velocityMap();
        double[] dFull = new double[n * NB * NU];
        mr0 = new double[n * NU];
        yr = new double[n * NI * NB];
        y0 = new double[n * NI];
        r = new double[n * NI * 16];
        for (int m = 0; m < 16; m++) {
            lmt[m] = new double[n];
            vmt[m] = new double[n];
        }
        precompute(system, data, threads, bodies, dFull);
        int stride = 0;
        for (int b = 0; b < 3; b++) {
            int len = 0;
            for (int p = 10 * b; p < 10 * b + 10; p++) {
                for (int t = 0; t < n; t++) {
                    for (int uu = NU - 1; uu >= len; uu--) {
                        if (dFull[(t * NB + p) * NU + uu] != 0) {
                            len = uu + 1;
                            break;
                        }
                    }
                }
            }
            dOff[b] = stride;
            dLen[b] = len;
            stride += 10 * len;
        }
        dStride = stride;
        dMr = new double[n * dStride];
        for (int t = 0; t < n; t++) {
            for (int b = 0; b < 3; b++) {
                for (int uu = 0; uu < dLen[b]; uu++) {
                    for (int k = 0; k < 10; k++) {
                        dMr[t * dStride + dOff[b] + 10 * uu + k] = dFull[(t * NB + 10 * b + k) * NU + uu];
                    }
                }
            }
        }
        double minEig = Double.POSITIVE_INFINITY;
        double maxDiag = 0;
        for (int t = 0; t < n; t++) {
            minEig = Math.min(minEig, minEigenvalue(mr0, t * NU));
            for (int i = 0; i < NI; i++) {
                maxDiag = Math.max(maxDiag, mr0[t * NU + diag(i)]);
                for (int p = 0; p < NB; p++) {
                    diagonalSlope[p] = Math.max(diagonalSlope[p], Math.abs(dFull[(t * NB + p) * NU + diag(i)]));
                }
            }
        }
        restMinEigenvalue = minEig;
        restMaxDiagonal = maxDiag;
    }

    /**
     * The tables of {@code data} on {@code system}, the paths evaluated on up to {@code threads} threads (the result
     * does not depend on their number: every sample is computed alone).
     */
    public static MotionTables of(MultibodySystem system, MotionData data, int threads) {
        return new MotionTables(system, data, threads);
    }

    /** Fails unless these tables were computed for {@code system} and the same q, q̇, q̈ as {@code data}. */
    void checkFor(MultibodySystem s, MotionData data) {
        if (s != system) {
            throw new IllegalArgumentException("the motion tables were computed for another system");
        }
        if (data.samples() != n || !Arrays.equals(data.q(), q) || !Arrays.equals(data.qd(), qd)
                || !Arrays.equals(data.qdd(), qdd)) {
            throw new IllegalArgumentException("the motion tables were computed for another motion");
        }
    }

    public int samples() {
        return n;
    }

    /** ∂(M_r)_u/∂π_p at sample t (u: distinct entry, {@link IdentificationLoss#entry}). */
    double massDerivative(int t, int p, int u) {
        int b = p / 10;
        return u < dLen[b] ? dMr[t * dStride + dOff[b] + 10 * u + p % 10] : 0;
    }

    /** Per-sample regressor pieces, ∂M_r/∂π, moment arms and path lengths, split over threads. */
    private void precompute(MultibodySystem system, MotionData data, int threads, int[] bodies, double[] dFull) {
        PathSet paths = PathSet.of(system, ParameterRegistry.MUSCLES);
        double[] piAll = InertialParameters.standard(system);
        for (int b : bodies) {
            for (int k = 0; k < 10; k++) {
                piAll[10 * b + k] = 0;
            }
        }
        int cols = 10 * system.bodyCount();
        int nt = Math.min(threads, Math.max(1, n / 100));
        List<Thread> ts = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int w = 0; w < nt; w++) {
            int from = (int) ((long) n * w / nt);
            int to = (int) ((long) n * (w + 1) / nt);
            Runnable job = () -> {
                Dynamics dyn = system.newDynamics();
                PathEvaluator ev = paths.newSmoothEvaluator(); // the reference simulator's paths
                double[] y = new double[16 * cols];
                double[] yz = new double[16 * cols];
                double[] q = new double[16], qd = new double[16], qdd = new double[16], zero = new double[16];
                double[] ma = new double[16];
                double[][] ycol = new double[NI][];
                for (int k = 0; k < NI; k++) {
                    ycol[k] = new double[16 * cols];
                }
                double[] tcol = new double[16];
                for (int t = from; t < to; t++) {
                    System.arraycopy(data.q(), 16 * t, q, 0, 16);
                    System.arraycopy(data.qd(), 16 * t, qd, 0, 16);
                    System.arraycopy(data.qdd(), 16 * t, qdd, 0, 16);
                    dyn.setState(q, qd);
                    dyn.regressor(qdd, y);
                    ev.evaluate(dyn);
                    for (int m = 0; m < 16; m++) {
                        lmt[m][t] = ev.length(m);
                        vmt[m][t] = ev.lengtheningSpeed(m);
                        ev.momentArms(m, ma);
                        for (int i = 0; i < NI; i++) {
                            double s = 0;
                            for (int j = 0; j < 16; j++) {
                                s += tMap[j * NI + i] * ma[j];
                            }
                            r[(t * NI + i) * 16 + m] = s;
                        }
                    }
                    // Tᵀ Y: the 30 varying columns and the constant rest.
                    for (int i = 0; i < NI; i++) {
                        double fixed = 0;
                        for (int j = 0; j < 16; j++) {
                            double tj = tMap[j * NI + i];
                            if (tj == 0) {
                                continue;
                            }
                            int row = j * cols;
                            for (int c = 0; c < cols; c++) {
                                fixed += tj * y[row + c] * piAll[c];
                            }
                            for (int b = 0; b < 3; b++) {
                                for (int k = 0; k < 10; k++) {
                                    yr[(t * NI + i) * NB + 10 * b + k] += tj * y[row + 10 * bodies[b] + k];
                                }
                            }
                        }
                        y0[t * NI + i] = fixed;
                    }
                    // M_r columns: Tᵀ (Y(q, 0, T e_k) − Y(q, 0, 0)).
                    dyn.setState(q, zero);
                    dyn.regressor(zero, yz);
                    for (int k = 0; k < NI; k++) {
                        for (int j = 0; j < 16; j++) {
                            tcol[j] = tMap[j * NI + k];
                        }
                        dyn.regressor(tcol, ycol[k]);
                    }
                    for (int uu = 0; uu < NU; uu++) {
                        int i = UI[uu], k = UK[uu];
                        double fixed = 0;
                        for (int j = 0; j < 16; j++) {
                            double tj = tMap[j * NI + i];
                            if (tj == 0) {
                                continue;
                            }
                            int row = j * cols;
                            double[] yk = ycol[k];
                            for (int c = 0; c < cols; c++) {
                                fixed += tj * (yk[row + c] - yz[row + c]) * piAll[c];
                            }
                            for (int b = 0; b < 3; b++) {
                                for (int kk = 0; kk < 10; kk++) {
                                    int c = row + 10 * bodies[b] + kk;
                                    dFull[(t * NB + 10 * b + kk) * NU + uu] += tj * (yk[c] - yz[c]);
                                }
                            }
                        }
                        mr0[t * NU + uu] = fixed;
                    }
                }
            };
            Thread th = new Thread(() -> {
                try {
                    job.run();
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while precomputing", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }


    static int diag(int i) {
        return i * (i + 1) / 2 + i;
    }

    /** Smallest eigenvalue of the symmetric 5×5 whose distinct entries start at a[o]. */
    private static double minEigenvalue(double[] a, int o) {
        DMatrixRMaj m = new DMatrixRMaj(NI, NI);
        for (int uu = 0; uu < NU; uu++) {
            m.set(UI[uu], UK[uu], a[o + uu]);
            m.set(UK[uu], UI[uu], a[o + uu]);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(NI, false, true);
        if (!eig.decompose(m)) {
            return Double.NEGATIVE_INFINITY;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < NI; i++) {
            min = Math.min(min, eig.getEigenvalue(i).real);
        }
        return min;
    }
}
