package armid.model.path.wrap;

/**
 * Sphere of given radius centred at the frame origin.
 *
 * <p>Algorithm after OpenSim 4.x {@code WrapSphere::wrapLine} (itself from SIMM): the segment wraps when the line P–S
 * pierces the sphere between P and S; the tangent points are the tangents from P and from S in the plane through P, S
 * and the centre, choosing the pair closest to each other (or, for a constrained quadrant, the pair on the active
 * side), and the surface path is the great-circle arc between them. Its length is radius·angle(r1, r2); when a
 * constrained quadrant forces a far-side wrap OpenSim reports radius·(angle − 2π), a negative number, and so do we (no
 * MoBL-ARMS sphere is constrained).
 *
 * <p>Derivatives: computed by forward-mode dual numbers ({@link Jet}) through the closed-form construction. For the
 * near-side arc this equals the envelope-theorem value ∂L/∂P = (P − r1)/|P − r1| since the path is a geodesic.
 *
 * <p>Where OpenSim differs: when the line passes within 1e-5 (relative) of the centre OpenSim falls back to the
 * previous wrap's tangent points, which it scales by an unset factor, producing NaN. We use the previous tangent
 * points from {@link WrapResult#previousR1} when available, otherwise a plane containing the segment and a fixed
 * frame axis, so the result stays finite. OpenSim's drawing points also mix degrees and radians; ours follow the
 * arc, about one point per 2 mm.
 */
public final class WrapSphere extends WrapSurface {
    private final double radius;

    public WrapSphere(double radius, String quadrant) {
        super(quadrant);
        if (!(radius > 0)) throw new IllegalArgumentException("sphere radius must be > 0: " + radius);
        this.radius = radius;
    }

    public double radius() {
        return radius;
    }

    private static final class Work {
        final Jet[] p = Jet.vec(), s = Jet.vec(), ps = Jet.vec(), np2 = Jet.vec(), n = Jet.vec(), y = Jet.vec(),
                z = Jet.vec(), r1a = Jet.vec(), r1b = Jet.vec(), r2a = Jet.vec(), r2b = Jet.vec(), r1 = Jet.vec(),
                r2 = Jet.vec(), u1 = Jet.vec(), u2 = Jet.vec(), t = Jet.vec();
        final Jet a = new Jet(), b = new Jet(), c = new Jet(), len = new Jet(), tmp = new Jet();
    }

