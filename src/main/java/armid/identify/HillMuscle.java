package armid.identify;

import armid.model.muscle.Millard2012EquilibriumMuscle;
import armid.model.muscle.MillardParameters;
import armid.model.muscle.curve.ActiveForceLengthCurve;
import armid.model.muscle.curve.CurveFitter;
import armid.model.muscle.curve.FiberForceLengthCurve;
import armid.model.muscle.curve.ForceVelocityCurve;
import armid.model.muscle.curve.PiecewisePolynomialCurve;
import armid.model.muscle.curve.TendonForceLengthCurve;

/**
 * The identification model's musculotendon force, the paper's eq. 15 and eq. 16 on the fitted piecewise-polynomial
 * curves (III.F.1), with its partial derivatives with respect to the five muscle parameters (F = f_m^o, L = l_m^o,
 * V = v_m^max, P = φ_o, S = l_t^s) and the activation a, in closed form.
 *
 * <p><b>Fibre kinematics.</b> Eq. 15 needs the fibre length l_m and velocity v_m. Two sources:
 * <ul>
 *   <li>{@link #rigidTendon}: from the musculotendon length and lengthening speed alone, with an inextensible tendon
 *       and the constant-thickness pennation model (OpenSim's, Millard 2013): l_m sin φ = L sin P (= h) and
 *       l_m cos φ = l_mt − S, so l_m = √(h² + (l_mt − S)²), cos φ = (l_mt − S)/l_m and v_m = l̇_mt cos φ (the
 *       derivative of l_m² = h² + (l_mt − S)²). This is the MyoSuite-like route of the paper's ref. [17] with
 *       pennation added; tendon slack length enters eq. 15 through l_m. It is exact for a rigid-tendon muscle
 *       (PECM1) and neglects tendon strain otherwise: the model mismatch against an elastic-tendon reference.</li>
 *   <li>{@link #measuredFiber}: l_m and v_m given by the data (the paper's IV.A datasets record fibre lengths and
 *       velocities), cos φ from constant thickness, sin φ = L sin P / l_m. Then S does not enter eq. 15 and the
 *       paper's tendon phase uses {@link #tendon} (eq. 16): l_t = l_mt − l_m cos φ, f = F f^T(l_t / S).</li>
 * </ul>
 * Normalisation: l̃_m = l_m / L and ṽ_m = v_m / (V L), since OpenSim's max_contraction_velocity is in optimal fibre
 * lengths per second (the paper's "v_m / v_m^max" with v_m^max in m/s).
 *
 * <p><b>Fibre damping.</b> The model's muscles are OpenSim Millard2012EquilibriumMuscles with fiber_damping β (0.1,
 * OpenSim's default, in MoBL-ARMS): their fibre force is f_o (a f^L f^V + f^PE + β ṽ_m), so eq. 15 here is
 * f = cos φ f_o (f^L f^V a + f^PE + β ṽ_m), β a fixed property of the model, not identified. The paper's eq. 15 has
 * no damping term; without it the force misses f_o β ṽ_m cos φ, a few newtons for these muscles, which against data
 * of the damped model is a floor of the loss some 10⁵ times above the one left by the fitted curves and the
 * discretised activation. β = 0 (a model with fiber_damping below OpenSim's 0.001) is the paper's eq. 15.
 */
public final class HillMuscle {
    /** Partials layout: ∂f/∂F, ∂f/∂L, ∂f/∂V, ∂f/∂P, ∂f/∂S, ∂f/∂a. */
    public static final int D_F = 0, D_L = 1, D_V = 2, D_P = 3, D_S = 4, D_A = 5;
    /** OpenSim's default maximum pennation angle acos(0.1): its cosine and sine. */
    static final double COS_MAX_PENNATION = 0.1;
    static final double SIN_MAX_PENNATION = Math.sqrt(1 - COS_MAX_PENNATION * COS_MAX_PENNATION);

    private final PiecewisePolynomialCurve activeForceLength;
    private final PiecewisePolynomialCurve forceVelocity;
    private final PiecewisePolynomialCurve passiveForceLength;
    private final PiecewisePolynomialCurve tendonForceLength;
    private final double damping;

    /**
     * @param damping fibre damping β (normalised, as OpenSim's fiber_damping; 0 for none)
     */
    public HillMuscle(PiecewisePolynomialCurve activeForceLength, PiecewisePolynomialCurve forceVelocity,
                      PiecewisePolynomialCurve passiveForceLength, PiecewisePolynomialCurve tendonForceLength,
                      double damping) {
        if (!(damping >= 0) || !Double.isFinite(damping)) {
            throw new IllegalArgumentException("fibre damping must be finite and >= 0, got " + damping);
        }
        this.activeForceLength = activeForceLength;
        this.forceVelocity = forceVelocity;
        this.passiveForceLength = passiveForceLength;
        this.tendonForceLength = tendonForceLength;
        this.damping = damping;
    }

