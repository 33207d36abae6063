package armid.bench;

import armid.model.Model;
import armid.osim.BundledModels;
import armid.simulate.ArmPlant;
import armid.simulate.Dataset;
import armid.simulate.GroundTruth;
import armid.simulate.ReferenceSimulator;

/**
 * Times the two default movements (10 s at 1000 Hz unless given: args duration rate tolerance) and reports the
 * range swept by each independent coordinate and the change in q when the tolerance is halved.
 * Run: java -cp target/classes:target/test-classes:target/lib/* armid.bench.SimulationBenchmark [10 1000 1e-8]
 */
public final class SimulationBenchmark {
    public static void main(String[] args) {
        double duration = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 1000;
        double tol = args.length > 2 ? Double.parseDouble(args[2]) : 1e-8;
        Model model = BundledModels.moblArms();
        GroundTruth truth = GroundTruth.template(model, ReferenceSimulator.PAPER_MUSCLES);
        for (int movement = 1; movement <= 2; movement++) {
            Dataset[] runs = new Dataset[2];
            for (int r = 0; r < 2; r++) {
                var setup = new ReferenceSimulator.Setup(model, BundledModels.MOBL_ARMS, "",
                        BundledModels.defaultLocks(model), truth, ArmPlant.Options.PAPER, r == 0 ? tol : tol / 2,
                        duration, rate);
                long t0 = System.nanoTime();
                runs[r] = ReferenceSimulator.movement(setup, movement, 1, null);
                var integ = runs[r].description().get("integrator");
                System.out.printf("movement %d, tolerance %.1e: %.1f s wall for %.1f s at %.0f Hz (%d rhs, %d steps,"
                        + " %d fixed-step intervals)%n", movement, setup.tolerance(),
                        (System.nanoTime() - t0) * 1e-9, duration, rate, integ.get("evaluations").asLong(),
                        integ.get("steps").asLong(), integ.get("fixed_step_intervals").asLong());
            }
            for (var c : runs[0].description().get("coordinates")) {
                var sim = c.get("simulated_range");
                var range = c.get("range");
                double lo = sim.get(0).asDouble();
                double hi = sim.get(1).asDouble();
                System.out.printf("  %-22s %s swept %.0f %% of its range [%.3f, %.3f]: min %.3f, max %.3f, inside: %s%n",
                        c.get("name").asText(), c.get("independent").asBoolean() ? "(independent)" : "(dependent)  ",
                        100 * (hi - lo) / (range.get(1).asDouble() - range.get(0).asDouble()),
                        range.get(0).asDouble(), range.get(1).asDouble(), lo, hi, c.get("inside_range").asBoolean());
            }
            double worst = 0;
            for (int i = 0; i < runs[0].coordinates().size(); i++) {
                for (int k = 0; k < runs[0].samples(); k++) {
                    worst = Math.max(worst, Math.abs(runs[0].q(i)[k] - runs[1].q(i)[k]));
                }
            }
            System.out.printf("  halving the tolerance changes q by at most %.2e rad%n", worst);
        }
    }
}
