package armid.model.path.wrap;

import static armid.model.path.wrap.WrapTestSupport.randomPoint;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Wrapping runs in the path-length hot loop: once a WrapResult has been used, no call may allocate. */
class WrapAllocationTest {
    @Test
    void repeatedWrapsDoNotAllocate() {
        java.lang.management.ThreadMXBean std = ManagementFactory.getThreadMXBean();
        assertTrue(std instanceof com.sun.management.ThreadMXBean, "needs a JVM that counts allocated bytes");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) std;
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        WrapSurface[] surfaces = {new WrapSphere(0.03, "all"), new WrapCylinder(0.016, 0.1, "all"),
            new WrapCylinder(0.0235, 0.115, "-x"), new WrapTorus(0.04, 0.06, "all"),
            new WrapEllipsoid(0.1, 0.135, 0.08, "all"), new WrapEllipsoid(0.03, 0.1, 0.05, "z")};
        Random rnd = new Random(31);
        int n = 200;
        double[][] p = new double[n][], s = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = randomPoint(rnd, 0.0, 0.3);
            s[i] = randomPoint(rnd, 0.0, 0.3);
        }
        for (WrapSurface w : surfaces) {
            for (WrapSurface.Method m : WrapSurface.Method.values()) {
                for (boolean single : new boolean[] {true, false}) {
                    WrapResult r = new WrapResult();
                    r.method = m;
                    r.singleWrap = single;
                    r.points = new double[3 * 1024]; // room for the longest drawing, so the buffer never grows
                    int wrapped = 0;
                    for (int i = 0; i < n; i++) w.wrap(p[i], s[i], r); // first use creates the scratch
                    // the least over three passes: a real allocation in wrap() shows in every pass, while the JIT
                    // can materialise a few objects once (deoptimisation of scalar-replaced code)
                    long thread = Thread.currentThread().getId(), least = Long.MAX_VALUE;
                    for (int pass = 0; pass < 3; pass++) {
                        long before = mx.getThreadAllocatedBytes(thread);
                        for (int i = 0; i < n; i++) {
                            w.wrap(p[i], s[i], r);
                            if (r.wraps) wrapped++;
                        }
                        least = Math.min(least, mx.getThreadAllocatedBytes(thread) - before);
                    }
                    assertTrue(wrapped > 0);
                    assertEquals(0, least, w.getClass().getSimpleName() + " " + m + " single=" + single
                            + ": " + least + " bytes allocated in " + n + " calls");
                }
            }
        }
    }
}
