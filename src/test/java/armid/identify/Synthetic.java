package armid.identify;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.MultibodySystem;
import armid.model.muscle.MillardParameters;
import armid.osim.BundledModels;
import java.util.Random;

/**
 * Synthetic identification data without the reference simulator: smooth random motion of the five independent
 * coordinates (sums of sinusoids, dependent coordinates through the couplers), smooth random EMG of all 16 muscles,
 * and optionally accelerations made consistent with the identification model at the ground truth (eq. 1–2 solved for
 * q̈ with τ = J_mᵀ f_m from the differentiable muscles), so that both losses vanish there.
 */
public final class Synthetic {
    public static final Model MODEL = BundledModels.moblArms();
    public static final MultibodySystem SYSTEM = MultibodySystem.of(MODEL, BundledModels.defaultLocks(MODEL));
    static final Constraints CONSTRAINTS = new Constraints(SYSTEM);
    public static final HillMuscle HILL = HillMuscle.fitted(MillardParameters.fromForceElement(MODEL.force("DELT1")));
    // Centre and amplitude of elv_angle, shoulder_elv, shoulder_rot, elbow_flexion, pro_sup (rad).
    private static final double[] CENTRE = {0.6, 0.9, -0.2, 1.3, 0.4};
    private static final double[] AMPLITUDE = {0.4, 0.35, 0.3, 0.5, 0.5};

    private Synthetic() {
    }

    /** Motion with random smooth q, q̇, q̈ (q̈ the derivative of q̇: not consistent with any forces). */
    public static MotionData kinematic(double seconds, double rate, long seed) {
        int n = (int) Math.round(seconds * rate);
        Random rnd = new Random(seed);
        int k = 4;
        double[][] amp = new double[5][k], om = new double[5][k], ph = new double[5][k];
        for (int c = 0; c < 5; c++) {
            for (int j = 0; j < k; j++) {
                amp[c][j] = AMPLITUDE[c] / k * (0.5 + rnd.nextDouble());
                om[c][j] = 2 * Math.PI * (0.2 + 1.3 * rnd.nextDouble());
                ph[c][j] = 2 * Math.PI * rnd.nextDouble();
            }
        }
        double[] q = new double[16 * n], qd = new double[16 * n], qdd = new double[16 * n];
        double[] qi = new double[5], qdi = new double[5], qddi = new double[5];
        double[] tm = CONSTRAINTS.velocityMap();
        for (int t = 0; t < n; t++) {
            double time = t / rate;
            for (int c = 0; c < 5; c++) {
                double a = CENTRE[c], b = 0, d = 0;
                for (int j = 0; j < k; j++) {
                    double s = Math.sin(om[c][j] * time + ph[c][j]);
                    double co = Math.cos(om[c][j] * time + ph[c][j]);
                    a += amp[c][j] * s;
                    b += amp[c][j] * om[c][j] * co;
                    d -= amp[c][j] * om[c][j] * om[c][j] * s;
                }
                qi[c] = a;
                qdi[c] = b;
                qddi[c] = d;
            }
            System.arraycopy(CONSTRAINTS.positions(qi), 0, q, 16 * t, 16);
            for (int i = 0; i < 16; i++) {
                double v = 0, w = 0;
                for (int c = 0; c < 5; c++) {
                    v += tm[i * 5 + c] * qdi[c];
                    w += tm[i * 5 + c] * qddi[c];
                }
                qd[16 * t + i] = v;
                qdd[16 * t + i] = w;
            }
        }
        double[] emg = new double[16 * n];
        for (int m = 0; m < 16; m++) {
            double[] a = new double[5], w = new double[5], p = new double[5];
            for (int j = 0; j < 5; j++) {
                a[j] = rnd.nextDouble();
                w[j] = 2 * Math.PI * (0.3 + 3 * rnd.nextDouble());
                p[j] = 2 * Math.PI * rnd.nextDouble();
            }
            double level = 0.05 + 0.25 * rnd.nextDouble();
            for (int t = 0; t < n; t++) {
                double s = 0;
                for (int j = 0; j < 5; j++) {
                    s += a[j] * Math.sin(w[j] * t / rate + p[j]);
                }
                // Smooth, irregular, inside (0, 1).
                emg[16 * t + m] = level + 0.6 * level * Math.tanh(0.6 * s) + 0.02;
            }
        }
        return new MotionData(rate, q, qd, qdd, emg);
    }

    /**
     * The same motion with q̈ replaced by the constrained accelerations the identification model produces at θ (eq.
     * 1–2 with τ = J_mᵀ f_m, all 16 muscles from their EMG): M1 and M2 are zero at θ.
     */
    public static MotionData consistent(MotionData kin, ParameterRegistry reg, double[] theta) {
        int n = kin.samples();
        double[] zero = new double[16 * n];
        MotionData still = new MotionData(kin.sampleRate(), kin.q(), kin.qd(), zero, kin.emg());
        double[] qdd = new double[16 * n];
        try (IdentificationLoss l = new IdentificationLoss(reg, SYSTEM, HILL, still,
                IdentificationLoss.Options.of(IdentificationLoss.Method.M2))) {
            double[][] f = l.muscleForces(theta);
            double[] tm = l.velocityMap();
            for (int t = 0; t < n; t++) {
                double[] bias = l.reducedInverseDynamics(t, theta); // Tᵀ τ_bias (q̈ = 0)
                double[] mr = l.reducedMassMatrix(t, theta);
                double[] r = l.reducedMomentArms(t);
                double[] rhs = new double[5];
                for (int i = 0; i < 5; i++) {
                    double s = -bias[i];
                    for (int m = 0; m < 16; m++) {
                        s += r[i * 16 + m] * f[m][t];
                    }
                    rhs[i] = s;
                }
                IdentificationLoss.cholesky5(mr);
                double[] qi = new double[5];
                IdentificationLoss.solve5(mr, rhs, qi);
                for (int j = 0; j < 16; j++) {
                    double v = 0;
                    for (int c = 0; c < 5; c++) {
                        v += tm[j * 5 + c] * qi[c];
                    }
                    qdd[16 * t + j] = v;
                }
            }
        }
        return new MotionData(kin.sampleRate(), kin.q(), kin.qd(), qdd, kin.emg());
    }
}