    @Override
    public int wrap(double[] pp, double[] sp, WrapResult out) {
        if (!(out.scratch instanceof Work)) out.scratch = new Work();
        Work w = (Work) out.scratch;
        out.resetDecisions();
        final double r = radius;
        double p2 = pp[0] * pp[0] + pp[1] * pp[1] + pp[2] * pp[2];
        double s2 = sp[0] * sp[0] + sp[1] * sp[1] + sp[2] * sp[2];
        if (Math.sqrt(p2) < r || Math.sqrt(s2) < r) {
            out.setStraight(pp, sp, INSIDE_RADIUS);
            return out.code;
        }
        // Intersections of the line S + l (P − S) with the sphere: both must lie strictly inside (0, 1).
        double rx = pp[0] - sp[0], ry = pp[1] - sp[1], rz = pp[2] - sp[2];
        double qa = rx * rx + ry * ry + rz * rz;
        double qb = 2.0 * (sp[0] * rx + sp[1] * ry + sp[2] * rz);
        double qc = s2 - r * r;
        double disc = qb * qb - 4.0 * qa * qc;
        if (disc < 0.0) {
            out.setStraight(pp, sp, NO_WRAP);
            return out.code;
        }
        double l1 = (-qb + Math.sqrt(disc)) / (2.0 * qa), l2 = (-qb - Math.sqrt(disc)) / (2.0 * qa);
        if (!(0.0 < l1 && l1 < 1.0) || !(0.0 < l2 && l2 < 1.0) || l1 < l2) {
            out.setStraight(pp, sp, NO_WRAP);
            return out.code;
        }
        int code = WRAPPED;
        Jet[] p = w.p, s = w.s;
        seed(p, s, pp, sp);
        Jet.vsub(w.ps, p, s);
        Jet.normalize(w.ps, w.ps);
        Jet.normalize(w.np2, s);
        Jet.cross(w.n, w.ps, w.np2);
        boolean farSide = false;
        boolean degenerate = Jet.pnorm(w.n) < 1e-5;
        out.decide(degenerate);
        if (degenerate) {
            // OpenSim reuses the previous wrap here (and obtains NaN); see class comment.
            out.decide(out.hasPrevious);
            if (out.hasPrevious) {
                for (int i = 0; i < 3; i++) {
                    w.r1[i].set(out.previousR1[i]);
                    w.r2[i].set(out.previousR2[i]);
                }
            } else {
                // plane through the segment and the frame axis least aligned with it
                int ax = 0;
                for (int i = 1; i < 3; i++) if (Math.abs(w.ps[i].v) < Math.abs(w.ps[ax].v)) ax = i;
                out.decide(ax);
                Jet.vconst(w.t, ax == 0 ? 1 : 0, ax == 1 ? 1 : 0, ax == 2 ? 1 : 0);
                Jet.cross(w.n, w.ps, w.t);
                Jet.normalize(w.n, w.n);
                tangents(w, p, w.r1a, w.r1b);
                tangents(w, s, w.r2a, w.r2b);
                out.decide(pickClosestPair(w));
            }
        } else {
            Jet.normalize(w.n, w.n);
            tangents(w, p, w.r1a, w.r1b);
            tangents(w, s, w.r2a, w.r2b);
            out.decide(pickClosestPair(w));
            if (wrapSign != 0) {
                int ax = wrapAxis, sg = wrapSign;
                if (dsign(pp[ax]) == sg || dsign(sp[ax]) == sg) {
                    // closest point m on the line P–S to the centre; as in OpenSim, its parameter tt is the
                    // distance from P along the unit direction toward S (metres, yet compared with 1 below)
                    double rn = Math.sqrt(qa);
                    double tt = (pp[0] * rx + pp[1] * ry + pp[2] * rz) / rn;
                    double mx = pp[0] - tt * rx / rn, my = pp[1] - tt * ry / rn, mz = pp[2] - tt * rz / rn;
                    if (mx * mx + my * my + mz * mz < r * r && tt > 0.0 && tt < 1.0) {
                        code = MANDATORY_WRAP;
                        out.decide(1);
                    } else {
                        double mAx = ax == 0 ? mx : ax == 1 ? my : mz;
                        if (dsign(pp[ax]) != dsign(sp[ax]) && dsign(mAx) != sg) {
                            code = WRAPPED;
                            out.decide(2);
                        } else {
                            out.setStraight(pp, sp, NO_WRAP);
                            return out.code;
                        }
                    }
                }
                if (dsign(pp[ax]) != sg || dsign(sp[ax]) != sg) {
                    // tangent points that face the centre as seen from P and S, flipped to the active side
                    double smx = -(pp[0] + sp[0]), smy = -(pp[1] + sp[1]), smz = -(pp[2] + sp[2]);
                    double sn = Math.sqrt(smx * smx + smy * smy + smz * smz);
                    if (sn >= Math.ulp(1.0)) {
                        smx /= sn;
                        smy /= sn;
                        smz /= sn;
                    } else {
                        smx = smy = smz = 0;
                    }
                    boolean r1IsA = dotUnit(w.r1a, smx, smy, smz) > dotUnit(w.r1b, smx, smy, smz);
                    boolean r2IsA = dotUnit(w.r2a, smx, smy, smz) > dotUnit(w.r2b, smx, smy, smz);
                    Jet.vset(w.r1, r1IsA ? w.r1a : w.r1b);
                    Jet.vset(w.r2, r2IsA ? w.r2a : w.r2b);
                    // flip to the other pair if the two tangent directions point, on average, to the inactive side
                    boolean flip = muscSum(w, pp, sp, ax) * sg < 0.0;
                    out.decide((r1IsA ? 4 : 0) + (r2IsA ? 2 : 0) + (flip ? 1 : 0));
                    if (flip) {
                        Jet.vset(w.r1, r1IsA ? w.r1b : w.r1a);
                        Jet.vset(w.r2, r2IsA ? w.r2b : w.r2a);
                    }
                    double dotSum = 0;
                    for (int i = 0; i < 3; i++) dotSum += (w.r1[i].v + w.r2[i].v) * muscSum(w, pp, sp, i);
                    if (dotSum < 0.0) farSide = true;
                    out.decide(farSide);
                }
            }
        }
        // arc length
        Jet.normalize(w.u1, w.r1);
        Jet.normalize(w.u2, w.r2);
        // angle = atan2(|u1 × u2|, u1·u2): acos(u1·u2) would lose half the digits of a small angle (a barely
        // wrapping path: at 1e-4 rad its error is ~1e-12 rad)
        Jet.cross(w.t, w.u1, w.u2);
        Jet angle = w.a.atan2(Jet.norm(w.c, w.t), Jet.dot(w.tmp, w.u1, w.u2));
        if (farSide) angle.v -= 2.0 * Math.PI; // OpenSim: -(2π − angle)
        Jet surf = w.b.mul(angle, r);
        // L = |P − r1| + surf + |r2 − S|
        Jet.vsub(w.t, p, w.r1);
        Jet len = w.len.add(surf, Jet.norm(w.c, w.t));
        Jet.vsub(w.t, w.r2, s);
        len.add(len, Jet.norm(w.c, w.t));
        out.code = code;
        out.wraps = true;
        out.surfaceLength = surf.v;
        Jet.copyValue(w.r1, out.r1, 0);
        Jet.copyValue(w.r2, out.r2, 0);
        out.setTangentJets(w.r1, w.r2, 1.0);
        out.setLengthJet(len);
        drawArc(out, w, angle.v);
        return code;
    }

