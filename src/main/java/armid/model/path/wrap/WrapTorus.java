package armid.model.path.wrap;

/**
 * Torus around the frame's z axis: central circle of radius {@code outerRadius} in the z = 0 plane, tube radius
 * {@code innerRadius}. Paths wrap through the hole, over the inner side of the tube.
 *
 * <p>Algorithm after OpenSim 4.x {@code WrapTorus::wrapLine} (from SIMM): find the point of the line P–S nearest the
 * central circle (searching from P and from S, keeping the nearer, or the one on the active side), project it onto
 * the circle as c, place a cylinder of radius {@code innerRadius} and length 10000 at c, tangent to the circle and
 * constrained to the side facing the torus axis, and wrap over that cylinder ({@link WrapCylinder}).
 *
 * <p>Faithful to an OpenSim quirk: its nearest-point residual is the derivative of |x|² − 4·R·ρ (ρ = distance from
 * the z axis), i.e. it finds the point of the line nearest a circle of radius 2·outerRadius, although the final
 * projection and the distance comparison use outerRadius. We solve that same equation (Newton steps where its objective is convex, descent steps elsewhere) from the
 * same starting points, to machine precision; OpenSim stops MINPACK's lmdif at a relative tolerance of 1e-4, so c
 * (and through it the length) can differ from OpenSim's at that level, and in configurations with several roots the
 * root found may differ.
 *
 * <p>Return code: like OpenSim, WRAPPED whenever a nearest point was found, even when the cylinder then reports no
 * wrap; {@link WrapResult#wraps} is true only when the cylinder wrapped (OpenSim's path ignores a wrap with no
 * surface points). Where OpenSim yields NaN (P = S, or the line crossing the z axis at the nearest point) we return
 * finite values: the segment is treated as not wrapping, or the nearest point is taken on the x axis.
 *
 * <p>The inner cylinder's tangency adjustment (paths with several wraps) is abandoned when a tangent point runs more
 * than outerRadius + innerRadius beyond the axial range of P and S (see {@link WrapCylinder}): OpenSim's 10000-long
 * cylinder lets it drift tens of centimetres from the torus.
 *
 * <p>Derivatives: the nearest-point parameter is differentiated by the implicit-function theorem, the rest by
 * forward-mode dual numbers ({@link Jet}) through the cylinder construction.
 */
public final class WrapTorus extends WrapSurface {
    private static final double CYL_LENGTH = 10000.0;

    private final double innerRadius;
    private final double outerRadius;
    private final WrapCylinder cylinder;

    public WrapTorus(double innerRadius, double outerRadius, String quadrant) {
        super(quadrant);
        if (!(innerRadius > 0) || !(outerRadius > 0))
            throw new IllegalArgumentException("torus radii must be > 0: " + innerRadius + ", " + outerRadius);
        this.innerRadius = innerRadius;
        this.outerRadius = outerRadius;
        this.cylinder = new WrapCylinder(innerRadius, CYL_LENGTH, 0, 1, outerRadius + innerRadius);
    }

    public double innerRadius() {
        return innerRadius;
    }

    public double outerRadius() {
        return outerRadius;
    }

    private static final class Work {
        final WrapCylinder.Work cyl = new WrapCylinder.Work();
        final Jet[] p = Jet.vec(), s = Jet.vec(), n = Jet.vec(), a = Jet.vec(), ex = Jet.vec(), ez = Jet.vec(),
                q = Jet.vec(), tr1 = Jet.vec(), tr2 = Jet.vec();
        final Jet u = new Jet(), res = new Jet(), t1 = new Jet(), t2 = new Jet(), t3 = new Jet(), t4 = new Jet(),
                rho = new Jet();
        final double[] xf = new double[12];
    }

