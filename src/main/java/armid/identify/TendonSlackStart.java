package armid.identify;

import armid.model.muscle.curve.PiecewisePolynomialCurve;

/**
 * Where the tendon phase starts: tendon slack lengths from the force equilibrium between fibre and tendon.
 *
 * <p>The paper optimises l_t^s with eq. 16, f = F f^T(l_t / l_t^s), after the other parameters are found with eq. 15,
 * both valid "because of the force equilibrium between the muscle and the tendon" (III.C). OpenSim's tendon
 * force-length curve is zero below slack, and a tendon stretches only a few percent at full force (4.9 % at F in
 * Millard 2012), so a slack length guessed a few percent too long makes eq. 16 give no force at any sample: the loss
 * is flat in it and gradient descent never moves it (an initial guess drawn from N(l_gt, 0.1 l_gt) is that far off
 * about a third of the time). This class therefore starts the tendon phase from the slack length at which eq. 16
 * agrees best, in least squares over the samples, with the eq. 15 forces of the first phase's estimate:
 * <pre>  l_t^s = argmin Σ_t (f^T((l_mt − l_m cos φ)_t / l_t^s) − f15_t / F)²</pre>
 * with l_m the fibre lengths of the data and cos φ from the constant-thickness pennation model. A 1-D problem per
 * muscle: a log-spaced scan of the bracket in which the tendon carries force at some sample, then golden-section
 * refinement. Eq. 16 then refines it.
 *
 * <p>A rigid tendon (PECM1 in MoBL-ARMS) has no force-length relation; with fibre kinematics in the data its slack
 * length is fixed by them ({@link #rigidSlackLength}), and the tendon phase leaves it there.
 */
public final class TendonSlackStart {
    private static final int SCAN = 400;
    private static final int GOLDEN = 80;
    /** Largest tendon strain the scan allows (the curve's force at this strain is far above F). */
    private static final double MAX_STRAIN = 0.15;

    private TendonSlackStart() {
    }

    /**
     * Sets, in {@code theta}, the tendon slack length of each muscle whose slack length is among {@code lts}
     * (registry indices), clipped to its bounds. {@code loss} must be in {@link IdentificationLoss.Phase#CONTRACTION}
     * with fibre kinematics in its data.
     *
     * @return the registry indices of rigid-tendon slack lengths set from kinematics (to be held in the tendon phase)
     */
    public static int[] apply(IdentificationLoss loss, HillMuscle hill, double[] theta, int[] lts) {
        if (!loss.usesTendonEquationIfAsked()) {
            throw new IllegalStateException("the tendon phase's start needs fibre kinematics in the data");
        }
        ParameterRegistry reg = loss.registry();
        double[][] f15 = loss.muscleForces(theta);
        double[][] lmt = loss.musculotendonLengths();
        double[][] lm = loss.fiberLengths();
        int n = loss.samples();
        int[] held = new int[lts.length];
        int nHeld = 0;
        double[] lt = new double[n];
        double[] y = new double[n];
        for (int i : lts) {
            int m = ParameterRegistry.muscleOf(i);
            int o = ParameterRegistry.muscleIndex(m, 0);
            double fo = theta[o + ParameterRegistry.F0];
            double h = theta[o + ParameterRegistry.LOPT] * Math.sin(theta[o + ParameterRegistry.PENN]);
            for (int t = 0; t < n; t++) {
                double l = lm[m][t];
                lt[t] = lmt[m][t] - Math.sqrt(Math.max(0, l * l - h * h));
                y[t] = f15[m] == null ? 0 : f15[m][t] / fo;
            }
            double s;
            if (loss.rigidTendon(m)) {
                s = rigidSlackLength(lmt[m], lm[m], lt, n);
                held[nHeld++] = i;
            } else {
                s = fit(hill.tendonForceLength(), lt, y, n);
            }
            ParameterDriver p = reg.driver(i);
            theta[i] = Math.min(p.max(), Math.max(p.min(), s));
        }
        return java.util.Arrays.copyOf(held, nHeld);
    }

    /**
     * A rigid tendon's slack length from the fibre kinematics alone. With a rigid tendon and OpenSim's
     * constant-thickness pennation, l_mt − l_t^s = l_m cos φ = √(l_m² − h²) at every sample, with h = l_o sin φ_o, so
     * l_m² − l_mt² = (h² + l_t^s²) − 2 l_t^s l_mt: a straight line in l_mt whose slope gives l_t^s without h, the
     * first phase's l_o and φ_o (a slack length of a few millimetres would otherwise inherit their errors, amplified).
     * When l_mt hardly varies (under 0.1 mm), the mean of {@code lt} (from the estimated h) is returned instead.
     */
    static double rigidSlackLength(double[] lmt, double[] lm, double[] lt, int n) {
        double mx = 0, my = 0;
        for (int t = 0; t < n; t++) {
            mx += lmt[t];
            my += lm[t] * lm[t] - lmt[t] * lmt[t];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int t = 0; t < n; t++) {
            double dx = lmt[t] - mx;
            sxx += dx * dx;
            sxy += dx * (lm[t] * lm[t] - lmt[t] * lmt[t] - my);
        }
        double range = Math.sqrt(sxx / n);
        if (range < 1e-4) {
            double sum = 0;
            for (int t = 0; t < n; t++) {
                sum += lt[t];
            }
            return sum / n;
        }
        return -0.5 * sxy / sxx;
    }

    /** The least-squares slack length for tendon lengths {@code lt} and normalised forces {@code y}. */
    static double fit(PiecewisePolynomialCurve curve, double[] lt, double[] y, int n) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int t = 0; t < n; t++) {
            lo = Math.min(lo, lt[t]);
            hi = Math.max(hi, lt[t]);
        }
        lo /= 1 + MAX_STRAIN;
        double[] scratch = new double[2];
        double ratio = Math.log(hi / lo);
        double best = hi;
        double bestCost = cost(curve, lt, y, n, hi, scratch);
        int bestK = SCAN;
        for (int k = 0; k < SCAN; k++) {
            double s = lo * Math.exp(ratio * k / SCAN);
            double c = cost(curve, lt, y, n, s, scratch);
            if (c < bestCost) {
                bestCost = c;
                best = s;
                bestK = k;
            }
        }
        // Golden section between the scan's neighbours of the best point.
        double a = lo * Math.exp(ratio * Math.max(0, bestK - 1) / SCAN);
        double b = lo * Math.exp(ratio * Math.min(SCAN, bestK + 1) / SCAN);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a), x2 = a + g * (b - a);
        double c1 = cost(curve, lt, y, n, x1, scratch), c2 = cost(curve, lt, y, n, x2, scratch);
        for (int k = 0; k < GOLDEN; k++) {
            if (c1 <= c2) {
                b = x2;
                x2 = x1;
                c2 = c1;
                x1 = b - g * (b - a);
                c1 = cost(curve, lt, y, n, x1, scratch);
            } else {
                a = x1;
                x1 = x2;
                c1 = c2;
                x2 = a + g * (b - a);
                c2 = cost(curve, lt, y, n, x2, scratch);
            }
        }
        double s = c1 <= c2 ? x1 : x2;
        return Math.min(c1, c2) <= bestCost ? s : best;
    }

    private static double cost(PiecewisePolynomialCurve curve, double[] lt, double[] y, int n, double s,
                               double[] scratch) {
        double inv = 1 / s;
        double sum = 0;
        int hint = -1;
        for (int t = 0; t < n; t++) {
            hint = curve.valueAndDerivative(lt[t] * inv, scratch, hint);
            double r = scratch[0] - y[t];
            sum += r * r;
        }
        return sum;
    }
}
