package armid.model.mechanics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;

/**
 * M(q) of MoBL-ARMS computed three ways: composite rigid bodies, columns of inverse dynamics with gravity and speeds
 * off, and the kinetic energy ½ q̇ᵀ M q̇ against the sum of the bodies' kinetic energies.
 */
class MassMatrixTest {
    @Test
    void symmetricPositiveDefiniteAndEqualToInverseDynamicsColumnsAt1000Poses() {
        MultibodySystem sys = MoblFixture.SYSTEM;
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        double[] m = new double[n * n];
        double[] col = new double[n];
        double[] zero = new double[n];
        double[] e = new double[n];
        Random rnd = new Random(1);
        double worst = 0;
        for (int trial = 0; trial < 1000; trial++) {
            double[] q = MoblFixture.randomPose(rnd);
            dyn.setState(q, zero);
            dyn.massMatrix(m);
            double scale = 0;
            for (double v : m) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    assertEquals(m[i * n + j], m[j * n + i], 1e-14 * scale, "symmetry");
                }
            }
            var chol = DecompositionFactory_DDRM.chol(n, true);
            assertTrue(chol.decompose(new DMatrixRMaj(n, n, true, m)), "positive definite at trial " + trial);
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(e, 0);
                e[j] = 1;
                dyn.inverseDynamics(e, false, col);
                for (int i = 0; i < n; i++) {
                    worst = Math.max(worst, Math.abs(col[i] - m[i * n + j]) / scale);
                }
            }
        }
        assertTrue(worst < 1e-10, "CRBA vs inverse-dynamics columns, worst relative difference " + worst);
    }

    @Test
    void kineticEnergyOfTheBodiesEqualsHalfQdotMQdot() {
        MultibodySystem sys = MoblFixture.SYSTEM;
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        double[] m = new double[n * n];
        Random rnd = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            double[] q = MoblFixture.randomPose(rnd);
            double[] qd = MoblFixture.randomVector(rnd, n, 2);
            dyn.setState(q, qd);
            dyn.massMatrix(m);
            double quad = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    quad += qd[i] * m[i * n + j] * qd[j];
                }
            }
            double ke = dyn.kineticEnergy();
            assertEquals(0.5 * quad, ke, 1e-10 * Math.abs(ke));
        }
    }

    @Test
    void biasForcesSplitIntoGravityAndVelocityTermsQuadraticInSpeed() {
        // τ_bias(q, q̇) − g(q) is a quadratic form in q̇: scaling q̇ by 2 multiplies it by 4.
        MultibodySystem sys = MoblFixture.SYSTEM;
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        Random rnd = new Random(3);
        double[] q = MoblFixture.randomPose(rnd);
        double[] qd = MoblFixture.randomVector(rnd, n, 1);
        double[] qd2 = qd.clone();
        for (int i = 0; i < n; i++) {
            qd2[i] *= 2;
        }
        double[] g = new double[n];
        double[] b1 = new double[n];
        double[] b2 = new double[n];
        dyn.setState(q, new double[n]);
        dyn.gravityForces(g);
        dyn.setState(q, qd);
        dyn.biasForces(b1);
        dyn.setState(q, qd2);
        dyn.biasForces(b2);
        for (int i = 0; i < n; i++) {
            assertEquals(4 * (b1[i] - g[i]), b2[i] - g[i], 1e-9 * (1 + Math.abs(b2[i])));
        }
    }

    @Test
    void gravityForcesAreMinusTheGradientOfPotentialEnergy() {
        MultibodySystem sys = MoblFixture.SYSTEM;
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        Random rnd = new Random(4);
        double[] zero = new double[n];
        double[] g = new double[n];
        for (int trial = 0; trial < 20; trial++) {
            double[] q = MoblFixture.randomPose(rnd);
            dyn.setState(q, zero);
            dyn.gravityForces(g);
            for (int i = 0; i < n; i++) {
                double h = 1e-6;
                double[] qp = q.clone();
                double[] qm = q.clone();
                qp[i] += h;
                qm[i] -= h;
                dyn.setState(qp, zero);
                double ep = dyn.potentialEnergy();
                dyn.setState(qm, zero);
                double em = dyn.potentialEnergy();
                // Eq. 1 puts gravity in τ_bias with M q̈ + τ_bias = τ, so τ_bias's gravity part is +∂V/∂q.
                assertEquals((ep - em) / (2 * h), g[i], 1e-7 * (1 + Math.abs(g[i])), "coordinate " + i);
            }
        }
    }

    @Test
    void coriolisTermsMatchTheChristoffelSymbolsOfM() {
        // τ_bias − g = Ṁ q̇ − ½ ∂(q̇ᵀ M q̇)/∂q: an independent check of the velocity terms by differences of M.
        MultibodySystem sys = MoblFixture.SYSTEM;
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        Random rnd = new Random(5);
        double[] zero = new double[n];
        double[] m1 = new double[n * n];
        double[] m2 = new double[n * n];
        for (int trial = 0; trial < 10; trial++) {
            double[] q = MoblFixture.randomPose(rnd);
            double[] qd = MoblFixture.randomVector(rnd, n, 1);
            double[] b = new double[n];
            double[] g = new double[n];
            dyn.setState(q, qd);
            dyn.biasForces(b);
            dyn.gravityForces(g);
            double h = 1e-6;
            // Ṁ q̇ by a central difference along q̇.
            double[] mdotQd = new double[n];
            double[] qp = q.clone();
            double[] qm = q.clone();
            for (int i = 0; i < n; i++) {
                qp[i] += h * qd[i];
                qm[i] -= h * qd[i];
            }
            dyn.setState(qp, zero);
            dyn.massMatrix(m1);
            dyn.setState(qm, zero);
            dyn.massMatrix(m2);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    mdotQd[i] += (m1[i * n + j] - m2[i * n + j]) / (2 * h) * qd[j];
                }
            }
            for (int k = 0; k < n; k++) {
                double[] a = q.clone();
                double[] c = q.clone();
                a[k] += h;
                c[k] -= h;
                dyn.setState(a, zero);
                dyn.massMatrix(m1);
                dyn.setState(c, zero);
                dyn.massMatrix(m2);
                double dk = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        dk += qd[i] * (m1[i * n + j] - m2[i * n + j]) / (2 * h) * qd[j];
                    }
                }
                double expected = mdotQd[k] - 0.5 * dk;
                assertEquals(expected, b[k] - g[k], 1e-6 * (1 + Math.abs(expected)), "coordinate " + k);
            }
        }
    }
}
