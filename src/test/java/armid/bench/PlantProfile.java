package armid.bench;

import armid.model.Model;
import armid.osim.BundledModels;
import armid.simulate.ArmPlant;
import armid.simulate.GroundTruth;
import armid.simulate.ReferenceSimulator;

/** Times the parts of one right-hand side of the reference arm. */
public final class PlantProfile {
    public static void main(String[] args) {
        Model model = BundledModels.moblArms();
        GroundTruth gt = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        ArmPlant plant = new ArmPlant(model, BundledModels.defaultLocks(model), ReferenceSimulator.PAPER_MUSCLES, gt,
                ArmPlant.Options.PAPER);
        int n = plant.dof();
        double[] q0 = plant.constraints().positions(new double[] {0.5, 1.0, 0.3, 1.0, 0.2});
        double[] a0 = new double[16];
        java.util.Arrays.fill(a0, 0.1);
        double[] y = plant.restState(q0, a0);
        for (int i = n; i < 2 * n; i++) {
            y[i] = 0.3;
        }
        double[] dy = new double[y.length];
        double[] u = a0.clone();
        var dyn = plant.system().newDynamics();
        var pe = armid.model.path.PathSet.of(plant.system(), ReferenceSimulator.PAPER_MUSCLES).newEvaluator();
        double[] q = java.util.Arrays.copyOf(y, n);
        double[] qd = java.util.Arrays.copyOfRange(y, n, 2 * n);
        var cd = new armid.model.mechanics.ConstrainedDynamics(plant.constraints());
        double[] tau = new double[n];
        double[] qdd = new double[n];
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            int N = 2000;
            for (int i = 0; i < N; i++) {
                plant.derivatives(y, u, dy);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                dyn.setState(q, qd);
                pe.evaluate(dyn);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                cd.accelerations(q, qd, tau, qdd, null);
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                for (int m = 0; m < 16; m++) {
                    plant.muscle(m).compute(0.1, y[2 * n + 16 + m], 0.2, 0.01, plant.outputs(m));
                }
            }
            long t4 = System.nanoTime();
            System.out.printf("rhs %.1f us, setState+paths %.1f us, constrained dynamics %.1f us, muscles %.1f us%n",
                    (t1 - t0) / 1e3 / N, (t2 - t1) / 1e3 / N, (t3 - t2) / 1e3 / N, (t4 - t3) / 1e3 / N);
        }
    }
}
