package armid.model.path.wrap;

/**
 * Cylinder of given radius and length, axis along the frame's z axis, centred at the origin.
 *
 * <p>Algorithm after OpenSim 4.x {@code WrapCylinder::wrapLine} and {@code _make_spiral_path} (itself from SIMM). It is
 * a construction, not a shortest-path solve: tangent points are first found in the cross-section through P (resp. S);
 * the pair is chosen by proximity (or by the active quadrant); they are slid along their generators to the plane
 * through P, S and an "apex" point on the cylinder; the surface path is the helix between them, of length
 * √((radius·θ)² + Δz²). When the path has more than one wrap object ({@link WrapResult#singleWrap} false), OpenSim
 * then repeatedly slides r1/r2 until the straight segments meet the helix within 0.1° (at most 100 times); we do the
 * same. The segment does not wrap when both tangent points lie beyond the cylinder's ends. Return codes, the
 * quadrant tests and their quirks (the constrained wrap tests) are OpenSim's.
 *
 * <p>Two deliberate departures from OpenSim, both where its construction breaks down:
 * <ul>
 * <li>Constrained cylinder, all four preliminary tangent points on the active side and r1a–r2b the nearer pair
 * (α ≤ β): OpenSim takes r1b–r2a and wraps the far way round (several radians through the inactive side), so the
 * length jumps by centimetres at the onset of a wrap whose line grazes the active side (MoBL-ARMS infsp_new, which
 * then sets INFSP's two wraps oscillating pass after pass). armid wraps the short way between r1a and r2b, which is
 * continuous at that onset.</li>
 * <li>Tangency adjustment of multi-wrap paths: OpenSim's 1.5× sliding steps can run away along the axis (MoBL-ARMS
 * TMINhum: a tangent point 21 m along the axis, a 21 m TMIN). When an adjusted tangent point leaves the axial range
 * of P and S widened by {@code adjustMargin} (the cylinder's length; for a torus's inner cylinder, the torus's outer
 * plus inner radius) armid abandons the adjustment and keeps the unadjusted construction.</li>
 * </ul>
 * Neither case occurs in OpenSim's reference data (walk_gait1018, subject_walk_armless).
 *
 * <p>With {@link WrapResult#continuous} (not OpenSim; the continuous path variant) a quadrant-constrained cylinder
 * decides whether and which way round to wrap by the wall rule ({@link #wallSense}) instead of OpenSim's tests, so
 * that L is continuous where OpenSim's decision changes with the path clear of the cylinder, and a wrap whose tangent
 * points pass the cylinder's end fades out over one radius ({@link #endWeight}) where OpenSim's stops at once.
 *
 * <p>With {@link WrapResult#exactTangency} (not OpenSim; the reference simulator's paths) the tangency adjustment is
 * replaced by its exact fixed point ({@link #unroll}) wherever the path rolls onto and off the cylinder in the helix's
 * sense, so that L has none of the adjustment's jumps; the length is then the minimum over the tangent points' axial
 * positions and OpenSim's adjusted length is longer, by at most ~2e-5 m in {@code WrapSmoothTest}'s sample.
 *
 * <p>Derivatives: forward-mode dual numbers ({@link Jet}) through exactly this construction (including the tangency
 * adjustment iterations), so ∂L/∂P and ∂L/∂S are those of the computed length. Because the construction is not a
 * geodesic, they differ slightly from the envelope value (P − r1)/|P − r1|. The number of adjustment iterations is
 * piecewise constant in P and S, so with {@code singleWrap == false} L has small jumps, exactly as in OpenSim.
 *
 * <p>Drawing points follow the helix, one per ~2 mm, and end at r2.
 */
public final class WrapCylinder extends WrapSurface {
    private static final double TANGENCY_THRESHOLD = 0.1 * Math.PI / 180.0;
    private static final int MAX_ITERATIONS = 100;
    private static final double ROUNDOFF = 2e-13;
    private static final double LINE_EPSILON = 1e-5;

    private final double radius;
    private final double length;
    /** How far beyond the axial range of P and S a tangent point may be adjusted before the adjustment is abandoned. */
    private final double adjustMargin;
    /**
     * Whether {@link WrapResult#continuous} applies the wall rule to this cylinder's quadrant ({@link #wallSide}):
     * a quadrant-constrained wrap object of a model; not the torus's inner cylinder, whose +x constraint is part of
     * OpenSim's torus construction.
     */
    private final boolean wallRule;
    /**
     * Whether {@link WrapResult#continuous} fades the wrap out where its tangent points pass the cylinder's end
     * ({@link #endWeight}); not for the torus's inner cylinder, whose ends are never reached.
     */
    private final boolean endFade;

    public WrapCylinder(double radius, double length, String quadrant) {
        super(quadrant);
        this.radius = check(radius, "radius");
        this.length = check(length, "length");
        this.adjustMargin = length;
        this.wallRule = wrapSign != 0 && wrapAxis != 2;
        this.endFade = true;
    }

    /** The inner cylinder of a torus: constrained to +x, as OpenSim's torus sets it. */
    WrapCylinder(double radius, double length, int wrapAxis, int wrapSign, double adjustMargin) {
        super(wrapAxis, wrapSign);
        this.radius = check(radius, "radius");
        this.length = check(length, "length");
        this.adjustMargin = adjustMargin;
        this.wallRule = false;
        this.endFade = false;
    }

