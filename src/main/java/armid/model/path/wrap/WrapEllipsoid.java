package armid.model.path.wrap;

/**
 * Ellipsoid with semi-axes (dimensions) along the frame axes, centred at the origin.
 *
 * <p>Algorithm after OpenSim 4.x {@code WrapEllipsoid::wrapLine} (from SIMM, with Frans van der Helm's "most parallel
 * axis" technique and the "fan" technique): everything is scaled by 3/(a+b+c). The segment wraps when the line P–S
 * pierces the ellipsoid between P and S. A point c1 on the surface is chosen (hybrid: a blend of the point nearest the
 * crossing of the line with the plane normal to the axis most parallel to it, and the normalised mean of 298 "fan"
 * directions from points of the chord to their nearest surface points; midpoint: the surface point nearest the chord
 * midpoint; axial: the first one only), flipped to the active side for a constrained quadrant. The wrapping plane
 * passes through P, S and c1; r1 and r2 are the tangent points from P and S to the ellipse cut by that plane, found
 * from c1; the surface path is a polyline of ⌊|r1 − r2|/1 mm⌋ (at most 499) segments whose vertices are the
 * ellipse points at equal angles seen from the point where the plane meets the axis most normal to it. Its length is
 * the sum of the polyline's segments, so it is a planar-curve length, not a geodesic, and it jumps by tiny amounts
 * when the segment count changes (as OpenSim's does); with {@link WrapResult#exactArc} (not OpenSim) the length is
 * instead the exact length of that plane section's arc ({@link #exactArc}), a few micrometres longer. A constrained
 * wrap that leaves the wrong way is redone the long way round. The return code of a wrap is always MANDATORY_WRAP.
 *
 * <p>Solves: OpenSim iterates its nearest-point and tangent-point equations to loose tolerances (|f| &lt; 1e-9 and a
 * squared residual &lt; 1e-8). We start from the same points, run OpenSim's tangent-point iteration, then polish both
 * with Newton's method to machine precision, so values may differ from OpenSim's by about OpenSim's own tolerance and
 * our L is smooth enough to differentiate. Nearest points to points within 2e-13 of a coordinate plane or axis use
 * OpenSim's special cases (the point's nearest point in that cross-section; closed forms near an axis of it), since
 * the general formula is unstable there: inside the ellipsoid next to the plane normal to its smallest axis, its
 * root lies within rounding of a pole and the result is rounding noise of either sign, off the surface.
 *
 * <p>Derivatives: forward-mode dual numbers ({@link Jet}) through every step above; nearest points and tangent points
 * are differentiated through their converged equations (implicit-function theorem).
 */
public final class WrapEllipsoid extends WrapSurface {
    private static final double MU_BLEND_MIN = 0.7073;
    private static final double MU_BLEND_MAX = 0.9;
    private static final int NUM_FAN_SAMPLES = 300;
    private static final double SV_BOUNDARY_BLEND = 0.3;
    private static final double ELLIPSOID_TINY = 1e-8;
    private static final int MAX_PTS = 500;
    /**
     * Below this sine of the angle at P between S and c1, or this distance |P − c1| (scaled units, about 1 for the
     * ellipsoid), the plane through P, S and c1 is taken as undefined.
     */
    private static final double DEGENERATE_PLANE = 1e-9;

    /** OpenSim's ROUNDOFF_ERROR, below which a coordinate counts as zero in the nearest-point solve. */
    private static final double PLANE_ROUNDOFF = 2e-13;

    private final double[] dims;
    private final double factor;
    private final double[] a; // scaled semi-axes

    public WrapEllipsoid(double ax, double ay, double az, String quadrant) {
        super(quadrant);
        if (!(ax > 0) || !(ay > 0) || !(az > 0))
            throw new IllegalArgumentException("ellipsoid dimensions must be > 0");
        dims = new double[] {ax, ay, az};
        factor = 3.0 / (ax + ay + az);
        a = new double[] {ax * factor, ay * factor, az * factor};
    }

    public double[] dimensions() {
        return dims.clone();
    }

    private static final class Work {
        final Jet[] p1 = Jet.vec(), p2 = Jet.vec(), p1p2 = Jet.vec(), r1 = Jet.vec(), r2 = Jet.vec(),
                r1r2 = Jet.vec(), sv = Jet.vec(), c1 = Jet.vec(), tsv = Jet.vec(), tc1 = Jet.vec(), mid = Jet.vec(),
                vsum = Jet.vec(), fv = Jet.vec(), fc = Jet.vec(), fan = Jet.vec(), tmp = Jet.vec(), vs = Jet.vec(),
                a0 = Jet.vec(), ar1 = Jet.vec(), ar2 = Jet.vec(), vsy = Jet.vec(), vsz = Jet.vec(), ray = Jet.vec(),
                prev = Jet.vec(), cur = Jet.vec(), tc2 = Jet.vec(), q = Jet.vec();
        final Jet[] p = Jet.vec(), s = Jet.vec();
        final Jet mu = new Jet(), t = new Jet(), x = new Jet(), y = new Jet(), z = new Jet(), vs4 = new Jet(),
                len = new Jet(), phi = new Jet(), e = new Jet(), f = new Jet(), g = new Jet(), h = new Jet(),
                tt = new Jet(), fw = new Jet(), orig = new Jet();
        final double[] f0 = new double[3];
        final double[] jac = new double[9];
        // tangent-point solves (primal): point, path point, plane normal, 3×3 solution
        final double[] tx = new double[3], tp = new double[3], tvs = new double[3], sol = new double[3];
        // OpenSim's tangent-point iteration: normal, residual, step, diagonal, trial; 4×4 matrices; inversion
        final double[] nr = new double[3], ee = new double[4], lv = new double[4], diag = new double[4],
                vt = new double[4];
        final double[][] lj = new double[4][4], ljj = new double[4][4], aug = new double[4][8], inv = new double[4][4];
        final double[] pts = new double[3 * MAX_PTS];
        int npts;
        final Jet[] ctr = Jet.vec(), u1 = Jet.vec(), u2 = Jet.vec(), v1 = Jet.vec(), dray = Jet.vec(),
                ray2 = Jet.vec();
        final Jet big = new Jet(), ang = new Jet(), cs = new Jet(), sn = new Jet(), qa = new Jet(), qb = new Jet(),
                qc = new Jet(), dqa = new Jet(), dqb = new Jet(), m = new Jet(), dm = new Jet(), tmpj = new Jet(),
                tmpk = new Jet(), sum = new Jet();
    }

