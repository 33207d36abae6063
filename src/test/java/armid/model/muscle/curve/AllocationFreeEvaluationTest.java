package armid.model.muscle.curve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/** Evaluating a curve allocates nothing (measured with the JVM's per-thread allocation counter). */
class AllocationFreeEvaluationTest {

    @Test
    void exactCurvesEvaluateWithoutAllocating() {
        var mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        var bean = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(bean.isThreadAllocatedMemorySupported());
        bean.setThreadAllocatedMemoryEnabled(true);

        var fal = new ActiveForceLengthCurve(ActiveForceLengthCurveTest.MOBL_MATCHED);
        var fv = new ForceVelocityCurve(ForceVelocityCurveTest.MOBL_MATCHED);
        var fpe = new FiberForceLengthCurve(FiberForceLengthCurveTest.MOBL_MATCHED);
        var fse = new TendonForceLengthCurve(TendonForceLengthCurveTest.MOBL_MATCHED);
        double[] out = new double[3];
        int n = 100_000;
        double sink = run(fal, fv, fpe, fse, out, n); // warm-up
        long before = bean.getCurrentThreadAllocatedBytes();
        sink += run(fal, fv, fpe, fse, out, n);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(Double.isFinite(sink));
        // 1.4 million evaluations; allow a few kilobytes for the measurement itself
        assertTrue(allocated < 16_384, "allocated " + allocated + " bytes");
    }

    @Test
    void fittedCurvesEvaluateWithoutAllocating() {
        var mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        var bean = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(bean.isThreadAllocatedMemorySupported());
        bean.setThreadAllocatedMemoryEnabled(true);

        var fal = CurveFitter.fitActiveForceLength(new ActiveForceLengthCurve(ActiveForceLengthCurveTest.MOBL_MATCHED));
        var fse = CurveFitter.fitTendonForceLength(new TendonForceLengthCurve(TendonForceLengthCurveTest.MOBL_MATCHED));
        double[] out = new double[2];
        int n = 200_000;
        double sink = runFitted(fal, fse, out, n);
        long before = bean.getCurrentThreadAllocatedBytes();
        sink += runFitted(fal, fse, out, n);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(Double.isFinite(sink));
        assertTrue(allocated < 16_384, "allocated " + allocated + " bytes");
    }

    private static double runFitted(PiecewisePolynomialCurve fal, PiecewisePolynomialCurve fse, double[] out, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) n;
            s += fal.value(0.3 + 1.5 * t) + fal.derivative(0.3 + 1.5 * t);
            fse.valueAndDerivative(0.99 + 0.06 * t, out);
            s += out[0] + out[1];
        }
        return s;
    }

    private static double run(ActiveForceLengthCurve fal, ForceVelocityCurve fv, FiberForceLengthCurve fpe,
                              TendonForceLengthCurve fse, double[] out, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) n;
            s += fal.value(0.3 + 1.5 * t) + fal.derivative(0.3 + 1.5 * t) + fal.secondDerivative(0.3 + 1.5 * t);
            s += fv.value(-1.1 + 2.2 * t) + fv.derivative(-1.1 + 2.2 * t);
            s += fpe.value(0.9 + 0.9 * t) + fpe.derivative(0.9 + 0.9 * t) + fpe.integral(0.9 + 0.9 * t);
            s += fse.value(0.99 + 0.06 * t) + fse.derivative(0.99 + 0.06 * t) + fse.integral(0.99 + 0.06 * t);
            fse.evaluate(1.0 + 0.04 * t, out);
            s += out[0] + out[1] + out[2];
        }
        return s;
    }
}
