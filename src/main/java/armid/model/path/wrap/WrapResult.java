package armid.model.path.wrap;

/**
 * Caller-owned, reusable output (and small amount of state) of one path segment wrapping over one {@link WrapSurface}.
 * All arrays are allocated once; {@link WrapSurface#wrap} fills them without allocating, except that the surface-point
 * buffer grows (once) if a wrap needs more points than it holds. One instance per path/wrap-object pair and thread.
 *
 * <p>Coordinates are in the wrap object's own frame. Mirrors OpenSim's {@code WrapResult} plus the length
 * derivatives.
 */
public final class WrapResult {
    // ---- inputs ----

    /**
     * OpenSim's {@code WrapResult.singleWrap}: true when the path has exactly one wrap object. OpenSim's cylinder (and
     * hence torus) skips its iterative tangent-point adjustment in that case, so lengths differ slightly. Default
     * true.
     */
    public boolean singleWrap = true;

    /**
     * Replace OpenSim's iterative cylinder tangency adjustment (multi-wrap paths, {@code singleWrap} false) by its
     * exact fixed point: the tangent points slid along their generators until P–r1, the helix and r2–S unroll into one
     * straight line, so the length is smooth where the construction's discrete choices are constant. OpenSim stops
     * adjusting at 0.1° of tangency, after a piecewise constant number of iterations, which makes its length jump;
     * since the exact fixed point makes the length stationary in the tangent points' axial positions, the two lengths
     * differ only to second order in that 0.1° (see {@link WrapCylinder}). Default false (OpenSim's adjustment).
     */
    public boolean exactTangency = false;

    /**
     * Measure an ellipsoid's surface path as the exact length of the arc of the ellipse cut by the wrapping plane,
     * instead of OpenSim's polyline of ⌊|r1 − r2|/1 mm⌋ segments, whose length jumps (by ~1e-7 m on MoBL-ARMS) each
     * time that count changes or the fan origin moves to another axis. The polyline is shorter than the arc by a few
     * micrometres (see {@link WrapEllipsoid}). Default false (OpenSim's polyline).
     */
    public boolean exactArc = false;

    /**
     * armid's continuous rules where OpenSim's construction jumps for no geometric reason (not OpenSim; the continuous
     * path variant): a cylinder's far-side ("long") wrap turns by the complement 2π − |θ| of the short angle θ in
     * either sense, where OpenSim's 2π − θ adds a full turn whenever θ &lt; 0 (see {@link WrapCylinder}); a constrained
     * ellipsoid keeps the short way round while it lies on the active side, where OpenSim redoes a wrap that turns
     * back the far way round (see {@link WrapEllipsoid}); a quadrant-constrained cylinder reads its quadrant as a wall
     * the path may not cross, straight behind the cylinder, and wraps exactly where the shortest path of that class
     * touches it, where OpenSim's rule switches with the path clear of the cylinder, and a cylinder's wrap fades out
     * over one radius where its tangent points pass the cylinder's end (see {@link WrapCylinder}). Default false.
     */
    public boolean continuous = false;

    /** Whether to compute {@link #dLdP} and {@link #dLdS}. Default true. */
    public boolean computeDerivatives = true;

    /** The PathWrap method; only the ellipsoid distinguishes them. Default hybrid. */
    public WrapSurface.Method method = WrapSurface.Method.HYBRID;

    // ---- outputs ----

    /** One of {@link WrapSurface#NO_WRAP}, {@link WrapSurface#INSIDE_RADIUS}, {@link WrapSurface#WRAPPED}, {@link WrapSurface#MANDATORY_WRAP}. */
    public int code;

    /**
     * True when the path goes over the surface, i.e. OpenSim would accept this segment's wrap: return code
     * WRAPPED or MANDATORY_WRAP and at least one surface point. When false, r1, r2, lengths and derivatives describe
     * the straight segment (r1 = P, r2 = S, surfaceLength 0, length |P−S|, dR1 = [I | 0], dR2 = [0 | I]).
     */
    public boolean wraps;

    /** Tangent point nearest P. */
    public final double[] r1 = new double[3];
    /** Tangent point nearest S. */
    public final double[] r2 = new double[3];
    /** Length of the path on the surface, from r1 to r2 (OpenSim's {@code wrap_path_length}). */
    public double surfaceLength;
    /** L = |P − r1| + surfaceLength + |r2 − S| (or |P − S| when the segment does not wrap). */
    public double length;
    /** ∂L/∂P in the wrap frame (valid when computeDerivatives). */
    public final double[] dLdP = new double[3];
    /** ∂L/∂S in the wrap frame (valid when computeDerivatives). */
    public final double[] dLdS = new double[3];
    /**
     * Jacobian of the tangent point r1 with respect to (P, S), row-major 3×6: entry {@code dR1[6·i + j]} is
     * ∂r1_i/∂P_j for j &lt; 3 and ∂r1_i/∂S_(j−3) for j ≥ 3, in the wrap frame (valid when computeDerivatives).
     *
     * <p>When the segment wraps these are the exact derivatives of the computed r1, taken through the same
     * construction and branch decisions as the value (tangent points found by an iterative solve are differentiated
     * through their converged equations). When it does not wrap, r1 = P and r2 = S (the straight segment), so
     * dR1 = [I | 0] and dR2 = [0 | I]. Like r1 and r2 themselves, they are those of the branch taken at (P, S): where
     * the wrap state or a discrete choice of the construction changes, r1 and r2 jump and so do these.
     */
    public final double[] dR1 = new double[18];
    /** Jacobian of the tangent point r2 with respect to (P, S), laid out as {@link #dR1}: [0 | I] when not wrapping. */
    public final double[] dR2 = new double[18];