    /**
     * Fits the four curves of a muscle's properties (all MoBL-ARMS muscles share them) and takes its fibre damping as
     * OpenSim does: fiber_damping below 0.001 means the undamped model.
     */
    public static HillMuscle fitted(MillardParameters p) {
        double beta = p.fiberDamping() >= Millard2012EquilibriumMuscle.MIN_NONZERO_DAMPING_COEFFICIENT
                ? p.fiberDamping() : 0.0;
        return new HillMuscle(CurveFitter.fitActiveForceLength(new ActiveForceLengthCurve(p.activeForceLength())),
                CurveFitter.fitForceVelocity(new ForceVelocityCurve(p.forceVelocity())),
                CurveFitter.fitFiberForceLength(new FiberForceLengthCurve(p.fiberForceLength())),
                CurveFitter.fitTendonForceLength(new TendonForceLengthCurve(p.tendonForceLength())), beta);
    }

    /** Fibre damping β of eq. 15's damping term. */
    public double damping() {
        return damping;
    }

    public PiecewisePolynomialCurve activeForceLength() {
        return activeForceLength;
    }

    public PiecewisePolynomialCurve forceVelocity() {
        return forceVelocity;
    }

    public PiecewisePolynomialCurve passiveForceLength() {
        return passiveForceLength;
    }

    public PiecewisePolynomialCurve tendonForceLength() {
        return tendonForceLength;
    }

    /**
     * Eq. 15 with rigid-tendon fibre kinematics. {@code d} (length 6, may be null) receives the partials.
     *
     * @param scratch length ≥ 2
     */
    public double rigidTendon(double lmt, double vmt, double a, double fo, double lo, double vmax, double pen,
                              double lts, double[] d, double[] scratch) {
        return rigidTendon(lmt, vmt, a, fo, lo, vmax, Math.sin(pen), Math.cos(pen), lts, d, 0, scratch,
                new int[] {-1, -1, -1});
    }

    /**
     * Eq. 15 with rigid-tendon fibre kinematics along a trajectory: {@code f[t]} and the partials
     * {@code d[6t .. 6t + 5]} for t &lt; n.
     */
    public void rigidTendon(double[] lmt, double[] vmt, double[] a, int n, double fo, double lo, double vmax,
                            double pen, double lts, double[] f, double[] d) {
        double sp = Math.sin(pen), cp = Math.cos(pen);
        double[] scratch = new double[2];
        int[] hints = {-1, -1, -1};
        for (int t = 0; t < n; t++) {
            f[t] = rigidTendon(lmt[t], vmt[t], a[t], fo, lo, vmax, sp, cp, lts, d, 6 * t, scratch, hints);
        }
    }

    private double rigidTendon(double lmt, double vmt, double a, double fo, double lo, double vmax, double sp,
                               double cp, double lts, double[] d, int o, double[] scratch, int[] hints) {
        double h = lo * sp;
        double w = lmt - lts;
        double lm = Math.sqrt(h * h + w * w);
        double inv = 1 / lm;
        double cph = w * inv;
        double vm = vmt * cph;
        // ∂l_m and ∂cos φ with respect to L, P, S.
        double lmL = h * sp * inv, lmP = h * lo * cp * inv, lmS = -cph;
        double cL = -cph * lmL * inv, cP = -cph * lmP * inv, cS = (-1 - cph * lmS) * inv;
        return eq15(lm, vm, cph, a, fo, lo, vmax, lmL, lmP, lmS, cL, cP, cS, vmt * cL, vmt * cP, vmt * cS, d, o,
                scratch, hints);
    }

    /** Eq. 15 with fibre length and velocity from the data; ∂/∂S = 0. */
    public double measuredFiber(double lm, double vm, double a, double fo, double lo, double vmax, double pen,
                                double[] d, double[] scratch) {
        return measuredFiber(lm, vm, a, fo, lo, vmax, Math.sin(pen), Math.cos(pen), d, 0, scratch,
                new int[] {-1, -1, -1});
    }

    /**
     * Eq. 15 with fibre length and velocity from the data along a trajectory: {@code f[t]} and the partials
     * {@code d[6t .. 6t + 5]} for t &lt; n.
     */
    public void measuredFiber(double[] lm, double[] vm, double[] a, int n, double fo, double lo, double vmax,
                              double pen, double[] f, double[] d) {
        double sp = Math.sin(pen), cp = Math.cos(pen);
        double[] scratch = new double[2];
        int[] hints = {-1, -1, -1};
        for (int t = 0; t < n; t++) {
            f[t] = measuredFiber(lm[t], vm[t], a[t], fo, lo, vmax, sp, cp, d, 6 * t, scratch, hints);
        }
    }

