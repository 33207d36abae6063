package armid.simulate;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Forward simulation of an {@link ArmPlant} by Hipparchus's error-controlled Dormand–Prince 8(5,3) integrator, one
 * sample interval at a time: the driver fixes the excitations over [t_k, t_{k+1}] (piecewise linear, with kinks only
 * at the interval's ends or at the times it names), the integrator crosses the interval (piece by piece between
 * kinks, so that it never steps over a kink), and the state at t_{k+1} is the integrator's own end state, not an
 * interpolation. Each sample records q, q̇, q̈, the multipliers and the muscle quantities from the right-hand side at
 * the sample's state and excitations, so that they satisfy eq. 1–2 exactly (to round-off).
 *
 * <p>Error control: relative tolerance {@code tolerance} on every state; absolute tolerance {@code tolerance} on
 * positions (rad), speeds (rad/s) and activations, {@code 0.01·tolerance} on fibre lengths (m, ~0.1).
 */
public final class ForwardSimulation {
    /**
     * Default tolerance. At 1e-8, halving the tolerance moved movement 2's coordinates by up to 2.6e-6 rad over 10 s;
     * at 1e-10 by 2.5e-8 rad, for about 1.3 times the right-hand sides.
     */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    private final ArmPlant plant;
    private final double tolerance;
    private long evaluations;
    private long steps;
    private long fallbacks;
    private java.util.function.Consumer<String> failureLog = System.err::println;
    /** Fixed Runge-Kutta steps per piece where the error-controlled integrator fails. */
    public static final int FALLBACK_SUBSTEPS = 100;
    /**
     * Smallest step (s) of the error control. A smooth piece never needs steps this small at any tolerance the
     * simulator accepts (they are ~0.1–1 ms at 1e-8); only a discontinuity of the right-hand side (a path length
     * that jumps where a wrap decision switches) drives the step below it, and there no step size makes the local
     * error estimate meaningful: the piece is crossed with {@link #FALLBACK_SUBSTEPS} fixed steps instead.
     */
    public static final double DEFAULT_MIN_STEP = 1e-7;
    /**
     * Right-hand sides one piece may cost the error control (a smooth 1 ms piece takes ~15–40) before the piece is
     * crossed with fixed steps: where the trajectory grazes a surface of path-decision switches it crosses it again
     * and again, and the error control would resolve every crossing with tiny steps (tens of thousands per ms).
     */
    public static final int DEFAULT_MAX_PIECE_EVALUATIONS = 2000;

