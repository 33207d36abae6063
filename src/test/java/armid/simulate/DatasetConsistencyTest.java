package armid.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import armid.io.StorageFile;
import armid.model.Model;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.muscle.ActivationDynamics;
import armid.model.muscle.EmgFilter;
import armid.osim.BundledModels;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets checked from their files alone: the constrained equations of motion hold at every sample with the
 * ground-truth inertias (inverse dynamics of the recorded q, q̇, q̈ equals J_mᵀ f_m − Gᵀλ for some λ, to 1e-6
 * relative), the recorded excitations follow from the recorded EMG through eq. 19–21 and the activations from the
 * excitations through eq. 17–18 with the ground-truth parameters. Short runs (0.15 s at 200 Hz) keep the suite fast.
 */
class DatasetConsistencyTest {
    static final double DURATION = 0.15;
    static final double RATE = 200;

    @TempDir
    static Path tmp;
    static Path excitationData;
    static Path movementData;

    static ReferenceSimulator.Setup setup(GroundTruth truth, double tolerance) {
        Model model = BundledModels.moblArms();
        return new ReferenceSimulator.Setup(model, BundledModels.MOBL_ARMS,
                ReferenceSimulator.sha256(BundledModels.moblArmsBytes()), BundledModels.defaultLocks(model), truth,
                ArmPlant.Options.PAPER, tolerance, DURATION, RATE);
    }

    static StorageFile excitationTable() {
        List<String> ms = ReferenceSimulator.PAPER_MUSCLES;
        int rows = 31;
        double[] t = new double[rows];
        double[][] cols = new double[ms.size()][rows];
        for (int r = 0; r < rows; r++) {
            t[r] = r * 0.0075; // not on the sample grid: kinks inside sample intervals
            for (int m = 0; m < ms.size(); m++) {
                cols[m][r] = 0.05 + 0.3 * Math.max(0, Math.sin(2 * Math.PI * (3 * t[r] + 0.07 * m)));
            }
        }
        return StorageFile.of("excitations", false, ms, t, cols);
    }

    @BeforeAll
    static void simulate() throws Exception {
        Model model = BundledModels.moblArms();
        GroundTruth template = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        Dataset a = ReferenceSimulator.withExcitations(setup(template, 1e-8), excitationTable(), 0.1,
                Map.of("shoulder_elv", 0.8, "elbow_flexion", 0.6), null);
        excitationData = tmp.resolve("excitations");
        a.write(excitationData);
        Dataset b = ReferenceSimulator.movement(setup(template.perturbed(7), 1e-8), 2, 3, null);
        movementData = tmp.resolve("movement");
        b.write(movementData);
    }

    @Test
    void constrainedResidualFromFiles() throws Exception {
        for (Path dir : List.of(excitationData, movementData)) {
            double worst = constrainedResidual(dir);
            assertTrue(worst < 1e-6, dir + ": relative constrained residual " + worst);
        }
    }

    /** Largest relative residual of ID(q, q̇, q̈) − J_mᵀ f_m + Gᵀλ over the samples, λ by least squares. */
    static double constrainedResidual(Path dir) throws Exception {
        Dataset d = Dataset.read(dir);
        JsonNode desc = d.description();
        assertEquals(ReferenceSimulator.sha256(BundledModels.moblArmsBytes()),
                desc.get("model").get("sha256").asText(), "the dataset names the bundled model's SHA-256");
        Model model = d.groundTruth().applyTo(BundledModels.moblArms());
        Map<String, Double> locks = new LinkedHashMap<>();
        desc.get("model").get("locked_coordinates").fields().forEachRemaining(e -> locks.put(e.getKey(),
                e.getValue().asDouble()));
        MultibodySystem sys = MultibodySystem.of(model, locks);
        assertEquals(d.coordinates(), sys.coordinateNames());
        int n = d.coordinates().size();
        int nm = d.muscles().size();
        JsonNode gj = desc.get("constraints").get("G");
        double[][] g = new double[gj.size()][n];
        for (int r = 0; r < g.length; r++) {
            for (int i = 0; i < n; i++) {
                g[r][i] = gj.get(r).get(i).asDouble();
            }
        }
        RealMatrix gt = new Array2DRowRealMatrix(g).transpose();
        var qr = new QRDecomposition(gt).getSolver();
        Dynamics dyn = sys.newDynamics();
        double[] q = new double[n];
        double[] qd = new double[n];
        double[] qdd = new double[n];
        double[] tau = new double[n];
        double worst = 0;
        for (int k = 0; k < d.samples(); k++) {
            for (int i = 0; i < n; i++) {
                q[i] = d.q(i)[k];
                qd[i] = d.qd(i)[k];
                qdd[i] = d.qdd(i)[k];
            }
            dyn.setState(q, qd);
            dyn.inverseDynamics(qdd, true, tau);
            double[] r = new double[n];
            double scale = 0;
            for (int i = 0; i < n; i++) {
                double tm = 0;
                for (int m = 0; m < nm; m++) {
                    tm += d.momentArm(m, i)[k] * d.force(m)[k];
                }
                r[i] = tau[i] - tm; // = −Gᵀλ
                scale = Math.max(scale, Math.max(Math.abs(tau[i]), Math.abs(tm)));
            }
            var lambda = qr.solve(new ArrayRealVector(r));
            double[] res = new ArrayRealVector(r).subtract(gt.operate(lambda)).toArray();
            double norm = 0;
            for (double v : res) {
                norm = Math.max(norm, Math.abs(v));
            }
            worst = Math.max(worst, norm / scale);
        }
        return worst;
    }