    @Override
    public int wrap(double[] pp, double[] sp, WrapResult out) {
        if (!(out.scratch instanceof Work)) out.scratch = new Work();
        Work w = (Work) out.scratch;
        out.resetDecisions();
        final double fac = factor;
        seed(w.p, w.s, pp, sp);
        Jet.vscale(w.p1, w.p, fac);
        Jet.vscale(w.p2, w.s, fac);
        double p1e = -1.0, p2e = -1.0;
        for (int i = 0; i < 3; i++) {
            p1e += sq(w.p1[i].v / a[i]);
            p2e += sq(w.p2[i].v / a[i]);
        }
        if (p1e < -0.0001 || p2e < -0.0001) {
            out.setStraight(pp, sp, INSIDE_RADIUS);
            return INSIDE_RADIUS;
        }
        // collinear with the centre
        double n1 = Math.sqrt(sq(w.p1[0].v) + sq(w.p1[1].v) + sq(w.p1[2].v));
        double n2 = Math.sqrt(sq(w.p2[0].v) + sq(w.p2[1].v) + sq(w.p2[2].v));
        double ppm = (w.p1[0].v * w.p2[0].v + w.p1[1].v * w.p2[1].v + w.p1[2].v * w.p2[2].v) / (n1 * n2) - 1.0;
        if (Math.abs(ppm) < 0.0001) {
            out.setStraight(pp, sp, NO_WRAP);
            return NO_WRAP;
        }
        // intersections of the line p2 + l (p1 − p2) with the ellipsoid
        Jet.vsub(w.p1p2, w.p1, w.p2);
        double aa = 0, bb = 0, cc = -1.0;
        for (int i = 0; i < 3; i++) {
            double f1 = w.p1p2[i].v / a[i], f2 = w.p2[i].v / a[i];
            aa += f1 * f1;
            bb += 2.0 * f1 * f2;
            cc += f2 * f2;
        }
        double disc = bb * bb - 4.0 * aa * cc;
        // disc = 0: the line touches the ellipsoid at one point, where OpenSim's r1 = r2 makes its plane NaN and the
        // roots' derivatives are infinite; the path is straight there either way
        if (!(disc > 0.0)) {
            out.setStraight(pp, sp, NO_WRAP);
            return NO_WRAP;
        }
        double l1v = (-bb + Math.sqrt(disc)) / (2.0 * aa), l2v = (-bb - Math.sqrt(disc)) / (2.0 * aa);
        if (!(0.0 < l1v && l1v < 1.0) || !(0.0 < l2v && l2v < 1.0)) {
            out.setStraight(pp, sp, NO_WRAP);
            return NO_WRAP;
        }
        // the same roots as jets: q(l) = Σ((p2 + l d)/a)² − 1 = 0, dl = −∂q/∂inputs / ∂q/∂l
        lineRoot(w, l1v, w.e);
        lineRoot(w, l2v, w.f);
        Jet.vaxpy(w.r1, w.p2, w.e, w.p1p2);
        Jet.vaxpy(w.r2, w.p2, w.f, w.p1p2);

        // ==== wrapping plane ====
        Jet.vsub(w.r1r2, w.r2, w.r1);
        double un = Math.sqrt(sq(w.p1p2[0].v) + sq(w.p1p2[1].v) + sq(w.p1p2[2].v));
        int best = 0;
        double[] muv = w.f0;
        for (int i = 0; i < 3; i++) muv[i] = Math.abs(w.p1p2[i].v) / un;
        for (int i = 1; i < 3; i++) if (muv[i] > muv[best]) best = i;
        out.decide(best);
        // mu (jet) = |p1p2_best|/|p1p2|
        Jet mu = Jet.norm(w.mu, w.p1p2);
        mu.div(w.p1p2[best], mu);
        if (mu.v < 0) mu.mul(mu, -1.0);
        // Frans: the chord point where coordinate `best` is zero, and its nearest point in that plane
        Jet tb = w.t.set(w.r1[best]).mul(w.t, -1.0).div(w.t, w.r1r2[best]);
        double tBest = tb.v;
        out.decide(tBest < 0.0 || tBest > 1.0 ? 0 : tBest < SV_BOUNDARY_BLEND ? 1 : tBest > 1.0 - SV_BOUNDARY_BLEND ? 2 : 3);
        Jet.vaxpy(w.tsv, w.r1, tb, w.r1r2);
        closest(w.tsv, best, w.tc1, w);
        boolean useC1 = true;
        double fanWeight = Double.NEGATIVE_INFINITY;
        Jet fw = w.fw.set(0.0); // fanWeight as a jet
        WrapSurface.Method method = out.method;
        if (method == Method.HYBRID || method == Method.AXIAL) {
            if (method == Method.HYBRID && mu.v > MU_BLEND_MIN) {
                double sFac = 1.0;
                Jet sj = w.g.set(1.0);
                if (tBest < 0.0 || tBest > 1.0) sj.set(0.0);
                else if (tBest < SV_BOUNDARY_BLEND) sj.mul(tb, 1.0 / SV_BOUNDARY_BLEND);
                else if (tBest > 1.0 - SV_BOUNDARY_BLEND) sj.mul(tb, -1.0 / SV_BOUNDARY_BLEND).v += 1.0 / SV_BOUNDARY_BLEND;
                sFac = sj.v;
                if (sFac < 1.0) {
                    // mu = MIN + s (mu − MIN)
                    mu.v -= MU_BLEND_MIN;
                    mu.mul(mu, sj);
                    mu.v += MU_BLEND_MIN;
                }
            }
            out.decide((mu.v > MU_BLEND_MIN ? 4 : 0) + (mu.v < MU_BLEND_MAX ? 2 : 0) + (mu.v <= MU_BLEND_MIN ? 1 : 0));
            if (method == Method.AXIAL || mu.v > MU_BLEND_MIN) {
                Jet.vset(w.c1, w.tc1);
                Jet.vset(w.sv, w.tsv);
            }
            if (method == Method.HYBRID && mu.v < MU_BLEND_MAX) {
                Jet.vaxpy(w.mid, w.r1, 0.5, w.r1r2);
                for (int i = 0; i < 3; i++) w.vsum[i].set(0.0);
                for (int k = 1; k < NUM_FAN_SAMPLES - 1; k++) {
                    Jet.vaxpy(w.fv, w.r1, (double) k / NUM_FAN_SAMPLES, w.r1r2);
                    closest(w.fv, -1, w.fc, w);
                    Jet.vsub(w.fan, w.fc, w.fv);
                    Jet.normalize(w.fan, w.fan);
                    Jet.vadd(w.vsum, w.vsum, w.fan);
                }
                Jet.normalize(w.vsum, w.vsum);
                Jet.vadd(w.tmp, w.mid, w.vsum);
                if (mu.v <= MU_BLEND_MIN) {
                    closest(w.tmp, -1, w.c1, w);
                    Jet.vset(w.sv, w.mid);
                    fanWeight = 1.0;
                    fw.set(1.0);
                } else {
                    Jet tt = w.tt.set(mu);
                    tt.v -= MU_BLEND_MIN;
                    tt.mul(tt, 1.0 / (MU_BLEND_MAX - MU_BLEND_MIN));
                    closest(w.tmp, -1, w.tc2, w);
                    // tc = tt c1 + (1 − tt) tc2 = tc2 + tt (c1 − tc2); sv likewise with mid
                    Jet.vsub(w.q, w.c1, w.tc2);
                    Jet.vaxpy(w.q, w.tc2, tt, w.q);
                    Jet.vsub(w.tmp, w.sv, w.mid);
                    Jet.vaxpy(w.sv, w.mid, tt, w.tmp);
                    closest(w.q, -1, w.c1, w);
                    fanWeight = 1.0 - tt.v;
                    fw.mul(tt, -1.0).v += 1.0;
                }
            }
        } else { // midpoint
            Jet.vaxpy(w.sv, w.r1, 0.5, w.r1r2);
            closest(w.sv, -1, w.c1, w);
        }
        if (method == Method.AXIAL) useC1 = tBest > 0.0 && tBest < 1.0;
        out.decide(useC1);
        if (useC1) {
            Jet.vset(w.r1, w.c1);
            Jet.vset(w.r2, w.c1);
        }
        // constrained: flip c1 to the active side
        boolean flipC1 = wrapSign != 0 && dsign(w.c1[wrapAxis].v) != wrapSign;
        out.decide(flipC1);
        if (flipC1) {
            final int ax = wrapAxis;
            Jet orig = w.orig.set(w.c1[ax]);
            w.c1[ax].mul(w.c1[ax], -1.0);
            Jet.vset(w.r1, w.c1);
            Jet.vset(w.r2, w.c1);
            if (fanWeight == Double.NEGATIVE_INFINITY) {
                fanWeight = 1.0 - (mu.v - MU_BLEND_MIN) / (MU_BLEND_MAX - MU_BLEND_MIN);
                fw.set(mu);
                fw.v -= MU_BLEND_MIN;
                fw.mul(fw, -1.0 / (MU_BLEND_MAX - MU_BLEND_MIN)).v += 1.0;
            }
            if (fanWeight > 1.0) {
                fanWeight = 1.0;
                fw.set(1.0);
            }
            out.decide(fanWeight > 0.0);
            if (fanWeight > 0.0) {
                // c1[ax] += fanWeight (bisection − c1[ax]), bisection = (orig + flipped)/2 (zero up to rounding)
                Jet bis = orig.add(orig, w.c1[ax]).mul(orig, 0.5);
                bis.sub(bis, w.c1[ax]);
                w.c1[ax].addMul(w.c1[ax], fw, bis);
                Jet.vset(w.tmp, w.c1);
                closest(w.tmp, -1, w.c1, w);
            }
        }
        // plane through p1, p2, c1: vs = unit(p1p2 × (p1 − c1)), vs4 = −vs·c1
        Jet.vsub(w.tmp, w.p1, w.c1);
        Jet.cross(w.vs, w.p1p2, w.tmp);
        double pc = Jet.pnorm(w.tmp);
        double sinPlane = Jet.normalize(w.vs, w.vs) / (Jet.pnorm(w.p1p2) * pc);
        boolean degeneratePlane = !(sinPlane > DEGENERATE_PLANE) || !(pc > DEGENERATE_PLANE);
        out.decide(degeneratePlane);
        if (degeneratePlane) {
            // c1 lies on the line P–S or on P (e.g. P on the surface and c1 = P), so the three points fix no plane
            // (OpenSim's normal would be zero and its path NaN). The plane through P, S and the centre also contains c1; it is
            // defined because P, S and the centre are not collinear (checked above).
            Jet.cross(w.vs, w.p1p2, w.p1);
            Jet.normalize(w.vs, w.vs);
        }
        Jet.dot(w.vs4, w.vs, w.c1).mul(w.vs4, -1.0);
        out.decide(tangentPoint(p1e, w.r1, w.p1, w));
        out.decide(tangentPoint(p2e, w.r2, w.p2, w));

        boolean far = false;
        long polyline = distanceOnEllipsoid(w, far);
        if (wrapSign != 0 && w.npts > 2) {
            // wrong-way wrap: the first or last surface segment turns back toward its path point
            if ((turnsBack(w, w.p1, w.r1, 1) || turnsBack(w, w.p2, w.r2, w.npts - 2))
                    && !(out.continuous && onActiveSide(w))) {
                far = true;
                polyline = distanceOnEllipsoid(w, far);
            }
        }
        out.decide(far);
        if (out.exactArc) {
            out.decide(exactArc(w, far));
        } else {
            out.decide(polyline);
        }
        // L = (|p1 − r1| + surface + |r2 − p2|)/factor
        Jet.vsub(w.tmp, w.p1, w.r1);
        Jet l = w.e.add(w.len, Jet.norm(w.g, w.tmp));
        Jet.vsub(w.tmp, w.r2, w.p2);
        l.add(l, Jet.norm(w.g, w.tmp)).mul(l, 1.0 / fac);
        out.code = MANDATORY_WRAP;
        out.wraps = true;
        out.surfaceLength = w.len.v / fac;
        for (int i = 0; i < 3; i++) {
            out.r1[i] = w.r1[i].v / fac;
            out.r2[i] = w.r2[i].v / fac;
        }
        out.setTangentJets(w.r1, w.r2, 1.0 / fac);
        out.setLengthJet(l);
        out.clearPoints();
        for (int i = 0; i < w.npts; i++)
            out.addPoint(w.pts[3 * i] / fac, w.pts[3 * i + 1] / fac, w.pts[3 * i + 2] / fac);
        return MANDATORY_WRAP;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Root l of Σ((p2 + l (p1 − p2))/a)² = 1 as a jet, given its value. */
    private void lineRoot(Work w, double l, Jet out) {
        // q = Σ (x_i/a_i)² − 1, x = p2 + l d; ∂q/∂l = Σ 2 x_i d_i / a_i²
        double dq = 0;
        for (int i = 0; i < 3; i++) dq += 2.0 * (w.p2[i].v + l * w.p1p2[i].v) * w.p1p2[i].v / sq(a[i]);
        out.set(l);
        for (int k = 0; k < Jet.N; k++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                double x = w.p2[i].v + l * w.p1p2[i].v;
                s += 2.0 * x * (w.p2[i].d[k] + l * w.p1p2[i].d[k]) / sq(a[i]);
            }
            out.d[k] = -s / dq;
        }
    }

