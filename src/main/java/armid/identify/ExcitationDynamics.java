package armid.identify;

/**
 * The differentiable EMG → excitation → activation chain of the identification model, with hand-written adjoints on
 * primitive arrays: the recursive filter of eq. 19–21 with continuous delay, then the activation dynamics of eq.
 * 17–18 integrated by classical RK4 over each sample interval with the excitation linear in between (the scheme of
 * {@code armid.model.muscle.ActivationDynamics} with one sub-step), serially or segment-parallel with the paper's
 * second pass (III.F.2).
 *
 * <p>Conventions (as {@code EmgFilter} and {@code ActivationDynamics}): before the first sample the filter's input and
 * output rest at the first EMG sample; the excitation is clamped to [a_min, 1] (its derivative is zero where the
 * clamp is active); the activation starts at the clamped first excitation, its steady state. The activation is not
 * clamped: for an excitation in [a_min, 1] and steps well inside RK4's stability range it stays in [a_min, 1]. The
 * switch of eq. 18 (u &gt; a) is hard, as in OpenSim; its derivative is taken on the branch in use.
 *
 * <p>All methods are static and allocation-free; arrays are per muscle, length T.
 */
public final class ExcitationDynamics {
    private ExcitationDynamics() {
    }

    /**
     * Eq. 19–21 then the clamp: {@code u[t]} is the unclamped filter output, {@code uc[t]} the clamped excitation.
     *
     * @param delaySamples t_d / Δt
     */
    public static void filter(double[] emg, int n, double c1, double c2, double delaySamples, double aMin,
                              double[] u, double[] uc) {
        double b1 = c1 + c2;
        double b2 = c1 * c2;
        double alpha = 1 + b1 + b2;
        int dl = (int) Math.floor(delaySamples);
        int dh = (int) Math.ceil(delaySamples);
        double gamma = 1 - delaySamples + dl;
        double rest = emg[0];
        double u1 = rest;
        double u2 = rest;
        for (int t = 0; t < n; t++) {
            double el = t - dl >= 0 ? emg[t - dl] : rest;
            double eh = t - dh >= 0 ? emg[t - dh] : rest;
            // u_{t−2}'s term first: the chain from u_{t−1} to u_t is then one multiply and one subtraction.
            double v = (alpha * (gamma * el + (1 - gamma) * eh) - b2 * u2) - b1 * u1;
            u[t] = v;
            uc[t] = v < aMin ? aMin : (v > 1 ? 1 : v);
            u2 = u1;
            u1 = v;
        }
    }

    /**
     * Adjoint of {@link #filter}: given ∂L/∂uc (overwritten as scratch), adds ∂L/∂c1, ∂L/∂c2 and ∂L/∂t_d (per
     * second: {@code samplePeriod} converts) into {@code grad[0..2]}.
     */
    public static void filterAdjoint(double[] emg, int n, double c1, double c2, double delaySamples, double aMin,
                                     double[] u, double[] ucBar, double samplePeriod, double[] grad) {
        double b1 = c1 + c2;
        double b2 = c1 * c2;
        double alpha = 1 + b1 + b2;
        int dl = (int) Math.floor(delaySamples);
        int dh = (int) Math.ceil(delaySamples);
        double gamma = 1 - delaySamples + dl;
        double rest = emg[0];
        double mu1 = 0; // μ_{t+1}
        double mu2 = 0; // μ_{t+2}
        double aBar = 0, b1Bar = 0, b2Bar = 0, gBar = 0;
        for (int t = n - 1; t >= 0; t--) {
            double v = u[t];
            double ub = v >= aMin && v <= 1 ? ucBar[t] : 0;
            double mu = (ub - b2 * mu2) - b1 * mu1; // the same order as the forward pass's
            double el = t - dl >= 0 ? emg[t - dl] : rest;
            double eh = t - dh >= 0 ? emg[t - dh] : rest;
            double up1 = t >= 1 ? u[t - 1] : rest;
            double up2 = t >= 2 ? u[t - 2] : rest;
            aBar += mu * (gamma * el + (1 - gamma) * eh);
            gBar += mu * alpha * (el - eh);
            b1Bar -= mu * up1;
            b2Bar -= mu * up2;
            mu2 = mu1;
            mu1 = mu;
        }
        grad[0] += aBar * (1 + c2) + b1Bar + b2Bar * c2;
        grad[1] += aBar * (1 + c1) + b1Bar + b2Bar * c1;
        grad[2] += -gBar / samplePeriod;
    }

    private static double rate(double a, double u, double tAct, double tDe) {
        if (u > a) {
            return (u - a) * (1 / (tAct * (0.5 + 1.5 * a))); // as stage(): the reciprocal serves the partials too
        }
        return (u - a) * ((0.5 + 1.5 * a) * (1 / tDe)); // as stage()
    }