    private static double check(double v, String what) {
        if (!(v > 0)) throw new IllegalArgumentException("cylinder " + what + " must be > 0: " + v);
        return v;
    }

    public double radius() {
        return radius;
    }

    public double length() {
        return length;
    }

    static final class Work {
        final Jet[] p = Jet.vec(), s = Jet.vec(), r1 = Jet.vec(), r2 = Jet.vec(), r1a = Jet.vec(), r1b = Jet.vec(),
                r2a = Jet.vec(), r2b = Jet.vec(), vv = Jet.vec(), uu = Jet.vec(), mpt = Jet.vec(), axispt = Jet.vec(),
                l1 = Jet.vec(), l2 = Jet.vec(), pn = Jet.vec(), vert = Jet.vec(), apex = Jet.vec(), t1 = Jet.vec(),
                t2 = Jet.vec(), w1 = Jet.vec(), cr = Jet.vec(), q3 = Jet.vec(), q4 = Jet.vec(), r1s = Jet.vec(),
                r2s = Jet.vec();
        final Jet h1 = new Jet(), h2 = new Jet(), run = new Jet(), rise = new Jet();
        final Jet a = new Jet(), b = new Jet(), c = new Jet(), e = new Jet(), f = new Jet(), g = new Jet(),
                theta = new Jet(), axial = new Jet(), surf = new Jet(), len = new Jet();
        boolean longWrap;
        /** Whether the wrap fades out at the cylinder's end, with weight {@link #endWeight} ({@link #endWeight()}). */
        boolean fading;
        final Jet endWeight = new Jet(), lw = new Jet(), ls = new Jet(), lt = new Jet();
        final Jet[] ps = Jet.vec();
        /** The wall rule's arc (rad, ≥ 0) and the direction (x, y) of its middle ({@link #wallSense}). */
        double wallArc, wallMidX, wallMidY;
        /** {@link WrapResult#continuous} of the wrap being computed. */
        boolean continuous;
        /**
         * A hash of the discrete decisions of the last tangency adjustment (each pass's helix segment count and
         * whether r1, r2 moved); 0 for a single wrap. Within a region where it is constant, r1, r2 and L are smooth.
         */
        long adjustmentBranch;
    }

    /** {@link Work#adjustmentBranch} of the last wrap into r by a cylinder; 0 if r was not last used by one. */
    static long adjustmentBranch(WrapResult r) {
        return r.scratch instanceof Work ? ((Work) r.scratch).adjustmentBranch : 0L;
    }

