package armid.model.path.wrap;

/**
 * A mutable first-order forward-mode dual number with {@value #N} derivative directions: a value and its partial
 * derivatives with respect to the six coordinates of the two path points (P in slots 0..2, S in slots 3..5).
 *
 * <p>Every operation writes into {@code this}, which may alias an argument; nothing allocates. Vector helpers take
 * {@code Jet[3]} arrays. Used to differentiate the wrapping algorithms exactly as they are computed (branch
 * decisions follow the primal values), so that ∂L/∂P and ∂L/∂S are the derivatives of the computed length and not
 * of an idealised one.
 */
final class Jet {
    static final int N = 6;

    double v;
    final double[] d = new double[N];

    Jet set(Jet a) {
        v = a.v;
        System.arraycopy(a.d, 0, d, 0, N);
        return this;
    }

    Jet set(double c) {
        v = c;
        for (int k = 0; k < N; k++) d[k] = 0.0;
        return this;
    }

    /** The independent variable number {@code k} with value {@code c}. */
    Jet seed(double c, int k) {
        set(c);
        d[k] = 1.0;
        return this;
    }

    Jet add(Jet a, Jet b) {
        v = a.v + b.v;
        for (int k = 0; k < N; k++) d[k] = a.d[k] + b.d[k];
        return this;
    }

    Jet sub(Jet a, Jet b) {
        v = a.v - b.v;
        for (int k = 0; k < N; k++) d[k] = a.d[k] - b.d[k];
        return this;
    }

    Jet mul(Jet a, Jet b) {
        double av = a.v, bv = b.v;
        for (int k = 0; k < N; k++) d[k] = a.d[k] * bv + av * b.d[k];
        v = av * bv;
        return this;
    }

    Jet mul(Jet a, double c) {
        v = a.v * c;
        for (int k = 0; k < N; k++) d[k] = a.d[k] * c;
        return this;
    }

    Jet div(Jet a, Jet b) {
        double q = a.v / b.v, bv = b.v;
        for (int k = 0; k < N; k++) d[k] = (a.d[k] - q * b.d[k]) / bv;
        v = q;
        return this;
    }

    /** this = a + b·c. */
    Jet addMul(Jet a, Jet b, Jet c) {
        double bv = b.v, cv = c.v;
        for (int k = 0; k < N; k++) d[k] = a.d[k] + b.d[k] * cv + bv * c.d[k];
        v = a.v + bv * cv;
        return this;
    }

    /** this = a + s·b. */
    Jet addMul(Jet a, double s, Jet b) {
        v = a.v + s * b.v;
        for (int k = 0; k < N; k++) d[k] = a.d[k] + s * b.d[k];
        return this;
    }

    /** this = f(a) where f(a.v) = fv and f'(a.v) = fp. */
    Jet chain(Jet a, double fv, double fp) {
        for (int k = 0; k < N; k++) d[k] = fp * a.d[k];
        v = fv;
        return this;
    }

    Jet sqrt(Jet a) {
        double r = Math.sqrt(a.v);
        return chain(a, r, r > 0 ? 0.5 / r : 0.0);
    }

    Jet acos(Jet a) {
        double x = a.v;
        double s = 1.0 - x * x;
        return chain(a, Math.acos(x), s > 0 ? -1.0 / Math.sqrt(s) : 0.0);
    }

    Jet sin(Jet a) {
        return chain(a, Math.sin(a.v), Math.cos(a.v));
    }

    Jet cos(Jet a) {
        return chain(a, Math.cos(a.v), -Math.sin(a.v));
    }

    Jet atan2(Jet y, Jet x) {
        double yv = y.v, xv = x.v, r2 = xv * xv + yv * yv;
        for (int k = 0; k < N; k++) d[k] = r2 > 0 ? (xv * y.d[k] - yv * x.d[k]) / r2 : 0.0;
        v = Math.atan2(yv, xv);
        return this;
    }

    // ---- vectors (Jet[3]) ----

    static Jet[] vec() {
        return new Jet[] {new Jet(), new Jet(), new Jet()};
    }

    static void vset(Jet[] out, Jet[] a) {
        for (int i = 0; i < 3; i++) out[i].set(a[i]);
    }

