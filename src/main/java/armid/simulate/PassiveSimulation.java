package armid.simulate;

import armid.model.mechanics.ConstrainedDynamics;
import armid.model.mechanics.Constraints;
import armid.model.mechanics.Dynamics;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * The constrained arm (eq. 1–2) moving under gravity alone, no muscles and no damping, integrated on all coordinates
 * with the accelerations of eq. 7 by an error-controlled Dormand–Prince 8(5,3) integrator. Because G is constant and
 * b = 0, the couplers are linear invariants that Runge–Kutta methods keep to round-off.
 */
public final class PassiveSimulation {
    /** One output sample. */
    public record Sample(double time, double[] q, double[] qd, double kineticEnergy, double potentialEnergy) {
        public double totalEnergy() {
            return kineticEnergy + potentialEnergy;
        }
    }

    private final Constraints constraints;
    private final double relativeTolerance;
    private final double absoluteTolerance;

    public PassiveSimulation(Constraints constraints, double relativeTolerance, double absoluteTolerance) {
        this.constraints = constraints;
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
    }

    /** Simulates from (q0, q̇0) for {@code duration} seconds, sampling every {@code interval} seconds. */
    public List<Sample> run(double[] q0, double[] qd0, double duration, double interval) {
        int n = constraints.system().dof();
        ConstrainedDynamics cd = new ConstrainedDynamics(constraints);
        Dynamics energy = constraints.system().newDynamics();
        double[] zero = new double[n];
        double[] q = new double[n];
        double[] qd = new double[n];
        double[] qdd = new double[n];
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 2 * n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                System.arraycopy(y, 0, q, 0, n);
                System.arraycopy(y, n, qd, 0, n);
                cd.accelerations(q, qd, zero, qdd, null);
                double[] dy = new double[2 * n];
                System.arraycopy(qd, 0, dy, 0, n);
                System.arraycopy(qdd, 0, dy, n, n);
                return dy;
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-8, Math.max(interval, 1e-3),
                absoluteTolerance, relativeTolerance);
        List<Sample> out = new ArrayList<>();
        integrator.addStepHandler(new ODEStepHandler() {
            private double next = 0;

            @Override
            public void handleStep(ODEStateInterpolator interpolator) {
                double end = interpolator.getCurrentState().getTime();
                while (next <= end + 1e-12 && next <= duration + 1e-12) {
                    double[] y = interpolator.getInterpolatedState(Math.min(next, end)).getPrimaryState();
                    double[] qs = java.util.Arrays.copyOfRange(y, 0, n);
                    double[] qds = java.util.Arrays.copyOfRange(y, n, 2 * n);
                    energy.setState(qs, qds);
                    out.add(new Sample(next, qs, qds, energy.kineticEnergy(), energy.potentialEnergy()));
                    next = out.size() * interval;
                }
            }
        });
        double[] y0 = new double[2 * n];
        System.arraycopy(q0, 0, y0, 0, n);
        System.arraycopy(qd0, 0, y0, n, n);
        integrator.integrate(ode, new ODEState(0, y0), duration);
        return out;
    }
}
