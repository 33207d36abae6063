package armid.bench;

import armid.identify.IdentificationLoss;
import armid.identify.MotionData;
import armid.identify.ParameterRegistry;
import armid.identify.Synthetic;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One identification epoch (loss and exact gradient with respect to every parameter) of M1 and M2 on a 10 s,
 * 1,000 Hz synthetic dataset (MoBL-ARMS, 16 coordinates, 16 muscles), on one and on two threads. The per-sample
 * precomputation is done once in the setup, as in an identification run. Run with {@code bench/run IdentifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class IdentifyBenchmark {
    @Param({"M1", "M2"})
    public String method;
    @Param({"1", "2"})
    public int threads;

    private IdentificationLoss loss;
    private double[] theta;
    private double[] grad;

    @Setup(Level.Trial)
    public void setUp() {
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL);
        MotionData data = Synthetic.kinematic(10.0, 1000, 1);
        IdentificationLoss.Method m = IdentificationLoss.Method.valueOf(method);
        if (m == IdentificationLoss.Method.M1) {
            reg.selectM1();
        } else {
            reg.selectM2();
        }
        theta = reg.drawInitialGuess(1, 0.1);
        loss = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                IdentificationLoss.Options.of(m).withThreads(threads));
        grad = new double[theta.length];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loss.close();
    }

    @Benchmark
    public double epoch() {
        return loss.evaluate(theta, grad);
    }
}
