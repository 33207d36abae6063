package armid.model.muscle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-call paths allocate nothing (the JVM's per-thread allocation counter). */
class MuscleAllocationTest {

    @Test
    void computeEquilibriumActivationAndFilterDoNotAllocate() {
        var mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        var bean = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(bean.isThreadAllocatedMemorySupported());
        bean.setThreadAllocatedMemoryEnabled(true);

        var elastic = new Millard2012EquilibriumMuscle("m", MillardParameters.of(800, 0.12, 0.2, 0.3));
        var out = new MuscleOutputs();
        var eq = new FiberEquilibrium();
        var act = new ActivationDynamics(0.01, 0.04, 0.01);
        var filter = new EmgFilter(-0.5, -0.4, 12.5);
        double[] e = new double[1000];
        double[] u = new double[1000];
        double[] a = new double[1000];
        for (int i = 0; i < e.length; i++) {
            e[i] = 0.5 + 0.4 * Math.sin(i * 0.01);
        }
        double sink = run(elastic, out, eq, act, filter, e, u, a);
        long before = bean.getCurrentThreadAllocatedBytes();
        sink += run(elastic, out, eq, act, filter, e, u, a);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(Double.isFinite(sink));
        assertTrue(allocated < 16_384, "allocated " + allocated + " bytes");
    }

    private static double run(Millard2012EquilibriumMuscle m, MuscleOutputs out, FiberEquilibrium eq,
                              ActivationDynamics act, EmgFilter filter, double[] e, double[] u, double[] a) {
        double s = 0;
        for (int i = 0; i < 2000; i++) {
            double lmt = 0.2 + 0.12 * (0.8 + 0.5 * (i % 100) / 100.0);
            double l = m.computeInitialFiberEquilibrium(0.3 + 0.5 * (i % 7) / 7.0, lmt, eq);
            m.compute(0.5, l * 1.001, lmt, 0.05, out);
            s += out.tendonForce();
        }
        filter.apply(e, u);
        act.integrate(u, 1e-3, 0.1, 2, a);
        return s + a[a.length - 1];
    }
}