    /** Surface points r1 … r2 for drawing, xyz interleaved; {@link #pointCount} of them are valid. */
    public double[] points = new double[3 * 64];
    public int pointCount;

    /**
     * A hash of the discrete decisions of the last {@link WrapSurface#wrap} into this result (tangent pair, far side,
     * long wrap, tangency-adjustment branch, ellipsoid method branch and segment count, torus search side, …): within
     * a region of (P, S) where it is constant, r1, r2 and L are smooth functions of P and S. 0 before any wrap.
     */
    long decisions;

    /** See {@link #decisions}. */
    public long decisions() {
        return decisions;
    }

    /** Start recording the decisions of a new wrap. */
    void resetDecisions() {
        decisions = 0L;
    }

    /** Record one discrete decision. */
    void decide(long value) {
        decisions = mix(decisions, value);
    }

    /** Record one boolean decision. */
    void decide(boolean value) {
        decide(value ? 1L : 0L);
    }

    /** Order-dependent, allocation-free hash step (used for the decision signatures). */
    public static long mix(long h, long value) {
        long x = (h ^ (value + 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 31);
    }

    // ---- state carried from one call to the next (OpenSim's PathWrap "previous wrap") ----

    /** Whether previousR1/previousR2 hold the tangent points of the last accepted wrap. */
    public boolean hasPrevious;
    public final double[] previousR1 = new double[3];
    public final double[] previousR2 = new double[3];

    // ---- scratch, created on first use by the surface kind that needs it ----
    Object scratch;

    /** Store the current tangent points as the previous wrap (OpenSim's {@code setPreviousWrap}). */
    public void rememberAsPrevious() {
        System.arraycopy(r1, 0, previousR1, 0, 3);
        System.arraycopy(r2, 0, previousR2, 0, 3);
        hasPrevious = true;
    }

    /** OpenSim's {@code resetPreviousWrap}. */
    public void resetPrevious() {
        hasPrevious = false;
    }

    public double pointX(int i) {
        return points[3 * i];
    }

    public double pointY(int i) {
        return points[3 * i + 1];
    }

    public double pointZ(int i) {
        return points[3 * i + 2];
    }

    void clearPoints() {
        pointCount = 0;
    }

    void addPoint(double x, double y, double z) {
        if (3 * pointCount + 3 > points.length) {
            double[] bigger = new double[Math.max(points.length * 2, 3 * pointCount + 3)];
            System.arraycopy(points, 0, bigger, 0, 3 * pointCount);
            points = bigger;
        }
        points[3 * pointCount] = x;
        points[3 * pointCount + 1] = y;
        points[3 * pointCount + 2] = z;
        pointCount++;
    }

    /** Fill the outputs for a segment that does not wrap: straight line P–S. */
    void setStraight(double[] p, double[] s, int returnCode) {
        code = returnCode;
        wraps = false;
        surfaceLength = 0.0;
        pointCount = 0;
        double dx = p[0] - s[0], dy = p[1] - s[1], dz = p[2] - s[2];
        double l = Math.sqrt(dx * dx + dy * dy + dz * dz);
        length = l;
        System.arraycopy(p, 0, r1, 0, 3);
        System.arraycopy(s, 0, r2, 0, 3);
        if (computeDerivatives) {
            // r1 = P, r2 = S
            for (int i = 0; i < 18; i++) {
                dR1[i] = 0.0;
                dR2[i] = 0.0;
            }
            for (int i = 0; i < 3; i++) {
                dR1[6 * i + i] = 1.0;
                dR2[6 * i + 3 + i] = 1.0;
            }
            double inv = l > 0 ? 1.0 / l : 0.0;
            dLdP[0] = dx * inv;
            dLdP[1] = dy * inv;
            dLdP[2] = dz * inv;
            dLdS[0] = -dx * inv;
            dLdS[1] = -dy * inv;
            dLdS[2] = -dz * inv;
        }
    }

    /**
     * Fill dR1 and dR2 (when computeDerivatives) from the jets of the tangent points, multiplied by {@code scale}
     * (the jets may be in scaled coordinates).
     */
    void setTangentJets(Jet[] t1, Jet[] t2, double scale) {
        if (!computeDerivatives) return;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < Jet.N; k++) {
                dR1[6 * i + k] = t1[i].d[k] * scale;
                dR2[6 * i + k] = t2[i].d[k] * scale;
            }
        }
    }

    /** Fill length and derivatives from the jets of the wrapped length L. */
    void setLengthJet(Jet l) {
        length = l.v;
        if (computeDerivatives) {
            for (int k = 0; k < 3; k++) {
                dLdP[k] = l.d[k];
                dLdS[k] = l.d[3 + k];
            }
        }
    }
}
