package armid.model.mechanics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The inertial-parameter regressor reproduces inverse dynamics: Y(q, q̇, q̈)·π = M q̈ + τ_bias. */
class RegressorTest {
    @Test
    void regressorTimesStandardParametersIsInverseDynamics() {
        MultibodySystem sys = MoblFixture.SYSTEM;
        Dynamics dyn = sys.newDynamics();
        int n = sys.dof();
        int cols = 10 * sys.bodyCount();
        double[] pi = InertialParameters.standard(sys);
        double[] y = new double[n * cols];
        double[] tau = new double[n];
        Random rnd = new Random(7);
        for (int trial = 0; trial < 100; trial++) {
            double[] q = MoblFixture.randomPose(rnd);
            double[] qd = MoblFixture.randomVector(rnd, n, 2);
            double[] qdd = MoblFixture.randomVector(rnd, n, 10);
            dyn.setState(q, qd);
            dyn.inverseDynamics(qdd, true, tau);
            dyn.regressor(qdd, y);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += y[i * cols + c] * pi[c];
                }
                assertEquals(tau[i], s, 1e-10 * (1 + Math.abs(tau[i])), "row " + i);
            }
        }
    }

    @Test
    void parameterJacobianMatchesFiniteDifferences() {
        double m = 1.7;
        double[] c = {0.01, -0.12, 0.03};
        double[] ic = {0.012, 0.004, 0.011, 0.0003, -0.0002, 0.0005};
        double[] j = InertialParameters.jacobian(m, c);
        double[] p = {m, c[0], c[1], c[2], ic[0], ic[1], ic[2], ic[3], ic[4], ic[5]};
        for (int k = 0; k < 10; k++) {
            double h = 1e-6;
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[k] += h;
            pm[k] -= h;
            double[] sp = InertialParameters.standard(pp[0], new double[] {pp[1], pp[2], pp[3]},
                    new double[] {pp[4], pp[5], pp[6], pp[7], pp[8], pp[9]});
            double[] sm = InertialParameters.standard(pm[0], new double[] {pm[1], pm[2], pm[3]},
                    new double[] {pm[4], pm[5], pm[6], pm[7], pm[8], pm[9]});
            for (int r = 0; r < 10; r++) {
                assertEquals((sp[r] - sm[r]) / (2 * h), j[10 * r + k], 1e-8, "d" + r + "/d" + k);
            }
        }
    }
}