    @Override
    public int wrap(double[] pp, double[] sp, WrapResult out) {
        if (!(out.scratch instanceof Work)) out.scratch = new Work();
        Work w = (Work) out.scratch;
        out.resetDecisions();
        seed(w.p, w.s, pp, sp);
        int code = core(w.p, w.s, out, w);
        if (code == NO_WRAP || code == INSIDE_RADIUS) {
            out.setStraight(pp, sp, code);
            return code;
        }
        if (w.fading) {
            fadeToStraight(w);
        }
        finish(w, out, code);
        if (out.computeDerivatives) {
            // tangent-point Jacobians from the jets (seeded with P then S), for paths where a tangent point is the
            // end point of another wrap or is read stale (PathEvaluator)
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < Jet.N; j++) {
                    out.dR1[6 * i + j] = w.r1[i].d[j];
                    out.dR2[6 * i + j] = w.r2[i].d[j];
                }
            }
        }
        drawHelix(w, out, null);
        return code;
    }

    /** L = |P − r1| + surface + |r2 − S| from the jets, into out (values of r1, r2 too). */
    static void finish(Work w, WrapResult out, int code) {
        Jet.vsub(w.t1, w.p, w.r1);
        Jet len = w.len.add(w.surf, Jet.norm(w.a, w.t1));
        Jet.vsub(w.t1, w.r2, w.s);
        len.add(len, Jet.norm(w.a, w.t1));
        out.code = code;
        out.wraps = true;
        out.surfaceLength = w.surf.v;
        Jet.copyValue(w.r1, out.r1, 0);
        Jet.copyValue(w.r2, out.r2, 0);
        out.setTangentJets(w.r1, w.r2, 1.0);
        out.setLengthJet(len);
    }

    /**
     * The wrap of segment p–s (jets, in this frame). Leaves tangent points in w.r1, w.r2, surface length in w.surf
     * and θ, Δz in w.theta, w.axial; returns the OpenSim return code.
     */
    int core(Jet[] p, Jet[] s, WrapResult out, Work w) {
        w.continuous = out.continuous;
        final double R = radius, R2 = R * R;
        final boolean constrained = wrapSign != 0;
        final double px = p[0].v, py = p[1].v, pz = p[2].v, sx = s[0].v, sy = s[1].v, sz = s[2].v;
        if (px * px + py * py < R2 || sx * sx + sy * sy < R2) return INSIDE_RADIUS;

        // closest points between the segment P–S and the cylinder's axis segment (OpenSim's IntersectLines)
        double ux = sx - px, uy = sy - py, uz = sz - pz;
        double mag1 = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (mag1 >= Math.ulp(1.0)) {
            ux /= mag1;
            uy /= mag1;
            uz /= mag1;
        } else {
            ux = uy = uz = 0;
        }
        // axis direction (0,0,1); cross = u × z = (uy, −ux, 0)
        double cx = uy, cy = -ux;
        double denom = cx * cx + cy * cy;
        double t12 = Double.NaN, n12x = Double.NaN, n12y = Double.NaN, n12z = Double.NaN, n00z = Double.NaN;
        if (!(Math.abs(denom) <= ROUNDOFF)) {
            double ax = -px, ay = -py, az = -0.5 * length - pz; // cylStart − P
            // t (axis) = det[a; u; c]/denom, s (segment) = det[a; z; c]/denom
            double tAxis = (ax * (uy * 0 - uz * cy) - ay * (ux * 0 - uz * cx) + az * (ux * cy - uy * cx)) / denom;
            double sSeg = (-ax * cy + ay * cx) / denom;
            n00z = -0.5 * length + tAxis;
            n12x = px + sSeg * ux;
            n12y = py + sSeg * uy;
            n12z = pz + sSeg * uz;
            t12 = sSeg / mag1;
        }
        double dx = n12x, dy = n12y, dz = n12z - n00z;
        boolean pierces = dx * dx + dy * dy + dz * dz < R2 && t12 > 0.0 && t12 < 1.0;
        out.decide(pierces);
        int code = WRAPPED;
        if (!constrained) {
            if (pierces) code = MANDATORY_WRAP;
            else return NO_WRAP;
        }

        // preliminary tangent points in the cross-sections through P and S
        Jet rhoP = crossSectionTangents(p, w.r1a, w.r1b, w);
        Jet rhoPv = w.e.set(rhoP);
        Jet rhoS = crossSectionTangents(s, w.r2a, w.r2b, w);
        Jet rhoSv = w.f.set(rhoS);

        boolean farSide = false;
        w.longWrap = false;
        boolean wall = false;
        if (constrained && wallRule && w.continuous) {
            int sense = wallSense(p, s, rhoPv.v, rhoSv.v, w);
            if (sense == 0) return NO_WRAP;
            boolean active = dsign(p[wrapAxis].v) == wrapSign || dsign(s[wrapAxis].v) == wrapSign;
            code = pierces && active ? MANDATORY_WRAP : WRAPPED;
            out.decide(code);
            out.decide(sense);
            // r1a, r2a lie at +α from P, S (counter-clockwise about z), r1b, r2b at −α: turning counter-clockwise
            // the path meets the circle at r1a and leaves it at r2b
            Jet.vset(w.r1, sense > 0 ? w.r1a : w.r1b);
            Jet.vset(w.r2, sense > 0 ? w.r2b : w.r2a);
            w.longWrap = w.wallArc > Math.PI;
            out.decide(w.longWrap);
            wall = true;
        } else if (constrained) {
            final int ax = wrapAxis, sg = wrapSign;
            final double pa = p[ax].v, sa = s[ax].v;
            if (dsign(pa) == sg || dsign(sa) == sg) {
                if (pierces) {
                    code = MANDATORY_WRAP;
                } else {
                    double n12a = ax == 0 ? n12x : ax == 1 ? n12y : n12z;
                    if (dsign(pa) != dsign(sa) && dsign(n12a) != sg) code = WRAPPED;
                    else return NO_WRAP;
                }
            }
            out.decide(code);
            // angles between radial vectors r1a–r2b and r1b–r2a
            double alpha = Math.acos(radialCos(w.r1a, pz, w.r2b, sz));
            double beta = Math.acos(radialCos(w.r1b, pz, w.r2a, sz));
            boolean aBeats = alpha > beta;
            int s1a = dsign(w.r1a[ax].v), s1b = dsign(w.r1b[ax].v), s2a = dsign(w.r2a[ax].v), s2b = dsign(w.r2b[ax].v);
            boolean useBA; // true: r1 = r1b, r2 = r2a; false: r1 = r1a, r2 = r2b
            out.decide((s1a == sg ? 8 : 0) + (s1b == sg ? 4 : 0) + (s2a == sg ? 2 : 0) + (s2b == sg ? 1 : 0));
            out.decide(aBeats);
            if (s1a == sg && s1b == sg) {
                if (s2a == sg && s2b == sg && !aBeats) {
                    // all four candidates on the active side and r1a–r2b the nearer pair: armid wraps the short way
                    // between them; OpenSim takes r1b–r2a the far way round (see the class comment)
                    useBA = false;
                    farSide = false;
                } else if (s2a == sg) {
                    useBA = true;
                    farSide = !aBeats;
                } else {
                    useBA = false;
                    farSide = aBeats;
                }
            } else if (s1a == sg) {
                useBA = false;
                farSide = aBeats;
            } else if (s1b == sg) {
                useBA = true;
                farSide = !aBeats;
            } else if (s2a == sg) {
                useBA = true;
                farSide = !aBeats;
            } else if (s2b == sg) {
                useBA = false;
                farSide = aBeats;
            } else {
                useBA = !aBeats;
                farSide = true;
            }
            Jet.vset(w.r1, useBA ? w.r1b : w.r1a);
            Jet.vset(w.r2, useBA ? w.r2a : w.r2b);
            double dotv = 0;
            for (int i = 0; i < 3; i++) {
                double musc = (w.r1[i].v - p[i].v) + (w.r2[i].v - s[i].v);
                double rr = (w.r1[i].v - (i == 2 ? pz : 0)) + (w.r2[i].v - (i == 2 ? sz : 0));
                dotv += musc * rr;
            }
            if (dotv < 0.0) w.longWrap = true;
            out.decide(w.longWrap);
        } else {
            double d1 = radialCos(w.r1a, pz, w.r2a, sz), d2 = radialCos(w.r1a, pz, w.r2b, sz),
                    d3 = radialCos(w.r1b, pz, w.r2a, sz), d4 = radialCos(w.r1b, pz, w.r2b, sz);
            if (d1 > d2 && d1 > d3 && d1 > d4) {
                Jet.vset(w.r1, w.r1a);
                Jet.vset(w.r2, w.r2a);
                out.decide(0);
            } else if (d2 > d3 && d2 > d4) {
                Jet.vset(w.r1, w.r1a);
                Jet.vset(w.r2, w.r2b);
                out.decide(1);
            } else if (d3 > d4) {
                Jet.vset(w.r1, w.r1b);
                Jet.vset(w.r2, w.r2a);
                out.decide(2);
            } else {
                Jet.vset(w.r1, w.r1b);
                Jet.vset(w.r2, w.r2b);
                out.decide(3);
            }
        }

        // apex: on the cylinder, above the axis point nearest the point of P–S that divides it as ρP : ρS
        Jet t = w.a.add(rhoPv, rhoSv);
        t.div(rhoPv, t);
        Jet.vsub(w.t1, s, p);
        Jet.vaxpy(w.mpt, p, t, w.t1);
        w.axispt[0].set(0.0);
        w.axispt[1].set(0.0);
        w.axispt[2].set(w.mpt[2]);
        Jet.vsub(w.l1, p, w.axispt);
        Jet.normalize(w.l1, w.l1);
        Jet.vsub(w.l2, s, w.axispt);
        Jet.normalize(w.l2, w.l2);
        Jet.cross(w.pn, w.l1, w.l2);
        Jet.normalize(w.pn, w.pn);
        // vert1 = z × n = (−n_y, n_x, 0), vert2 = −vert1
        w.vert[0].mul(w.pn[1], -1.0);
        w.vert[1].set(w.pn[0]);
        w.vert[2].set(0.0);
        Jet.normalize(w.vert, w.vert);
        Jet.vaxpy(w.t1, w.axispt, R, w.vert); // apex1
        Jet.vaxpy(w.t2, w.axispt, -R, w.vert); // apex2
        double dist1 = Jet.pdist2(w.mpt, w.t1), dist2 = Jet.pdist2(w.mpt, w.t2);
        // the wall rule: the apex nearer the middle of the arc; OpenSim's: the apex nearer (farther from, far side)
        // the point mpt of P–S
        boolean first = wall ? w.vert[0].v * w.wallMidX + w.vert[1].v * w.wallMidY >= 0 : farSide ? !(dist1 < dist2) : dist1 < dist2;
        out.decide(first);
        Jet.vset(w.apex, first ? w.t1 : w.t2);

        // slide r1, r2 along their generators to the plane through P, S and the apex
        Jet.vsub(w.uu, p, w.apex);
        Jet.normalize(w.uu, w.uu);
        Jet.vsub(w.vv, s, w.apex);
        Jet.normalize(w.vv, w.vv);
        Jet.cross(w.pn, w.uu, w.vv);
        Jet.normalize(w.pn, w.pn);
        Jet dPlane = Jet.dot(w.b, p, w.pn).mul(w.b, -1.0);
        out.decide(slideToPlane(w.r1, dPlane, pz, sz, true, w));
        out.decide(slideToPlane(w.r2, dPlane, pz, sz, false, w));

        double halfL = 0.5 * length;
        double z1 = w.r1[2].v, z2 = w.r2[2].v;
        w.fading = false;
        if (w.continuous && endFade) {
            int fade = endWeight(halfL, w);
            out.decide(fade);
            if (fade == 0) return NO_WRAP;
            w.fading = fade == 1;
        } else if ((z1 < -halfL || z1 > halfL) && (z2 < -halfL || z2 > halfL)) {
            return NO_WRAP;
        }

        spiral(p, s, out.singleWrap, out.exactTangency, w);
        out.decide(w.adjustmentBranch);
        // the branch of atan2 in θ (its cut at ±π)
        double sn = w.r1[0].v * w.r2[1].v - w.r1[1].v * w.r2[0].v, cs = w.r1[0].v * w.r2[0].v + w.r1[1].v * w.r2[1].v;
        out.decide(cs < 0 ? (sn >= 0 ? 1 : 2) : 0);
        return code;
    }

    /**
     * The wall rule of a quadrant-constrained cylinder (the continuous variant, {@link WrapResult#continuous}): the
     * sense in which the path turns round the axis, +1 counter-clockwise about z, −1 clockwise, or 0 when it does
     * not wrap; leaves the arc and the direction of its middle in w.
     *
     * <p>The quadrant is read as a wall: the half plane from the axis straight into the inactive side (for quadrant
     * +x the half plane y = 0, x &lt; 0), which the path may not cross. Seen along the axis, P and S lie at angles
     * φ_P, φ_S ∈ (−π, π] measured from the active direction, the cut of the angle on the wall; the path turns from
     * φ_P to φ_S by Δφ = φ_S − φ_P, never across the wall, and touches the circle of radius R over the arc
     * |Δφ| − α_P − α_S, α = acos(R/ρ) the angle between X and its tangent point as seen from the axis, when that is
     * positive; otherwise it is the straight line. For |Δφ| &lt; π that is exactly the straight line's intersection
     * with the circle (the unconstrained rule, wrapping on the side between P and S); for |Δφ| &gt; π the straight line
     * crosses the wall, and the path goes round the active side by more than π − α_P − α_S. The arc grows from zero
     * where the path starts to wrap, and where |Δφ| passes π (the straight line through the axis) the path keeps its
     * way round, so L is continuous in P and S except where P or S itself crosses the wall, directly behind the
     * cylinder, where a path round the active side must give way to one that is not. The construction is OpenSim's
     * with the tangent pair of that way round, the long wrap where the arc exceeds π, and the apex nearer the middle
     * of the arc (OpenSim's far side: the apex farther from the line P–S). OpenSim's rule instead wraps
     * every segment with both ends on the inactive side, however far from the cylinder, and with one end on each side
     * switches where the line's point nearest the axis crosses to the inactive side; both switch with the path clear
     * of the cylinder, so the length jumps there (MoBL-ARMS TRIlong by 3–4 mm, LAT2/3 and TMAJ by up to 0.45 m).
     * Where OpenSim wraps and the path turns round the active side the two rules take the same tangent points
     * (OpenSim's pair r1a–r2b or r1b–r2a, the far side and the long wrap follow from the arc) and the same
     * construction, so the lengths agree.
     */
    private int wallSense(Jet[] p, Jet[] s, double rhoP, double rhoS, Work w) {
        // active direction e and e' = ẑ × e
        double ex = wrapAxis == 0 ? wrapSign : 0, ey = wrapAxis == 1 ? wrapSign : 0;
        double fx = -ey, fy = ex;
        double phiP = Math.atan2(p[0].v * fx + p[1].v * fy, p[0].v * ex + p[1].v * ey);
        double phiS = Math.atan2(s[0].v * fx + s[1].v * fy, s[0].v * ex + s[1].v * ey);
        double dphi = phiS - phiP;
        double aP = Math.acos(Math.min(1.0, radius / rhoP)), aS = Math.acos(Math.min(1.0, radius / rhoS));
        double arc = Math.abs(dphi) - aP - aS;
        if (!(arc > 0)) return 0;
        int sense = dphi > 0 ? 1 : -1;
        double mid = phiP + sense * (aP + 0.5 * arc);
        w.wallArc = arc;
        w.wallMidX = Math.cos(mid) * ex + Math.sin(mid) * fx;
        w.wallMidY = Math.cos(mid) * ey + Math.sin(mid) * fy;
        return sense;
    }

    /**
     * The continuous variant's end of the cylinder ({@link WrapResult#continuous}, not OpenSim): OpenSim stops wrapping
     * once both tangent points of its construction (before the tangency adjustment) lie beyond the cylinder's ends,
     * where the wrapped path is still longer than the straight line (MoBL-ARMS TRIlong over TRIlongglen: 2.9–4.2 mm).
     * Instead the wrap fades out over one radius centred there: with d = min(|z1|, |z2|) − L/2 the nearer tangent
     * point's distance beyond its end, the wrap has weight w = 1 for d ≤ −R/2, 0 for d ≥ R/2 and the C¹ step
     * 3t² − 2t³ of t = (R/2 − d)/R in between, and L = |P − S| + w (L_wrap − |P − S|) with the tangent points moved
     * toward P and S by the same weight ({@link #fadeToStraight}); a physical path slides off the end over a similar
     * distance, round the rim. The weight is a jet of the construction's z1, z2, so the derivatives stay exact.
     * Returns 0 (no wrap), 1 (fading, weight in w.endWeight) or 2 (full wrap).
     */
    private int endWeight(double halfL, Work w) {
        Jet zNear = Math.abs(w.r1[2].v) <= Math.abs(w.r2[2].v) ? w.r1[2] : w.r2[2];
        double sign = zNear.v < 0 ? -1.0 : 1.0;
        double d = sign * zNear.v - halfL;
        double half = 0.5 * radius;
        if (d >= half) return 0;
        if (d <= -half) return 2;
        double t = (half - d) / radius; // ∂t/∂z = −sign/R
        w.endWeight.chain(zNear, t * t * (3 - 2 * t), 6 * t * (1 - t) * -sign / radius);
        return 1;
    }

    /**
     * L = |P − S| + w (L_wrap − |P − S|), r1 → P + w (r1 − P), r2 → S + w (r2 − S), and the surface length the rest,
     * so that {@link #finish} puts the blended length together (jets: derivatives through w included).
     */
    private static void fadeToStraight(Work w) {
        Jet wt = w.endWeight;
        Jet.vsub(w.t1, w.p, w.r1);
        Jet lw = w.lw.add(w.surf, Jet.norm(w.a, w.t1));
        Jet.vsub(w.t1, w.r2, w.s);
        lw.add(lw, Jet.norm(w.a, w.t1));
        Jet.vsub(w.t1, w.s, w.p);
        Jet ls = Jet.norm(w.ls, w.t1);
        Jet l = w.lt.sub(lw, ls).mul(w.lt, wt);
        l.add(l, ls);
        Jet.vsub(w.t1, w.r1, w.p);
        Jet.vaxpy(w.r1, w.p, wt, w.t1);
        Jet.vsub(w.t1, w.r2, w.s);
        Jet.vaxpy(w.r2, w.s, wt, w.t1);
        Jet.vsub(w.t1, w.p, w.r1);
        l.sub(l, Jet.norm(w.a, w.t1));
        Jet.vsub(w.t1, w.r2, w.s);
        l.sub(l, Jet.norm(w.a, w.t1));
        w.surf.set(l);
    }

    /**
     * The two tangent points from X to the circle of the cross-section through X: into ta (= pp + h·u) and tb
     * (= pp − h·u). Returns ρ, X's distance from the axis (jet, in w.c).
     */
    private Jet crossSectionTangents(Jet[] x, Jet[] ta, Jet[] tb, Work w) {
        final double R = radius;
        // vv = unit(X − axis point) = (x, y, 0)/ρ
        w.vv[0].set(x[0]);
        w.vv[1].set(x[1]);
        w.vv[2].set(0.0);
        Jet.normalize(w.vv, w.vv);
        Jet rho = w.c.mul(x[0], x[0]).addMul(w.c, x[1], x[1]).sqrt(w.c);
        // along = R²/ρ; across = √(R² − along²)
        Jet along = w.a.set(R2()).div(w.a, rho);
        Jet across = w.b.mul(along, along);
        across.set(R * R - across.v);
        for (int k = 0; k < Jet.N; k++) across.d[k] = -2.0 * along.v * along.d[k];
        across.sqrt(across);
        // u = z × vv = (−vv_y, vv_x, 0)
        for (int i = 0; i < 2; i++) {
            Jet u = i == 0 ? w.g.mul(w.vv[1], -1.0) : w.g.set(w.vv[0]);
            ta[i].mul(along, w.vv[i]).addMul(ta[i], across, u);
            tb[i].mul(along, w.vv[i]);
            Jet tmp = w.f;
            tmp.mul(across, u);
            tb[i].sub(tb[i], tmp);
        }
        ta[2].set(x[2]);
        tb[2].set(x[2]);
        return rho;
    }

    private double R2() {
        return radius * radius;
    }

    /** cos of the angle between (a − (0,0,za)) and (b − (0,0,zb)), primal. */
    private static double radialCos(Jet[] a, double za, Jet[] b, double zb) {
        double ax = a[0].v, ay = a[1].v, az = a[2].v - za, bx = b[0].v, by = b[1].v, bz = b[2].v - zb;
        double na = Math.sqrt(ax * ax + ay * ay + az * az), nb = Math.sqrt(bx * bx + by * by + bz * bz);
        return (ax * bx + ay * by + az * bz) / (na * nb);
    }

    /**
     * OpenSim's generator/plane intersection: r ± 10 ẑ segment against plane n·x + d = 0, accepted only if the new
     * point's projection on the "line" through (0,0,Pz) with direction (0,0,Sz) is nearer the other end than the
     * original end is. The direction being the point (0,0,Sz) rather than a difference is OpenSim's. Returns the
     * outcome: 0 generator parallel to the plane, 1 intersection off the segment, 2 rejected, 3 moved.
     */
    private int slideToPlane(Jet[] r, Jet d, double pz, double sz, boolean isFirst, Work w) {
        Jet[] pn = w.pn;
        double dot = 20.0 * pn[2].v;
        if (Math.abs(dot) < LINE_EPSILON) return 0;
        // t = (−d − n·(r − 10ẑ)) / (20 n_z); new point = r − 10ẑ + 20 t ẑ → only z changes: z = (−d − n_x r_x − n_y r_y)/n_z
        double tv = (-d.v - pn[0].v * r[0].v - pn[1].v * r[1].v - pn[2].v * (r[2].v - 10.0)) / dot;
        if (tv < -LINE_EPSILON || tv > 1.0 + LINE_EPSILON) return 1;
        Jet num = w.g.set(d).mul(w.g, -1.0);
        num.sub(num, w.f.mul(pn[0], r[0]));
        num.sub(num, w.f.mul(pn[1], r[1]));
        Jet znew = w.e.div(num, pn[2]);
        // acceptance test
        double dirz = Math.abs(sz) >= Math.ulp(1.0) ? Math.signum(sz) : 0.0;
        double closestZ = pz + ((znew.v - pz) * dirz) * dirz; // x, y of the closest point are 0
        boolean accept;
        if (isFirst) accept = sq(closestZ - sz) < sq(pz - sz);
        else accept = sq(closestZ - pz) < sq(sz - pz);
        if (accept) r[2].set(znew);
        return accept ? 3 : 2;
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * θ, Δz and helix length from w.r1, w.r2, with OpenSim's tangency adjustment unless singleWrap, or its exact fixed
     * point ({@link #unroll}) with exactTangency.
     */
    private void spiral(Jet[] p, Jet[] s, boolean singleWrap, boolean exactTangency, Work w) {
        int iterations = 0;
        w.adjustmentBranch = 0L;
        if (!singleWrap && exactTangency) {
            helixLength(w); // θ depends on the radial parts of r1, r2 only
            if (rollsOn(p, s, w)) {
                unroll(p, s, w);
                helixLength(w);
                w.adjustmentBranch = 1L;
                return;
            }
        }
        if (!singleWrap) {
            Jet.vset(w.r1s, w.r1);
            Jet.vset(w.r2s, w.r2);
        }
        while (true) {
            helixLength(w);
            if (singleWrap) return;
            double zlo = Math.min(p[2].v, s[2].v) - adjustMargin, zhi = Math.max(p[2].v, s[2].v) + adjustMargin;
            if (!(w.r1[2].v >= zlo && w.r1[2].v <= zhi && w.r2[2].v >= zlo && w.r2[2].v <= zhi)) {
                // the adjustment ran off the cylinder: keep the unadjusted construction
                Jet.vset(w.r1, w.r1s);
                Jet.vset(w.r2, w.r2s);
                helixLength(w);
                w.adjustmentBranch = 31 * w.adjustmentBranch + 3;
                return;
            }
            int n = (int) (w.surf.v / 0.002);
            if (n < 1) n = 1;
            if (n < 2 || iterations >= MAX_ITERATIONS) return;
            double tt = 1.0 / n;
            helixPoint(w, tt, w.w1);
            boolean adj1 = adjust(p, w.r1, w.w1, w);
            helixPoint(w, 1.0 - tt, w.w1); // uses the (possibly adjusted) r1, as OpenSim does
            boolean adj2 = adjust(s, w.r2, w.w1, w);
            w.adjustmentBranch = 31 * w.adjustmentBranch + 4L * n + (adj1 ? 2 : 0) + (adj2 ? 1 : 0);
            if (!(adj1 || adj2)) return;
            iterations++;
        }
    }

    /**
     * Whether the path rolls onto the cylinder at r1 and off it at r2 in the sense the helix turns, so that P→r1, the
     * helix and r2→S unroll into one line: the radial part of P→r1 and of r2→S (tangent to the circle at r1, r2) point
     * the way the helix turns there. Otherwise (some wraps the long way round) the construction has a corner at r1 or
     * r2 and OpenSim's adjustment is kept. This depends only on the discrete choices made before (tangent pair, long
     * wrap) and on the sign of θ, so it changes only where the length already jumps.
     */
    private static boolean rollsOn(Jet[] p, Jet[] s, Work w) {
        double turn = (w.longWrap ? -1.0 : 1.0) * w.theta.v;
        double x1 = w.r1[0].v, y1 = w.r1[1].v, x2 = w.r2[0].v, y2 = w.r2[1].v;
        // ẑ × r = (−y, x)
        double in = (x1 - p[0].v) * -y1 + (y1 - p[1].v) * x1;
        double out = (s[0].v - x2) * -y2 + (s[1].v - y2) * x2;
        return turn != 0 && in * turn > 0 && out * turn > 0;
    }

    /**
     * The fixed point of OpenSim's tangency adjustment, in closed form: r1 and r2 keep their radial positions (the
     * tangent points of the cross-sections through P and S, so that the radial parts of P→r1 and r2→S are tangent to
     * the circle, of lengths h1 = √(ρ_P² − R²) and h2 = √(ρ_S² − R²)) and are slid along their generators until P→r1,
     * the helix and r2→S make one angle with the axis: unrolled onto the cylinder's tangent plane they are one
     * straight line of run h1 + R|θ| + h2 and rise S_z − P_z, so z1 = P_z + rise·h1/run, z2 = P_z + rise·(h1 +
     * R|θ|)/run. OpenSim's adjustment (angle of P→r1 against that of the chord to the helix point at 1/n) approaches
     * this point to 0.1°; as the length is stationary there in z1 and z2, OpenSim's length is longer by a term of
     * second order in that residual angle.
     */
    private void unroll(Jet[] p, Jet[] s, Work w) {
        Jet dx = w.a.sub(w.r1[0], p[0]), dy = w.b.sub(w.r1[1], p[1]);
        Jet h1 = w.h1.mul(dx, dx).addMul(w.h1, dy, dy).sqrt(w.h1);
        dx = w.a.sub(s[0], w.r2[0]);
        dy = w.b.sub(s[1], w.r2[1]);
        Jet h2 = w.h2.mul(dx, dx).addMul(w.h2, dy, dy).sqrt(w.h2);
        Jet arc = w.c.mul(w.theta, w.theta.v < 0 ? -radius : radius);
        Jet first = w.run.add(h1, arc); // run up to r2
        Jet run = w.a.add(first, h2);
        if (!(run.v > 0)) return; // P and S on the surface with no arc between them: nothing to unroll
        Jet rise = w.rise.sub(s[2], p[2]);
        Jet f1 = w.b.div(h1, run);
        w.r1[2].addMul(p[2], f1, rise);
        Jet f2 = w.b.div(first, run);
        w.r2[2].addMul(p[2], f2, rise);
    }

    private void helixLength(Work w) {
        w.axial.sub(w.r2[2], w.r1[2]);
        // θ = atan2((u × v)_z, u·v) with u, v the radial parts of r1, r2
        Jet sn = w.a.mul(w.r1[0], w.r2[1]);
        sn.sub(sn, w.b.mul(w.r1[1], w.r2[0]));
        Jet cs = w.b.mul(w.r1[0], w.r2[0]).addMul(w.b, w.r1[1], w.r2[1]);
        w.theta.atan2(sn, cs);
        if (w.longWrap) {
            // OpenSim: θ_far = 2π − θ, rotated by −θ_far. For θ < 0 (the short way turns clockwise) that turns
            // 2π + |θ| clockwise, a full turn more than the far way round, and the length jumps by ~2π·radius·…
            // where atan2 crosses ±π (MoBL-ARMS SUP: 41 mm at pro_sup ≈ 4°). armid's continuous rule: the far way
            // round is the complement of the short way, θ_far = 2π·sign(θ) − θ, equal in magnitude on both sides
            // of the cut, so the length is continuous there.
            double turn = w.continuous && w.theta.v < 0 ? -2.0 * Math.PI : 2.0 * Math.PI;
            w.theta.mul(w.theta, -1.0).v += turn;
        }
        Jet x = w.c.mul(w.theta, radius);
        Jet l = w.surf.mul(x, x).addMul(w.surf, w.axial, w.axial);
        l.sqrt(l);
    }

    /** Point at fraction t of the helix: r1 rotated about z by sense·t·θ, raised by t·Δz. */
    private void helixPoint(Work w, double t, Jet[] out) {
        double sense = w.longWrap ? -1.0 : 1.0;
        Jet ang = w.a.mul(w.theta, sense * t);
        Jet c = w.b.cos(ang), sn = w.c.sin(ang);
        out[0].mul(c, w.r1[0]);
        out[0].sub(out[0], w.g.mul(sn, w.r1[1]));
        out[1].mul(sn, w.r1[0]);
        out[1].addMul(out[1], c, w.r1[1]);
        out[2].addMul(w.r1[2], t, w.axial);
    }

    /**
     * OpenSim's {@code _adjust_tangent_point}: if the angles of P→r and r→wp with the axis differ by more than the
     * threshold, move r by 1.5 × (point of r's generator nearest the line P–wp − r).
     */
    private boolean adjust(Jet[] pt, Jet[] r, Jet[] wp, Work w) {
        double prx = r[0].v - pt[0].v, pry = r[1].v - pt[1].v, prz = r[2].v - pt[2].v;
        double rwx = wp[0].v - r[0].v, rwy = wp[1].v - r[1].v, rwz = wp[2].v - r[2].v;
        double npr = Math.sqrt(prx * prx + pry * pry + prz * prz), nrw = Math.sqrt(rwx * rwx + rwy * rwy + rwz * rwz);
        double alpha = Math.acos(npr >= Math.ulp(1.0) ? prz / npr : 0.0);
        double omega = Math.acos(nrw >= Math.ulp(1.0) ? rwz / nrw : 0.0);
        if (!(Math.abs(alpha - omega) > TANGENCY_THRESHOLD)) return false;
        // line 1: pt → wp; line 2: (r_x, r_y, pt_z) → (r_x, r_y, wp_z)
        Jet.vsub(w.q3, wp, pt);
        double mag1 = Jet.normalize(w.q3, w.q3);
        w.q4[0].set(0.0);
        w.q4[1].set(0.0);
        w.q4[2].sub(wp[2], pt[2]);
        double mag2 = Jet.normalize(w.q4, w.q4);
        Jet.cross(w.cr, w.q3, w.q4);
        Jet den = Jet.dot(w.e, w.cr, w.cr);
        if (Math.abs(den.v) <= ROUNDOFF || mag1 == 0 || mag2 == 0) return true; // OpenSim would use garbage here
        // a = p3 − p1 = (r_x − pt_x, r_y − pt_y, 0); t = a·(vec1 × cross)/denom
        w.t2[0].sub(r[0], pt[0]);
        w.t2[1].sub(r[1], pt[1]);
        w.t2[2].set(0.0);
        Jet.cross(w.vv, w.q3, w.cr);
        Jet tt = Jet.dot(w.f, w.t2, w.vv).div(w.f, den);
        // intersection on line 2: (r_x, r_y, pt_z) + t·vec2, then r += 1.5·(that − r)
        Jet zInt = w.g.addMul(pt[2], tt, w.q4[2]);
        // x, y of the intersection equal r's, so only z moves
        zInt.sub(zInt, r[2]);
        r[2].addMul(r[2], 1.5, zInt);
        return true;
    }

    /** Drawing points along the helix (2 mm apart) into out, mapped by the optional 3×4 row-major transform. */
    void drawHelix(Work w, WrapResult out, double[] xf) {
        out.clearPoints();
        int n = Math.max(1, (int) (w.surf.v / 0.002));
        double sense = w.longWrap ? -1.0 : 1.0;
        double x1 = w.r1[0].v, y1 = w.r1[1].v, z1 = w.r1[2].v;
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n, ang = sense * t * w.theta.v, c = Math.cos(ang), sn = Math.sin(ang);
            double x = c * x1 - sn * y1, y = sn * x1 + c * y1, z = z1 + t * w.axial.v;
            if (i == n) {
                x = w.r2[0].v;
                y = w.r2[1].v;
                z = w.r2[2].v;
            }
            if (xf == null) out.addPoint(x, y, z);
            else out.addPoint(xf[0] * x + xf[1] * y + xf[2] * z + xf[3], xf[4] * x + xf[5] * y + xf[6] * z + xf[7],
                    xf[8] * x + xf[9] * y + xf[10] * z + xf[11]);
        }
    }
}
