package armid.identify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import armid.identify.IdentificationLoss.Method;
import armid.identify.IdentificationLoss.Options;
import org.junit.jupiter.api.Test;

/** Motion tables shared between losses: independent of the thread count, the same losses as tables of their own. */
class MotionTablesTest {

    @Test
    void tablesDoNotDependOnThreadsAndSharedTablesGiveTheSameLoss() {
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL).selectM2();
        MotionData data = Synthetic.kinematic(0.4, 1000, 5);
        MotionTables one = MotionTables.of(Synthetic.SYSTEM, data, 1);
        MotionTables two = MotionTables.of(Synthetic.SYSTEM, data, 2);
        assertArrayEquals(one.dMr, two.dMr);
        assertArrayEquals(one.r, two.r);
        assertArrayEquals(one.yr, two.yr);
        assertArrayEquals(one.mr0, two.mr0);
        for (int m = 0; m < 16; m++) {
            assertArrayEquals(one.lmt[m], two.lmt[m]);
            assertArrayEquals(one.vmt[m], two.vmt[m]);
        }
        double[] theta = reg.drawInitialGuess(3, 0.1);
        for (Method method : Method.values()) {
            double[] g1 = new double[theta.length];
            double[] g2 = new double[theta.length];
            try (IdentificationLoss own = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                    Options.of(method));
                 IdentificationLoss shared = new IdentificationLoss(reg, Synthetic.SYSTEM, Synthetic.HILL, data,
                         Options.of(method), one)) {
                assertEquals(own.evaluate(theta, g1), shared.evaluate(theta, g2), 0.0);
                assertArrayEquals(g1, g2);
            }
        }
    }

    @Test
    void tablesOfAnotherMotionAreRefused() {
        ParameterRegistry reg = ParameterRegistry.fromModel(Synthetic.MODEL).selectM2();
        MotionTables tables = MotionTables.of(Synthetic.SYSTEM, Synthetic.kinematic(0.1, 1000, 5), 1);
        MotionData other = Synthetic.kinematic(0.1, 1000, 6);
        var e = assertThrows(IllegalArgumentException.class, () -> new IdentificationLoss(reg, Synthetic.SYSTEM,
                Synthetic.HILL, other, Options.of(Method.M2), tables));
        assertEquals("the motion tables were computed for another motion", e.getMessage());
    }
}