    private static double dotUnit(Jet[] q, double x, double y, double z) {
        double n = Jet.pnorm(q);
        return n >= Math.ulp(1.0) ? (q[0].v * x + q[1].v * y + q[2].v * z) / n : 0.0;
    }

    /** Component i of (r1 − P) + (r2 − S). */
    private static double muscSum(Work w, double[] pp, double[] sp, int i) {
        return (w.r1[i].v - pp[i]) + (w.r2[i].v - sp[i]);
    }

    /** The two tangent points from X to the sphere in the plane with unit normal w.n through the centre. */
    private void tangents(Work w, Jet[] x, Jet[] ta, Jet[] tb) {
        // y = unit(centre − X), z = n × y; tangent points X + d cos(a) (cos(a) y ∓ sin(a) z), sin(a) = r/|X|
        Jet.vscale(w.y, x, -1.0);
        Jet.normalize(w.y, w.y);
        Jet.cross(w.z, w.n, w.y);
        Jet dist = Jet.norm(w.c, x);
        Jet sinA = w.tmp.set(radius).div(w.tmp, dist);
        // cos(a) = sqrt(1 − sin²a); d cos(a)·cos(a) = d (1 − sin²a); d cos(a) sin(a) = r cos(a)
        Jet cosA = w.len.mul(sinA, sinA);
        cosA.set(1.0 - cosA.v);
        for (int k = 0; k < Jet.N; k++) cosA.d[k] = -2.0 * sinA.v * sinA.d[k];
        cosA.sqrt(cosA);
        Jet along = w.b.mul(dist, cosA).mul(w.b, cosA); // d cos²a
        Jet across = w.a.mul(cosA, radius); // d cos a sin a = r cos a
        for (int i = 0; i < 3; i++) {
            ta[i].addMul(x[i], along, w.y[i]);
            tb[i].set(ta[i]);
            ta[i].sub(ta[i], w.c.mul(across, w.z[i]));
            tb[i].add(tb[i], w.c.mul(across, w.z[i]));
        }
    }

    /** Picks the closest pair of tangent points into w.r1, w.r2; returns which (0: a–a, 1: a–b, 2: b–a, 3: b–b). */
    private static int pickClosestPair(Work w) {
        double j1 = cosBetween(w.r1a, w.r2a), j2 = cosBetween(w.r1a, w.r2b), j3 = cosBetween(w.r1b, w.r2a),
                j4 = cosBetween(w.r1b, w.r2b);
        if (j1 > j2 && j1 > j3 && j1 > j4) {
            Jet.vset(w.r1, w.r1a);
            Jet.vset(w.r2, w.r2a);
            return 0;
        } else if (j2 > j3 && j2 > j4) {
            Jet.vset(w.r1, w.r1a);
            Jet.vset(w.r2, w.r2b);
            return 1;
        } else if (j3 > j4) {
            Jet.vset(w.r1, w.r1b);
            Jet.vset(w.r2, w.r2a);
            return 2;
        } else {
            Jet.vset(w.r1, w.r1b);
            Jet.vset(w.r2, w.r2b);
            return 3;
        }
    }

    private static double cosBetween(Jet[] a, Jet[] b) {
        double na = Jet.pnorm(a), nb = Jet.pnorm(b);
        return (a[0].v * b[0].v + a[1].v * b[1].v + a[2].v * b[2].v) / (na * nb);
    }

    private void drawArc(WrapResult out, Work w, double angle) {
        out.clearPoints();
        double[] r1 = out.r1;
        out.addPoint(r1[0], r1[1], r1[2]);
        int segs = Math.max(1, (int) (Math.abs(angle) * radius / 0.002));
        // rotate r1 about unit(r1 × r2) by fractions of the angle
        double ax = r1[1] * out.r2[2] - r1[2] * out.r2[1], ay = r1[2] * out.r2[0] - r1[0] * out.r2[2],
                az = r1[0] * out.r2[1] - r1[1] * out.r2[0];
        double an = Math.sqrt(ax * ax + ay * ay + az * az);
        if (an > 0) {
            ax /= an;
            ay /= an;
            az /= an;
            for (int i = 1; i < segs; i++) {
                double th = angle * i / segs, c = Math.cos(th), sn = Math.sin(th);
                double kd = ax * r1[0] + ay * r1[1] + az * r1[2];
                double cx = ay * r1[2] - az * r1[1], cy = az * r1[0] - ax * r1[2], cz = ax * r1[1] - ay * r1[0];
                out.addPoint(r1[0] * c + cx * sn + ax * kd * (1 - c), r1[1] * c + cy * sn + ay * kd * (1 - c),
                        r1[2] * c + cz * sn + az * kd * (1 - c));
            }
        }
        out.addPoint(out.r2[0], out.r2[1], out.r2[2]);
    }
}
