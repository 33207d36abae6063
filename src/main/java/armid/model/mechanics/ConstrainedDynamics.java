package armid.model.mechanics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Forward dynamics of the constrained arm (eq. 1–2): M q̈ + τ_bias + Gᵀλ = τ, G q̈ = b. The accelerations come from
 * the weighted pseudoinverse of eq. 7, q̈ = q̈_u − M⁻¹Gᵀ(GM⁻¹Gᵀ)⁻¹(G q̈_u − b) with q̈_u = M⁻¹(τ − τ_bias) (eq. 4),
 * and the multipliers from eq. 8; the same accelerations follow from the dynamics reduced to the independent
 * coordinates, Tᵀ M T q̈_ind = Tᵀ(τ − τ_bias). A workspace: one per thread, no allocation per call.
 */
public final class ConstrainedDynamics {
    private final Constraints constraints;
    private final Dynamics dynamics;
    private final int n;
    private final int m;
    private final int ni;
    private final DMatrixRMaj mass;
    private final DMatrixRMaj gMat;
    private final DMatrixRMaj tMat;
    private final DMatrixRMaj gtMat;
    private final DMatrixRMaj minvGt;
    private final DMatrixRMaj gMinvGt;
    private final DMatrixRMaj rhs;
    private final DMatrixRMaj qddU;
    private final DMatrixRMaj gq;
    private final DMatrixRMaj lambda;
    private final DMatrixRMaj reducedMass;
    private final DMatrixRMaj mt;
    private final DMatrixRMaj reducedRhs;
    private final DMatrixRMaj qddInd;
    private final LinearSolverDense<DMatrixRMaj> massSolver;
    private final LinearSolverDense<DMatrixRMaj> schurSolver;
    private final LinearSolverDense<DMatrixRMaj> reducedSolver;
    private final double[] bias;

    public ConstrainedDynamics(Constraints constraints) {
        this.constraints = constraints;
        this.dynamics = constraints.system().newDynamics();
        n = constraints.system().dof();
        m = constraints.rows();
        ni = constraints.independent().length;
        mass = new DMatrixRMaj(n, n);
        gMat = new DMatrixRMaj(m, n, true, constraints.matrix());
        tMat = new DMatrixRMaj(n, ni, true, constraints.velocityMap());
        gtMat = CommonOps_DDRM.transpose(gMat, null);
        minvGt = new DMatrixRMaj(n, m);
        gMinvGt = new DMatrixRMaj(m, m);
        rhs = new DMatrixRMaj(n, 1);
        qddU = new DMatrixRMaj(n, 1);
        gq = new DMatrixRMaj(m, 1);
        lambda = new DMatrixRMaj(m, 1);
        reducedMass = new DMatrixRMaj(ni, ni);
        mt = new DMatrixRMaj(n, ni);
        reducedRhs = new DMatrixRMaj(ni, 1);
        qddInd = new DMatrixRMaj(ni, 1);
        massSolver = LinearSolverFactory_DDRM.chol(n);
        schurSolver = LinearSolverFactory_DDRM.chol(Math.max(m, 1));
        reducedSolver = LinearSolverFactory_DDRM.chol(Math.max(ni, 1));
        bias = new double[n];
    }

    public Dynamics dynamics() {
        return dynamics;
    }

    public Constraints constraints() {
        return constraints;
    }

    /**
     * Accelerations of eq. 7 and multipliers of eq. 8 for applied generalized forces τ at the state (q, q̇).
     *
     * @throws IllegalStateException if M is not positive definite or GM⁻¹Gᵀ is singular at this state
     */
    public void accelerations(double[] q, double[] qd, double[] tau, double[] qddOut, double[] lambdaOut) {
        dynamics.setState(q, qd);
        dynamics.massMatrix(mass.data);
        dynamics.biasForces(bias);
        if (!massSolver.setA(mass)) {
            throw new IllegalStateException("mass matrix is not positive definite at q = "
                    + java.util.Arrays.toString(q));
        }
        for (int i = 0; i < n; i++) {
            rhs.data[i] = tau[i] - bias[i];
        }
        massSolver.solve(rhs, qddU); // eq. 4
        if (m > 0) {
            // M⁻¹Gᵀ, then GM⁻¹Gᵀ.
            massSolver.solve(gtMat, minvGt);
            CommonOps_DDRM.mult(gMat, minvGt, gMinvGt);
            if (!schurSolver.setA(gMinvGt)) {
                throw new IllegalStateException("G M⁻¹ Gᵀ is singular at q = " + java.util.Arrays.toString(q)
                        + " (eq. 7)");
            }
            CommonOps_DDRM.mult(gMat, qddU, gq); // b = 0
            schurSolver.solve(gq, lambda); // eq. 8
            for (int i = 0; i < n; i++) {
                double c = 0;
                for (int r = 0; r < m; r++) {
                    c += minvGt.data[i * m + r] * lambda.data[r];
                }
                qddOut[i] = qddU.data[i] - c; // eq. 3 with q̈_c of eq. 7
            }
            if (lambdaOut != null) {
                System.arraycopy(lambda.data, 0, lambdaOut, 0, m);
            }
        } else {
            System.arraycopy(qddU.data, 0, qddOut, 0, n);
        }
    }

    /**
     * Accelerations of the independent coordinates from the reduced equations Tᵀ M T q̈_ind = Tᵀ(τ − τ_bias), and of
     * all coordinates as T q̈_ind.
     */
    public void reducedAccelerations(double[] q, double[] qd, double[] tau, double[] qddIndOut, double[] qddOut) {
        dynamics.setState(q, qd);
        dynamics.massMatrix(mass.data);
        dynamics.biasForces(bias);
        CommonOps_DDRM.mult(mass, tMat, mt);
        CommonOps_DDRM.multTransA(tMat, mt, reducedMass);
        for (int i = 0; i < n; i++) {
            rhs.data[i] = tau[i] - bias[i];
        }
        CommonOps_DDRM.multTransA(tMat, rhs, reducedRhs);
        if (!reducedSolver.setA(reducedMass)) {
            throw new IllegalStateException("reduced mass matrix TᵀMT is not positive definite at q = "
                    + java.util.Arrays.toString(q));
        }
        reducedSolver.solve(reducedRhs, qddInd);
        if (qddIndOut != null) {
            System.arraycopy(qddInd.data, 0, qddIndOut, 0, ni);
        }
        if (qddOut != null) {
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int c = 0; c < ni; c++) {
                    v += tMat.data[i * ni + c] * qddInd.data[c];
                }
                qddOut[i] = v;
            }
        }
    }
}
