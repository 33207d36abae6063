package armid.bench;

import armid.model.Model;
import armid.osim.BundledModels;
import armid.simulate.ArmPlant;
import armid.simulate.GroundTruth;
import armid.simulate.ReferenceSimulator;

/** Eigenvalues of the reference arm's right-hand side Jacobian (finite differences) at a few states. */
public final class PlantStiffness {
    public static void main(String[] args) {
        Model model = BundledModels.moblArms();
        GroundTruth gt = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        ArmPlant plant = new ArmPlant(model, BundledModels.defaultLocks(model), ReferenceSimulator.PAPER_MUSCLES, gt,
                ArmPlant.Options.PAPER);
        int n = plant.dof();
        for (double act : new double[] {0.02, 0.1, 0.5}) {
            double[] q0 = plant.constraints().positions(new double[] {0.5, 1.0, 0.3, 1.0, 0.2});
            double[] a0 = new double[16];
            java.util.Arrays.fill(a0, act);
            double[] y = plant.restState(q0, a0);
            int d = y.length;
            double[] u = a0.clone();
            double[][] jac = new double[d][d];
            double[] fp = new double[d];
            double[] fm = new double[d];
            for (int j = 0; j < d; j++) {
                double h = 1e-7 * Math.max(Math.abs(y[j]), j >= plant.fiberOffset() ? 0.01 : 0.1);
                double[] yp = y.clone();
                yp[j] += h;
                plant.derivatives(yp, u, fp);
                double[] ym = y.clone();
                ym[j] -= h;
                plant.derivatives(ym, u, fm);
                for (int i = 0; i < d; i++) {
                    jac[i][j] = (fp[i] - fm[i]) / (2 * h);
                }
            }
            var eig = org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(d, false);
            if (!eig.decompose(new org.ejml.data.DMatrixRMaj(jac))) {
                throw new IllegalStateException("eig failed");
            }
            org.hipparchus.complex.Complex[] ev = new org.hipparchus.complex.Complex[d];
            for (int k = 0; k < d; k++) {
                var c = eig.getEigenvalue(k);
                ev[k] = new org.hipparchus.complex.Complex(c.real, c.imaginary);
            }
            java.util.Arrays.sort(ev, (x, z) -> Double.compare(x.getReal(), z.getReal()));
            System.out.printf("activation %.2f: most negative eigenvalues:%n", act);
            for (int k = 0; k < 24; k++) {
                System.out.printf("  %.1f %+.1fi%n", ev[k].getReal(), ev[k].getImaginary());
            }
            System.out.printf("  largest real part %.2f; largest |imag| %.1f%n", ev[ev.length - 1].getReal(),
                    java.util.Arrays.stream(ev).mapToDouble(c -> Math.abs(c.getImaginary())).max().orElse(0));
            System.out.print("  diag dv/dl per muscle:");
            for (int m = 0; m < 16; m++) {
                int i = plant.fiberOffset() + m;
                System.out.printf(" %s %.0f", plant.drivenMuscles().get(m), jac[i][i]);
            }
            System.out.println();
        }
    }
}
