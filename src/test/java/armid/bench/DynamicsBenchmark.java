package armid.bench;

import armid.model.Model;
import armid.model.mechanics.ConstrainedDynamics;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
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
import org.openjdk.jmh.infra.Blackhole;

/** MoBL-ARMS (wrist locked, 16 coordinates): the per-sample costs of the dynamics. Run with {@code bench/run}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DynamicsBenchmark {
    private Dynamics dyn;
    private ConstrainedDynamics constrained;
    private double[] q;
    private double[] qd;
    private double[] qdd;
    private double[] mass;
    private double[] bias;
    private double[] tau;
    private double[] regressor;
    private double[] lambda;

    @Setup
    public void setUp() {
        Model m = BundledModels.moblArms();
        MultibodySystem sys = MultibodySystem.of(m, BundledModels.defaultLocks(m));
        Constraints c = new Constraints(sys);
        dyn = sys.newDynamics();
        constrained = new ConstrainedDynamics(c);
        q = c.positions(new double[] {0.4, 1.1, 0.3, 1.2, 0.2});
        qd = c.speeds(new double[] {0.5, -0.4, 0.7, 1.0, -0.3});
        int n = sys.dof();
        qdd = new double[n];
        mass = new double[n * n];
        bias = new double[n];
        tau = new double[n];
        lambda = new double[c.rows()];
        regressor = new double[n * 10 * sys.bodyCount()];
    }

    @Benchmark
    public void kinematics(Blackhole bh) {
        dyn.setState(q, qd);
        bh.consume(dyn);
    }

    @Benchmark
    public double[] massMatrixAndBias() {
        dyn.setState(q, qd);
        dyn.massMatrix(mass);
        dyn.biasForces(bias);
        return bias;
    }

    @Benchmark
    public double[] regressor() {
        dyn.setState(q, qd);
        dyn.regressor(qdd, regressor);
        return regressor;
    }

    @Benchmark
    public double[] constrainedForwardDynamics() {
        constrained.accelerations(q, qd, tau, qdd, lambda);
        return qdd;
    }
}