    @Test
    void excitationsFollowFromEmgAndActivationsFromExcitations() throws Exception {
        Dataset d = Dataset.read(movementData);
        assertTrue(d.hasEmg());
        GroundTruth gt = d.groundTruth();
        double rate = d.description().get("sample_rate").asDouble();
        EmgFilter filter = EmgFilter.withDelaySeconds(gt.shared().c1(), gt.shared().c2(), gt.shared().delay(),
                1 / rate);
        Model model = BundledModels.moblArms();
        for (int m = 0; m < d.muscles().size(); m++) {
            double[] u = new double[d.samples()];
            filter.apply(d.emg(m), u);
            for (int k = 0; k < u.length; k++) {
                assertEquals(u[k], d.excitation(m)[k], 1e-12, d.muscles().get(m) + " excitation at sample " + k);
            }
            checkActivation(d, m, gt, model, rate);
        }
    }

    @Test
    void activationsFollowFromGivenExcitations() throws Exception {
        Dataset d = Dataset.read(excitationData);
        assertFalse(d.hasEmg());
        assertFalse(Files.exists(excitationData.resolve("emg.sto")));
        StorageFile table = excitationTable();
        double rate = d.description().get("sample_rate").asDouble();
        for (int m = 0; m < d.muscles().size(); m++) {
            double[] given = table.column(m);
            for (int k = 0; k < d.samples(); k++) {
                double t = d.time()[k];
                int i = Math.min((int) Math.floor(t / 0.0075), given.length - 2);
                double w = (t - i * 0.0075) / 0.0075;
                assertEquals(given[i] + w * (given[i + 1] - given[i]), d.excitation(m)[k], 1e-12);
            }
            assertEquals(0.1, d.activation(m)[0], 0.0, "initial activation");
        }
        // between samples the given excitations have kinks, so check the activations by integrating the table
        GroundTruth gt = d.groundTruth();
        Model model = BundledModels.moblArms();
        for (int m = 0; m < d.muscles().size(); m++) {
            ActivationDynamics ad = ActivationDynamics.of(gt.muscleParameters(model, d.muscles().get(m)));
            double h = 2.5e-5; // divides both the table's 7.5 ms and the 5 ms sample interval
            double a = d.activation(m)[0];
            double[] col = table.column(m);
            int steps = (int) Math.round(d.time()[d.samples() - 1] / h);
            int every = (int) Math.round(1 / rate / h);
            for (int s = 0; s < steps; s++) {
                double t0 = s * h;
                int i = (int) Math.floor(t0 / 0.0075 + 1e-9);
                double w0 = (t0 - i * 0.0075) / 0.0075;
                double w1 = (t0 + h - i * 0.0075) / 0.0075;
                a = ad.step(a, col[i] + w0 * (col[i + 1] - col[i]), col[i] + w1 * (col[i + 1] - col[i]), h);
                if ((s + 1) % every == 0) {
                    int k = (s + 1) / every;
                    assertEquals(a, d.activation(m)[k], 1e-6, d.muscles().get(m) + " activation at sample " + k);
                }
            }
        }
    }

    private static void checkActivation(Dataset d, int m, GroundTruth gt, Model model, double rate) {
        ActivationDynamics ad = ActivationDynamics.of(gt.muscleParameters(model, d.muscles().get(m)));
        double[] a = new double[d.samples()];
        ad.integrate(d.excitation(m), 1 / rate, d.activation(m)[0], 200, a);
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], d.activation(m)[k], 1e-6, d.muscles().get(m) + " activation at sample " + k);
        }
    }

    @Test
    void describesItselfAndStaysInsideTheRanges() throws Exception {
        for (Path dir : List.of(excitationData, movementData)) {
            Dataset d = Dataset.read(dir);
            JsonNode desc = d.description();
            assertEquals((int) Math.round(DURATION * RATE) + 1, d.samples());
            assertEquals(16, d.coordinates().size());
            assertEquals(ReferenceSimulator.PAPER_MUSCLES, d.muscles());
            for (String f : Dataset.FILES.keySet()) {
                assertTrue(f.equals("emg.sto") || Files.exists(dir.resolve(f)), dir + " lacks " + f);
            }
            assertTrue(Files.exists(dir.resolve(Dataset.GROUND_TRUTH)));
            if (dir == movementData) { // given excitations may drive the arm anywhere
                for (JsonNode c : desc.get("coordinates")) {
                    assertTrue(c.get("inside_range").asBoolean(), dir + ": " + c.get("name") + " left its range");
                }
            }
        }
        GroundTruth subject = Dataset.read(movementData).groundTruth();
        assertEquals(7L, subject.subjectSeed());
        GroundTruth template = GroundTruth.template(BundledModels.moblArms(), ReferenceSimulator.PAPER_MUSCLES);
        assertTrue(subject.body("humerus").mass() != template.body("humerus").mass());
        assertEquals(subject.toJson(Dataset.mapper()), template.perturbed(7).toJson(Dataset.mapper()),
                "the subject is reproducible from its seed");
    }

    @Test
    void writesWholeOrNotAtAll() throws Exception {
        Dataset d = Dataset.read(excitationData);
        Path target = tmp.resolve("again");
        Files.createDirectories(target);
        Files.writeString(target.resolve("other.txt"), "keep me");
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> d.write(target));
        assertEquals("keep me", Files.readString(target.resolve("other.txt")));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")),
                    "no partial folder left behind");
        }
        Path fresh = tmp.resolve("copy");
        d.write(fresh);
        Dataset back = Dataset.read(fresh);
        assertEquals(d.samples(), back.samples());
        for (int i = 0; i < d.coordinates().size(); i++) {
            assertTrue(java.util.Arrays.equals(d.q(i), back.q(i)), "values round-trip exactly");
        }
    }
}