    /** One RK4 step of eq. 17 over h, excitation linear from u0 to u1. */
    static double step(double a, double u0, double u1, double h, double tAct, double tDe) {
        double um = 0.5 * (u0 + u1);
        double k1 = rate(a, u0, tAct, tDe);
        double k2 = rate(a + 0.5 * h * k1, um, tAct, tDe);
        double k3 = rate(a + 0.5 * h * k2, um, tAct, tDe);
        double k4 = rate(a + h * k3, u1, tAct, tDe);
        return a + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
    }

    /**
     * Adjoint of {@link #step}: given ∂L/∂a_next, returns ∂L/∂a and adds ∂L/∂u0, ∂L/∂u1 into {@code uBar[i0]},
     * {@code uBar[i0 + 1]} and ∂L/∂t_act, ∂L/∂t_de into {@code tBar[0..1]}.
     */
    static double stepAdjoint(double a, double u0, double u1, double h, double tAct, double tDe, double aNextBar,
                              double[] uBar, int i0, double[] tBar) {
        double um = 0.5 * (u0 + u1);
        double k1 = rate(a, u0, tAct, tDe);
        double a2 = a + 0.5 * h * k1;
        double k2 = rate(a2, um, tAct, tDe);
        double a3 = a + 0.5 * h * k2;
        double k3 = rate(a3, um, tAct, tDe);
        double a4 = a + h * k3;
        double k1b = aNextBar * h / 6.0;
        double k2b = aNextBar * h / 3.0;
        double k3b = k2b;
        double k4b = k1b;
        double ab = aNextBar;
        // Stages in reverse: stage 4 at (a4, u1), 3 at (a3, um), 2 at (a2, um), 1 at (a, u0); um = (u0 + u1)/2.
        double a4b = stageAdjoint(a4, u1, tAct, tDe, k4b, uBar, i0, 0, 1, tBar);
        ab += a4b;
        k3b += h * a4b;
        double a3b = stageAdjoint(a3, um, tAct, tDe, k3b, uBar, i0, 0.5, 0.5, tBar);
        ab += a3b;
        k2b += 0.5 * h * a3b;
        double a2b = stageAdjoint(a2, um, tAct, tDe, k2b, uBar, i0, 0.5, 0.5, tBar);
        ab += a2b;
        k1b += 0.5 * h * a2b;
        ab += stageAdjoint(a, u0, tAct, tDe, k1b, uBar, i0, 1, 0, tBar);
        return ab;
    }

    /**
     * Adjoint of one evaluation k = rate(s, v) weighted by kb: returns kb·∂k/∂s and adds kb·∂k/∂v (split w0, w1 between
     * uBar[i0] and uBar[i0 + 1]), kb·∂k/∂t_act and kb·∂k/∂t_de into tBar[0..1]. Eq. 18: t = t_act(0.5 + 1.5a) when
     * u > a, t_de/(0.5 + 1.5a) otherwise.
     */
    private static double stageAdjoint(double s, double v, double tAct, double tDe, double kb, double[] uBar, int i0,
                                       double w0, double w1, double[] tBar) {
        double den = 0.5 + 1.5 * s;
        double fa;
        double fu;
        if (v > s) {
            double tau = tAct * den;
            double f = (v - s) / tau;
            fa = -1 / tau - f * 1.5 / den;
            fu = 1 / tau;
            tBar[0] += kb * (-f / tAct);
        } else {
            double f = (v - s) * den / tDe;
            fa = (-den + 1.5 * (v - s)) / tDe;
            fu = den / tDe;
            tBar[1] += kb * (-f / tDe);
        }
        uBar[i0] += w0 * kb * fu;
        uBar[i0 + 1] += w1 * kb * fu;
        return kb * fa;
    }

    /** Serial integration over all n samples from a[0] = uc[0]. */
    public static void activation(double[] uc, int n, double h, double tAct, double tDe, double[] a) {
        double x = uc[0];
        a[0] = x;
        for (int i = 1; i < n; i++) {
            x = step(x, uc[i - 1], uc[i], h, tAct, tDe);
            a[i] = x;
        }
    }

    /** Values per step in the tangents of {@link #activation(double[], int, double, double, double, double[], double[])}. */
    public static final int TANGENTS = 5;