    @Override
    public int wrap(double[] pp, double[] sp, WrapResult out) {
        if (!(out.scratch instanceof Work)) out.scratch = new Work();
        Work w = (Work) out.scratch;
        out.resetDecisions();
        double dx = sp[0] - pp[0], dy = sp[1] - pp[1], dz = sp[2] - pp[2];
        double mag = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (!(mag > 0)) {
            out.setStraight(pp, sp, NO_WRAP);
            return NO_WRAP;
        }
        final double R = outerRadius;
        // pass 1 from P toward S, pass 2 from S toward P
        double u1 = solveRoot(pp, sp), u2 = solveRoot(sp, pp);
        double a1x = pp[0] + u1 * dx / mag, a1y = pp[1] + u1 * dy / mag, a1z = pp[2] + u1 * dz / mag;
        double a2x = sp[0] - u2 * dx / mag, a2y = sp[1] - u2 * dy / mag, a2z = sp[2] - u2 * dz / mag;
        double d1 = circleDistance(a1x, a1y, a1z, R), d2 = circleDistance(a2x, a2y, a2z, R);
        int better;
        if (wrapSign != 0) {
            double c1 = wrapAxis == 0 ? a1x : wrapAxis == 1 ? a1y : a1z;
            double c2 = wrapAxis == 0 ? a2x : wrapAxis == 1 ? a2y : a2z;
            boolean ok1 = dsign(c1) == wrapSign, ok2 = dsign(c2) == wrapSign;
            out.decide((ok1 ? 2 : 0) + (ok2 ? 1 : 0));
            if (ok1 && ok2) better = d1 < d2 ? 0 : 1;
            else if (ok1) better = 0;
            else if (ok2) better = 1;
            else {
                out.setStraight(pp, sp, NO_WRAP);
                return NO_WRAP;
            }
        } else {
            better = d1 < d2 ? 0 : 1;
        }
        // which search's point is used; not a decision when both found the same point (to rounding)
        boolean sameRoot = Math.sqrt(sq(a1x - a2x) + sq(a1y - a2y) + sq(a1z - a2z)) <= 1e-9 * (R + mag);
        out.decide(sameRoot ? 2 : better);
        // nearest point a on the line as a jet: a = origin + u·dir, u by the implicit-function theorem
        seed(w.p, w.s, pp, sp);
        Jet[] from = better == 0 ? w.p : w.s, to = better == 0 ? w.s : w.p;
        double uv = better == 0 ? u1 : u2;
        Jet.vsub(w.n, to, from);
        Jet.normalize(w.n, w.n);
        w.u.set(uv);
        residual(from, w.n, w.u, w);
        double dres = residualSlope(from, w.n, uv);
        Jet u = w.u;
        for (int k = 0; k < Jet.N; k++) u.d[k] = dres != 0 ? -w.res.d[k] / dres : 0.0;
        Jet.vaxpy(w.a, from, u, w.n);
        // c = R·(a_x, a_y, 0)/ρ; cylinder frame: X = −c/R, Y = −z, Z = X × Y = (−X_y, X_x, 0)
        Jet rho = w.rho.mul(w.a[0], w.a[0]).addMul(w.rho, w.a[1], w.a[1]).sqrt(w.rho);
        out.decide(rho.v < 1e-300);
        if (rho.v < 1e-300) {
            w.ex[0].set(-1.0); // line through the z axis there: any circle point is as near; take +x
            w.ex[1].set(0.0);
        } else {
            w.ex[0].div(w.a[0], rho).mul(w.ex[0], -1.0);
            w.ex[1].div(w.a[1], rho).mul(w.ex[1], -1.0);
        }
        w.ex[2].set(0.0);
        w.ez[0].mul(w.ex[1], -1.0);
        w.ez[1].set(w.ex[0]);
        w.ez[2].set(0.0);
        toCylinder(w.p, w.cyl.p, w);
        toCylinder(w.s, w.cyl.s, w);
        int code = cylinder.core(w.cyl.p, w.cyl.s, out, w.cyl);
        out.decide(code);
        if (code != WRAPPED && code != MANDATORY_WRAP) {
            out.setStraight(pp, sp, WRAPPED);
            return WRAPPED;
        }
        WrapCylinder.finish(w.cyl, out, WRAPPED);
        // back to the torus frame: x = (xc − R)·X + yc·Y + zc·Z, Y = (0,0,−1)
        double[] xf = w.xf;
        xf[0] = w.ex[0].v; xf[1] = 0; xf[2] = w.ez[0].v; xf[3] = -R * w.ex[0].v;
        xf[4] = w.ex[1].v; xf[5] = 0; xf[6] = w.ez[1].v; xf[7] = -R * w.ex[1].v;
        xf[8] = 0; xf[9] = -1; xf[10] = 0; xf[11] = 0;
        mapBack(out.r1, xf);
        mapBack(out.r2, xf);
        if (out.computeDerivatives) {
            // the tangent points' jets in the torus frame (the cylinder frame itself depends on P and S)
            toTorus(w.cyl.r1, w.tr1, w);
            toTorus(w.cyl.r2, w.tr2, w);
            out.setTangentJets(w.tr1, w.tr2, 1.0);
        }
        cylinder.drawHelix(w.cyl, out, xf);
        return WRAPPED;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static void mapBack(double[] r, double[] xf) {
        double x = r[0], y = r[1], z = r[2];
        r[0] = xf[0] * x + xf[1] * y + xf[2] * z + xf[3];
        r[1] = xf[4] * x + xf[5] * y + xf[6] * z + xf[7];
        r[2] = xf[8] * x + xf[9] * y + xf[10] * z + xf[11];
    }

    /** The inverse of {@link #toCylinder}: x = (xc − R)·X + yc·Y + zc·Z with Y = (0, 0, −1). */
    private void toTorus(Jet[] c, Jet[] out, Work w) {
        Jet xr = w.t1.set(c[0]);
        xr.v -= outerRadius;
        for (int i = 0; i < 2; i++) out[i].mul(w.ex[i], xr).addMul(out[i], w.ez[i], c[2]);
        out[2].mul(c[1], -1.0);
    }

    /** p_cyl = (X·p + R, −p_z, Z·p). */
    private void toCylinder(Jet[] p, Jet[] out, Work w) {
        Jet.dot(out[0], w.ex, p).v += outerRadius;
        out[1].mul(p[2], -1.0);
        Jet.dot(out[2], w.ez, p);
    }

    private static double circleDistance(double x, double y, double z, double r) {
        double q = x * x + y * y + z * z + r * r - 2.0 * r * Math.sqrt(x * x + y * y);
        return Math.sqrt(Math.max(q, 0.0));
    }

    /** OpenSim's residual (with its factor 2 on the radius term), as a jet in the inputs at fixed u. */
    private void residual(Jet[] p1, Jet[] n, Jet u, Work w) {
        final double R = outerRadius;
        Jet c2 = Jet.dot(w.t1, p1, n).mul(w.t1, 2.0);
        Jet c3 = w.t2.mul(p1[0], n[0]).addMul(w.t2, p1[1], n[1]);
        Jet c4 = w.t3.mul(n[0], n[0]).addMul(w.t3, n[1], n[1]);
        Jet c5 = w.t4.mul(p1[0], p1[0]).addMul(w.t4, p1[1], p1[1]);
        // ρ = sqrt(u² c4 + 2 c3 u + c5)
        Jet rho = w.rho.mul(c4, u.v * u.v).addMul(w.rho, 2.0 * u.v, c3);
        rho.add(rho, c5).sqrt(rho);
        // res = c2 + 2u − 4R (c4 u + c3)/ρ
        Jet q = c4.mul(c4, u.v).add(c4, c3).div(c4, rho).mul(c4, 4.0 * R);
        w.res.set(c2).v += 2.0 * u.v;
        w.res.sub(w.res, q);
    }

    private double residualSlope(Jet[] p1, Jet[] n, double u) {
        double c3 = p1[0].v * n[0].v + p1[1].v * n[1].v, c4 = n[0].v * n[0].v + n[1].v * n[1].v,
                c5 = p1[0].v * p1[0].v + p1[1].v * p1[1].v;
        double rho2 = u * u * c4 + 2 * c3 * u + c5, rho = Math.sqrt(rho2), g = c4 * u + c3;
        return 2.0 - 4.0 * outerRadius * (c4 / rho - g * g / (rho * rho2));
    }

    /** Root u of OpenSim's residual on the line from a toward b (unit direction), by damped Newton from u = 0. */
    private double solveRoot(double[] a, double[] b) {
        double nx = b[0] - a[0], ny = b[1] - a[1], nz = b[2] - a[2];
        double mag = Math.sqrt(nx * nx + ny * ny + nz * nz);
        nx /= mag;
        ny /= mag;
        nz /= mag;
        final double R = outerRadius;
        double c2 = 2.0 * (a[0] * nx + a[1] * ny + a[2] * nz), c3 = a[0] * nx + a[1] * ny, c4 = nx * nx + ny * ny,
                c5 = a[0] * a[0] + a[1] * a[1];
        double u = 0.0, step = 0.2; // MINPACK's initial step bound with factor 0.2 and u = 0
        for (int it = 0; it < 2000; it++) {
            double rho2 = u * u * c4 + 2 * c3 * u + c5;
            if (rho2 < 1e-300) rho2 = 1e-300;
            double rho = Math.sqrt(rho2), g = c4 * u + c3;
            double f = c2 + 2.0 * u - 4.0 * R * g / rho;
            double fp = 2.0 - 4.0 * R * (c4 / rho - g * g / (rho * rho2));
            // Newton where the objective |x|² − 4Rρ is convex; elsewhere a descent step −f/2, which cannot
            // increase it since its second derivative is at most 2
            double du = fp > 0 ? -f / fp : -0.5 * f;
            if (Math.abs(du) > step) du = Math.copySign(step, du);
            else step = Math.max(step, 2.0 * Math.abs(du));
            u += du;
            if (Math.abs(du) <= 1e-15 * (1.0 + Math.abs(u)) && fp > 0) break;
        }
        return u;
    }
}
