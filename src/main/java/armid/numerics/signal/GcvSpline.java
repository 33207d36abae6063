package armid.numerics.signal;

import java.util.Arrays;

/**
 * Natural smoothing spline of odd degree {@code 2m-1} with knots at the data abscissae, fitted by the
 * generalised cross-validatory method of Woltring (GCVSPL).
 *
 * <p>Source of the algorithm: H. J. Woltring (1986), "A FORTRAN package for generalized, cross-validatory
 * spline smoothing and differentiation", Advances in Engineering Software 8(2):104-113, in the form shipped
 * with Simbody ({@code SimTKmath/Geometry/src/gcvspl.cpp}), which is what OpenSim's {@code GCVSpline}
 * delegates to through {@code SimTK::SplineFitter}. The numerical steps are reproduced so that results agree
 * with OpenSim to rounding:
 * <ol>
 *   <li>the spline is {@code s = sum_j c_j N_j} where {@code N_j} is Woltring's scaled B-spline of order
 *       {@code 2m} centred on knot {@code j} (knots beyond the data are dropped, which gives the natural end
 *       conditions {@code s^(k) = 0, k = m..2m-2} and polynomial extrapolation of degree {@code m-1});</li>
 *   <li>the fit solves the banded system {@code (B + p E) c = y}, where {@code B} holds the basis values at the
 *       knots (bandwidth {@code m-1}) and {@code E} the weighted divided-difference roughness operator
 *       (bandwidth {@code m}), by an LU factorisation without pivoting;</li>
 *   <li>the trace of the influence matrix comes from the central band of {@code (B + pE)^-1} computed by the
 *       Hutchinson-de Hoog recursion;</li>
 *   <li>the smoothing parameter {@code p} is either given, or found by a bracketing and golden-section search
 *       (relative tolerance 1e-6) on one of three criteria: the GCV function, the estimated true mean squared
 *       error for a known error variance, or the distance to a prescribed number of degrees of freedom. The
 *       normalised {@code p} is clamped to {@code [1e-15, 1e15]} as Woltring does.</li>
 * </ol>
 * OpenSim ({@code GCVSpline} with its default error variance 0) uses the known-variance criterion with
 * variance 0, so the search drives {@code p} to its lower clamp: the result is the interpolating natural spline
 * up to a relative regularisation of 1e-15. Data weights are all one, as in OpenSim.
 *
 * <p>Instances are immutable; evaluation allocates a small scratch array per call.
 */
public final class GcvSpline {

    /** How the smoothing parameter is chosen. */
    public enum Criterion {
        /** {@code value} is the smoothing parameter {@code p} itself (0 = interpolation up to the clamp). */
        SMOOTHING_PARAMETER(1),
        /** Minimise the generalised cross-validation function; {@code value} is ignored. */
        GCV(2),
        /** Minimise the predicted mean squared error for a known error variance {@code value} (OpenSim: 0). */
        ERROR_VARIANCE(3),
        /** Match the residual degrees of freedom {@code value}, between 0 and {@code n - m}. */
        DEGREES_OF_FREEDOM(4);

        final int code;

        Criterion(int code) {
            this.code = code;
        }
    }

    private static final double CLAMP = 1e-15;
    private static final double GOLDEN = 1.618033983;

    private final int m;
    private final int n;
    /** Knots, 1-based: {@code x[1..n]}. */
    private final double[] x;
    /** Coefficients, 1-based: {@code c[1..n]}. */
    private final double[] c;
    private final double smoothing;
    private final double gcv;
    private final double meanSquaredResidual;
    private final double residualDof;
    private final double estimatedTrueMse;

    private GcvSpline(int m, double[] x, double[] c, double[] stat) {
        this.m = m;
        this.n = x.length - 1;
        this.x = x;
        this.c = c;
        this.gcv = stat[1];
        this.meanSquaredResidual = stat[2];
        this.residualDof = stat[3];
        this.smoothing = stat[4];
        this.estimatedTrueMse = stat[5];
    }

    /** OpenSim's choice: known error variance 0, i.e. the (numerically) interpolating natural spline. */
    public static GcvSpline fitOpenSim(int degree, double[] x, double[] y) {
        return fit(degree, x, y, Criterion.ERROR_VARIANCE, 0.0);
    }

