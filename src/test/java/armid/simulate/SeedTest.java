package armid.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import armid.model.Model;
import armid.osim.BundledModels;
import org.junit.jupiter.api.Test;

/** The default movements are reproducible: the same seed gives identical EMG (bit for bit), another seed does not. */
class SeedTest {
    @Test
    void sameSeedGivesIdenticalEmg() {
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        var setup = ToleranceTest.setup(model, truth, 1e-6, 0.03, 1000);
        Dataset a = ReferenceSimulator.movement(setup, 2, 7, null);
        Dataset b = ReferenceSimulator.movement(setup, 2, 7, null);
        Dataset c = ReferenceSimulator.movement(setup, 2, 8, null);
        boolean differs = false;
        for (int m = 0; m < a.muscles().size(); m++) {
            assertArrayEquals(a.emg(m), b.emg(m), 0.0, a.muscles().get(m));
            differs |= !java.util.Arrays.equals(a.emg(m), c.emg(m));
        }
        for (int i = 0; i < a.coordinates().size(); i++) {
            assertArrayEquals(a.q(i), b.q(i), 0.0, a.coordinates().get(i));
        }
        assertFalse(!differs, "another seed gives the same EMG");
    }

    /** One thread and two (paths split in two groups) give the same dataset, bit for bit. */
    @Test
    void threadsDoNotChangeTheResult() {
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        var setup = ToleranceTest.setup(model, truth, 1e-6, 0.03, 1000);
        Dataset one = ReferenceSimulator.movement(setup, 1, 3, 1, null);
        Dataset two = ReferenceSimulator.movement(setup, 1, 3, 2, null);
        for (int i = 0; i < one.coordinates().size(); i++) {
            assertArrayEquals(one.q(i), two.q(i), 0.0, one.coordinates().get(i));
        }
        for (int m = 0; m < one.muscles().size(); m++) {
            assertArrayEquals(one.emg(m), two.emg(m), 0.0, one.muscles().get(m));
        }
    }
}