    public ForwardSimulation(ArmPlant plant, double tolerance) {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("integrator tolerance must be in (0, 1), got " + tolerance);
        }
        this.plant = plant;
        this.tolerance = tolerance;
    }

    /** Right-hand side evaluations of the last run. */
    public long evaluations() {
        return evaluations;
    }

    /** Sample intervals (pieces) of the last run crossed with fixed steps because the error control failed. */
    public long fallbacks() {
        return fallbacks;
    }

    /**
     * Whether the first few failures of the error control are described, with the state, in the failure log (the
     * default: only where the environment variable ARMID_DEBUG is set); their count is always logged at the end.
     */
    public ForwardSimulation describeFailures(boolean on) {
        this.describeFailures = on;
        return this;
    }

    private boolean describeFailures = System.getenv("ARMID_DEBUG") != null;

    /** Where the failures of the error control are counted (and described, see {@link #describeFailures}). */
    public ForwardSimulation failureLog(java.util.function.Consumer<String> log) {
        this.failureLog = log;
        return this;
    }

    /** Accepted integrator steps of the last run. */
    public long steps() {
        return steps;
    }

    /** A sink for samples: called with each sample as it is recorded (the same object every time). */
    public interface Recorder {
        void record(int k, double t, ArmPlant.Sample s, double[] emg);
    }

    /**
     * Runs from state {@code y0} at t = 0 for {@code samples} samples at {@code rate} Hz (sample k at t = k / rate).
     *
     * @param progress called with k after sample k is recorded (may be null)
     */
    public void run(double[] y0, Driver driver, int samples, double rate, Recorder recorder, IntConsumer progress) {
        int dim = plant.dimension();
        int nd = plant.drivenCount();
        int n = plant.dof();
        double[] u = new double[nd];
        double[] dy = new double[dim];
        double[] y = y0.clone();
        double[] absTol = new double[dim];
        double[] relTol = new double[dim];
        Arrays.fill(relTol, tolerance);
        Arrays.fill(absTol, tolerance);
        for (int i = plant.fiberOffset(); i < dim; i++) {
            absTol[i] = 0.01 * tolerance;
        }
        double[] uOde = new double[nd];
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dim;
            }

            @Override
            public double[] computeDerivatives(double t, double[] state) {
                driver.excitation(t, uOde);
                double[] out = new double[dim];
                plant.derivatives(state, uOde, out);
                evaluations++;
                return out;
            }
        };
        double h = 1.0 / rate;
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(DEFAULT_MIN_STEP, h, absTol, relTol);
        integrator.setMaxEvaluations(DEFAULT_MAX_PIECE_EVALUATIONS);
        double[] lastStep = {h / 4};
        double[][] lastAccepted = {y0.clone()};
        double[] lastAcceptedTime = {0};
        integrator.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator interpolator) {
                lastAccepted[0] = interpolator.getCurrentState().getPrimaryState();
                lastAcceptedTime[0] = interpolator.getCurrentState().getTime();
                double dt = interpolator.getCurrentState().getTime() - interpolator.getPreviousState().getTime();
                steps++;
                if (!interpolator.isPreviousStateInterpolated()) {
                    lastStep[0] = Math.abs(dt);
                }
            }
        });
        evaluations = 0;
        steps = 0;
        fallbacks = 0;
        ArmPlant.Sample s = plant.newSample();
        driver.initialExcitation(u);
        for (int k = 0; k < samples; k++) {
            double tk = k / rate;
            if (k > 0) {
                driver.excitation(tk, u);
            }
            plant.sample(y, u, dy, s);
            evaluations++;
            recorder.record(k, tk, s, driver.emg(k));
            if (progress != null) {
                progress.accept(k);
            }
            if (k == samples - 1) {
                break;
            }
            double tk1 = (k + 1) / rate;
            driver.prepare(k, tk, tk1, s);
            double t = tk;
            double[] kinks = withActivationSwitches(driver, y, tk, tk1);
            for (int p = 0; p <= kinks.length; p++) {
                double end = p < kinks.length ? kinks[p] : tk1;
                if (!(end > t)) {
                    continue;
                }
                // the last accepted step of the previous piece, so that the integrator need not estimate one
                integrator.setInitialStepSize(Math.min(lastStep[0] * 1.5, end - t));
                lastAccepted[0] = y.clone();
                lastAcceptedTime[0] = t;
                y = crossPiece(integrator, ode, t, y, end, () -> {
                    double[] uf = new double[nd];
                    driver.excitation(lastAcceptedTime[0], uf);
                    return "State at t = " + lastAcceptedTime[0] + " s (last accepted step):\n"
                            + plant.diagnose(lastAccepted[0], uf);
                });
                t = end;
            }
            check(y, tk1, n);
        }
        if (fallbacks > 0 && failureLog != null) {
            failureLog.accept(fallbacks + " of " + (samples - 1) + " sample intervals (pieces) crossed with fixed-step"
                    + " Runge-Kutta where the error control failed");
        }
    }

    /** RK4 sub-steps per sample interval of the scalar pre-integration that finds eq. 18's switches. */
    static final int SWITCH_SUBSTEPS = 16;
    private double[] switchU0 = new double[0];
    private double[] switchU1 = new double[0];
    private double[] switchUm = new double[0];

    /**
     * The driver's kinks in (tk, tk1) and the times where a driven muscle's excitation crosses its activation, in
     * ascending order. There eq. 18 switches between its activation and deactivation time constants: da/dt stays
     * continuous but its slope jumps, a kink that the error estimate of a high-order step straddling it does not see
     * (it underestimates the error there), so the integrator must stop and restart at it. Activation depends on its
     * own excitation only, so each muscle's a(t) over the interval is integrated on its own from the state at tk
     * (classical Runge-Kutta, {@link #SWITCH_SUBSTEPS} steps, the excitation linear between the driver's values) and
     * every sign change of u − a is located by bisection to 1e-13 s.
     */
    double[] withActivationSwitches(Driver driver, double[] y, double tk, double tk1) {
        double[] given = driver.kinks();
        int nd = plant.drivenCount();
        if (switchU0.length != nd) {
            switchU0 = new double[nd];
            switchU1 = new double[nd];
            switchUm = new double[nd];
        }
        double[] times = java.util.Arrays.copyOf(given, given.length + nd * SWITCH_SUBSTEPS);
        int count = given.length;
        int aOff = plant.activationOffset();
        double h = (tk1 - tk) / SWITCH_SUBSTEPS;
        for (int m = 0; m < nd; m++) {
            var ad = plant.muscle(m).activationDynamics();
            double a = y[aOff + m];
            double t = tk;
            driver.excitation(t, switchU0);
            double u0 = switchU0[m];
            double side = Math.signum(ad.clampExcitation(u0) - ad.clampActivation(a));
            for (int s = 0; s < SWITCH_SUBSTEPS; s++) {
                double t1 = s == SWITCH_SUBSTEPS - 1 ? tk1 : t + h;
                driver.excitation(t1, switchU1);
                double u1 = switchU1[m];
                double a1 = ad.step(a, u0, u1, t1 - t);
                double side1 = Math.signum(ad.clampExcitation(u1) - a1);
                if (side != 0 && side1 != 0 && side1 != side) {
                    // bisection on [t, t1]: u linear there
                    double lo = t;
                    double hi = t1;
                    while (hi - lo > 1e-13) {
                        double mid = 0.5 * (lo + hi);
                        driver.excitation(mid, switchUm);
                        double um = switchUm[m];
                        double am = ad.step(a, u0, um, mid - t);
                        if (Math.signum(ad.clampExcitation(um) - am) == side) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    double ts = 0.5 * (lo + hi);
                    if (ts > tk + 1e-12 && ts < tk1 - 1e-12) {
                        times[count++] = ts;
                    }
                }
                if (side1 != 0) {
                    side = side1;
                }
                a = a1;
                u0 = u1;
                t = t1;
            }
        }
        if (count == given.length) {
            return given;
        }
        double[] out = java.util.Arrays.copyOf(times, count);
        java.util.Arrays.sort(out);
        int w = 0;
        for (int i = 0; i < out.length; i++) {
            if (w == 0 || out[i] - out[w - 1] > 1e-12) {
                out[w++] = out[i];
            }
        }
        return java.util.Arrays.copyOf(out, w);
    }

    /** How many failures of the error control are described in full on the failure log. */
    static final int DESCRIBED_FAILURES = 3;

    /**
     * Crosses one piece [t, end] with the error-controlled integrator; where its error control fails (the step size
     * falls below the minimum, as at a discontinuity of the right-hand side that the trajectory keeps crossing, e.g.
     * a wrap switching on and off where the force jump pushes the arm back, or it runs out of evaluations), crosses
     * it with {@link #FALLBACK_SUBSTEPS} fixed classical Runge-Kutta steps instead, counts it and, for the first
     * {@link #DESCRIBED_FAILURES}, says so on the failure log with {@code describe}'s account of the state.
     *
     * <p>Hipparchus reports a step size below the minimum as a {@code MathIllegalArgumentException} (from its step
     * filter, also when the initial step is estimated), a step-count limit as a {@code MathIllegalStateException};
     * both are caught. Anything else (a failure of the right-hand side itself) propagates.
     */
    double[] crossPiece(ODEIntegrator integrator, OrdinaryDifferentialEquation ode, double t, double[] y, double end,
            java.util.function.Supplier<String> describe) {
        try {
            return integrator.integrate(ode, new ODEState(t, y), end).getPrimaryState();
        } catch (MathIllegalArgumentException | MathIllegalStateException e) {
            if (!isStepFailure(e)) {
                throw e;
            }
            if (fallbacks < DESCRIBED_FAILURES && failureLog != null && describeFailures) {
                failureLog.accept("error-controlled step failed in [" + t + ", " + end + "] s (" + e.getMessage()
                        + "); fixed-step Runge-Kutta across it. " + describe.get());
            } else if (fallbacks == DESCRIBED_FAILURES && failureLog != null && describeFailures) {
                failureLog.accept("error-controlled step failed again in [" + t + ", " + end + "] s; further such"
                        + " intervals are crossed with fixed steps silently and counted in dataset.json"
                        + " (integrator.fixed_step_intervals)");
            }
            fallbacks++;
            return fixedStep(ode, t, y, end, FALLBACK_SUBSTEPS);
        }
    }

    /** Whether e is the error control giving up (not an error in the right-hand side or in the arguments). */
    static boolean isStepFailure(MathRuntimeException e) {
        if (e instanceof MathIllegalStateException) {
            // step or evaluation limits
            return e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED
                    || e.getSpecifier() == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION;
        }
        return e.getSpecifier() == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION
                || e.getSpecifier() == LocalizedODEFormats.TOO_SMALL_INTEGRATION_INTERVAL;
    }

    /** Classical Runge-Kutta with {@code steps} equal steps from (t0, y) to t1. */
    private static double[] fixedStep(OrdinaryDifferentialEquation ode, double t0, double[] y, double t1, int steps) {
        double h = (t1 - t0) / steps;
        int d = y.length;
        double[] yy = y.clone();
        double[] tmp = new double[d];
        for (int s = 0; s < steps; s++) {
            double t = t0 + s * h;
            double[] k1 = ode.computeDerivatives(t, yy);
            for (int i = 0; i < d; i++) {
                tmp[i] = yy[i] + 0.5 * h * k1[i];
            }
            double[] k2 = ode.computeDerivatives(t + 0.5 * h, tmp);
            for (int i = 0; i < d; i++) {
                tmp[i] = yy[i] + 0.5 * h * k2[i];
            }
            double[] k3 = ode.computeDerivatives(t + 0.5 * h, tmp);
            for (int i = 0; i < d; i++) {
                tmp[i] = yy[i] + h * k3[i];
            }
            double[] k4 = ode.computeDerivatives(s == steps - 1 ? t1 : t + h, tmp);
            for (int i = 0; i < d; i++) {
                yy[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return yy;
    }

    private static void check(double[] y, double t, int n) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalStateException("simulation diverged at t = " + t + " s (state " + i + " is "
                        + y[i] + ")");
            }
        }
    }
}
