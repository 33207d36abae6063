package armid.bench;

import armid.model.Model;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import armid.osim.BundledModels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** All 50 MoBL-ARMS muscle paths at one pose: lengths, lengthening speeds and moment arms on 16 coordinates. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathBenchmark {
    private Dynamics dyn;
    private PathEvaluator all;
    private PathEvaluator paper;
    private PathEvaluator continuous;
    private double[] q;
    private double[] qd;

    @Setup
    public void setUp() {
        Model m = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(m, BundledModels.defaultLocks(m));
        Constraints c = new Constraints(sys);
        dyn = sys.newDynamics();
        all = PathSet.muscles(sys).newEvaluator();
        continuous = PathSet.muscles(sys).newSmoothEvaluator();
        paper = PathSet.of(sys, java.util.List.of("PECM1", "PECM2", "PECM3", "DELT1", "DELT2", "DELT3", "BIClong",
                "BICshort", "TRIlong", "TRIlat", "BRD", "INFSP", "SUBSC", "TRImed", "BRA", "PQ")).newEvaluator();
        q = c.positions(new double[] {0.4, 1.1, 0.3, 1.2, 0.2});
        qd = c.speeds(new double[] {0.5, -0.4, 0.7, 1.0, -0.3});
    }

    @Benchmark
    public PathEvaluator all50Muscles() {
        dyn.setState(q, qd);
        all.evaluate(dyn);
        return all;
    }

    /** The continuous variant (PathSet.newSmoothEvaluator, as the simulator and the identification use it). */
    @Benchmark
    public PathEvaluator all50MusclesContinuous() {
        dyn.setState(q, qd);
        continuous.evaluate(dyn);
        return continuous;
    }

    @Benchmark
    public PathEvaluator paper16Muscles() {
        dyn.setState(q, qd);
        paper.evaluate(dyn);
        return paper;
    }
}