    /**
     * Fits a natural spline of odd {@code degree} (1, 3, 5 or 7 in OpenSim; any odd positive degree here).
     *
     * @param x strictly increasing abscissae, at least {@code degree + 1} of them
     * @param y ordinates, same length
     * @param criterion how {@code p} is chosen
     * @param value the parameter of the criterion (see {@link Criterion})
     */
    public static GcvSpline fit(int degree, double[] x, double[] y, Criterion criterion, double value) {
        if (degree < 1 || degree % 2 == 0) {
            throw new IllegalArgumentException("spline degree must be odd and positive, got " + degree);
        }
        int m = (degree + 1) / 2;
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("x has " + n + " values but y has " + y.length);
        }
        if (n < 2 * m) {
            throw new IllegalArgumentException(
                    "a spline of degree " + degree + " needs at least " + 2 * m + " points, got " + n);
        }
        int md = criterion.code;
        if ((md == 1 || md == 3) && !(value >= 0)) {
            throw new IllegalArgumentException(criterion + " needs a non-negative value, got " + value);
        }
        if (md == 4 && !(value >= 0 && value <= n - m)) {
            throw new IllegalArgumentException("degrees of freedom must lie in [0, " + (n - m) + "], got " + value);
        }
        double[] xs = new double[n + 1];
        double[] ys = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            xs[i] = x[i - 1];
            ys[i] = y[i - 1];
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("non-finite data at index " + (i - 1));
            }
            if (i > 1 && !(xs[i] > xs[i - 1])) {
                throw new IllegalArgumentException("abscissae must be strictly increasing; x[" + (i - 2) + "]="
                        + xs[i - 1] + " >= x[" + (i - 1) + "]=" + xs[i]);
            }
        }
        Fitter f = new Fitter(m, xs, ys, md, value);
        double[] stat = f.run();
        return new GcvSpline(m, xs, f.c, stat);
    }

    /** Half order {@code m}; the degree is {@code 2m-1}. */
    public int halfOrder() {
        return m;
    }

    public int degree() {
        return 2 * m - 1;
    }

    /** Smoothing parameter actually used (0 when clamped at the lower bound). */
    public double smoothingParameter() {
        return smoothing;
    }

    /** Generalised cross-validation value at the solution. */
    public double gcv() {
        return gcv;
    }

    /** Mean squared residual {@code sum (y - s(x))^2 / n}. */
    public double meanSquaredResidual() {
        return meanSquaredResidual;
    }

    /** Trace of {@code I - A}, the residual degrees of freedom. */
    public double residualDegreesOfFreedom() {
        return residualDof;
    }

    /** Woltring's estimate of the true mean squared error of the fit. */
    public double estimatedTrueMeanSquaredError() {
        return estimatedTrueMse;
    }

    public double minX() {
        return x[1];
    }

    public double maxX() {
        return x[n];
    }

    public double value(double t) {
        return derivative(0, t);
    }

    /**
     * Derivative of order {@code order >= 0} at {@code t}. Outside the knots the natural spline continues as a
     * polynomial of degree {@code m-1}; derivatives of order {@code >= 2m} are zero.
     */
    public double derivative(int order, double t) {
        if (order < 0) {
            throw new IllegalArgumentException("derivative order must be >= 0, got " + order);
        }
        return evaluate(order, t, locate(t), new double[2 * m + 2]);
    }

    /** Evaluates value, first and second derivative at each {@code t[i]} into the three output arrays. */
    public void evaluate012(double[] t, double[] s, double[] ds, double[] dds) {
        double[] q = new double[2 * m + 2];
        for (int i = 0; i < t.length; i++) {
            int l = locate(t[i]);
            s[i] = evaluate(0, t[i], l, q);
            ds[i] = evaluate(1, t[i], l, q);
            dds[i] = evaluate(2, t[i], l, q);
        }
    }

    /** Index {@code l} (1-based) with {@code x[l] <= t < x[l+1]}; 0 left of the data, {@code n} at or past the end. */
    private int locate(double t) {
        if (t < x[1]) {
            return 0;
        }
        if (t >= x[n]) {
            return n;
        }
        int lo = 1;
        int hi = n;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (t < x[mid]) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    /**
     * Evaluates derivative {@code ider} on interval {@code l}: gathers the {@code 2m} coefficients whose support
     * covers the interval, differentiates them {@code ider} times by divided differences, then runs a
     * de Boor-type recursion of order {@code 2m - ider}; knot positions outside the data behave as if at
     * infinity (the natural extension).
     */
    private double evaluate(int ider, double t, int l, double[] q) {
        int m2 = 2 * m;
        int k = m2 - ider;
        if (k < 1) {
            return 0.0;
        }
        Arrays.fill(q, 0.0);
        int npm = n + m;
        // q[1..2m] <- coefficients c_{j-m}, j = l+1..l+2m, zero where the index leaves 1..n.
        int ml = -l;
        for (int j = l + 1; j <= l + m2; j++) {
            q[j + ml] = (j >= m + 1 && j <= npm) ? c[j - m] : 0.0;
        }
        if (ider > 0) {
            int jl = l + 1 - m2;
            int ii = n - m2;
            ml += m2;
            for (int i = 1; i <= ider; i++) {
                jl++;
                ii++;
                int j1 = Math.max(1, jl);
                int j2 = Math.min(l, ii);
                int mi = m2 - i;
                int j = j2 + 1;
                for (int cnt = j1; cnt <= j2; cnt++) {
                    j--;
                    int jm = ml + j;
                    q[jm] = (q[jm] - q[jm - 1]) / (x[j + mi] - x[j]);
                }
                if (jl < 1) {
                    // Coefficients left of the data: the difference quotient has an infinite knot spacing.
                    int jj = ml + 1;
                    for (int cnt = i + 1; cnt <= ml; cnt++) {
                        jj--;
                        q[jj] = -q[jj - 1];
                    }
                }
            }
            for (int j = 1; j <= k; j++) {
                q[j] = q[j + ider];
            }
        }
        int nk = n - k;
        int lk1 = l - k + 1;
        for (int i = 1; i <= k - 1; i++) {
            int nki = nk + i;
            int ir = k;
            int jj = l;
            int ki = k - i;
            // Knots right of the data (at +infinity).
            for (int j = nki + 1; j <= l; j++) {
                q[ir] = q[ir - 1] + (t - x[jj]) * q[ir];
                jj--;
                ir--;
            }
            int lk1i = lk1 + i;
            int j1 = Math.max(1, lk1i);
            int j2 = Math.min(l, nki);
            for (int j = j1; j <= j2; j++) {
                double xr = x[jj + ki];
                double z = q[ir];
                q[ir] = z + (xr - t) * (q[ir - 1] - z) / (xr - x[jj]);
                ir--;
                jj--;
            }
            if (lk1i <= 0) {
                // Knots left of the data (at -infinity).
                jj = ki;
                for (int j = 1; j <= 1 - lk1i; j++) {
                    q[ir] += (x[jj] - t) * q[ir - 1];
                    jj--;
                    ir--;
                }
            }
        }
        double z = q[k];
        if (ider > 0) {
            for (int j = k; j <= m2 - 1; j++) {
                z *= j;
            }
        }
        return z;
    }

    /** Fitting state: band matrices in flat column-major storage, 1-based column index. */
    private static final class Fitter {
        final int m;
        final int n;
        final double[] x;
        final double[] y;
        final int md;
        final double val;
        /** Basis values at the knots, bands -(m-1)..(m-1). */
        final double[] b;
        /** Weighted roughness operator, bands -m..m. */
        final double[] we;
        /** Working copy of B + pE and its LU factors / inverse band, bands -m..m. */
        final double[] bwe;
        final double[] c;
        final double[] stat = new double[7];
        double el;

        Fitter(int m, double[] x, double[] y, int md, double val) {
            this.m = m;
            this.n = x.length - 1;
            this.x = x;
            this.y = y;
            this.md = md;
            this.val = val;
            this.b = new double[(2 * m - 1) * n];
            this.we = new double[(2 * m + 1) * n];
            this.bwe = new double[(2 * m + 1) * n];
            this.c = new double[n + 1];
        }

        /** Flat index of band {@code k} (|k| <= m-1), column {@code i} in {@code b}. */
        int bi(int k, int i) {
            return (i - 1) * (2 * m - 1) + k + m - 1;
        }

        /** Flat index of band {@code k} (|k| <= m), column {@code i} in {@code we}/{@code bwe}. */
        int ei(int k, int i) {
            return (i - 1) * (2 * m + 1) + k + m;
        }

        double[] run() {
            double bl = basis();
            el = roughness() / bl;
            double r1;
            if (md == 1) {
                r1 = val;
            } else {
                r1 = 1 / el;
                double r2 = 2 * r1;
                double gf2 = criterion(r2);
                double gf1;
                boolean done = false;
                // Walk down in p while the criterion improves.
                while (true) {
                    gf1 = criterion(r1);
                    if (gf1 > gf2) {
                        break;
                    }
                    if (stat[4] <= 0) {
                        done = true;
                        break;
                    }
                    r2 = r1;
                    gf2 = gf1;
                    r1 /= 2;
                }
                if (!done) {
                    // Walk up until the criterion worsens: [r1, r3] then brackets the minimum.
                    double r3 = 2 * r2;
                    double gf3;
                    while (true) {
                        gf3 = criterion(r3);
                        if (gf3 > gf2) {
                            break;
                        }
                        if (stat[4] >= 999999999999999.88) {
                            // Upper clamp reached: Woltring's code then refits at the lower bracket r1.
                            done = true;
                            break;
                        }
                        r2 = r3;
                        gf2 = gf3;
                        r3 *= 2;
                    }
                    if (!done) {
                        r1 = goldenSection(r1, r3, gf3);
                    }
                }
            }
            criterion(r1);
            return stat;
        }

        private double goldenSection(double r1, double r3, double gf3In) {
            double r2 = r3;
            double alpha = (r2 - r1) / GOLDEN;
            double r4 = r1 + alpha;
            r3 = r2 - alpha;
            double gf3 = criterion(r3);
            double gf4 = criterion(r4);
            while (true) {
                if (gf3 <= gf4) {
                    r2 = r4;
                    double err = (r2 - r1) / (r1 + r2);
                    if (err * err + 1 == 1 || err <= 1e-6) {
                        break;
                    }
                    r4 = r3;
                    gf4 = gf3;
                    alpha /= GOLDEN;
                    r3 = r2 - alpha;
                    gf3 = criterion(r3);
                } else {
                    r1 = r3;
                    double err = (r2 - r1) / (r1 + r2);
                    if (err * err + 1 == 1 || err <= 1e-6) {
                        break;
                    }
                    r3 = r4;
                    gf3 = gf4;
                    alpha /= GOLDEN;
                    r4 = r1 + alpha;
                    gf4 = criterion(r4);
                }
            }
            return (r1 + r2) / 2;
        }

        /**
         * Values at each knot of the {@code 2m-1} scaled B-splines that do not vanish there, evaluated by a
         * divided-difference recursion of increasing order. Returns the mean absolute entry of B.
         */
        double basis() {
            if (m == 1) {
                for (int i = 1; i <= n; i++) {
                    b[bi(0, i)] = 1.0;
                }
                return 1.0;
            }
            int mm1 = m - 1;
            int mp1 = m + 1;
            int m2 = 2 * m;
            // q[j] for j = -(m-1)..m stored at q[j + m - 1].
            double[] q = new double[2 * m];
            int off = m - 1;
            for (int l = 1; l <= n; l++) {
                Arrays.fill(q, 0.0);
                q[mm1 + off] = (l != 1 && l != n) ? 1 / (x[l + 1] - x[l - 1]) : 1.0;
                double arg = x[l];
                for (int i = 3; i <= m2; i++) {
                    int ir = mp1 - i;
                    double v = q[ir + off];
                    if (l < i) {
                        for (int j = l + 1; j <= i; j++) {
                            double u = v;
                            v = q[ir + 1 + off];
                            q[ir + off] = u + (x[j] - arg) * v;
                            ir++;
                        }
                    }
                    int j1 = Math.max(l - i + 1, 1);
                    int j2 = Math.min(l - 1, n - i);
                    if (j1 <= j2) {
                        if (i < m2) {
                            for (int j = j1; j <= j2; j++) {
                                double yy = x[i + j];
                                double u = v;
                                v = q[ir + 1 + off];
                                q[ir + off] = u + (v - u) * (yy - arg) / (yy - x[j]);
                                ir++;
                            }
                        } else {
                            for (int j = j1; j <= j2; j++) {
                                double u = v;
                                v = q[ir + 1 + off];
                                q[ir + off] = (arg - x[j]) * u + (x[i + j] - arg) * v;
                                ir++;
                            }
                        }
                    }
                    int nmip1 = n - i + 1;
                    for (int j = nmip1; j <= l - 1; j++) {
                        double u = v;
                        v = q[ir + 1 + off];
                        q[ir + off] = (arg - x[j]) * u + v;
                        ir++;
                    }
                }
                for (int j = -mm1; j <= mm1; j++) {
                    b[bi(j, l)] = q[j + off];
                }
            }
            // Entries that would refer to basis functions outside 1..n.
            for (int i = 1; i <= mm1; i++) {
                for (int k = i; k <= mm1; k++) {
                    b[bi(-k, i)] = 0.0;
                    b[bi(k, n + 1 - i)] = 0.0;
                }
            }
            double sum = 0;
            for (double v : b) {
                sum += Math.abs(v);
            }
            return sum / n;
        }

        /**
         * Builds the roughness operator: row {@code j} holds the weights of the {@code m}-th order divided
         * difference over the (at most {@code 2m+1}) knots around knot {@code j}, scaled by {@code (2m-1)!}-type
         * factorials and the knot span. Returns the mean absolute entry (before scaling by B's).
         */
        double roughness() {
            int m2 = 2 * m;
            int mp1 = m + 1;
            int m2p1 = m2 + 1;
            int nm = n - m;
            // Flat 1-based view: position jj (1-based) maps to we[jj - 1].
            double f1 = -1.0;
            if (m != 1) {
                for (int i = 2; i <= m; i++) {
                    f1 = -f1 * i;
                }
                for (int i = mp1; i <= m2 - 1; i++) {
                    f1 *= i;
                }
            }
            int i1 = 1;
            int i2 = m;
            int jm = mp1;
            for (int j = 1; j <= n; j++) {
                int inc = m2p1;
                double f;
                if (j > nm) {
                    f1 = -f1;
                    f = f1;
                } else if (j < mp1) {
                    inc = 1;
                    f = f1;
                } else {
                    f = f1 * (x[j + m] - x[j - m]);
                }
                if (j > mp1) {
                    i1++;
                }
                if (i2 < n) {
                    i2++;
                }
                int jj = jm;
                double ff = f;
                double yy = x[i1];
                for (int i = i1 + 1; i <= i2; i++) {
                    ff /= yy - x[i];
                }
                we[jj - 1] = ff;
                jj += m2;
                for (int l = i1 + 1; l <= i2 - 1; l++) {
                    ff = f;
                    yy = x[l];
                    for (int i = i1; i <= l - 1; i++) {
                        ff /= yy - x[i];
                    }
                    for (int i = l + 1; i <= i2; i++) {
                        ff /= yy - x[i];
                    }
                    we[jj - 1] = ff;
                    jj += m2;
                }
                ff = f;
                yy = x[i2];
                for (int i = i1; i <= i2 - 1; i++) {
                    ff /= yy - x[i];
                }
                we[jj - 1] = ff;
                jm += inc;
            }
            int kl = 1;
            int n2m = m2p1 * n + 1;
            for (int i = 1; i <= m; i++) {
                int ku = kl + m - i;
                for (int k = kl; k <= ku; k++) {
                    we[k - 1] = 0.0;
                    we[n2m - k - 1] = 0.0;
                }
                kl += m2p1;
            }
            double sum = 0;
            for (double v : we) {
                sum += Math.abs(v); // all data weights are 1
            }
            return sum / n;
        }

        /** Solves for {@code c} at smoothing parameter {@code p}, fills {@code stat}, returns the criterion. */
        double criterion(double p) {
            double dp = p;
            stat[4] = p;
            double pel = p * el;
            if (pel < CLAMP) {
                dp = CLAMP / el;
                stat[4] = 0.0;
            }
            if (pel * CLAMP > 1.0) {
                dp = 1 / (el * CLAMP);
                stat[4] = dp;
            }
            Arrays.fill(bwe, 0.0);
            for (int i = 1; i <= n; i++) {
                int km = -Math.min(m, i - 1);
                int kp = Math.min(m, n - i);
                for (int l = km; l <= kp; l++) {
                    double e = dp * we[ei(l, i)];
                    bwe[ei(l, i)] = Math.abs(l) == m ? e : b[bi(l, i)] + e;
                }
            }
            factor();
            solve();
            stat[3] = inverseBandTrace() * dp;
            double trn = stat[3] / n;
            double esn = 0.0;
            for (int i = 1; i <= n; i++) {
                double dt = -y[i];
                int km = -Math.min(m - 1, i - 1);
                int kp = Math.min(m - 1, n - i);
                for (int l = km; l <= kp; l++) {
                    dt += b[bi(l, i)] * c[i + l];
                }
                esn += dt * dt;
            }
            esn /= n;
            stat[6] = esn / trn;
            stat[1] = stat[6] / trn;
            stat[2] = esn;
            if (md != 3) {
                stat[5] = stat[6] - esn;
                if (md == 2) {
                    return stat[1];
                }
                if (md == 4) {
                    return Math.abs(stat[3] - val);
                }
                return 0.0;
            }
            stat[5] = esn - val * (trn * 2 - 1);
            return stat[5];
        }

        /** In-place LU factorisation (no pivoting) of the band matrix {@code bwe}; element (i, i+k) at band k. */
        void factor() {
            for (int i = 1; i <= n; i++) {
                double di = bwe[ei(0, i)];
                int mi = Math.min(m, i - 1);
                if (mi >= 1) {
                    for (int k = 1; k <= mi; k++) {
                        di -= bwe[ei(-k, i)] * bwe[ei(k, i - k)];
                    }
                    bwe[ei(0, i)] = di;
                }
                int lm = Math.min(m, n - i);
                for (int l = 1; l <= lm; l++) {
                    double dl = bwe[ei(-l, i + l)];
                    int km = Math.min(m - l, i - 1);
                    if (km >= 1) {
                        double du = bwe[ei(l, i)];
                        for (int k = 1; k <= km; k++) {
                            du -= bwe[ei(-k, i)] * bwe[ei(l + k, i - k)];
                            dl -= bwe[ei(-l - k, l + i)] * bwe[ei(k, i - k)];
                        }
                        bwe[ei(l, i)] = du;
                    }
                    bwe[ei(-l, i + l)] = dl / di;
                }
            }
        }

        /** Forward and back substitution with the factors in {@code bwe}: {@code c = (B + pE)^-1 y}. */
        void solve() {
            c[1] = y[1];
            for (int i = 2; i <= n; i++) {
                int mi = Math.min(m, i - 1);
                double d = y[i];
                for (int l = 1; l <= mi; l++) {
                    d -= bwe[ei(-l, i)] * c[i - l];
                }
                c[i] = d;
            }
            c[n] /= bwe[ei(0, n)];
            for (int i = n - 1; i >= 1; i--) {
                int mi = Math.min(m, n - i);
                double d = c[i];
                for (int l = 1; l <= mi; l++) {
                    d -= bwe[ei(l, i)] * c[i + l];
                }
                c[i] = d / bwe[ei(0, i)];
            }
        }

        /**
         * Overwrites {@code bwe} with the central {@code 2m+1} bands of its inverse (from the LU factors) and
         * returns {@code trace(E (B + pE)^-1)}. Two out-of-band slots (bands k > 0 of column n and k < 0 of
         * column 1, which hold no matrix element) serve as scratch and are cleared at the end.
         */
        double inverseBandTrace() {
            bwe[ei(0, n)] = 1 / bwe[ei(0, n)];
            for (int i = n - 1; i >= 1; i--) {
                int mi = Math.min(m, n - i);
                double dd = 1 / bwe[ei(0, i)];
                for (int k = 1; k <= mi; k++) {
                    bwe[ei(k, n)] = bwe[ei(k, i)] * dd;
                    bwe[ei(-k, 1)] = bwe[ei(-k, k + i)];
                }
                dd += dd;
                for (int j = mi; j >= 1; j--) {
                    double du = 0.0;
                    double dl = 0.0;
                    for (int k = 1; k <= mi; k++) {
                        du -= bwe[ei(k, n)] * bwe[ei(j - k, i + k)];
                        dl -= bwe[ei(-k, 1)] * bwe[ei(k - j, i + j)];
                    }
                    bwe[ei(j, i)] = du;
                    bwe[ei(-j, j + i)] = dl;
                    dd -= bwe[ei(j, n)] * dl + bwe[ei(-j, 1)] * du;
                }
                bwe[ei(0, i)] = dd / 2;
            }
            double dd = 0.0;
            for (int i = 1; i <= n; i++) {
                int mn = -Math.min(m, i - 1);
                int mp = Math.min(m, n - i);
                for (int k = mn; k <= mp; k++) {
                    dd += we[ei(k, i)] * bwe[ei(-k, k + i)];
                }
            }
            for (int k = 1; k <= m; k++) {
                bwe[ei(k, n)] = 0.0;
                bwe[ei(-k, 1)] = 0.0;
            }
            return dd;
        }
    }
}