    private double measuredFiber(double lm, double vm, double a, double fo, double lo, double vmax, double sp,
                                 double cp, double[] d, int o, double[] scratch, int[] hints) {
        double inv = 1 / lm;
        double sph = lo * sp * inv;
        if (sph > SIN_MAX_PENNATION) {
            // Beyond OpenSim's maximum pennation acos(0.1) the fiber is clamped there: cos φ = 0.1, constant.
            return eq15(lm, vm, COS_MAX_PENNATION, a, fo, lo, vmax, 0, 0, 0, 0, 0, 0, 0, 0, 0, d, o, scratch, hints);
        }
        double cph = Math.sqrt(1 - sph * sph);
        // ∂cos φ = −sin φ ∂sin φ / cos φ, ∂sin φ/∂L = sin P / l_m, ∂sin φ/∂P = L cos P / l_m.
        double q = -sph * inv / cph;
        double cL = q * sp;
        double cP = q * lo * cp;
        return eq15(lm, vm, cph, a, fo, lo, vmax, 0, 0, 0, cL, cP, 0, 0, 0, 0, d, o, scratch, hints);
    }

    /** Eq. 15 and its partials into d[o .. o + 5]; {@code hints}: the three curves' pieces to try first, updated. */
    private double eq15(double lm, double vm, double cph, double a, double fo, double lo, double vmax, double lmL,
                        double lmP, double lmS, double cL, double cP, double cS, double vmL, double vmP, double vmS,
                        double[] d, int o, double[] scratch, int[] hints) {
        double invLo = 1 / lo; // loop invariants along a trajectory (hoisted by the compiler)
        double invVL = 1 / (vmax * lo);
        double ln = lm * invLo;
        double vn = vm * invVL;
        hints[0] = activeForceLength.valueAndDerivative(ln, scratch, hints[0]);
        double fl = scratch[0], flD = scratch[1];
        hints[1] = forceVelocity.valueAndDerivative(vn, scratch, hints[1]);
        double fv = scratch[0], fvD = scratch[1];
        hints[2] = passiveForceLength.valueAndDerivative(ln, scratch, hints[2]);
        double fpe = scratch[0], fpeD = scratch[1];
        double g = fl * fv * a + fpe + damping * vn;
        double f = cph * fo * g;
        if (d != null) {
            double gl = flD * fv * a + fpeD; // ∂g/∂l̃
            double gv = fl * fvD * a + damping; // ∂g/∂ṽ
            double lnL = (lmL - ln) * invLo, lnP = lmP * invLo, lnS = lmS * invLo;
            double vnL = vmL * invVL - vn * invLo, vnP = vmP * invVL, vnS = vmS * invVL;
            double vnV = -vn * lo * invVL;
            d[o + D_F] = cph * g;
            d[o + D_L] = fo * (cL * g + cph * (gl * lnL + gv * vnL));
            d[o + D_V] = fo * cph * gv * vnV;
            d[o + D_P] = fo * (cP * g + cph * (gl * lnP + gv * vnP));
            d[o + D_S] = fo * (cS * g + cph * (gl * lnS + gv * vnS));
            d[o + D_A] = fo * cph * fl * fv;
        }
        return f;
    }

    /**
     * Eq. 16, f = F f^T(l_t / S) with l_t = l_mt − l_m cos φ from measured fibre length; ∂/∂V = ∂/∂a = 0.
     */
    public double tendon(double lmt, double lm, double fo, double lo, double pen, double lts, double[] d,
                         double[] scratch) {
        return tendon(lmt, lm, fo, lo, Math.sin(pen), Math.cos(pen), lts, d, 0, scratch, new int[] {-1});
    }

    /** {@link #tendon} along a trajectory: {@code f[t]} and the partials {@code d[6t .. 6t + 5]} for t &lt; n. */
    public void tendon(double[] lmt, double[] lm, int n, double fo, double lo, double pen, double lts, double[] f,
                       double[] d) {
        double sp = Math.sin(pen), cp = Math.cos(pen);
        double[] scratch = new double[2];
        int[] hints = {-1};
        for (int t = 0; t < n; t++) {
            f[t] = tendon(lmt[t], lm[t], fo, lo, sp, cp, lts, d, 6 * t, scratch, hints);
        }
    }

    /** Eq. 16 at one sample; {@code hints[0]}: the tendon curve's piece to try first, updated. */
    private double tendon(double lmt, double lm, double fo, double lo, double sp, double cp, double lts,
                          double[] d, int o, double[] scratch, int[] hints) {
        double sph = lo * sp / lm;
        double cph = Math.sqrt(Math.max(0, 1 - sph * sph));
        double cL = -sph * (sp / lm) / cph;
        double cP = -sph * (lo * cp / lm) / cph;
        double lt = lmt - lm * cph;
        hints[0] = tendonForceLength.valueAndDerivative(lt / lts, scratch, hints[0]);
        double ft = scratch[0], ftD = scratch[1];
        if (d != null) {
            d[o + D_F] = ft;
            d[o + D_L] = fo * ftD * (-lm * cL) / lts;
            d[o + D_V] = 0;
            d[o + D_P] = fo * ftD * (-lm * cP) / lts;
            d[o + D_S] = -fo * ftD * lt / (lts * lts);
            d[o + D_A] = 0;
        }
        return fo * ft;
    }
}
