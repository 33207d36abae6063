package armid.model.mechanics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The weighted-pseudoinverse accelerations of eq. 7 against a full KKT solve [M Gᵀ; G 0][q̈; λ] = [τ − τ_bias; b],
 * and against the dynamics reduced to the independent coordinates.
 */
class ConstrainedDynamicsTest {
    @Test
    void equation7EqualsKktAndReducedDynamics() {
        MultibodySystem sys = MoblFixture.SYSTEM;
        Constraints cons = MoblFixture.CONSTRAINTS;
        ConstrainedDynamics cd = new ConstrainedDynamics(cons);
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        int m = cons.rows();
        double[] g = cons.matrix();
        double[] mass = new double[n * n];
        double[] bias = new double[n];
        double[] qdd = new double[n];
        double[] lambda = new double[m];
        double[] qddReduced = new double[n];
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] q = MoblFixture.randomPose(rnd);
            double[] qd = cons.speeds(MoblFixture.randomVector(rnd, cons.independent().length, 2));
            double[] tau = MoblFixture.randomVector(rnd, n, 5);
            cd.accelerations(q, qd, tau, qdd, lambda);
            cd.reducedAccelerations(q, qd, tau, null, qddReduced);
            dyn.setState(q, qd);
            dyn.massMatrix(mass);
            dyn.biasForces(bias);
            DMatrixRMaj kkt = new DMatrixRMaj(n + m, n + m);
            DMatrixRMaj rhs = new DMatrixRMaj(n + m, 1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    kkt.set(i, j, mass[i * n + j]);
                }
                rhs.set(i, 0, tau[i] - bias[i]);
            }
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    kkt.set(n + r, j, g[r * n + j]);
                    kkt.set(j, n + r, g[r * n + j]);
                }
            }
            DMatrixRMaj x = new DMatrixRMaj(n + m, 1);
            assertTrue(CommonOps_DDRM.solve(kkt, rhs, x));
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(x.get(i)));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(x.get(i), qdd[i], 1e-10 * scale, "eq. 7 vs KKT, coordinate " + i);
                assertEquals(x.get(i), qddReduced[i], 1e-10 * scale, "reduced vs KKT, coordinate " + i);
            }
            double lscale = 0;
            for (int r = 0; r < m; r++) {
                lscale = Math.max(lscale, Math.abs(x.get(n + r)));
            }
            for (int r = 0; r < m; r++) {
                assertEquals(x.get(n + r), lambda[r], 1e-9 * lscale, "eq. 8 vs KKT, multiplier " + r);
            }
            // The accelerations satisfy eq. 2.
            for (int r = 0; r < m; r++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += g[r * n + j] * qdd[j];
                }
                assertEquals(0, s, 1e-10 * scale);
            }
        }
    }
}