    /**
     * {@link #activation} (the same arithmetic, the same activations), also recording each step's partial derivatives
     * by forward differentiation of the RK4 stages: for step i ≥ 1, {@code tangents[5i .. 5i + 4]} = ∂a_i/∂a_{i−1},
     * ∂a_i/∂uc_{i−1}, ∂a_i/∂uc_i, ∂a_i/∂t_act, ∂a_i/∂t_de. This work does not lengthen the step's chain of dependent
     * divisions, so it comes almost free, and the adjoint ({@link #activationAdjoint}) is then one multiply-add per
     * sample instead of re-running every stage.
     *
     * @param tangents length ≥ 5n
     */
    public static void activation(double[] uc, int n, double h, double tAct, double tDe, double[] a,
                                  double[] tangents) {
        activation(new double[][] {uc}, new int[] {0}, 1, n, h, tAct, tDe, new double[][] {a},
                new double[][] {tangents});
    }

    /**
     * {@link #activation(double[], int, double, double, double, double[], double[])} for the muscles
     * {@code which[0 .. count)} (indices into the per-muscle arrays), in lockstep sample by sample: their chains of
     * dependent divisions are independent, so the processor overlaps them. The arithmetic per muscle is unchanged.
     */
    public static void activation(double[][] uc, int[] which, int count, int n, double h, double tAct, double tDe,
                                  double[][] a, double[][] tangents) {
        double invTAct = 1 / tAct;
        double invTDe = 1 / tDe;
        double[] p = new double[4];
        double[] x = new double[count];
        for (int j = 0; j < count; j++) {
            int m = which[j];
            x[j] = uc[m][0];
            a[m][0] = x[j];
        }
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < count; j++) {
                int m = which[j];
                double v = tangentStep(x[j], uc[m][i - 1], uc[m][i], h, tAct, invTAct, tDe, invTDe, p, tangents[m],
                        TANGENTS * i);
                x[j] = v;
                a[m][i] = v;
            }
        }
    }

    /** One RK4 step as {@link #step}, with its tangents (see {@link #activation}) into {@code tan[o .. o + 4]}. */
    private static double tangentStep(double x, double u0, double u1, double h, double tAct, double invTAct,
                                      double tDe, double invTDe, double[] p, double[] tan, int o) {
        double hh = 0.5 * h;
        double h6 = h / 6.0;
        double um = 0.5 * (u0 + u1);
        // Stage tangents with respect to (a_{i−1}, uc_{i−1}, uc_i, t_act, t_de); um moves with both excitations.
        double k1 = stage(x, u0, tAct, invTAct, tDe, invTDe, p);
        double k1a = p[0], k1p = p[1], k1t = p[2], k1d = p[3];
        double k2 = stage(x + 0.5 * h * k1, um, tAct, invTAct, tDe, invTDe, p);
        double k2a = p[0] * (1 + hh * k1a), k2p = p[0] * hh * k1p + 0.5 * p[1], k2q = 0.5 * p[1];
        double k2t = p[0] * hh * k1t + p[2], k2d = p[0] * hh * k1d + p[3];
        double k3 = stage(x + 0.5 * h * k2, um, tAct, invTAct, tDe, invTDe, p);
        double k3a = p[0] * (1 + hh * k2a), k3p = p[0] * hh * k2p + 0.5 * p[1];
        double k3q = p[0] * hh * k2q + 0.5 * p[1];
        double k3t = p[0] * hh * k2t + p[2], k3d = p[0] * hh * k2d + p[3];
        double k4 = stage(x + h * k3, u1, tAct, invTAct, tDe, invTDe, p);
        double k4a = p[0] * (1 + h * k3a), k4p = p[0] * h * k3p, k4q = p[0] * h * k3q + p[1];
        double k4t = p[0] * h * k3t + p[2], k4d = p[0] * h * k3d + p[3];
        tan[o] = 1 + h6 * (k1a + 2 * k2a + 2 * k3a + k4a);
        tan[o + 1] = h6 * (k1p + 2 * k2p + 2 * k3p + k4p);
        tan[o + 2] = h6 * (2 * k2q + 2 * k3q + k4q);
        tan[o + 3] = h6 * (k1t + 2 * k2t + 2 * k3t + k4t);
        tan[o + 4] = h6 * (k1d + 2 * k2d + 2 * k3d + k4d);
        return x + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
    }

    /**
     * One evaluation of eq. 17–18 (as {@link #rate}, the same arithmetic) and its partials ∂k/∂a, ∂k/∂u, ∂k/∂t_act,
     * ∂k/∂t_de into {@code p[0..3]}.
     */
    private static double stage(double s, double v, double tAct, double invTAct, double tDe, double invTDe,
                                double[] p) {
        // Both branches of eq. 18 computed and one selected, without a jump: whether the excitation is above the
        // activation flips often and unpredictably, and mispredicted branches had made this the slowest part of an
        // epoch. k = ∂f/∂u is 1/(t_act(0.5 + 1.5a)) when activating, (0.5 + 1.5a)/t_de otherwise.
        double den = 0.5 + 1.5 * s;
        double d = v - s;
        double inv = 1 / (tAct * den);
        boolean activating = v > s;
        double k = activating ? inv : den * invTDe;
        double dk = activating ? -1.5 * tAct * inv * inv : 1.5 * invTDe;
        double f = d * k;
        p[0] = -k + d * dk;
        p[1] = k;
        p[2] = activating ? -f * invTAct : 0;
        p[3] = activating ? 0 : -f * invTDe;
        return f;
    }

    /**
     * Adjoint of {@link #activation(double[], int, double, double, double, double[], double[])} from its tangents:
     * {@code aBar} (∂L/∂a, read only) to ∂L/∂uc added into {@code ucBar} and ∂L/∂t_act, ∂L/∂t_de into {@code tBar}.
     */
    public static void activationAdjoint(double[] tangents, int n, double[] aBar, double[] ucBar, double[] tBar) {
        double lam = aBar[n - 1];
        double tAct = 0, tDe = 0;
        for (int i = n - 1; i >= 1; i--) {
            int o = TANGENTS * i;
            ucBar[i - 1] += lam * tangents[o + 1];
            ucBar[i] += lam * tangents[o + 2];
            tAct += lam * tangents[o + 3];
            tDe += lam * tangents[o + 4];
            lam = lam * tangents[o] + aBar[i - 1];
        }
        ucBar[0] += lam;
        tBar[0] += tAct;
        tBar[1] += tDe;
    }

    /**
     * The paper's segment-parallel integration: segments of {@code segment} samples, each integrated from a_min (the
     * first from uc[0]) independently, then a second pass over the first {@code redo} samples of every segment but
     * the first, starting from the previous segment's last first-pass activation. {@code aFirst} keeps the
     * first-pass values that the second pass replaces (needed by the adjoint).
     */
    public static void activationSegmented(double[] uc, int n, double h, double tAct, double tDe, double aMin,
                                           int segment, int redo, double[] a, double[] aFirst) {
        checkSegments(segment, redo);
        for (int s = 0; s < n; s += segment) {
            int e = Math.min(n, s + segment);
            double x = s == 0 ? uc[0] : aMin;
            a[s] = x;
            for (int i = s + 1; i < e; i++) {
                x = step(x, uc[i - 1], uc[i], h, tAct, tDe);
                a[i] = x;
            }
        }
        for (int s = segment; s < n; s += segment) {
            int w = Math.min(n, s + redo);
            double x = a[s - 1];
            for (int i = s; i < w; i++) {
                aFirst[i] = a[i];
                x = step(x, uc[i - 1], uc[i], h, tAct, tDe);
                a[i] = x;
            }
        }
    }

    /** Adjoint of {@link #activationSegmented}; {@code seed} is scratch of length n. */
    public static void activationSegmentedAdjoint(double[] uc, double[] a, double[] aFirst, int n, double h,
                                                  double tAct, double tDe, int segment, int redo, double[] aBar,
                                                  double[] ucBar, double[] tBar, double[] seed) {
        checkSegments(segment, redo);
        System.arraycopy(aBar, 0, seed, 0, n);
        // Second pass, reversed: its outputs are a[s..w), it starts from a[s-1] (first pass of the previous segment).
        for (int s = segment; s < n; s += segment) {
            int w = Math.min(n, s + redo);
            if (w <= s) {
                continue;
            }
            double lam = aBar[w - 1];
            for (int i = w - 1; i >= s; i--) {
                double prev = stepAdjoint(a[i - 1], uc[i - 1], uc[i], h, tAct, tDe, lam, ucBar, i - 1, tBar);
                if (i - 1 >= s) {
                    lam = prev + aBar[i - 1];
                } else {
                    seed[s - 1] += prev;
                }
            }
            for (int i = s; i < w; i++) {
                seed[i] = 0; // replaced first-pass values feed only the first pass itself
            }
        }
        // First pass, segment by segment.
        for (int s = 0; s < n; s += segment) {
            int e = Math.min(n, s + segment);
            int w = s == 0 ? s : Math.min(n, s + redo);
            double lam = seed[e - 1];
            for (int i = e - 1; i > s; i--) {
                double ap = i - 1 < w ? aFirst[i - 1] : a[i - 1];
                lam = stepAdjoint(ap, uc[i - 1], uc[i], h, tAct, tDe, lam, ucBar, i - 1, tBar) + seed[i - 1];
            }
            if (s == 0) {
                ucBar[0] += lam;
            }
        }
    }

    private static void checkSegments(int segment, int redo) {
        if (segment < 2 || redo < 0 || redo >= segment) {
            throw new IllegalArgumentException("segment-parallel activation needs segment >= 2 and 0 <= redo < "
                    + "segment, got segment " + segment + ", redo " + redo);
        }
    }
}