    /**
     * Nearest point on the ellipsoid to u (after Eberly, Graphics Gems IV, as OpenSim): x_i = a_i² u_i/(t + a_i²)
     * with Σ a_i² u_i²/(t + a_i²)² = 1. With fixedAxis ≥ 0 that coordinate is kept and the problem is the ellipse in
     * the other two. Differentiated through t by the implicit-function theorem. out must not alias u.
     */
    private void closest(Jet[] u, int fixedAxis, Jet[] out, Work w) {
        if (fixedAxis < 0) {
            // OpenSim: a point within roundoff of coordinate planes is treated in the plane (of those, the one whose
            // cross-section has the smallest semi-axis sum). Needed: for a point inside the ellipsoid next to the
            // plane normal to its smallest axis, the root t lies within rounding of the pole −a_i², so x_i would be
            // rounding noise (of either sign) and the point off the surface.
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 3; i++) {
                if (!(Math.abs(u[i].v) <= PLANE_ROUNDOFF)) continue;
                double sum = a[0] + a[1] + a[2] - a[i];
                if (sum < best) {
                    best = sum;
                    fixedAxis = i;
                }
            }
        }
        if (fixedAxis >= 0 && nearAxis(u, fixedAxis, out, w)) return;
        double[] a2 = w.f0; // reuse as a², u²a²
        double ins = 0, max = 0, r2 = 0;
        for (int i = 0; i < 3; i++) {
            if (i == fixedAxis) continue;
            ins += sq(u[i].v / a[i]);
            max = Math.max(max, a[i]);
            r2 += sq(u[i].v);
        }
        double t = ins < 1.0 ? 0.0 : max * Math.sqrt(r2);
        // Newton on g(t) = Σ a_i² u_i²/(t + a_i²)² − 1, guarded to stay right of the largest pole −min a_i²
        for (int it = 0; it < 100; it++) {
            double g = -1.0, gp = 0.0;
            for (int i = 0; i < 3; i++) {
                if (i == fixedAxis) continue;
                double ai2 = a[i] * a[i], den = t + ai2, q = ai2 * u[i].v * u[i].v / (den * den);
                g += q;
                gp += -2.0 * q / den;
            }
            if (gp == 0) break;
            double dt = -g / gp, tn = t + dt;
            double lo = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 3; i++) if (i != fixedAxis) lo = Math.max(lo, -a[i] * a[i]);
            if (tn <= lo) tn = 0.5 * (t + lo);
            if (Math.abs(tn - t) <= 1e-15 * (1.0 + Math.abs(t))) {
                t = tn;
                break;
            }
            t = tn;
        }
        // dt = −(Σ ∂g/∂u_i du_i)/g_t; ∂g/∂u_i = 2 a_i² u_i/(t + a_i²)²
        double gt = 0;
        for (int i = 0; i < 3; i++) {
            if (i == fixedAxis) continue;
            double ai2 = a[i] * a[i], den = t + ai2;
            gt += -2.0 * ai2 * u[i].v * u[i].v / (den * den * den);
        }
        Jet tj = w.h.set(t);
        for (int k = 0; k < Jet.N; k++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                if (i == fixedAxis) continue;
                double ai2 = a[i] * a[i], den = t + ai2;
                s += 2.0 * ai2 * u[i].v * u[i].d[k] / (den * den);
            }
            tj.d[k] = gt != 0 ? -s / gt : 0.0;
        }
        for (int i = 0; i < 3; i++) {
            if (i == fixedAxis) {
                out[i].set(u[i]);
                continue;
            }
            double ai2 = a[i] * a[i], den = t + ai2, uv = u[i].v;
            for (int k = 0; k < Jet.N; k++) out[i].d[k] = ai2 * u[i].d[k] / den - ai2 * uv * tj.d[k] / (den * den);
            out[i].v = ai2 * uv / den;
        }
    }

    /**
     * OpenSim's closestPointToEllipse for a point within roundoff of an axis of the cross-section normal to
     * fixedAxis (closed forms, with their sign choices); false if the point is near neither axis. The cross-section's
     * axes are taken in OpenSim's order (y, z), (z, x), (x, y).
     */
    private boolean nearAxis(Jet[] u, int fixedAxis, Jet[] out, Work w) {
        int i = (fixedAxis + 1) % 3, j = (fixedAxis + 2) % 3;
        boolean nearI = Math.abs(u[i].v) <= PLANE_ROUNDOFF, nearJ = Math.abs(u[j].v) <= PLANE_ROUNDOFF;
        if (!nearI && !nearJ) return false;
        out[fixedAxis].set(u[fixedAxis]);
        if (nearI && nearJ) {
            if (a[i] < a[j]) {
                out[i].set(u[i].v < 0.0 ? -a[i] : a[i]);
                out[j].set(u[j]);
            } else {
                out[i].set(u[i]);
                out[j].set(u[j].v < 0.0 ? -a[j] : a[j]);
            }
        } else if (nearI) {
            onAxis(u, i, j, out, w);
        } else {
            onAxis(u, j, i, out, w);
        }
        return true;
    }

    /** The cross-section point nearest a point with coordinate i ≈ 0 (OpenSim's nearXOrigin case, axes i, j). */
    private void onAxis(Jet[] u, int i, int j, Jet[] out, Work w) {
        double ai = a[i], aj = a[j];
        if (ai >= aj || Math.abs(u[j].v) >= aj - ai * ai / aj) {
            out[i].set(u[i]);
            out[j].set(u[j].v >= 0 ? aj : -aj);
        } else {
            // x_j = a_j² u_j/(a_j² − a_i²), x_i = a_i √|1 − (x_j/a_j)²| (always ≥ 0, as OpenSim)
            out[j].mul(u[j], aj * aj / (aj * aj - ai * ai));
            Jet q = w.h.mul(out[j], 1.0 / aj);
            q.mul(q, q);
            q.set(1.0 - q.v);
            for (int k = 0; k < Jet.N; k++) q.d[k] = -2.0 * (out[j].v / aj) * out[j].d[k] / aj;
            if (q.v < 0) q.mul(q, -1.0);
            out[i].sqrt(q).mul(out[i], ai);
        }
    }

    /**
     * Tangent point from p to the ellipse cut by the plane (vs, vs4), starting from r: OpenSim's damped iteration,
     * then Newton on F(r) = (vs·r + vs4, Σ r_i²/a_i² − 1, Σ r_i (r_i − p_i)/a_i²) = 0, then the implicit-function
     * theorem for the jets. When p is on the surface (|pe| &lt; 1e-4) r = p. Returns which of the two tangent points
     * was found: 0 for r = p, else 1 or 2 by the side of the line from p through the starting point it lies on.
     */
    private int tangentPoint(double pe, Jet[] r, Jet[] p, Work w) {
        if (Math.abs(pe) < 0.0001) {
            Jet.vset(r, p);
            return 0;
        }
        double[] x = w.tx, pv = w.tp, vs = w.tvs;
        // side: sign of ((x − p) × (start − p))·vs, start = the starting point
        double sx = r[0].v - p[0].v, sy = r[1].v - p[1].v, sz = r[2].v - p[2].v;
        for (int i = 0; i < 3; i++) {
            x[i] = r[i].v;
            pv[i] = p[i].v;
            vs[i] = w.vs[i].v;
        }
        opensimTangentIteration(x, pv, vs, w.vs4.v, w);
        double[] J = w.jac;
        for (int it = 0; it < 50; it++) {
            double f0 = vs[0] * x[0] + vs[1] * x[1] + vs[2] * x[2] + w.vs4.v, f1 = -1.0, f2 = 0.0;
            for (int i = 0; i < 3; i++) {
                double ai2 = a[i] * a[i];
                f1 += x[i] * x[i] / ai2;
                f2 += x[i] * (x[i] - pv[i]) / ai2;
                J[i] = vs[i];
                J[3 + i] = 2.0 * x[i] / ai2;
                J[6 + i] = (2.0 * x[i] - pv[i]) / ai2;
            }
            double[] dx = w.sol;
            if (!solve3(J, -f0, -f1, -f2, dx)) break;
            double m = 0;
            for (int i = 0; i < 3; i++) {
                x[i] += dx[i];
                m = Math.max(m, Math.abs(dx[i]));
            }
            if (m < 1e-15) break;
        }
        // jets: J dr = −(∂F/∂inputs · d inputs)
        for (int i = 0; i < 3; i++) {
            double ai2 = a[i] * a[i];
            J[i] = vs[i];
            J[3 + i] = 2.0 * x[i] / ai2;
            J[6 + i] = (2.0 * x[i] - pv[i]) / ai2;
        }
        for (int i = 0; i < 3; i++) r[i].set(x[i]);
        for (int k = 0; k < Jet.N; k++) {
            double b0 = w.vs4.d[k], b2 = 0;
            for (int i = 0; i < 3; i++) {
                b0 += w.vs[i].d[k] * x[i];
                b2 += -x[i] * p[i].d[k] / (a[i] * a[i]);
            }
            double[] dr = w.sol;
            if (!solve3(J, -b0, 0.0, -b2, dr)) continue;
            for (int i = 0; i < 3; i++) r[i].d[k] = dr[i];
        }
        double tx = x[0] - pv[0], ty = x[1] - pv[1], tz = x[2] - pv[2];
        double side = (ty * sz - tz * sy) * vs[0] + (tz * sx - tx * sz) * vs[1] + (tx * sy - ty * sx) * vs[2];
        return side >= 0 ? 1 : 2;
    }

    /** Cramer's rule for the row-major 3×3 J into out; false (out untouched) if singular. */
    private static boolean solve3(double[] J, double b0, double b1, double b2, double[] out) {
        double det = J[0] * (J[4] * J[8] - J[5] * J[7]) - J[1] * (J[3] * J[8] - J[5] * J[6])
                + J[2] * (J[3] * J[7] - J[4] * J[6]);
        if (det == 0 || !Double.isFinite(det)) return false;
        double x0 = b0 * (J[4] * J[8] - J[5] * J[7]) - J[1] * (b1 * J[8] - J[5] * b2) + J[2] * (b1 * J[7] - J[4] * b2);
        double x1 = J[0] * (b1 * J[8] - J[5] * b2) - b0 * (J[3] * J[8] - J[5] * J[6]) + J[2] * (J[3] * b2 - b1 * J[6]);
        double x2 = J[0] * (J[4] * b2 - b1 * J[7]) - J[1] * (J[3] * b2 - b1 * J[6]) + b0 * (J[3] * J[7] - J[4] * J[6]);
        out[0] = x0 / det;
        out[1] = x1 / det;
        out[2] = x2 / det;
        return true;
    }

    /** OpenSim's Levenberg-Marquardt-like iteration for the tangent point (calcTangentPoint), on primal values. */
    private void opensimTangentIteration(double[] r, double[] p1, double[] vs, double vs4, Work w) {
        double[] nr = w.nr, ee = w.ee, v = w.lv, diag = w.diag, vt = w.vt;
        double[][] J = w.lj, JJ = w.ljj;
        for (int i = 0; i < 3; i++) nr[i] = 2.0 * r[i] / sq(a[i]);
        double d1 = -(nr[0] * r[0] + nr[1] * r[1] + nr[2] * r[2]);
        residual4(r, nr, p1, vs, vs4, d1, ee);
        double ssqo = ss(ee), ssq = ssqo, alpha = 0.01;
        int nit = 0;
        while (ssq > ELLIPSOID_TINY && nit < 50) {
            nit++;
            for (int i = 0; i < 3; i++) {
                J[i][0] = vs[i];
                J[i][1] = 2.0 * r[i] / sq(a[i]);
                J[i][2] = 2.0 * (2.0 * r[i]) / sq(a[i]);
                J[i][3] = 2.0 * p1[i] / sq(a[i]);
            }
            J[3][0] = 0.0;
            J[3][1] = 0.0;
            J[3][2] = 1.0;
            J[3][3] = 1.0;
            double pr0 = p1[0] - r[0], pr1 = p1[1] - r[1], pr2 = p1[2] - r[2];
            double npr = Math.sqrt(pr0 * pr0 + pr1 * pr1 + pr2 * pr2), np = Math.sqrt(sq(p1[0]) + sq(p1[1]) + sq(p1[2]));
            double pcos = npr >= Math.ulp(1.0) && np >= Math.ulp(1.0) ? (pr0 * p1[0] + pr1 * p1[1] + pr2 * p1[2]) / (npr * np) : 0.0;
            double dd = pcos > 0.1 ? 1.0 - Math.pow(pcos, 100) : 1.0;
            for (int i = 0; i < 4; i++) {
                v[i] = 0.0;
                for (int j = 0; j < 4; j++) v[i] -= J[i][j] * ee[j];
            }
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) {
                    JJ[i][j] = 0.0;
                    for (int k = 0; k < 4; k++) JJ[i][j] += J[i][k] * J[j][k];
                }
            for (int i = 0; i < 4; i++) diag[i] = JJ[i][i];
            int nit2 = 0;
            while (ssq >= ssqo && nit2 < 1000) {
                for (int i = 0; i < 4; i++) JJ[i][i] = diag[i] * (1.0 + alpha);
                double[][] inv = invert4(JJ, w.aug, w.inv);
                for (int i = 0; i < 4; i++) {
                    vt[i] = 0.0;
                    for (int j = 0; j < 4; j++) vt[i] += dd * inv[i][j] * v[j] / 16.0;
                }
                for (int i = 0; i < 3; i++) r[i] += vt[i];
                d1 += vt[3];
                for (int i = 0; i < 3; i++) nr[i] = 2.0 * r[i] / sq(a[i]);
                residual4(r, nr, p1, vs, vs4, d1, ee);
                ssqo = ssq;
                ssq = ss(ee);
                alpha *= 4.0;
                nit2++;
            }
            alpha /= 8.0;
            double fakt = 0.5;
            nit2 = 0;
            while (ssq <= ssqo && nit2 < 1000) {
                fakt *= 2.0;
                for (int i = 0; i < 3; i++) r[i] += vt[i] * fakt;
                d1 += vt[3] * fakt;
                for (int i = 0; i < 3; i++) nr[i] = 2.0 * r[i] / sq(a[i]);
                residual4(r, nr, p1, vs, vs4, d1, ee);
                ssqo = ssq;
                ssq = ss(ee);
                nit2++;
            }
            for (int i = 0; i < 3; i++) r[i] -= vt[i] * fakt;
            d1 -= vt[3] * fakt;
            for (int i = 0; i < 3; i++) nr[i] = 2.0 * r[i] / sq(a[i]);
            residual4(r, nr, p1, vs, vs4, d1, ee);
            ssq = ss(ee);
            ssqo = ssq;
        }
    }

    private void residual4(double[] r, double[] nr, double[] p1, double[] vs, double vs4, double d1, double[] ee) {
        ee[0] = vs[0] * r[0] + vs[1] * r[1] + vs[2] * r[2] + vs4;
        ee[1] = -1.0;
        for (int i = 0; i < 3; i++) ee[1] += sq(r[i] / a[i]);
        ee[2] = nr[0] * r[0] + nr[1] * r[1] + nr[2] * r[2] + d1;
        ee[3] = nr[0] * p1[0] + nr[1] * p1[1] + nr[2] * p1[2] + d1;
    }

    private static double ss(double[] e) {
        return e[0] * e[0] + e[1] * e[1] + e[2] * e[2] + e[3] * e[3];
    }

    /** m⁻¹ into inv by Gauss-Jordan with partial pivoting, in the 4×8 work array aug (rows get reordered). */
    private static double[][] invert4(double[][] m, double[][] aug, double[][] inv) {
        for (int i = 0; i < 4; i++) {
            System.arraycopy(m[i], 0, aug[i], 0, 4);
            for (int j = 0; j < 4; j++) aug[i][4 + j] = i == j ? 1.0 : 0.0;
        }
        for (int c = 0; c < 4; c++) {
            int piv = c;
            for (int r = c + 1; r < 4; r++) if (Math.abs(aug[r][c]) > Math.abs(aug[piv][c])) piv = r;
            double[] t = aug[c];
            aug[c] = aug[piv];
            aug[piv] = t;
            double d = aug[c][c];
            for (int j = 0; j < 8; j++) aug[c][j] /= d;
            for (int r = 0; r < 4; r++) {
                if (r == c) continue;
                double f = aug[r][c];
                for (int j = 0; j < 8; j++) aug[r][j] -= f * aug[c][j];
            }
        }
        for (int i = 0; i < 4; i++) System.arraycopy(aug[i], 4, inv[i], 0, 4);
        return inv;
    }

    /**
     * Whether every point of the short-way polyline lies on the active side of the quadrant. armid's continuous rule
     * ({@link WrapResult#continuous}, not OpenSim): a constrained wrap whose short way turns back toward a path point
     * is redone the far way round only when the short way leaves the active side. OpenSim redoes it whenever it turns
     * back, which it checks only once the chord r1–r2 reaches 1 mm (a polyline of more than one segment): the length
     * jumps by the rest of the ellipse (MoBL-ARMS DELT1 over DELT1hh, quadrant +z: 0.2 m, e.g. at elv_angle 1.045,
     * shoulder_elv 1.85), while the short way between the same tangent points, on the active side, is admissible and
     * continuous with the onset of the wrap (r1 = r2 where the line starts to pierce).
     */
    private boolean onActiveSide(Work w) {
        for (int i = 0; i < w.npts; i++) {
            if (dsign(w.pts[3 * i + wrapAxis]) != wrapSign) {
                return false;
            }
        }
        return true;
    }

    private static boolean turnsBack(Work w, Jet[] p, Jet[] r, int idx) {
        double ax = p[0].v - r[0].v, ay = p[1].v - r[1].v, az = p[2].v - r[2].v;
        double bx = w.pts[3 * idx] - r[0].v, by = w.pts[3 * idx + 1] - r[1].v, bz = w.pts[3 * idx + 2] - r[2].v;
        double na = Math.sqrt(ax * ax + ay * ay + az * az), nb = Math.sqrt(bx * bx + by * by + bz * bz);
        if (!(na >= Math.ulp(1.0)) || !(nb >= Math.ulp(1.0))) return false;
        return (ax * bx + ay * by + az * bz) / (na * nb) > 0.0;
    }

    /** OpenSim's CalcDistanceOnEllipsoid on jets: polyline r1 … r2 in the plane, length into w.len, points into w.pts. */
    /**
     * Returns a code of its discrete choices: the segment count (0 for a chord under 1 mm), the axis of the fan
     * origin, and whether the fan from the plane's axis point was valid.
     */
    private long distanceOnEllipsoid(Work w, boolean far) {
        Jet.vsub(w.tmp, w.r1, w.r2);
        double chord = Jet.pnorm(w.tmp) / factor;
        if (chord < 0.001) {
            Jet.norm(w.len, w.tmp);
            w.npts = 2;
            Jet.copyValue(w.r1, w.pts, 0);
            Jet.copyValue(w.r2, w.pts, 3);
            return 0;
        }
        int nseg = (int) (chord / 0.001);
        if (nseg > 499) nseg = 499;
        int imax = 0;
        for (int i = 1; i < 3; i++) if (Math.abs(w.vs[i].v) > Math.abs(w.vs[imax].v)) imax = i;
        // a0 = point of the plane on axis imax: (−vs4/vs_imax) e_imax
        for (int i = 0; i < 3; i++) w.a0[i].set(0.0);
        w.a0[imax].div(w.vs4, w.vs[imax]).mul(w.a0[imax], -1.0);
        if (fan(w, far, nseg, true)) return 8L * nseg + 2 * imax + 1;
        // OpenSim's construction fails: a0 lies outside the ellipse cut by the plane, so some rays from it miss the
        // ellipse (OpenSim's square root goes negative: NaN) or the larger root puts the interior points on the
        // ellipse's other side from r1, r2; or a0 lies on the ellipse (at r1, r2, or where rays leave it, giving
        // points that all coincide with a0). Fan from the centre of that ellipse instead, from which every ray meets
        // it once: c = −vs4·D·vs/(vsᵀ·D·vs), D = diag(a²).
        Jet den = w.g.set(0.0);
        for (int i = 0; i < 3; i++) den.addMul(den, w.h.mul(w.vs[i], a[i] * a[i]), w.vs[i]);
        Jet k = w.h.div(w.vs4, den).mul(w.h, -1.0);
        for (int i = 0; i < 3; i++) w.a0[i].mul(k, w.vs[i]).mul(w.a0[i], a[i] * a[i]);
        fan(w, far, nseg, false);
        return 8L * nseg + 2 * imax;
    }

    /**
     * The polyline r1 … r2 through the ellipse points on rays from w.a0 at equal angle steps (the larger root of each
     * ray's quadratic), length into w.len. With {@code strict}, returns false (leaving garbage in w.len) as soon as
     * the construction is not valid from this origin: r1 or r2 within 1e-9 of it, r1 or r2 not the larger root on
     * their own ray, an interior ray that misses the ellipse, or one whose larger root is the origin itself (origin
     * on the surface). Without, always completes (negative discriminants,
     * possible only through rounding, are taken as zero).
     */
    private boolean fan(Work w, boolean far, int nseg, boolean strict) {
        Jet.vsub(w.ar1, w.r1, w.a0);
        double d1 = Jet.normalize(w.ar1, w.ar1);
        Jet.vsub(w.ar2, w.r2, w.a0);
        double d2 = Jet.normalize(w.ar2, w.ar2);
        if (strict && (!(d1 > 1e-9) || !(d2 > 1e-9) || !isFarRoot(w.ar1, d1, w.a0) || !isFarRoot(w.ar2, d2, w.a0)))
            return false;
        // φ0 = angle(ar1, ar2) = atan2(|ar1 × ar2|, ar1·ar2) (OpenSim: acos, which is NaN when rounding takes the
        // cosine past ±1 and inaccurate for small angles)
        Jet.cross(w.vsz, w.ar1, w.ar2);
        Jet phi0 = w.phi.atan2(Jet.norm(w.z, w.vsz), Jet.dot(w.x, w.ar1, w.ar2));
        Jet dphi = w.y.set(phi0);
        if (far) {
            dphi.mul(dphi, 1.0).v -= 2.0 * Math.PI; // −(2π − φ0)
        }
        dphi.mul(dphi, 1.0 / nseg);
        Jet.normalize(w.vsz, w.vsz);
        Jet.cross(w.vsy, w.vsz, w.ar1);
        w.len.set(0.0);
        Jet.vset(w.prev, w.r1);
        Jet.copyValue(w.r1, w.pts, 0);
        int np = 1;
        for (int i = 0; i < nseg - 1; i++) {
            Jet ang = w.z.mul(dphi, i + 1);
            Jet c = w.e.cos(ang), s = w.f.sin(ang);
            for (int j = 0; j < 3; j++) w.ray[j].mul(c, w.ar1[j]).addMul(w.ray[j], s, w.vsy[j]);
            // a0 + m ray on the ellipsoid, larger root
            Jet qa = w.g.set(0.0), qb = w.h.set(0.0), qc = w.tt.set(-1.0);
            for (int j = 0; j < 3; j++) {
                double ia2 = 1.0 / (a[j] * a[j]);
                qa.addMul(qa, w.q[0].mul(w.ray[j], ia2), w.ray[j]);
                qb.addMul(qb, w.q[1].mul(w.ray[j], 2.0 * ia2), w.a0[j]);
                qc.addMul(qc, w.q[2].mul(w.a0[j], ia2), w.a0[j]);
            }
            Jet disc = w.q[0].mul(qb, qb);
            disc.sub(disc, w.q[1].mul(qa, qc).mul(w.q[1], 4.0));
            if (!(disc.v >= 0.0)) {
                if (strict) return false;
                disc.set(0.0);
            }
            disc.sqrt(disc);
            Jet m = disc.sub(disc, qb).div(disc, qa).mul(disc, 0.5);
            if (strict && !(m.v > 1e-9)) return false; // a0 on the surface and the ray leaving it: the point is a0
            Jet.vaxpy(w.cur, w.a0, m, w.ray);
            Jet.vsub(w.tmp, w.cur, w.prev);
            w.len.add(w.len, Jet.norm(w.x, w.tmp));
            Jet.vset(w.prev, w.cur);
            Jet.copyValue(w.cur, w.pts, 3 * np++);
        }
        Jet.vsub(w.tmp, w.r2, w.prev);
        w.len.add(w.len, Jet.norm(w.x, w.tmp));
        Jet.copyValue(w.r2, w.pts, 3 * np++);
        w.npts = np;
        return true;
    }

    /** Gauss–Legendre nodes and weights on [0, 1] per panel of {@link #exactArc}, and the panel count. */
    private static final int GL_NODES = 8;
    private static final int GL_PANELS = 8;
    private static final double[] GL_X = new double[GL_NODES];
    private static final double[] GL_W = new double[GL_NODES];

    static {
        // roots of the Legendre polynomial P_n by Newton from Chebyshev guesses, mapped to [0, 1]
        int n = GL_NODES;
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 1;
            for (int it = 0; it < 100; it++) {
                double p0 = 1, p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) break;
            }
            GL_X[i] = 0.5 * (1 - x);
            GL_W[i] = 1.0 / ((1 - x * x) * dp * dp);
        }
    }

    /**
     * The exact length of the surface path that {@link #distanceOnEllipsoid} approximates by a polyline: the arc of
     * the ellipse cut by the wrapping plane from r1 to r2 (the short way round, or the long way when {@code far}),
     * into w.len. Points of the arc are written from the centre c of that ellipse as X(φ) = c + m(φ)·(cos φ u + sin φ
     * v), u the unit vector from c to r1, v = n × u (n the plane's unit normal), m the positive root of the
     * ellipsoid's quadratic along the ray; |dX/dφ| = √(m² + m'²) with m' from the implicit derivative of that
     * quadratic, integrated over φ by Gauss–Legendre with a fixed number of nodes, so the length is a smooth function
     * of r1, r2 and the plane (no segment count, no choice of fan origin). Returns a code of the one discrete
     * choice, the sense of rotation.
     */
    private long exactArc(Work w, boolean far) {
        // c = −vs4·D·vs/(vsᵀ·D·vs), D = diag(a²)
        Jet den = w.tmpj.set(0.0);
        for (int i = 0; i < 3; i++) den.addMul(den, w.tmpk.mul(w.vs[i], a[i] * a[i]), w.vs[i]);
        Jet k = w.tmpk.div(w.vs4, den).mul(w.tmpk, -1.0);
        for (int i = 0; i < 3; i++) w.ctr[i].mul(k, w.vs[i]).mul(w.ctr[i], a[i] * a[i]);
        Jet.vsub(w.u1, w.r1, w.ctr);
        Jet.normalize(w.u1, w.u1);
        Jet.vsub(w.u2, w.r2, w.ctr);
        Jet.normalize(w.u2, w.u2);
        Jet.cross(w.v1, w.vs, w.u1);
        // signed angle from u1 to u2 about the normal; the short way, or the long way round
        Jet.cross(w.ray2, w.u1, w.u2);
        Jet phi = w.big.atan2(Jet.dot(w.tmpj, w.ray2, w.vs), Jet.dot(w.tmpk, w.u1, w.u2));
        if (far) phi.v -= phi.v >= 0 ? 2.0 * Math.PI : -2.0 * Math.PI;
        double qc0 = -1.0;
        for (int j = 0; j < 3; j++) qc0 += sq(w.ctr[j].v / a[j]);
        Jet qc = w.qc.set(0.0);
        for (int j = 0; j < 3; j++) qc.addMul(qc, w.tmpj.mul(w.ctr[j], 1.0 / (a[j] * a[j])), w.ctr[j]);
        qc.v = qc0;
        Jet sum = w.sum.set(0.0);
        for (int p = 0; p < GL_PANELS; p++) {
            for (int g = 0; g < GL_NODES; g++) {
                double t = (p + GL_X[g]) / GL_PANELS;
                Jet ang = w.ang.mul(phi, t);
                Jet c = w.cs.cos(ang), sn = w.sn.sin(ang);
                for (int j = 0; j < 3; j++) {
                    w.ray[j].mul(c, w.u1[j]).addMul(w.ray[j], sn, w.v1[j]);
                    w.dray[j].mul(c, w.v1[j]).sub(w.dray[j], w.tmpj.mul(sn, w.u1[j]));
                }
                Jet qa = w.qa.set(0.0), qb = w.qb.set(0.0), dqa = w.dqa.set(0.0), dqb = w.dqb.set(0.0);
                for (int j = 0; j < 3; j++) {
                    double ia2 = 1.0 / (a[j] * a[j]);
                    qa.addMul(qa, w.tmpj.mul(w.ray[j], ia2), w.ray[j]);
                    qb.addMul(qb, w.tmpj.mul(w.ray[j], 2.0 * ia2), w.ctr[j]);
                    dqa.addMul(dqa, w.tmpj.mul(w.ray[j], 2.0 * ia2), w.dray[j]);
                    dqb.addMul(dqb, w.tmpj.mul(w.dray[j], 2.0 * ia2), w.ctr[j]);
                }
                // m = (−qb + √(qb² − 4 qa qc))/(2 qa); m' = −(qa' m² + qb' m)/(2 qa m + qb)
                Jet root = w.tmpk.mul(qb, qb);
                root.sub(root, w.tmpj.mul(qa, qc).mul(w.tmpj, 4.0));
                if (root.v < 0) root.set(0.0); // c is inside the ellipse: only by rounding
                root.sqrt(root);
                Jet m = w.m.sub(root, qb).div(w.m, qa).mul(w.m, 0.5);
                Jet num = w.dm.mul(dqa, m).add(w.dm, dqb).mul(w.dm, m);
                Jet dm = num.div(num, root).mul(num, -1.0);
                Jet f = w.tmpj.mul(m, m).addMul(w.tmpj, dm, dm).sqrt(w.tmpj);
                sum.addMul(sum, GL_W[g] / GL_PANELS, f);
            }
        }
        w.len.mul(sum, phi);
        if (phi.v < 0) w.len.mul(w.len, -1.0);
        return phi.v >= 0 ? 1 : 2;
    }

    /**
     * Whether the point at distance d from origin o along unit direction u (a point of the ellipsoid) is the farther
     * of the ray's two intersections: d ≥ the midpoint −qb/(2 qa) of the roots of qa m² + qb m + qc = 0.
     */
    private boolean isFarRoot(Jet[] u, double d, Jet[] o) {
        double qa = 0, qb = 0;
        for (int j = 0; j < 3; j++) {
            double ia2 = 1.0 / (a[j] * a[j]);
            qa += u[j].v * u[j].v * ia2;
            qb += 2.0 * u[j].v * o[j].v * ia2;
        }
        return d >= -qb / (2.0 * qa);
    }
}
