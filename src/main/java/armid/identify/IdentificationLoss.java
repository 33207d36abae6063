package armid.identify;

import armid.model.mechanics.Constraints;
import armid.model.mechanics.InertialParameters;
import armid.model.mechanics.MultibodySystem;
import armid.model.muscle.MillardParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The identification losses M1 (eq. 7–14) and M2 (residual of eq. 11 with every muscle modelled) and their exact
 * gradients with respect to every parameter of the {@link ParameterRegistry} (hand-written adjoints on primitive
 * arrays). The motion is data: everything that depends on it alone is computed once ({@link MotionTables}, by the
 * constructor unless given, so that several losses on the same data share it).
 *
 * <p><b>Reduction to the independent coordinates (exact, no approximation).</b> G is constant and b = 0, so the
 * constrained accelerations are q̈ = T q̈_i with T (16×5, {@link Constraints#velocityMap()}) a basis of null(G). For
 * invertible M, A = (I − G^{M+}G) M⁻¹ of eq. 10 equals T M_r⁻¹ Tᵀ with M_r = Tᵀ M T (both map τ to the unique
 * constrained acceleration), so the residual of eq. 11 is d = c − A τ_m = T M_r⁻¹ e with e = Tᵀ(ID(q, q̇, q̈; π) −
 * J_mᵀ f_m) and ID = Y(q, q̇, q̈) π linear in the inertial parameters. A Gᵀ = 0, so only Tᵀ J_mᵀ matters: moment arms
 * on dependent coordinates enter through their total derivative along the constraint manifold, whatever convention
 * produced them. Precomputed per sample: Tᵀ Y on the 30 parameters of humerus, ulna and radius and the constant rest,
 * ∂M_r/∂π (the distinct entries each parameter moves: the humerus's 6 of the shoulder block, the ulna's 10, the
 * radius's 15), Tᵀ J_mᵀ, musculotendon lengths and speeds.
 *
 * <p><b>Eq. 7's check.</b> For invertible M and orthonormal bases T̂ of null(G) and Ĝ of its complement,
 * det(T̂ᵀ M T̂) = det(M) det(Ĝ M⁻¹ Ĝᵀ), so G M⁻¹ Gᵀ is invertible iff M_r is; an epoch throws
 * {@link SingularConstraintException} naming the first sample where M_r's Cholesky factorisation fails (the
 * parameters then describe no physical arm). M2 factors M_r at every sample anyway. M1 does not need M_r itself, and
 * skips the factorisation when it cannot fail: M_r is linear in the bones' spatial inertias, so with each of them
 * positive semi-definite (mass &gt; 0, inertia about the centre of mass ⪰ 0) M_r(π) ⪰ M_r(0), the rest of the arm,
 * whose smallest eigenvalue over the samples (computed once) bounds every pivot from below.
 *
 * <p><b>M1 in closed form.</b> Eq. 14 projects d out of range(A J_mdᵀ) = T M_r⁻¹ range(B), B = Tᵀ J_mdᵀ (5×5, rank 4
 * where the deep Jacobian has the block structure of Fig. 2). With H = TᵀT and K (5×k) an orthonormal basis of
 * null(Bᵀ) (data, from an SVD per sample), the squared residual of the least squares of eq. 13 is
 * sᵀ (Wᵀ H⁻¹ W)⁻¹ s with s = Kᵀ e_s and W = M_r K: the component of the superficial-muscle torque residual that no
 * deep-muscle force can supply, in the metric of eq. 14. No pseudoinverse is formed per epoch; the rank of B is
 * decided once per sample (singular values below {@code 1e-9} of the largest count as zero). Both s and W are linear
 * in π, and K is data, so their coefficients Kᵀ Tᵀ Y and ∂M_r/∂π K are precomputed: with B of rank 4 an epoch costs
 * about 400 multiply-adds per sample for the dynamics and its adjoint.
 *
 * <p><b>Normalisation (eq. 14).</b> The sum over samples is divided by T·var(d), var over all 16·T entries of d
 * (superficial muscles only for M1, all for M2) at the parameters given to {@link #normalizeAt}, by default the
 * registry's values when the loss is built (the initial guess).
 *
 * <p><b>Tendon phase.</b> With the gradient restricted to tendon slack lengths ({@link #restrictGradient}), an
 * evaluation at a θ that differs from the previous one only in tendon slack lengths (the tendon phase of
 * {@link Identification}) reuses what does not depend on them: the activations, the forces of muscles whose
 * equation has no slack length (eq. 15 with measured fibre kinematics), π, and per sample the factor of M_r (M2) or
 * of Wᵀ H⁻¹ W (M1) and the muscle-free part of the residual. It then recomputes only the other forces (eq. 16, and
 * eq. 15 with rigid-tendon kinematics), the residual and the slack lengths' gradient, with the same arithmetic as a
 * full evaluation, so the loss and those gradient entries are the same to the last bit.
 *
 * <p>Threads: muscles are split across threads for the EMG → force chain and its adjoint, samples for the dynamics
 * part; each thread accumulates its own gradient. Not thread-safe itself: one evaluation at a time.
 */
public final class IdentificationLoss implements AutoCloseable {

    /** Which loss. */
    public enum Method {
        /** The paper's method: superficial EMG only, deep forces by least squares (eq. 7–14). */
        M1,
        /** All 16 muscles modelled from EMG: residual of eq. 11. */
        M2
    }

    /** Which force equation the modelled muscles use. */
    public enum Phase {
        /** Eq. 15. */
        CONTRACTION,
        /**
         * Eq. 16 (needs fibre kinematics in the data; without them eq. 15 is used, see {@link HillMuscle}). A muscle
         * with a rigid tendon (PECM1) has no tendon-force-length relation, so eq. 16 would give it no force; it keeps
         * eq. 15 with the rigid tendon's fibre kinematics l_m cos φ = l_mt − l_t^s, which are exact for it and
         * through which its tendon slack length enters.
         */
        TENDON
    }

    /**
     * Options.
     *
     * @param method          M1 or M2
     * @param threads         worker threads (≥ 1)
     * @param segment         samples per segment of the paper's segment-parallel activation; 0 integrates serially
     * @param redo            samples of every segment redone in the second pass (&lt; segment)
     */
    public record Options(Method method, int threads, int segment, int redo) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            if (segment != 0 && (segment < 2 || redo < 0 || redo >= segment)) {
                throw new IllegalArgumentException("need 0 <= redo < segment");
            }
        }

        public static Options of(Method method) {
            return new Options(method, 2, 0, 0);
        }

        public Options withThreads(int n) {
            return new Options(method, n, segment, redo);
        }

        public Options segmented(int segmentSamples, int redoSamples) {
            return new Options(method, threads, segmentSamples, redoSamples);
        }
    }

    /** G M⁻¹ Gᵀ (equivalently M_r) is not invertible at a sample. */
    public static final class SingularConstraintException extends IllegalStateException {
        private final int sample;

        SingularConstraintException(int sample, double time) {
            super("G M^-1 G^T is not invertible at sample " + sample + " (t = " + time + " s): the constrained "
                    + "inertia T^T M T is not positive definite for the current bone parameters");
            this.sample = sample;
        }

        public int sample() {
            return sample;
        }
    }

    static final int NI = 5; // independent coordinates
    static final int NU = 15; // distinct entries of a symmetric 5×5
    static final int NB = ParameterRegistry.N_BONE;
    static final int[] UI = new int[NU];
    static final int[] UK = new int[NU];

    // Upper triangle column by column: the leading j×j block of M_r is the first j(j+1)/2 entries, so a parameter
    // that moves only the first coordinates' block (the humerus: the shoulder's) has a prefix of nonzero entries.
    static {
        int u = 0;
        for (int k = 0; k < NI; k++) {
            for (int i = 0; i <= k; i++) {
                UI[u] = i;
                UK[u] = k;
                u++;
            }
        }
    }
    /** Margin of the shortcut of eq. 7's check (far above Cholesky's 1e-14 relative pivot threshold). */
    private static final double CHECK_MARGIN = 1e-10;

    private final Options options;
    private final ParameterRegistry registry;
    private final HillMuscle hill;
    private final int n; // samples
    private final double dt;
    private final double aMin;
    private final int[] muscles; // modelled muscles (indices into ParameterRegistry.MUSCLES)
    private final boolean measuredFiber;
    private final boolean[] rigidTendon = new boolean[16]; // per muscle of MUSCLES, from the model
    // Per-sample data (sample-major).
    final double[] tMap; // 16×5
    final double[] h = new double[NI * NI];
    final double[] hInv = new double[NI * NI];
    // ∂M_r/∂π per sample and bone, entry-major (MotionTables).
    final double[] dMr;
    final int[] dOff;
    final int[] dLen;
    final int dStride;
    final double[] mr0; // n × 15
    final double[] yr; // n × 5 × 30
    final double[] y0; // n × 5
    final double[] r; // n × 5 × 16
    // Eq. 7's check without factoring: min over samples of λ_min(M_r at zero bone parameters), max of its diagonal,
    // and per bone parameter the largest |∂(M_r)_ii/∂π_p| (bounds the diagonal for any π).
    private final double restMinEigenvalue;
    private final double restMaxDiagonal;
    private final double[] diagonalSlope;
    // M1 only: per sample t the columns kOff[t] .. kOff[t+1] of K (orthonormal basis of null(Bᵀ)), and per column
    // W₀ = M_r(π = 0) K (5), ∂W/∂π = ∂M_r/∂π K (5 × 30), Kᵀ Tᵀ Y (30 and the constant), Kᵀ Tᵀ J_mᵀ (16).
    private final int[] kOff;
    private final double[] kw0;
    private final double[] kw;
    private final double[] ky;
    private final double[] ky0;
    private final double[] kr;
    // Per muscle (index into MUSCLES), length n.
    private final double[][] lmt; // shared with the tables: read only
    private final double[][] vmt;
    private final double[][] emg = new double[16][];
    private final double[][] fiberL = new double[16][];
    private final double[][] fiberV = new double[16][];
    // Per-muscle workspaces.
    // actFirst, seed: segment-parallel activation only; tangents: serial only (5 per sample).
    private final double[][] u, uc, act, actFirst, tangents, force, dForce, fBar, aBar, ucBar, seed;
    private double normalization = 1;
    private Phase phase = Phase.CONTRACTION;
    // Gradient restricted to these parameters (null: all), see restrictGradient.
    private int[] gradientRestriction;
    private boolean slackLengthsOnly;
    // What stays fixed while only tendon slack lengths move, from the last full evaluation under a restriction to
    // slack lengths: the θ it ran at, its phase, and per sample the Cholesky factor of M_r (M2) or of C = Wᵀ H⁻¹ W
    // (M1), 25 entries a sample, and the muscle-free part of e (M2, 5 a sample) or of s (M1, one per column of K).
    private boolean fixedValid;
    private boolean lastReusedFixed; // the last evaluation took the slack-length path (for tests)
    private double[] fixedTheta;
    private Phase fixedPhase;
    private double[] fixedFactor;
    private double[] fixedBase;
    private final ExecutorService pool;
    private final Worker[] workers;

    public IdentificationLoss(ParameterRegistry registry, MultibodySystem system, HillMuscle hill, MotionData data,
                              Options options) {
        this(registry, system, hill, data, options, null);
    }

    /**
     * A loss on the motion's precomputed tables (null: computes them), e.g. shared by several runs on the same data.
     *
     * @throws IllegalArgumentException if the tables were computed for another system or motion
     */
    public IdentificationLoss(ParameterRegistry registry, MultibodySystem system, HillMuscle hill, MotionData data,
                              Options options, MotionTables tables) {
        this.options = options;
        this.registry = registry;
        this.hill = hill;
        this.n = data.samples();
        this.dt = data.samplePeriod();
        this.aMin = registry.minimumActivation();
        this.measuredFiber = data.hasFiberKinematics();
        var model = system.model();
        muscles = options.method == Method.M1 ? range(11) : range(16);
        for (int m = 0; m < 16; m++) {
            rigidTendon[m] = MillardParameters.fromForceElement(model.force(ParameterRegistry.MUSCLES.get(m)))
                    .ignoreTendonCompliance();
        }
        MotionTables mt = tables == null ? MotionTables.of(system, data, options.threads) : tables;
        mt.checkFor(system, data);
        tMap = mt.tMap;
        for (int i = 0; i < NI; i++) {
            for (int k = 0; k < NI; k++) {
                double s = 0;
                for (int j = 0; j < 16; j++) {
                    s += tMap[j * NI + i] * tMap[j * NI + k];
                }
                h[i * NI + k] = s;
            }
        }
        invert5(h, hInv);
        mr0 = mt.mr0;
        yr = mt.yr;
        y0 = mt.y0;
        r = mt.r;
        dMr = mt.dMr;
        dOff = mt.dOff;
        dLen = mt.dLen;
        dStride = mt.dStride;
        restMinEigenvalue = mt.restMinEigenvalue;
        restMaxDiagonal = mt.restMaxDiagonal;
        diagonalSlope = mt.diagonalSlope;
        lmt = mt.lmt;
        vmt = mt.vmt;
        for (int m = 0; m < 16; m++) {
            emg[m] = new double[n];
            for (int t = 0; t < n; t++) {
                emg[m][t] = data.emg()[t * 16 + m];
            }
            if (measuredFiber) {
                fiberL[m] = new double[n];
                fiberV[m] = new double[n];
                for (int t = 0; t < n; t++) {
                    fiberL[m][t] = data.fiberLength()[t * 16 + m];
                    fiberV[m][t] = data.fiberVelocity()[t * 16 + m];
                }
            }
        }
        if (options.method == Method.M1) {
            double[][] bases = new double[n][];
            kOff = new int[n + 1];
            for (int t = 0; t < n; t++) {
                bases[t] = deepComplement(t);
                kOff[t + 1] = kOff[t] + bases[t].length / NI;
            }
            int cols = kOff[n];
            kw0 = new double[cols * NI];
            kw = new double[cols * NI * NB];
            ky = new double[cols * NB];
            ky0 = new double[cols];
            kr = new double[cols * 16];
            for (int t = 0; t < n; t++) {
                int c = kOff[t + 1] - kOff[t];
                double[] kb = bases[t];
                for (int j = 0; j < c; j++) {
                    int col = kOff[t] + j;
                    for (int i = 0; i < NI; i++) {
                        double s0 = 0;
                        for (int k = 0; k < NI; k++) {
                            s0 += mr0[t * NU + entry(i, k)] * kb[k * c + j];
                        }
                        kw0[col * NI + i] = s0;
                        for (int p = 0; p < NB; p++) {
                            double s = 0;
                            for (int k = 0; k < NI; k++) {
                                s += mt.massDerivative(t, p, entry(i, k)) * kb[k * c + j];
                            }
                            kw[(col * NI + i) * NB + p] = s;
                        }
                    }
                    for (int p = 0; p < NB; p++) {
                        double s = 0;
                        for (int i = 0; i < NI; i++) {
                            s += kb[i * c + j] * yr[(t * NI + i) * NB + p];
                        }
                        ky[col * NB + p] = s;
                    }
                    double s0 = 0;
                    for (int i = 0; i < NI; i++) {
                        s0 += kb[i * c + j] * y0[t * NI + i];
                    }
                    ky0[col] = s0;
                    for (int m = 0; m < 16; m++) {
                        double s = 0;
                        for (int i = 0; i < NI; i++) {
                            s += kb[i * c + j] * r[(t * NI + i) * 16 + m];
                        }
                        kr[col * 16 + m] = s;
                    }
                }
            }
        } else {
            kOff = null;
            kw0 = null;
            kw = null;
            ky = null;
            ky0 = null;
            kr = null;
        }
        u = new double[16][];
        uc = new double[16][];
        act = new double[16][];
        actFirst = new double[16][];
        tangents = new double[16][];
        force = new double[16][];
        dForce = new double[16][];
        fBar = new double[16][];
        aBar = new double[16][];
        ucBar = new double[16][];
        seed = new double[16][];
        for (int m : muscles) {
            u[m] = new double[n];
            uc[m] = new double[n];
            act[m] = new double[n];
            if (options.segment == 0) {
                tangents[m] = new double[ExcitationDynamics.TANGENTS * n];
            } else {
                actFirst[m] = new double[n];
                seed[m] = new double[n];
            }
            force[m] = new double[n];
            dForce[m] = new double[6 * n];
            fBar[m] = new double[n];
            aBar[m] = new double[n];
            ucBar[m] = new double[n];
        }
        workers = new Worker[options.threads];
        for (int w = 0; w < workers.length; w++) {
            int[] group = new int[(muscles.length - w + workers.length - 1) / workers.length];
            for (int i = w, j = 0; i < muscles.length; i += workers.length, j++) {
                group[j] = muscles[i];
            }
            workers[w] = new Worker(group);
        }
        pool = options.threads > 1 ? Executors.newFixedThreadPool(options.threads, rr -> {
            Thread th = new Thread(rr, "armid-identify");
            th.setDaemon(true);
            return th;
        }) : null;
        normalizeAt(registry.values());
    }

    private static int[] range(int k) {
        int[] a = new int[k];
        for (int i = 0; i < k; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Index of entry (i, k) of a symmetric 5×5 among the distinct entries. */
    static int entry(int i, int k) {
        return i <= k ? k * (k + 1) / 2 + i : i * (i + 1) / 2 + k;
    }

    /**
     * True when eq. 7's check cannot fail at any sample, so that M1 need not factor M_r: the three bones' spatial
     * inertias are positive semi-definite (mass &gt; 0, inertia about the centre of mass ⪰ 0), so M_r(π) ⪰ M_r(0),
     * the rest of the arm, whose smallest eigenvalue (over samples, computed once) bounds every Cholesky pivot from
     * below, with a margin over the pivot threshold relative to a bound of M_r(π)'s diagonal.
     */
    private boolean constraintCheckImplied(double[] theta, double[] pi) {
        for (int b = 0; b < 3; b++) {
            int o = 10 * b;
            double xx = theta[o + 4], yy = theta[o + 5], zz = theta[o + 6];
            double xy = theta[o + 7], xz = theta[o + 8], yz = theta[o + 9];
            boolean psd = theta[o] > 0 && xx >= 0 && yy >= 0 && zz >= 0
                    && xx * yy - xy * xy >= 0 && xx * zz - xz * xz >= 0 && yy * zz - yz * yz >= 0
                    && xx * (yy * zz - yz * yz) - xy * (xy * zz - yz * xz) + xz * (xy * yz - yy * xz) >= 0;
            if (!psd) {
                return false;
            }
        }
        double diagBound = restMaxDiagonal;
        for (int p = 0; p < NB; p++) {
            diagBound += diagonalSlope[p] * Math.abs(pi[p]);
        }
        return restMinEigenvalue > CHECK_MARGIN * diagBound;
    }

    /** Orthonormal basis (5 × k, row-major) of null(Bᵀ), B = Tᵀ J_mdᵀ at sample t. */
    private double[] deepComplement(int t) {
        DMatrixRMaj b = new DMatrixRMaj(NI, 5);
        for (int i = 0; i < NI; i++) {
            for (int d = 0; d < 5; d++) {
                b.set(i, d, r[(t * NI + i) * 16 + 11 + d]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(NI, 5, true, false, false);
        if (!svd.decompose(b)) {
            throw new IllegalStateException("SVD of the deep-muscle Jacobian failed at sample " + t);
        }
        double[] sv = svd.getSingularValues();
        DMatrixRMaj uMat = svd.getU(null, false);
        double max = 0;
        for (double s : sv) {
            max = Math.max(max, s);
        }
        List<Integer> nullCols = new ArrayList<>();
        boolean[] used = new boolean[NI];
        for (int j = 0; j < sv.length; j++) {
            if (sv[j] > 1e-9 * max) {
                used[j] = true;
            }
        }
        for (int j = 0; j < NI; j++) {
            if (!used[j]) {
                nullCols.add(j);
            }
        }
        int c = nullCols.size();
        double[] out = new double[NI * c];
        for (int jj = 0; jj < c; jj++) {
            for (int i = 0; i < NI; i++) {
                out[i * c + jj] = uMat.get(i, nullCols.get(jj));
            }
        }
        return out;
    }

    public int samples() {
        return n;
    }

    public Options options() {
        return options;
    }

    public ParameterRegistry registry() {
        return registry;
    }

    /** Number of deep-complement directions at sample t (M1: 5 − rank of the deep Jacobian). */
    public int deepComplementDimension(int t) {
        return kOff == null ? 0 : kOff[t + 1] - kOff[t];
    }

    public Phase phase() {
        return phase;
    }

    /** Selects eq. 15 or eq. 16 (eq. 16 only with fibre kinematics in the data; otherwise eq. 15 stays). */
    public void setPhase(Phase p) {
        this.phase = p;
        fixedValid = false;
    }

    /** True when the data carry fibre kinematics, so that {@link Phase#TENDON} uses eq. 16. */
    public boolean usesTendonEquationIfAsked() {
        return measuredFiber;
    }

    /** True when the tendon phase really uses eq. 16. */
    public boolean usesTendonEquation() {
        return phase == Phase.TENDON && measuredFiber;
    }

    /** True when muscle m (index into MUSCLES) uses eq. 16 now: the tendon phase, and m's tendon is elastic. */
    private boolean usesTendonEquation(int m) {
        return usesTendonEquation() && !rigidTendon[m];
    }

    /**
     * True when muscle m uses eq. 15 with the data's fibre kinematics now, the one force here in which tendon slack
     * length does not enter (eq. 16 and eq. 15 with rigid-tendon kinematics depend on it).
     */
    private boolean usesMeasuredFiber(int m) {
        return measuredFiber && !usesTendonEquation(m) && !(usesTendonEquation() && rigidTendon[m]);
    }

    /**
     * Restricts the gradient that {@link #evaluate} computes to the parameters {@code indices} (null: every
     * parameter, the default). Entries of {@code grad} outside the restriction are then NaN, not derivatives. When
     * the restriction holds tendon slack lengths only, an evaluation at a θ that differs from the previous one (under
     * the same restriction and phase) in slack lengths alone recomputes only what depends on them (see the class
     * comment); the loss and the restricted entries are the same, bit for bit, as without the restriction.
     */
    public void restrictGradient(int[] indices) {
        fixedValid = false;
        if (indices == null) {
            gradientRestriction = null;
            slackLengthsOnly = false;
            return;
        }
        for (int i : indices) {
            if (i < 0 || i >= ParameterRegistry.SIZE) {
                throw new IllegalArgumentException("no parameter " + i + " (θ has " + ParameterRegistry.SIZE
                        + " entries)");
            }
        }
        gradientRestriction = indices.clone();
        slackLengthsOnly = java.util.stream.IntStream.of(indices).allMatch(ParameterRegistry::isTendonSlackLength);
        if (slackLengthsOnly && fixedFactor == null) {
            fixedFactor = new double[n * NI * NI];
            fixedBase = new double[options.method == Method.M1 ? kOff[n] : n * NI];
            fixedTheta = new double[ParameterRegistry.SIZE];
        }
    }

    /** True when the last evaluation recomputed only what depends on tendon slack lengths. */
    boolean reusedFixedParts() {
        return lastReusedFixed;
    }

    /** True when the stored bones' part and activations are those of θ: only slack lengths moved since. */
    private boolean fixedPartsValid(double[] theta) {
        if (!fixedValid || fixedPhase != phase) {
            return false;
        }
        for (int i = 0; i < theta.length; i++) {
            if (theta[i] != fixedTheta[i] && !ParameterRegistry.isTendonSlackLength(i)) {
                return false;
            }
        }
        return true;
    }

    /** The constant of eq. 14: T·var(d). */
    public double normalization() {
        return normalization;
    }

    /** Sets eq. 14's normalisation constant directly (a resumed run restores the one it started with). */
    public void setNormalization(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("normalisation must be positive and finite, got " + value);
        }
        normalization = value;
    }

    /** Sets eq. 14's normalisation to T·var(d) at θ (all 16·T entries of d). */
    public void normalizeAt(double[] theta) {
        muscleForward(theta);
        double[] pi = bonePi(theta);
        double[] mr = new double[NI * NI];
        double[] acc = new double[NU];
        double[] e = new double[NI];
        double[] x = new double[NI];
        double sum = 0, sum2 = 0;
        for (int t = 0; t < n; t++) {
            assembleMr(t, pi, acc, mr);
            for (int i = 0; i < NI; i++) {
                double s = y0[t * NI + i];
                for (int p = 0; p < NB; p++) {
                    s += yr[(t * NI + i) * NB + p] * pi[p];
                }
                for (int m : muscles) {
                    s -= r[(t * NI + i) * 16 + m] * force[m][t];
                }
                e[i] = s;
            }
            if (!cholesky5(mr)) {
                throw new SingularConstraintException(t, t * dt);
            }
            solve5(mr, e, x);
            for (int j = 0; j < 16; j++) {
                double d = 0;
                for (int i = 0; i < NI; i++) {
                    d += tMap[j * NI + i] * x[i];
                }
                sum += d;
                sum2 += d * d;
            }
        }
        double cnt = 16.0 * n;
        double var = sum2 / cnt - (sum / cnt) * (sum / cnt);
        if (!(var > 0)) {
            throw new IllegalStateException("var(d) = " + var + " at the normalisation point: the residual is "
                    + "identically zero, nothing to normalise by");
        }
        normalization = n * var;
    }

    /** Standard inertial parameters (30) of humerus, ulna, radius from θ. */
    static double[] bonePi(double[] theta) {
        double[] pi = new double[NB];
        for (int b = 0; b < 3; b++) {
            int o = 10 * b;
            double[] std = InertialParameters.standard(theta[o],
                    new double[] {theta[o + 1], theta[o + 2], theta[o + 3]},
                    new double[] {theta[o + 4], theta[o + 5], theta[o + 6], theta[o + 7], theta[o + 8], theta[o + 9]});
            System.arraycopy(std, 0, pi, o, 10);
        }
        return pi;
    }

    private void assembleMr(int t, double[] pi, double[] mr) {
        assembleMr(t, pi, new double[NU], mr);
    }

    /** The reduced mass matrix of sample t at bone parameters pi, linear in pi, into mr (acc: scratch of NU). */
    private void assembleMr(int t, double[] pi, double[] acc, double[] mr) {
        System.arraycopy(mr0, t * NU, acc, 0, NU);
        // Per entry the ten terms of each bone in parameter order (the order of Σ_p π_p ∂M_r/∂π_p), written out:
        // one chain per entry in registers, the entries' chains independent.
        int base = t * dStride;
        for (int b = 0; b < 3; b++) {
            int o = base + dOff[b];
            int q = 10 * b;
            double p0 = pi[q], p1 = pi[q + 1], p2 = pi[q + 2], p3 = pi[q + 3], p4 = pi[q + 4];
            double p5 = pi[q + 5], p6 = pi[q + 6], p7 = pi[q + 7], p8 = pi[q + 8], p9 = pi[q + 9];
            for (int uu = 0, len = dLen[b]; uu < len; uu++, o += 10) {
                double a = acc[uu];
                a += p0 * dMr[o];
                a += p1 * dMr[o + 1];
                a += p2 * dMr[o + 2];
                a += p3 * dMr[o + 3];
                a += p4 * dMr[o + 4];
                a += p5 * dMr[o + 5];
                a += p6 * dMr[o + 6];
                a += p7 * dMr[o + 7];
                a += p8 * dMr[o + 8];
                a += p9 * dMr[o + 9];
                acc[uu] = a;
            }
        }
        for (int uu = 0; uu < NU; uu++) {
            mr[UI[uu] * NI + UK[uu]] = acc[uu];
            mr[UK[uu] * NI + UI[uu]] = acc[uu];
        }
    }

    /** The loss at θ (full parameter vector, {@link ParameterRegistry} layout). */
    public double value(double[] theta) {
        return evaluate(theta, null);
    }

    /**
     * The loss at θ and, when {@code grad} is not null, its gradient with respect to every entry of θ (zero for
     * parameters the loss does not depend on, e.g. the deep muscles' in M1), or only to those of
     * {@link #restrictGradient} (NaN in the others).
     */
    public double evaluate(double[] theta, double[] grad) {
        if (theta.length != ParameterRegistry.SIZE) {
            throw new IllegalArgumentException("θ must have " + ParameterRegistry.SIZE + " entries");
        }
        checkTheta(theta);
        boolean g = grad != null;
        int nt = workers.length;
        lastReusedFixed = slackLengthsOnly && fixedPartsValid(theta);
        if (lastReusedFixed) {
            return evaluateSlackLengths(theta, grad);
        }
        double[] pi = bonePi(theta);
        muscleForward(theta);
        // M2 factors M_r anyway; M1 needs it only for eq. 7's check.
        boolean check = options.method == Method.M1 && !constraintCheckImplied(theta, pi);
        boolean store = slackLengthsOnly;
        // Dynamics per sample, split over threads.
        run(nt, w -> {
            int from = (int) ((long) n * w / nt);
            int to = (int) ((long) n * (w + 1) / nt);
            workers[w].samples(from, to, pi, g, check, false, store);
        });
        if (store) {
            System.arraycopy(theta, 0, fixedTheta, 0, theta.length);
            fixedPhase = phase;
            fixedValid = true;
        }
        double loss = 0;
        for (Worker w : workers) {
            loss += w.loss;
        }
        loss /= normalization;
        if (!g) {
            return loss;
        }
        java.util.Arrays.fill(grad, 0);
        double[] piBar = new double[NB];
        for (Worker w : workers) {
            for (int p = 0; p < NB; p++) {
                piBar[p] += w.piBar[p];
            }
        }
        // Chain the standard parameters to OpenSim's (m, c, I_c).
        for (int b = 0; b < 3; b++) {
            int o = 10 * b;
            double[] jac = InertialParameters.jacobian(theta[o], new double[] {theta[o + 1], theta[o + 2],
                theta[o + 3]});
            for (int c = 0; c < 10; c++) {
                double s = 0;
                for (int rr = 0; rr < 10; rr++) {
                    s += jac[rr * 10 + c] * piBar[o + rr];
                }
                grad[o + c] = s / normalization;
            }
        }
        muscleAdjoint(theta, grad);
        restrict(grad);
        return loss;
    }

    /** {@link #evaluate} when only tendon slack lengths moved since the bones' part was stored. */
    private double evaluateSlackLengths(double[] theta, double[] grad) {
        boolean g = grad != null;
        int nt = workers.length;
        run(nt, w -> workers[w].slackDependentForces(theta));
        run(nt, w -> {
            int from = (int) ((long) n * w / nt);
            int to = (int) ((long) n * (w + 1) / nt);
            workers[w].samples(from, to, null, g, false, true, false);
        });
        double loss = 0;
        for (Worker w : workers) {
            loss += w.loss;
        }
        loss /= normalization;
        if (!g) {
            return loss;
        }
        java.util.Arrays.fill(grad, 0);
        run(nt, w -> workers[w].slackLengthAdjoint(grad, normalization));
        restrict(grad);
        return loss;
    }

    /** NaN in the entries outside the gradient's restriction, if any. */
    private void restrict(double[] grad) {
        if (gradientRestriction == null) {
            return;
        }
        boolean[] keep = new boolean[grad.length];
        for (int i : gradientRestriction) {
            keep[i] = true;
        }
        for (int i = 0; i < grad.length; i++) {
            if (!keep[i]) {
                grad[i] = Double.NaN;
            }
        }
    }

    private void checkTheta(double[] theta) {
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("parameter " + registry.driver(i).name() + " is not finite: "
                        + theta[i]);
            }
        }
        double c1 = theta[ParameterRegistry.C1], c2 = theta[ParameterRegistry.C2];
        if (!(Math.abs(c1) < 1 && Math.abs(c2) < 1)) {
            throw new IllegalArgumentException("EMG filter unstable: c1 = " + c1 + ", c2 = " + c2);
        }
        if (!(theta[ParameterRegistry.T_ACT] > 0 && theta[ParameterRegistry.T_DEACT] > 0)) {
            throw new IllegalArgumentException("time constants must be positive");
        }
        if (!(theta[ParameterRegistry.T_DELAY] >= 0)) {
            throw new IllegalArgumentException("electromechanical delay must be >= 0");
        }
    }

    /** EMG → excitation → activation → force, per muscle, over threads. */
    private void muscleForward(double[] theta) {
        fixedValid = false; // activations and forces now belong to this θ
        int nt = workers.length;
        run(nt, w -> workers[w].muscleForward(theta));
    }

    private void muscleAdjoint(double[] theta, double[] grad) {
        int nt = workers.length;
        for (Worker w : workers) {
            java.util.Arrays.fill(w.shared, 0);
        }
        run(nt, w -> {
            for (int m : workers[w].group) {
                workers[w].muscleAdjoint(m, theta, grad, normalization);
            }
        });
        for (Worker w : workers) {
            grad[ParameterRegistry.T_ACT] += w.shared[0] / normalization;
            grad[ParameterRegistry.T_DEACT] += w.shared[1] / normalization;
            grad[ParameterRegistry.C1] += w.shared[2] / normalization;
            grad[ParameterRegistry.C2] += w.shared[3] / normalization;
            grad[ParameterRegistry.T_DELAY] += w.shared[4] / normalization;
        }
    }

    private interface Job {
        void run(int worker);
    }

    private void run(int nt, Job job) {
        if (nt == 1 || pool == null) {
            for (int w = 0; w < nt; w++) {
                job.run(w);
            }
            return;
        }
        Future<?>[] fs = new Future<?>[nt - 1];
        for (int w = 1; w < nt; w++) {
            int ww = w;
            fs[w - 1] = pool.submit(() -> job.run(ww));
        }
        RuntimeException err = null;
        try {
            job.run(0);
        } catch (RuntimeException e) {
            err = e;
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (err == null) {
                    err = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (err != null) {
            throw err;
        }
    }

    /** Muscle forces (N) of the modelled muscles at θ, [muscle index in MUSCLES][sample]; null rows not modelled. */
    public double[][] muscleForces(double[] theta) {
        muscleForward(theta);
        double[][] out = new double[16][];
        for (int m : muscles) {
            out[m] = force[m].clone();
        }
        return out;
    }

    /** Activations of the modelled muscles at θ (after {@link #muscleForces} or an evaluation), copies. */
    public double[][] activations() {
        double[][] out = new double[16][];
        for (int m : muscles) {
            out[m] = act[m].clone();
        }
        return out;
    }

    /** Fibre lengths of the data [muscle][sample], copies (null when the data carry no fibre kinematics). */
    public double[][] fiberLengths() {
        if (!measuredFiber) {
            return null;
        }
        double[][] out = new double[16][];
        for (int m = 0; m < 16; m++) {
            out[m] = fiberL[m] == null ? null : fiberL[m].clone();
        }
        return out;
    }

    /** True when muscle m (index into MUSCLES) has a rigid tendon in the model. */
    public boolean rigidTendon(int m) {
        return rigidTendon[m];
    }

    /** The identification model's musculotendon force (eq. 15 and eq. 16 on the fitted curves). */
    public HillMuscle hill() {
        return hill;
    }

    /** Musculotendon lengths of all 16 muscles [muscle][sample] (data, computed once). */
    public double[][] musculotendonLengths() {
        double[][] out = new double[16][];
        for (int m = 0; m < 16; m++) {
            out[m] = lmt[m].clone();
        }
        return out;
    }

    /** Tᵀ J_mᵀ at sample t: 5×16 row-major (moment arms on the independent coordinates). */
    public double[] reducedMomentArms(int t) {
        return java.util.Arrays.copyOfRange(r, t * NI * 16, (t + 1) * NI * 16);
    }

    /** M_r = Tᵀ M T at sample t for θ (5×5). */
    public double[] reducedMassMatrix(int t, double[] theta) {
        double[] mr = new double[NI * NI];
        assembleMr(t, bonePi(theta), mr);
        return mr;
    }

    /** Tᵀ ID(q, q̇, q̈; θ) at sample t (5). */
    public double[] reducedInverseDynamics(int t, double[] theta) {
        double[] pi = bonePi(theta);
        double[] e = new double[NI];
        for (int i = 0; i < NI; i++) {
            double s = y0[t * NI + i];
            for (int p = 0; p < NB; p++) {
                s += yr[(t * NI + i) * NB + p] * pi[p];
            }
            e[i] = s;
        }
        return e;
    }

    /** T (16×5): q̇ = T q̇_independent. */
    public double[] velocityMap() {
        return tMap.clone();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Per-thread workspace and accumulators. */
    private final class Worker {
        final int[] group; // the muscles (indices into MUSCLES) this worker integrates
        double loss;
        final double[] piBar = new double[NB];
        final double[] shared = new double[5];
        final double[] acc = new double[NU];
        final double[] mr = new double[NI * NI];
        final double[] l = new double[NI * NI];
        final double[] w = new double[NI * 5];
        final double[] hw = new double[NI * 5];
        final double[] c = new double[25];
        final double[] s = new double[5];
        final double[] z = new double[5];
        final double[] e = new double[NI];
        final double[] x = new double[NI];
        final double[] gg = new double[NI];
        final double[] mbar = new double[NI * NI];
        final double[] ubar = new double[NU];
        final double[] tb = new double[2];
        final double[] fgrad = new double[3];

        Worker(int[] group) {
            this.group = group;
        }

        /** EMG → excitation → activation → force of this worker's muscles. */
        void muscleForward(double[] theta) {
            double c1 = theta[ParameterRegistry.C1], c2 = theta[ParameterRegistry.C2];
            double td = theta[ParameterRegistry.T_DELAY] / dt;
            double tAct = theta[ParameterRegistry.T_ACT], tDe = theta[ParameterRegistry.T_DEACT];
            for (int m : group) {
                ExcitationDynamics.filter(emg[m], n, c1, c2, td, aMin, u[m], uc[m]);
            }
            if (options.segment == 0) {
                ExcitationDynamics.activation(uc, group, group.length, n, dt, tAct, tDe, act, tangents);
            } else {
                for (int m : group) {
                    ExcitationDynamics.activationSegmented(uc[m], n, dt, tAct, tDe, aMin, options.segment,
                            options.redo, act[m], actFirst[m]);
                }
            }
            for (int m : group) {
                muscleForce(m, theta);
            }
        }

        private void muscleForce(int m, double[] theta) {
            int o = ParameterRegistry.muscleIndex(m, 0);
            double fo = theta[o], lo = theta[o + 1], vmax = theta[o + 2], pen = theta[o + 3], lts = theta[o + 4];
            double[] a = act[m];
            double[] f = force[m];
            double[] df = dForce[m];
            double[] lm = lmt[m], vm = vmt[m];
            if (usesTendonEquation(m)) {
                hill.tendon(lm, fiberL[m], n, fo, lo, pen, lts, f, df);
            } else if (usesMeasuredFiber(m)) {
                hill.measuredFiber(fiberL[m], fiberV[m], a, n, fo, lo, vmax, pen, f, df);
            } else {
                hill.rigidTendon(lm, vm, a, n, fo, lo, vmax, pen, lts, f, df);
            }
        }

        /** The forces of this worker's muscles whose equation involves tendon slack length (activations kept). */
        void slackDependentForces(double[] theta) {
            for (int m : group) {
                if (!usesMeasuredFiber(m)) {
                    muscleForce(m, theta);
                }
            }
        }

        /** ∂L/∂l_t^s of this worker's muscles into grad (the same sum as {@link #muscleAdjoint}'s). */
        void slackLengthAdjoint(double[] grad, double norm) {
            for (int m : group) {
                double[] fb = fBar[m];
                double[] df = dForce[m];
                double gS = 0;
                for (int t = 0; t < n; t++) {
                    gS += fb[t] * df[6 * t + HillMuscle.D_S];
                }
                grad[ParameterRegistry.muscleIndex(m, ParameterRegistry.LTS)] = gS / norm;
            }
        }

        void muscleAdjoint(int m, double[] theta, double[] grad, double norm) {
            double[] fb = fBar[m];
            double[] df = dForce[m];
            double[] ab = aBar[m];
            double gF = 0, gL = 0, gV = 0, gP = 0, gS = 0;
            for (int t = 0; t < n; t++) {
                double b = fb[t];
                int o = 6 * t;
                gF += b * df[o];
                gL += b * df[o + 1];
                gV += b * df[o + 2];
                gP += b * df[o + 3];
                gS += b * df[o + 4];
                ab[t] = b * df[o + 5];
            }
            int o = ParameterRegistry.muscleIndex(m, 0);
            grad[o] = gF / norm;
            grad[o + 1] = gL / norm;
            grad[o + 2] = gV / norm;
            grad[o + 3] = gP / norm;
            grad[o + 4] = gS / norm;
            if (usesTendonEquation(m)) {
                return; // eq. 16 does not depend on activation
            }
            double tAct = theta[ParameterRegistry.T_ACT], tDe = theta[ParameterRegistry.T_DEACT];
            double[] ucb = ucBar[m];
            java.util.Arrays.fill(ucb, 0);
            tb[0] = 0;
            tb[1] = 0;
            if (options.segment == 0) {
                ExcitationDynamics.activationAdjoint(tangents[m], n, ab, ucb, tb);
            } else {
                ExcitationDynamics.activationSegmentedAdjoint(uc[m], act[m], actFirst[m], n, dt, tAct, tDe,
                        options.segment, options.redo, ab, ucb, tb, seed[m]);
            }
            shared[0] += tb[0];
            shared[1] += tb[1];
            fgrad[0] = 0;
            fgrad[1] = 0;
            fgrad[2] = 0;
            ExcitationDynamics.filterAdjoint(emg[m], n, theta[ParameterRegistry.C1], theta[ParameterRegistry.C2],
                    theta[ParameterRegistry.T_DELAY] / dt, aMin, u[m], ucb, dt, fgrad);
            shared[2] += fgrad[0];
            shared[3] += fgrad[1];
            shared[4] += fgrad[2];
        }

        /**
         * The dynamics part over samples [from, to): the loss and, with g, π̄ and f̄. With {@code fixed} the bones'
         * part comes from the stored factors and bases (π unchanged since they were stored, π̄ not computed); with
         * {@code store} a full pass stores them.
         */
        void samples(int from, int to, double[] pi, boolean g, boolean check, boolean fixed, boolean store) {
            loss = 0;
            java.util.Arrays.fill(piBar, 0);
            if (options.method == Method.M1) {
                samplesM1(from, to, pi, g, check, fixed, store);
            } else {
                samplesM2(from, to, pi, g, fixed, store);
            }
        }

        private void buildMr(int t, double[] pi) {
            assembleMr(t, pi, acc, mr);
            System.arraycopy(mr, 0, l, 0, NI * NI);
            if (!cholesky5(l)) {
                throw new SingularConstraintException(t, t * dt);
            }
        }

        /** ∂L/∂π_p += ⟨∂M_r/∂π_p, M̄⟩ over the distinct entries. */
        private void massAdjoint(int t) {
            for (int uu = 0; uu < NU; uu++) {
                int i = UI[uu], k = UK[uu];
                ubar[uu] = i == k ? mbar[i * NI + i] : mbar[i * NI + k] + mbar[k * NI + i];
            }
            // Per bone its ten parameters' sums over the entries at once (ten independent chains).
            int base = t * dStride;
            for (int b = 0; b < 3; b++) {
                int o = base + dOff[b];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0;
                for (int uu = 0, len = dLen[b]; uu < len; uu++, o += 10) {
                    double v = ubar[uu];
                    s0 += v * dMr[o];
                    s1 += v * dMr[o + 1];
                    s2 += v * dMr[o + 2];
                    s3 += v * dMr[o + 3];
                    s4 += v * dMr[o + 4];
                    s5 += v * dMr[o + 5];
                    s6 += v * dMr[o + 6];
                    s7 += v * dMr[o + 7];
                    s8 += v * dMr[o + 8];
                    s9 += v * dMr[o + 9];
                }
                int q = 10 * b;
                piBar[q] += s0;
                piBar[q + 1] += s1;
                piBar[q + 2] += s2;
                piBar[q + 3] += s3;
                piBar[q + 4] += s4;
                piBar[q + 5] += s5;
                piBar[q + 6] += s6;
                piBar[q + 7] += s7;
                piBar[q + 8] += s8;
                piBar[q + 9] += s9;
            }
        }

        private void samplesM1(int from, int to, double[] pi, boolean g, boolean check, boolean fixed,
                               boolean store) {
            int nm = muscles.length;
            for (int t = from; t < to; t++) {
                if (check && !fixed) {
                    buildMr(t, pi);
                }
                int k0 = kOff[t];
                int kc = kOff[t + 1] - k0;
                if (kc == 0) {
                    if (g) {
                        for (int m : muscles) {
                            fBar[m][t] = 0;
                        }
                    }
                    continue;
                }
                // W = M_r K = W₀ + Σ_p π_p ∂W/∂π_p (5×kc), s = Kᵀ e_s.
                for (int j = 0; j < kc; j++) {
                    int col = k0 + j;
                    double sum;
                    if (fixed) {
                        sum = fixedBase[col];
                    } else {
                        for (int i = 0; i < NI; i++) {
                            double sw = kw0[col * NI + i];
                            int o = (col * NI + i) * NB;
                            for (int p = 0; p < NB; p++) {
                                sw += kw[o + p] * pi[p];
                            }
                            w[i * kc + j] = sw;
                        }
                        sum = ky0[col];
                        int o = col * NB;
                        for (int p = 0; p < NB; p++) {
                            sum += ky[o + p] * pi[p];
                        }
                        if (store) {
                            fixedBase[col] = sum;
                        }
                    }
                    int orow = col * 16;
                    for (int mi = 0; mi < nm; mi++) {
                        int m = muscles[mi];
                        sum -= kr[orow + m] * force[m][t];
                    }
                    s[j] = sum;
                }
                if (fixed) {
                    System.arraycopy(fixedFactor, t * NI * NI, c, 0, kc * kc);
                } else {
                    // H⁻¹ W and C = Wᵀ H⁻¹ W.
                    for (int i = 0; i < NI; i++) {
                        for (int j = 0; j < kc; j++) {
                            double sum = 0;
                            for (int k = 0; k < NI; k++) {
                                sum += hInv[i * NI + k] * w[k * kc + j];
                            }
                            hw[i * kc + j] = sum;
                        }
                    }
                    for (int a = 0; a < kc; a++) {
                        for (int b = 0; b < kc; b++) {
                            double sum = 0;
                            for (int k = 0; k < NI; k++) {
                                sum += w[k * kc + a] * hw[k * kc + b];
                            }
                            c[a * kc + b] = sum;
                        }
                    }
                    if (!choleskyN(c, kc)) {
                        throw new SingularConstraintException(t, t * dt);
                    }
                    if (store) {
                        System.arraycopy(c, 0, fixedFactor, t * NI * NI, kc * kc);
                    }
                }
                solveN(c, kc, s, z);
                double lt = 0;
                for (int j = 0; j < kc; j++) {
                    lt += s[j] * z[j];
                }
                loss += lt;
                if (!g) {
                    continue;
                }
                if (!fixed) {
                    // s̄ = 2z; W̄ = −2 H⁻¹W z zᵀ; π̄_p += Σ_ij W̄_ij ∂W_ij/∂π_p.
                    for (int i = 0; i < NI; i++) {
                        double hz = 0;
                        for (int j = 0; j < kc; j++) {
                            hz += hw[i * kc + j] * z[j];
                        }
                        x[i] = -2 * hz;
                    }
                    for (int j = 0; j < kc; j++) {
                        int col = k0 + j;
                        double sb = 2 * z[j];
                        int o = col * NB;
                        for (int p = 0; p < NB; p++) {
                            piBar[p] += sb * ky[o + p];
                        }
                        for (int i = 0; i < NI; i++) {
                            double wb = x[i] * z[j];
                            int oi = (col * NI + i) * NB;
                            for (int p = 0; p < NB; p++) {
                                piBar[p] += wb * kw[oi + p];
                            }
                        }
                    }
                }
                for (int mi = 0; mi < nm; mi++) {
                    int m = muscles[mi];
                    double sum = 0;
                    for (int j = 0; j < kc; j++) {
                        sum += 2 * z[j] * kr[(k0 + j) * 16 + m];
                    }
                    fBar[m][t] = -sum;
                }
            }
        }

        private void samplesM2(int from, int to, double[] pi, boolean g, boolean fixed, boolean store) {
            int nm = muscles.length;
            for (int t = from; t < to; t++) {
                if (fixed) {
                    System.arraycopy(fixedFactor, t * NI * NI, l, 0, NI * NI);
                } else {
                    buildMr(t, pi);
                    if (store) {
                        System.arraycopy(l, 0, fixedFactor, t * NI * NI, NI * NI);
                    }
                }
                for (int i = 0; i < NI; i++) {
                    double sum;
                    if (fixed) {
                        sum = fixedBase[t * NI + i];
                    } else {
                        sum = y0[t * NI + i];
                        int o = (t * NI + i) * NB;
                        for (int p = 0; p < NB; p++) {
                            sum += yr[o + p] * pi[p];
                        }
                        if (store) {
                            fixedBase[t * NI + i] = sum;
                        }
                    }
                    int orow = (t * NI + i) * 16;
                    for (int mi = 0; mi < nm; mi++) {
                        int m = muscles[mi];
                        sum -= r[orow + m] * force[m][t];
                    }
                    e[i] = sum;
                }
                solve5(l, e, x);
                double lt = 0;
                for (int i = 0; i < NI; i++) {
                    double hx = 0;
                    for (int k = 0; k < NI; k++) {
                        hx += h[i * NI + k] * x[k];
                    }
                    z[i] = 2 * hx; // x̄
                    lt += x[i] * hx;
                }
                loss += lt;
                if (!g) {
                    continue;
                }
                solve5(l, z, gg); // ē = M_r⁻¹ x̄
                for (int mi = 0; mi < nm; mi++) {
                    int m = muscles[mi];
                    double sum = 0;
                    for (int i = 0; i < NI; i++) {
                        sum += gg[i] * r[(t * NI + i) * 16 + m];
                    }
                    fBar[m][t] = -sum;
                }
                if (fixed) {
                    continue;
                }
                for (int i = 0; i < NI; i++) {
                    double gi = gg[i];
                    int o = (t * NI + i) * NB;
                    for (int p = 0; p < NB; p++) {
                        piBar[p] += gi * yr[o + p];
                    }
                    for (int k = 0; k < NI; k++) {
                        mbar[i * NI + k] = -gi * x[k];
                    }
                }
                massAdjoint(t);
            }
        }
    }

    /**
     * In-place Cholesky of a 5×5 SPD matrix: L in the lower triangle with 1/L_jj on the diagonal
     * ({@link armid.numerics.SmallCholesky#factorReciprocal}); false if not positive definite.
     */
    static boolean cholesky5(double[] a) {
        return choleskyN(a, NI);
    }

    static boolean choleskyN(double[] a, int k) {
        return armid.numerics.SmallCholesky.factorReciprocal(a, k);
    }

    /** Solves L Lᵀ x = b with the factor from {@link #cholesky5}, written out for 5 × 5; x may be b. */
    static void solve5(double[] l, double[] b, double[] x) {
        double l10 = l[5], l20 = l[10], l21 = l[11], l30 = l[15], l31 = l[16], l32 = l[17];
        double l40 = l[20], l41 = l[21], l42 = l[22], l43 = l[23];
        double i0 = l[0], i1 = l[6], i2 = l[12], i3 = l[18], i4 = l[24];
        double y0 = b[0] * i0;
        double y1 = (b[1] - l10 * y0) * i1;
        double y2 = (b[2] - l20 * y0 - l21 * y1) * i2;
        double y3 = (b[3] - l30 * y0 - l31 * y1 - l32 * y2) * i3;
        double y4 = (b[4] - l40 * y0 - l41 * y1 - l42 * y2 - l43 * y3) * i4;
        double x4 = y4 * i4;
        double x3 = (y3 - l43 * x4) * i3;
        double x2 = (y2 - l32 * x3 - l42 * x4) * i2;
        double x1 = (y1 - l21 * x2 - l31 * x3 - l41 * x4) * i1;
        double x0 = (y0 - l10 * x1 - l20 * x2 - l30 * x3 - l40 * x4) * i0;
        x[0] = x0;
        x[1] = x1;
        x[2] = x2;
        x[3] = x3;
        x[4] = x4;
    }

    /** Solves L Lᵀ x = b with the factor from {@link #choleskyN}. */
    static void solveN(double[] l, int k, double[] b, double[] x) {
        armid.numerics.SmallCholesky.solveReciprocal(l, k, b, x);
    }

    private static void invert5(double[] a, double[] out) {
        double[] l = a.clone();
        if (!cholesky5(l)) {
            throw new IllegalStateException("T^T T is not positive definite");
        }
        double[] e = new double[NI];
        double[] x = new double[NI];
        for (int c = 0; c < NI; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            solve5(l, e, x);
            for (int i = 0; i < NI; i++) {
                out[i * NI + c] = x[i];
            }
        }
    }
}
