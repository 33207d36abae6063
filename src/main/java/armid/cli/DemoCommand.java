package armid.cli;

import armid.simulate.PassiveSimulation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code armid demo}: the main job on the bundled model. Today: the model summary and a passive simulation of the
 * constrained arm under gravity (eq. 1–2 with τ = 0), reporting energy conservation and coupler errors.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job on the bundled MoBL-ARMS model.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--duration", defaultValue = "1.0", description = "Simulated seconds (default ${DEFAULT-VALUE}).")
    double duration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelOptions.Opened o = modelOptions.open();
        ModelInfoCommand.printSummary(o, out);
        out.println();
        out.printf("Passive simulation under gravity, %.2f s, Dormand-Prince 8(5,3), tolerance 1e-10:%n", duration);
        var cons = o.constraints();
        double[] q0 = o.system().defaultPositions();
        double[] qd0 = new double[o.system().dof()];
        long t0 = System.nanoTime();
        List<PassiveSimulation.Sample> samples = new PassiveSimulation(cons, 1e-10, 1e-10).run(q0, qd0, duration,
                duration / 10);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        List<String> ind = cons.independentNames();
        int[] idx = cons.independent();
        out.printf("  %6s", "t [s]");
        for (String name : ind) {
            out.printf(" %14s", name + " [°]");
        }
        out.printf(" %14s %14s%n", "energy [J]", "coupler err");
        double e0 = samples.get(0).totalEnergy();
        double worstE = 0;
        double worstC = 0;
        for (PassiveSimulation.Sample s : samples) {
            double c = 0;
            for (double v : cons.positionErrors(s.q())) {
                c = Math.max(c, Math.abs(v));
            }
            worstC = Math.max(worstC, c);
            worstE = Math.max(worstE, Math.abs(s.totalEnergy() - e0));
            out.printf("  %6.2f", s.time());
            for (int i : idx) {
                out.printf(" %14.3f", Math.toDegrees(s.q()[i]));
            }
            out.printf(" %14.9f %14.2e%n", s.totalEnergy(), c);
        }
        out.printf("  energy drift %.2e J (%.2e relative), worst coupler error %.2e rad, %.2f s wall time%n", worstE,
                worstE / Math.max(Math.abs(e0), 1e-12), worstC, seconds);
        out.flush();
        return 0;
    }
}
