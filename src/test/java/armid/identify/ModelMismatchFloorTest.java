package armid.identify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.io.StorageFile;
import armid.model.Model;
import armid.model.mechanics.MultibodySystem;
import armid.model.muscle.MillardParameters;
import armid.osim.BundledModels;
import armid.simulate.ArmPlant;
import armid.simulate.Dataset;
import armid.simulate.GroundTruth;
import armid.simulate.ReferenceSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identification model against data of the reference simulator (a separate code path: exact Bézier curves,
 * damped equilibrium muscles with elastic tendons, PECM1 rigid, continuous activation), on a perturbed subject,
 * movement 1, 0.5 s at 200 Hz. At the ground truth the identification's muscle forces are the simulator's recorded
 * forces up to the fitted curves and the discretised activation, and the losses are far below their values at the
 * paper's 10 % initial guesses (the spec asks for at least 100× for M1).
 */
class ModelMismatchFloorTest {
    private static Path parent;
    private static Model model;
    private static MultibodySystem system;
    private static DatasetReader.Data data;
    private static HillMuscle hill;

    @BeforeAll
    static void simulate() throws IOException {
        model = BundledModels.moblArms();
        system = MultibodySystem.of(model, BundledModels.defaultLocks(model));
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES).perturbed(3);
        var setup = new ReferenceSimulator.Setup(model, BundledModels.MOBL_ARMS, "",
                BundledModels.defaultLocks(model), truth, ArmPlant.Options.PAPER, 1e-6, 0.5, 200);
        Dataset sim = ReferenceSimulator.movement(setup, 1, 5, null);
        parent = Files.createTempDirectory("armid-floor-test");
        Path dir = parent.resolve("data");
        sim.write(dir);
        data = DatasetReader.read(dir, system.coordinateNames());
        hill = HillMuscle.fitted(MillardParameters.fromForceElement(model.force("PECM1")));
    }

    @AfterAll
    static void clean() {
        if (parent != null) {
            TinyDataset.delete(parent);
        }
    }

    private static ParameterRegistry registry(IdentificationLoss.Method m) {
        ParameterRegistry reg = ParameterRegistry.fromModel(model).withGroundTruth(data.groundTruth());
        if (m == IdentificationLoss.Method.M1) {
            reg.selectM1();
        } else {
            reg.selectM2();
        }
        return reg;
    }

    /**
     * Eq. 15 (with the model's fibre damping) and eq. 16 (eq. 15 with the rigid tendon's kinematics for PECM1) at the
     * ground truth give the recorded tendon forces to a few hundredths of a newton, for every muscle; without the
     * damping term the error is newtons (up to a third of a small muscle's force), and eq. 16 gives PECM1 no force.
     */
    @Test
    void forcesAtGroundTruthAreTheSimulatorsInBothPhases() throws IOException {
        StorageFile recorded = StorageFile.read(data.folder().resolve("muscle_force.sto"));
        ParameterRegistry reg = registry(IdentificationLoss.Method.M2);
        double[] gt = reg.groundTruth();
        try (IdentificationLoss loss = new IdentificationLoss(reg, system, hill, data.motion(),
                IdentificationLoss.Options.of(IdentificationLoss.Method.M2))) {
            for (IdentificationLoss.Phase phase : IdentificationLoss.Phase.values()) {
                loss.setPhase(phase);
                double[][] f = loss.muscleForces(gt);
                for (int m = 0; m < 16; m++) {
                    String name = ParameterRegistry.MUSCLES.get(m);
                    double[] truth = recorded.column(name);
                    double sum = 0;
                    double ref = 0;
                    for (int t = 0; t < truth.length; t++) {
                        sum += (f[m][t] - truth[t]) * (f[m][t] - truth[t]);
                        ref += truth[t] * truth[t];
                    }
                    double rms = Math.sqrt(sum / truth.length);
                    System.out.printf("%s %-8s rms force %8.3f N, rms error %.4f N%n", phase, name,
                            Math.sqrt(ref / truth.length), rms);
                    // Without the damping term of eq. 15 the errors are 0.4–6 N; measured here at most about 0.07 N.
                    assertTrue(rms < 0.1, phase + " " + name + ": rms force error " + rms + " N");
                }
            }
        }
    }

    @Test
    void lossesAtGroundTruthAreFarBelowTheirValuesAtTenPercentGuesses() {
        for (IdentificationLoss.Method m : IdentificationLoss.Method.values()) {
            ParameterRegistry reg = registry(m);
            double[] gt = reg.groundTruth();
            try (IdentificationLoss loss = new IdentificationLoss(reg, system, hill, data.motion(),
                    IdentificationLoss.Options.of(m))) {
                loss.normalizeAt(reg.drawInitialGuess(1, 0.1));
                for (IdentificationLoss.Phase phase : IdentificationLoss.Phase.values()) {
                    loss.setPhase(phase);
                    double floor = loss.value(gt);
                    double lowest = Double.POSITIVE_INFINITY;
                    for (long seed = 1; seed <= 5; seed++) {
                        lowest = Math.min(lowest, loss.value(reg.drawInitialGuess(seed, 0.1)));
                    }
                    System.out.printf("%s %s: loss at ground truth %.3e, lowest at five 10%% guesses %.3e, "
                            + "ratio %.3e%n", m, phase, floor, lowest, lowest / floor);
                    // Measured: M1 3.7e5 (eq. 15) and 6e7 (eq. 16), M2 3.4e5 and 2.6e9; the paper's eq. 15 without damping gives
                    // M1 180 and M2 9. The requirement is 100×; 1e5 separates the damped model from the undamped.
                    double required = 1e5;
                    assertTrue(lowest > required * floor, m + " " + phase + ": floor " + floor + ", lowest guess "
                            + lowest);
                }
            }
        }
    }

    /**
     * The tendon phase's start (fibre–tendon force equilibrium) recovers the simulated subject's tendon slack lengths
     * from guesses 20 % too long, where eq. 16 gives no force at any sample and no gradient, and 10 % too short:
     * to 1e-5 for elastic tendons (the fitted curves differ slightly from the exact ones), and to rounding for
     * PECM1's rigid tendon, whose slack length the fibre kinematics fix.
     */
    @Test
    void tendonPhaseStartsAtTheSubjectsSlackLengths() {
        ParameterRegistry reg = registry(IdentificationLoss.Method.M2);
        double[] gt = reg.groundTruth();
        int[] lts = java.util.stream.IntStream.of(reg.selected()).filter(ParameterRegistry::isTendonSlackLength)
                .toArray();
        try (IdentificationLoss loss = new IdentificationLoss(reg, system, hill, data.motion(),
                IdentificationLoss.Options.of(IdentificationLoss.Method.M2))) {
            for (double factor : new double[] {1.2, 0.9}) {
                double[] theta = gt.clone();
                for (int i : lts) {
                    theta[i] = factor * gt[i];
                }
                TendonSlackStart.apply(loss, loss.hill(), theta, lts);
                for (int i : lts) {
                    int m = ParameterRegistry.muscleOf(i);
                    double err = theta[i] / gt[i] - 1;
                    System.out.printf("start from %.1f x: %-8s slack length error %+.2e%n", factor,
                            ParameterRegistry.MUSCLES.get(m), err);
                    double tol = loss.rigidTendon(m) ? 1e-9 : 1e-5; // measured: at most 2.7e-7
                    assertTrue(Math.abs(err) < tol, ParameterRegistry.MUSCLES.get(m) + " from " + factor
                            + " x: relative error " + err);
                }
            }
            // PECM1's rigid-tendon slack length (2.8 mm) does not inherit errors of optimal fibre length and pennation.
            double[] theta = gt.clone();
            for (int i : lts) {
                int o = ParameterRegistry.muscleIndex(ParameterRegistry.muscleOf(i), 0);
                theta[o + ParameterRegistry.LOPT] *= 1.1;
                theta[o + ParameterRegistry.PENN] *= 1.1;
                theta[i] *= 1.2;
            }
            TendonSlackStart.apply(loss, loss.hill(), theta, lts);
            int pecm1 = ParameterRegistry.muscleIndex(0, ParameterRegistry.LTS);
            assertTrue(loss.rigidTendon(0));
            assertTrue(Math.abs(theta[pecm1] / gt[pecm1] - 1) < 1e-9, "PECM1 slack length " + theta[pecm1]);
        }
    }
}