    static void vconst(Jet[] out, double x, double y, double z) {
        out[0].set(x);
        out[1].set(y);
        out[2].set(z);
    }

    static void vsub(Jet[] out, Jet[] a, Jet[] b) {
        for (int i = 0; i < 3; i++) out[i].sub(a[i], b[i]);
    }

    static void vadd(Jet[] out, Jet[] a, Jet[] b) {
        for (int i = 0; i < 3; i++) out[i].add(a[i], b[i]);
    }

    /** out = a + s·b. */
    static void vaxpy(Jet[] out, Jet[] a, Jet s, Jet[] b) {
        for (int i = 0; i < 3; i++) out[i].addMul(a[i], s, b[i]);
    }

    /** out = a + s·b. */
    static void vaxpy(Jet[] out, Jet[] a, double s, Jet[] b) {
        for (int i = 0; i < 3; i++) out[i].addMul(a[i], s, b[i]);
    }

    static void vscale(Jet[] out, Jet[] a, Jet s) {
        for (int i = 0; i < 3; i++) out[i].mul(a[i], s);
    }

    static void vscale(Jet[] out, Jet[] a, double s) {
        for (int i = 0; i < 3; i++) out[i].mul(a[i], s);
    }

    static Jet dot(Jet out, Jet[] a, Jet[] b) {
        double v = 0;
        for (int i = 0; i < 3; i++) v += a[i].v * b[i].v;
        for (int k = 0; k < N; k++) {
            double s = 0;
            for (int i = 0; i < 3; i++) s += a[i].d[k] * b[i].v + a[i].v * b[i].d[k];
            out.d[k] = s;
        }
        out.v = v;
        return out;
    }

    /** out = a × b; out must not alias a or b. */
    static void cross(Jet[] out, Jet[] a, Jet[] b) {
        for (int i = 0; i < 3; i++) {
            int j = (i + 1) % 3, l = (i + 2) % 3;
            Jet o = out[i];
            o.v = a[j].v * b[l].v - a[l].v * b[j].v;
            for (int k = 0; k < N; k++)
                o.d[k] = a[j].d[k] * b[l].v + a[j].v * b[l].d[k] - a[l].d[k] * b[j].v - a[l].v * b[j].d[k];
        }
    }

    static Jet norm(Jet out, Jet[] a) {
        double n = Math.sqrt(a[0].v * a[0].v + a[1].v * a[1].v + a[2].v * a[2].v);
        for (int k = 0; k < N; k++) {
            double s = 0;
            for (int i = 0; i < 3; i++) s += a[i].v * a[i].d[k];
            out.d[k] = n > 0 ? s / n : 0.0;
        }
        out.v = n;
        return out;
    }

    static double pnorm(Jet[] a) {
        return Math.sqrt(a[0].v * a[0].v + a[1].v * a[1].v + a[2].v * a[2].v);
    }

    /**
     * out = a/|a|, or zero when |a| is below machine epsilon (as OpenSim's normalisation does). Returns |a| (primal).
     * out may alias a.
     */
    static double normalize(Jet[] out, Jet[] a) {
        double n = pnorm(a);
        if (!(n >= Math.ulp(1.0))) {
            for (int i = 0; i < 3; i++) out[i].set(0.0);
            return n;
        }
        double u0 = a[0].v / n, u1 = a[1].v / n, u2 = a[2].v / n;
        for (int k = 0; k < N; k++) {
            double dn = u0 * a[0].d[k] + u1 * a[1].d[k] + u2 * a[2].d[k];
            out[0].d[k] = (a[0].d[k] - u0 * dn) / n;
            out[1].d[k] = (a[1].d[k] - u1 * dn) / n;
            out[2].d[k] = (a[2].d[k] - u2 * dn) / n;
        }
        out[0].v = u0;
        out[1].v = u1;
        out[2].v = u2;
        return n;
    }

    /** Squared distance, primal only. */
    static double pdist2(Jet[] a, Jet[] b) {
        double x = a[0].v - b[0].v, y = a[1].v - b[1].v, z = a[2].v - b[2].v;
        return x * x + y * y + z * z;
    }

    static void copyValue(Jet[] a, double[] out, int off) {
        out[off] = a[0].v;
        out[off + 1] = a[1].v;
        out[off + 2] = a[2].v;
    }
}
