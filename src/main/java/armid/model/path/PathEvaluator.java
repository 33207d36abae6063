package armid.model.path;

import armid.model.function.Function1;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.model.path.wrap.WrapResult;
import armid.model.path.wrap.WrapSurface;
import armid.numerics.Vec3;

/**
 * Musculotendon lengths, lengthening speeds and moment arms of a {@link PathSet} at the state of a {@link Dynamics}
 * workspace.
 *
 * <p><b>Path.</b> As OpenSim's GeometryPath: the active points (a ConditionalPathPoint is active while its coordinate
 * lies within its range ± 1e-5), then the PathWraps applied in order (OpenSim's {@code applyWrapObjects}): each wrap
 * tries every segment of its wrap range whose two points are not on the same wrap object, keeps a mandatory wrap at
 * once or else the wrap that lengthens the path least, and inserts its two tangent points; with several wraps the
 * pass repeats until the length settles, swapping the first two wraps after the first pass when the first did not
 * wrap and the second was inside its radius, until the length changes by less than 0.5 mm (at most 8 passes) as
 * OpenSim does; {@link #convergeWrapPasses()} repeats them until it changes by less than {@link #CONVERGENCE}
 * instead, so that the length does not depend on where the pass count changes. OpenSim also seeds each wrap with the tangent points of the previous state;
 * armid seeds it with those of the previous pass of the same evaluation, so that lengths depend on q alone (a
 * WrapCylinder ignores the seed: its wrapLine overwrites the tangent points it copies from the previous wrap).
 *
 * <p><b>OpenSim's stale tangent points, reproduced on purpose.</b> The path length and the length-change criterion
 * use each tangent point's ground position as OpenSim's cached {@code Point::getLocationInGround} returns it: the
 * position it had when first read during this evaluation, not the one from the latest pass, while the wraps
 * themselves see the latest tangent points (see {@link #gpos}). This only matters with two or more wrap objects on a
 * path; there it makes OpenSim's length depend on where its passes stop, so with {@link #convergeWrapPasses()} such
 * paths differ from OpenSim's by a few micrometres (subject_walk_armless med_gas: at most 4.1e-6 m), and agree to
 * 1e-6 m with OpenSim's rule, the default.
 *
 * <p><b>Smooth wraps.</b> {@link #smoothWraps()} replaces the two discretisations of OpenSim's wrap surfaces whose step
 * counts change with the pose (a cylinder's tangency adjustment, an ellipsoid's surface polyline) by their limits; with
 * {@link #convergeWrapPasses()} it makes the reference simulator's musculotendon lengths free of OpenSim's micrometre
 * jumps. Both are departures from OpenSim, off by default.
 *
 * <p><b>Moment arms</b> are geometric, r_i = −∂l/∂q_i for every free coordinate with the others held fixed (the paper's
 * footnote 1), from exact derivatives: a point fixed in a body moves with the body's spatial Jacobian, a
 * MovingPathPoint also with its location functions (zero where OpenSim clamps the driving coordinate), and a wrap's
 * length and tangent points with the derivatives of the wrap algorithm with respect to its two end points, the wrap
 * frame moving with its body. Tangent-point derivatives are carried forward through the wraps in the order they are
 * computed, pass by pass, and a cached tangent point keeps the derivatives it had when cached, so the moment arms
 * are the derivatives of the computed length (stale points included). The lengthening speed is Σ ∂l/∂q_i q̇_i, so
 * tension times lengthening speed equals the power −Σ r_i f q̇_i of the generalized forces exactly.
 *
 * <p><b>Decision signature.</b> Every discrete choice of an evaluation (active conditional points, clamped
 * MovingPathPoint coordinates, per pass and wrap the outcome of each segment tried, the segment kept and the branch
 * decisions of its surface, the pass count) is hashed into {@link #decisionSignature(int)}. Where it is constant in q
 * the length is smooth and the moment arms are its exact derivatives; every jump of the length changes it.
 *
 * <p>OpenSim's {@code computeMomentArm} differs in two documented ways: it applies no force along a segment whose two
 * points are on one body, so a MovingPathPoint's own motion there is dropped (MoBL-ARMS PECM1–3, DELT2, BIClong,
 * BICshort differ by millimetres), and a MovingPathPoint's derivative is taken at the unclamped coordinate value.
 *
 * <p>A workspace: not thread-safe; allocation-free per evaluation once built.
 */
public final class PathEvaluator {
    /** Length change (m) below which the wrap passes stop with {@link #convergeWrapPasses()}. */
    public static final double CONVERGENCE = 1e-12;
    /** Most wrap passes per evaluation with {@link #convergeWrapPasses()}. */
    public static final int MAX_PASSES = 50;
    /** OpenSim's stopping rule, the default: 0.5 mm, 8 passes. */
    static final double OPENSIM_CONVERGENCE = 0.0005;
    static final int OPENSIM_MAX_PASSES = 8;
    /** Markers of a pass and of a wrap in the decision signature. */
    private static final long PASS_MARK = 0x5A550000L;
    private static final long WRAP_MARK = 0x3A970000L;

    private final PathSet set;
    private final MultibodySystem system;
    private boolean latestTangents;
    private final int n;
    private final boolean[] bodyNeeded;
    private final double[][] jacobians; // per body: 6 × n
    private final double[][] bodyRot; // per body: R_GB
    private final double[][] bodyOrg; // per body: origin
    private final int[] freeModelIndex;

    // Compiled wraps, per path: surface, body, frame in body, method; null surface = skipped.
    private final WrapSurface[][] surfaces;
    private final int[][] wrapBody;
    private final double[][][] wrapRotInBody; // R_BW
    private final double[][][] wrapPosInBody; // p_BW
    private final WrapSurface.Method[][] wrapMethod;
    private final String[][] wrapObjectName;
    private final WrapResult[][] accepted;
    private final WrapResult[][] trial;
    private final WrapResult[][] previous;

    // Current path: elements are active point slots (>= 0) or tangent points (−1 − (2w + t), t = 0 for r1, 1 for r2).
    private final int[] elements;
    private int elementCount;
    private final double[] pointPos; // 3 per active point slot, ground
    private final double[] pointDer; // 3n per active point slot, ground
    private final double[] tangentPos; // per wrap: 6 (r1, r2) ground
    private final double[] tangentDer; // per wrap: 2 × 3n ground
    private final double[] wrapFramePos; // per wrap: R_GW (9) and o_W (3)
    private final int[] wrapCodes;
    private final int[] order;
    private final int[] activeIndexOfPoint; // path point index -> slot, or -1
    // OpenSim's Point::getLocationInGround cache of each PathWrapPoint (see gpos): per tangent point (2w + t), whether
    // it has been read in this evaluation, the ground position then (3) and its derivatives then (3n).
    private final boolean[] groundCached;
    private final double[] groundCache;
    private final double[] groundCacheDer;
    private final double[] g1 = new double[3];
    private final double[] g2 = new double[3];

    private final double[] tmp = new double[3];
    private final double[] local = new double[3];
    private final double[] pw = new double[3];
    private final double[] sw = new double[3];
    private final double[] dpw; // 3n
    private final double[] dsw; // 3n
    private final double[] dr1w; // 3n
    private final double[] dr2w; // 3n
    private final double[] surfaceDer; // per wrap: n
    private double convergence = OPENSIM_CONVERGENCE;
    private int maxPasses = OPENSIM_MAX_PASSES;
    private boolean smoothWraps;
    private boolean fadeConditionalPoints;
    /**
     * Width (rad, or m for a translational coordinate) of the band beyond a ConditionalPathPoint's range over which
     * {@link #fadeConditionalPoints()} blends the path with the point into the path without it.
     */
    public static final double CONDITIONAL_FADE = Math.toRadians(10);
    /** Most conditions of one path blended at once (2^MAX_FADING path computations). */
    private static final int MAX_FADING = 3;
    /** Per condition fading: the path points it switches (bit k: point k), its weight, ∂w/∂q and free coordinate. */
    private final int[] fadePoint = new int[MAX_FADING];
    private final double[] fadeWeight = new double[MAX_FADING];
    private final double[] fadeSlope = new double[MAX_FADING];
    private final int[] fadeFree = new int[MAX_FADING];
    private final double[] blendArms;

    // Results.
    private final double[] lengths;
    private final double[] speeds;
    private final double[] momentArms; // n per path
    private final int[] pointCounts;
    private final int[] wrapCounts;
    private final long[] signatures;
    private final int[] passCounts;
    private int passCount;
    /** The decision signature of the path being evaluated. */
    private long sig;

    PathEvaluator(PathSet set) {
        this.set = set;
        this.system = set.system;
        this.n = system.dof();
        int nb = system.bodyCount();
        bodyNeeded = new boolean[nb];
        jacobians = new double[nb][];
        bodyRot = new double[nb][9];
        bodyOrg = new double[nb][3];
        int maxPoints = 2;
        int maxWraps = 0;
        int np = set.size();
        surfaces = new WrapSurface[np][];
        wrapBody = new int[np][];
        wrapRotInBody = new double[np][][];
        wrapPosInBody = new double[np][][];
        wrapMethod = new WrapSurface.Method[np][];
        wrapObjectName = new String[np][];
        accepted = new WrapResult[np][];
        trial = new WrapResult[np][];
        previous = new WrapResult[np][];
        for (int m = 0; m < np; m++) {
            GeometryPathDef p = set.paths.get(m);
            maxPoints = Math.max(maxPoints, p.points().size());
            for (PathPointDef pt : p.points()) {
                bodyNeeded[pt.body()] = true;
            }
            int w = p.wraps().size();
            maxWraps = Math.max(maxWraps, w);
            surfaces[m] = new WrapSurface[w];
            wrapBody[m] = new int[w];
            wrapRotInBody[m] = new double[w][9];
            wrapPosInBody[m] = new double[w][];
            wrapMethod[m] = new WrapSurface.Method[w];
            wrapObjectName[m] = new String[w];
            accepted[m] = new WrapResult[w];
            trial[m] = new WrapResult[w];
            previous[m] = new WrapResult[w];
            for (int k = 0; k < w; k++) {
                PathWrapDef pw = p.wraps().get(k);
                WrapObjectDef obj = system.model().wrapObject(pw.wrapObject());
                if (obj == null) {
                    throw new IllegalArgumentException("path of " + set.names.get(m) + " uses wrap object '"
                            + pw.wrapObject() + "', which no body of model " + system.model().name() + " has");
                }
                wrapObjectName[m][k] = obj.name();
                wrapBody[m][k] = obj.body();
                bodyNeeded[obj.body()] = true;
                double[] r = obj.xyzBodyRotation();
                WrapSurface.rotationFromXyzBodyRotation(r[0], r[1], r[2], wrapRotInBody[m][k]);
                wrapPosInBody[m][k] = obj.translation().clone();
                wrapMethod[m][k] = WrapSurface.Method.parse(pw.method());
                surfaces[m][k] = obj.active() ? surface(obj) : null;
                accepted[m][k] = new WrapResult();
                trial[m][k] = new WrapResult();
                previous[m][k] = new WrapResult();
            }
        }
        for (int b = 0; b < nb; b++) {
            if (bodyNeeded[b]) {
                jacobians[b] = new double[6 * n];
            }
        }
        int maxElements = maxPoints + 2 * maxWraps;
        elements = new int[maxElements];
        pointPos = new double[3 * maxPoints];
        pointDer = new double[3 * n * maxPoints];
        activeIndexOfPoint = new int[maxPoints];
        tangentPos = new double[6 * Math.max(1, maxWraps)];
        tangentDer = new double[6 * n * Math.max(1, maxWraps)];
        wrapFramePos = new double[12 * Math.max(1, maxWraps)];
        groundCached = new boolean[2 * Math.max(1, maxWraps)];
        groundCache = new double[6 * Math.max(1, maxWraps)];
        groundCacheDer = new double[6 * n * Math.max(1, maxWraps)];
        wrapCodes = new int[Math.max(1, maxWraps)];
        order = new int[Math.max(1, maxWraps)];
        surfaceDer = new double[n * Math.max(1, maxWraps)];
        dpw = new double[3 * n];
        dsw = new double[3 * n];
        dr1w = new double[3 * n];
        dr2w = new double[3 * n];
        blendArms = new double[n];
        lengths = new double[np];
        speeds = new double[np];
        momentArms = new double[n * np];
        pointCounts = new int[np];
        wrapCounts = new int[np];
        signatures = new long[np];
        passCounts = new int[np];
        freeModelIndex = new int[n];
        for (int i = 0; i < n; i++) {
            freeModelIndex[i] = system.model().coordinateIndex(system.coordinateNames().get(i));
        }
    }

    private static WrapSurface surface(WrapObjectDef o) {
        return switch (o.type()) {
            case "WrapSphere" -> new armid.model.path.wrap.WrapSphere(o.radius(), o.quadrant());
            case "WrapCylinder" -> new armid.model.path.wrap.WrapCylinder(o.radius(), o.length(), o.quadrant());
            case "WrapEllipsoid" -> new armid.model.path.wrap.WrapEllipsoid(o.dimensions()[0], o.dimensions()[1],
                    o.dimensions()[2], o.quadrant());
            case "WrapTorus" -> new armid.model.path.wrap.WrapTorus(o.innerRadius(), o.outerRadius(), o.quadrant());
            default -> throw new IllegalArgumentException("wrap object " + o.name() + ": unsupported type " + o.type());
        };
    }

    /**
     * Repeats the wrap passes of multi-wrap paths until the length changes by less than {@link #CONVERGENCE} (at most
     * {@link #MAX_PASSES}) instead of OpenSim's 0.5 mm and 8 passes, the default. Lengths then no longer depend on
     * where OpenSim's pass count changes, and differ from OpenSim's by a few micrometres where two wraps engage.
     */
    public PathEvaluator convergeWrapPasses() {
        convergence = CONVERGENCE;
        maxPasses = MAX_PASSES;
        return this;
    }

    /**
     * Lengths and moment arms from the latest tangent points of every wrap (the path as it is drawn) instead of the
     * ground positions OpenSim's cache holds from an earlier pass (see {@link #gpos}); with {@link
     * #convergeWrapPasses()} a path with several wraps is then continuous where one of them starts or stops wrapping,
     * where OpenSim's length jumps (MoBL-ARMS PQ, two cylinders: 0.18 mm near pro_sup −0.72 rad). Paths with one
     * wrap object are unchanged; with several, lengths differ from OpenSim's by up to millimetres where two wraps
     * engage. See {@link #continuous()}.
     */
    public PathEvaluator useLatestTangentPoints() {
        latestTangents = true;
        return this;
    }

    /**
     * The continuous variant for simulation: {@link #convergeWrapPasses()}, {@link #useLatestTangentPoints()} and
     * {@link #smoothWraps()}. OpenSim's discrete choices (which segment a wrap takes, a surface's branch decisions)
     * remain, so the length can still jump where one of them switches.
     */
    public PathEvaluator continuous() {
        return convergeWrapPasses().useLatestTangentPoints().smoothWraps().fadeConditionalPoints();
    }

    /**
     * A ConditionalPathPoint does not drop out of the path at the edge of its range, where OpenSim's length jumps by
     * the detour through it and by any wrap that starts or stops wrapping with it (MoBL-ARMS LAT1–3 and TMAJ: 0.2 to
     * 1.1 mm at shoulder_rot 10°–30° and elv_angle −10°, the via point 2–3 mm from the humeral origin, with the
     * humeral cylinder TMAJ_LAThum starting or stopping to wrap): over a band of {@link #CONDITIONAL_FADE} beyond the
     * range the length is the blend (1 − w)·l_in + w·l_out of OpenSim's paths with and without the point, with the
     * C¹ weight w = 3t² − 2t³ of the distance t beyond the range (a fraction of the band). Both paths are OpenSim's
     * own, so no new geometry appears (sliding the point onto a neighbour instead made the constrained cylinder
     * TMAJ_LAThum wrap the far way round the short segment it leaves: 47 mm jumps); inside the range and beyond the
     * band the path is OpenSim's, and the moment arms are the exact derivatives of the blend (∂w/∂q through the
     * condition's coordinate). Costs a second path computation inside a band.
     */
    public PathEvaluator fadeConditionalPoints() {
        fadeConditionalPoints = true;
        return this;
    }

    /**
     * Replaces the two discretisations of OpenSim's wrap surfaces whose step counts change with the pose, and so make
     * its lengths jump by 1e-8 to 1e-5 m, by their limits: a cylinder's (and a torus's inner cylinder's) tangency
     * adjustment on paths with several wraps by its exact fixed point ({@link
     * armid.model.path.wrap.WrapResult#exactTangency}; OpenSim stops iterating at 0.1° after a pose-dependent number
     * of steps), and an ellipsoid's polyline of ⌊|r1 − r2|/1 mm⌋ segments by the exact arc length ({@link
     * armid.model.path.wrap.WrapResult#exactArc}). Lengths are then smooth wherever the wraps' discrete choices (which
     * segment wraps, which side, which tangent pair) are constant, and the moment arms are still their exact
     * derivatives. The lengths differ from OpenSim's by micrometres (the arc is longer than the polyline, the exact
     * tangency shorter than OpenSim's stopped iteration); measured on the 16 paper muscles of MoBL-ARMS over random
     * poses by {@code PathEvaluatorSmoothTest}. Use together with {@link #convergeWrapPasses()}.
     */
    public PathEvaluator smoothWraps() {
        smoothWraps = true;
        return this;
    }

    /** OpenSim's stopping rule for repeated wrap passes (0.5 mm, 8 passes): the default. */
    public PathEvaluator useOpenSimConvergence() {
        convergence = OPENSIM_CONVERGENCE;
        maxPasses = OPENSIM_MAX_PASSES;
        return this;
    }

    /**
     * Evaluates every path at the state last set on {@code dyn} (which must belong to the same system): lengths,
     * lengthening speeds and moment arms, read back with the accessors.
     */
    public void evaluate(Dynamics dyn) {
        if (dyn.system() != system) {
            throw new IllegalArgumentException("the dynamics workspace belongs to another system");
        }
        for (int b = 0; b < bodyNeeded.length; b++) {
            if (bodyNeeded[b]) {
                dyn.bodyJacobian(b, jacobians[b]);
                dyn.bodyRotation(b, bodyRot[b], 0);
                dyn.bodyOrigin(b, bodyOrg[b], 0);
            }
        }
        for (int m = 0; m < set.size(); m++) {
            evaluatePath(dyn, m);
        }
    }

    private void evaluatePath(Dynamics dyn, int m) {
        GeometryPathDef path = set.paths.get(m);
        int bands = 0;
        if (fadeConditionalPoints) {
            for (int k = 0; k < path.points().size(); k++) {
                PathPointDef pt = path.points().get(k);
                if (!pt.isConditional()) {
                    continue;
                }
                double v = dyn.modelCoordinate(pt.condition());
                double below = pt.rangeMin() - PathPointDef.CONDITION_TOLERANCE - v;
                double above = v - (pt.rangeMax() + PathPointDef.CONDITION_TOLERANCE);
                double out = Math.max(below, above);
                if (!(out > 0 && out < CONDITIONAL_FADE) || k >= 31) {
                    continue; // (the masks hold points 0 … 30; later ones keep OpenSim's rule)
                }
                int same = -1; // points switched by the same condition fade together, as OpenSim switches them
                for (int j = 0; j < bands; j++) {
                    PathPointDef other = path.points().get(Integer.numberOfTrailingZeros(fadePoint[j]));
                    if (other.condition() == pt.condition() && other.rangeMin() == pt.rangeMin()
                            && other.rangeMax() == pt.rangeMax()) {
                        same = j;
                    }
                }
                if (same >= 0) {
                    fadePoint[same] |= 1 << k;
                } else if (bands < MAX_FADING) {
                    double t = out / CONDITIONAL_FADE;
                    fadePoint[bands] = 1 << k;
                    fadeWeight[bands] = t * t * (3 - 2 * t);
                    fadeSlope[bands] = 6 * t * (1 - t) / CONDITIONAL_FADE * (below > 0 ? -1 : 1);
                    fadeFree[bands] = system.freeIndex(pt.condition());
                    bands++;
                }
            }
        }
        if (bands == 0) {
            evaluateOnce(dyn, m, path, 0, 0);
        } else {
            blendConditionalPoints(dyn, m, path, bands);
        }
        double speed = 0;
        int mo = n * m;
        for (int i = 0; i < n; i++) {
            speed -= momentArms[mo + i] * dyn.modelCoordinateSpeed(freeModelIndex[i]);
        }
        speeds[m] = speed;
    }

    /**
     * {@link #fadeConditionalPoints()}: the weighted sum over the 2^bands paths with the points of each fading
     * condition in or out (those of one coordinate and range together: MoBL-ARMS BRA-P2 and BRA-P3), condition j in
     * with weight 1 − w_j; the moment arms are the exact derivatives, Σ W_c r_c − Σ l_c ∂W_c/∂q. The path
     * of largest weight is evaluated last, so that the element accessors draw it.
     */
    private void blendConditionalPoints(Dynamics dyn, int m, GeometryPathDef path, int bands) {
        int combos = 1 << bands;
        int dominant = 0;
        for (int j = 0; j < bands; j++) {
            if (fadeWeight[j] > 0.5) {
                dominant |= 1 << j; // bit set: point j out
            }
        }
        double length = 0;
        long signature = 0;
        int mo = n * m;
        java.util.Arrays.fill(blendArms, 0);
        for (int cc = 0; cc < combos; cc++) {
            int c = cc == combos - 1 ? dominant : cc == dominant ? combos - 1 : cc;
            int off = 0;
            for (int j = 0; j < bands; j++) {
                if ((c & 1 << j) != 0) {
                    off |= fadePoint[j];
                }
            }
            evaluateOnce(dyn, m, path, off, bandMask(bands));
            double weight = 1;
            for (int j = 0; j < bands; j++) {
                weight *= (c & 1 << j) != 0 ? fadeWeight[j] : 1 - fadeWeight[j];
            }
            double l = lengths[m];
            length += weight * l;
            for (int i = 0; i < n; i++) {
                blendArms[i] += weight * momentArms[mo + i];
            }
            for (int j = 0; j < bands; j++) {
                if (fadeFree[j] < 0) {
                    continue;
                }
                double others = 1;
                for (int k = 0; k < bands; k++) {
                    if (k != j) {
                        others *= (c & 1 << k) != 0 ? fadeWeight[k] : 1 - fadeWeight[k];
                    }
                }
                double dWeight = others * ((c & 1 << j) != 0 ? fadeSlope[j] : -fadeSlope[j]);
                blendArms[fadeFree[j]] -= l * dWeight;
            }
            signature = WrapResult.mix(signature, signatures[m]);
        }
        lengths[m] = length;
        System.arraycopy(blendArms, 0, momentArms, mo, n);
        signatures[m] = WrapResult.mix(signature, 0xFADEL + bands);
    }

    private int bandMask(int bands) {
        int mask = 0;
        for (int j = 0; j < bands; j++) {
            mask |= fadePoint[j];
        }
        return mask;
    }

    /**
     * One path computation: OpenSim's rule for conditional points, except those whose bit is set in {@code forced}
     * (bit k for path point k), which are in unless their bit is set in {@code off}.
     */
    private void evaluateOnce(Dynamics dyn, int m, GeometryPathDef path, int off, int forced) {
        sig = 0L;
        int count = 0;
        for (int k = 0; k < path.points().size(); k++) {
            PathPointDef pt = path.points().get(k);
            activeIndexOfPoint[k] = -1;
            if (pt.isConditional()) {
                boolean active;
                if ((forced & 1 << k) != 0) {
                    active = (off & 1 << k) == 0;
                } else {
                    double v = dyn.modelCoordinate(pt.condition());
                    active = v >= pt.rangeMin() - PathPointDef.CONDITION_TOLERANCE
                            && v <= pt.rangeMax() + PathPointDef.CONDITION_TOLERANCE;
                }
                decide(active ? k + 1 : -(k + 1));
                if (!active) {
                    continue;
                }
            }
            activeIndexOfPoint[k] = count;
            pointState(dyn, pt, count);
            elements[count] = count;
            count++;
        }
        if (count < 2) {
            throw new IllegalStateException("path of " + set.names.get(m) + " has fewer than two active points");
        }
        pointCounts[m] = count;
        elementCount = count;
        int nw = path.wraps().size();
        for (int w = 0; w < nw; w++) {
            if (surfaces[m][w] != null) {
                int b = wrapBody[m][w];
                int f = 12 * w;
                Vec3.mulMat(bodyRot[b], 0, wrapRotInBody[m][w], 0, wrapFramePos, f);
                Vec3.mul(bodyRot[b], 0, wrapPosInBody[m][w], 0, tmp, 0);
                wrapFramePos[f + 9] = bodyOrg[b][0] + tmp[0];
                wrapFramePos[f + 10] = bodyOrg[b][1] + tmp[1];
                wrapFramePos[f + 11] = bodyOrg[b][2] + tmp[2];
                previous[m][w].resetPrevious();
            }
        }
        java.util.Arrays.fill(groundCached, false);
        passCount = 0;
        if (nw > 0) {
            applyWraps(m, path);
        }
        lengths[m] = currentLength(m);
        derivatives(m);
        int wc = 0;
        for (int e = 0; e < elementCount; e++) {
            if (elements[e] < 0) {
                wc++;
            }
        }
        wrapCounts[m] = wc / 2;
        signatures[m] = sig;
        passCounts[m] = passCount;
    }

    /** OpenSim's applyWrapObjects, with armid's stopping rule. */
    private void applyWraps(int m, GeometryPathDef path) {
        int nw = path.wraps().size();
        for (int i = 0; i < nw; i++) {
            order[i] = i;
        }
        int passes = nw < 2 ? 1 : maxPasses;
        double last = Double.POSITIVE_INFINITY;
        for (int kk = 0; kk < passes; kk++) {
            for (int i = 0; i < nw; i++) {
                int w = order[i];
                wrapCodes[i] = WrapSurface.NO_WRAP;
                removeTangents(w);
                if (surfaces[m][w] == null) {
                    continue;
                }
                wrapCodes[i] = wrapOne(m, w, path, nw == 1);
                decide(wrapCodes[i]);
            }
            double length = currentLength(m);
            passCount = kk + 1;
            decide(PASS_MARK + kk);
            if (Math.abs(length - last) < convergence) {
                break;
            }
            last = length;
            if (kk == 0 && nw > 1 && wrapCodes[0] == WrapSurface.NO_WRAP
                    && wrapCodes[1] == WrapSurface.INSIDE_RADIUS) {
                order[0] = 1;
                order[1] = 0;
                removeTangents(0);
            }
        }
    }

    private void removeTangents(int w) {
        int r1 = -1 - 2 * w;
        for (int e = 0; e < elementCount; e++) {
            if (elements[e] == r1) {
                System.arraycopy(elements, e + 2, elements, e, elementCount - e - 2);
                elementCount -= 2;
                return;
            }
        }
    }

    /** Wraps path wrap w over the best segment of its range; returns OpenSim's result code of the last try. */
    private int wrapOne(int m, int w, GeometryPathDef path, boolean single) {
        PathWrapDef def = path.wraps().get(w);
        int nPoints = path.points().size();
        int wrapStart = def.rangeStart() < 1 ? 0 : def.rangeStart() - 1;
        int wrapEnd = def.rangeEnd() < 1 ? nPoints - 1 : def.rangeEnd() - 1;
        int jfwd = wrapStart;
        while (jfwd <= wrapEnd && activeIndexOfPoint[jfwd] < 0) {
            jfwd++;
        }
        int jrev = wrapEnd;
        while (jrev >= wrapStart && activeIndexOfPoint[jrev] < 0) {
            jrev--;
        }
        decide(WRAP_MARK + w);
        if (jfwd > wrapEnd || jrev < wrapStart) {
            return WrapSurface.NO_WRAP;
        }
        int start = indexOfElement(activeIndexOfPoint[jfwd]);
        int end = indexOfElement(activeIndexOfPoint[jrev]);
        if (start < 0 || end < 0) {
            return WrapSurface.NO_WRAP;
        }
        WrapSurface surface = surfaces[m][w];
        double minChange = Double.POSITIVE_INFINITY;
        int bestEnd = -1;
        int code = WrapSurface.NO_WRAP;
        int f = 12 * w;
        for (int pt1 = start; pt1 < end; pt1++) {
            int pt2 = pt1 + 1;
            if (sameWrapObject(m, elements[pt1], elements[pt2])) {
                continue;
            }
            toWrapFrame(elements[pt1], f, pw);
            toWrapFrame(elements[pt2], f, sw);
            WrapResult t = trial[m][w];
            WrapResult prev = previous[m][w];
            t.singleWrap = single;
            t.exactTangency = smoothWraps;
            t.exactArc = smoothWraps;
            t.continuous = smoothWraps;
            t.method = wrapMethod[m][w];
            t.computeDerivatives = true;
            t.hasPrevious = prev.hasPrevious;
            if (prev.hasPrevious) {
                System.arraycopy(prev.previousR1, 0, t.previousR1, 0, 3);
                System.arraycopy(prev.previousR2, 0, t.previousR2, 0, 3);
            }
            code = surface.wrap(pw, sw, t);
            boolean take = false;
            if (code == WrapSurface.MANDATORY_WRAP && t.wraps) {
                take = true;
            } else if (code == WrapSurface.WRAPPED && t.wraps) {
                // OpenSim's calcPathLengthChange, in ground, with the end points' (possibly stale) cached ground
                // positions: see gpos.
                int e1 = elements[pt1], e2 = elements[pt2];
                double straight = Math.sqrt(sq(gpos(e1, 0) - gpos(e2, 0)) + sq(gpos(e1, 1) - gpos(e2, 1))
                        + sq(gpos(e1, 2) - gpos(e2, 2)));
                fromWrapFrame(t.r1, f, g1, 0);
                fromWrapFrame(t.r2, f, g2, 0);
                double wl = Math.sqrt(sq(gpos(e1, 0) - g1[0]) + sq(gpos(e1, 1) - g1[1]) + sq(gpos(e1, 2) - g1[2]))
                        + t.surfaceLength
                        + Math.sqrt(sq(gpos(e2, 0) - g2[0]) + sq(gpos(e2, 1) - g2[1]) + sq(gpos(e2, 2) - g2[2]));
                double change = wl - straight;
                if (change < minChange) {
                    minChange = change;
                    take = true;
                }
            }
            // the outcome of this try: its code, whether it wrapped, whether it was kept
            decide(4L * code + (t.wraps ? 2 : 0) + (take ? 1 : 0));
            if (take) {
                // Keep this result: swap the trial and accepted holders.
                trial[m][w] = accepted[m][w];
                accepted[m][w] = t;
                prev.hasPrevious = true;
                System.arraycopy(t.r1, 0, prev.previousR1, 0, 3);
                System.arraycopy(t.r2, 0, prev.previousR2, 0, 3);
                bestEnd = pt2;
                if (code == WrapSurface.MANDATORY_WRAP) {
                    break;
                }
            }
        }
        if (bestEnd < 0) {
            previous[m][w].resetPrevious();
            decide(-1L);
            return code;
        }
        WrapResult a = accepted[m][w];
        // the segment chosen and the discrete choices of the wrap kept there
        decide(bestEnd);
        decide(a.decisions());
        // Tangent points to ground.
        fromWrapFrame(a.r1, f, tangentPos, 6 * w);
        fromWrapFrame(a.r2, f, tangentPos, 6 * w + 3);
        System.arraycopy(elements, bestEnd, elements, bestEnd + 2, elementCount - bestEnd);
        elements[bestEnd] = -1 - 2 * w;
        elements[bestEnd + 1] = -2 - 2 * w;
        elementCount += 2;
        // Derivatives of the new tangent points and surface length, from those of the end points as they are now.
        wrapDerivative(m, w, bestEnd);
        return code;
    }

    private boolean sameWrapObject(int m, int e1, int e2) {
        if (e1 >= 0 || e2 >= 0) {
            return false;
        }
        int w1 = (-1 - e1) / 2;
        int w2 = (-1 - e2) / 2;
        return wrapObjectName[m][w1].equals(wrapObjectName[m][w2]);
    }

    private int indexOfElement(int value) {
        for (int e = 0; e < elementCount; e++) {
            if (elements[e] == value) {
                return e;
            }
        }
        return -1;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Ground position of an element. */
    private double pos(int element, int c) {
        if (element >= 0) {
            return pointPos[3 * element + c];
        }
        int k = -1 - element; // 2w + t
        return tangentPos[3 * k + c];
    }

    /**
     * Ground position of an element as OpenSim's {@code Point::getLocationInGround} returns it, which OpenSim uses for
     * the path length and for the length-change criterion, and which for a tangent point is deliberately stale.
     *
     * <p>OpenSim quirk, reproduced on purpose: {@code getLocationInGround} caches its result in a Stage::Position cache
     * variable of the Point ({@code Point::_locationCV}, Point.cpp). A PathWrapPoint's location is a separate cache
     * variable that {@code applyWrapObjects} rewrites on every pass ({@code ws.updWrapPoint1().setLocation(s,
     * best_wrap.r1)}, GeometryPath.cpp; {@code PathWrapPoint::setLocation} only marks its own {@code _location} valid),
     * and nothing invalidates the ground cache in between, as the coordinates do not change. So within one path
     * computation a tangent point's ground position is the one it had when first read: by {@code
     * calcLengthAfterPathComputation} at the end of the pass that created it, or by {@code calcPathLengthChange}
     * ({@code pt1->calcDistanceBetween}). {@code WrapObject::wrapPathSegment} reads the current location instead
     * ({@code aPoint1.getLocation(s)}), so the wraps themselves see fresh tangent points. With one wrap object per path
     * this changes nothing; with two (subject_walk_armless med_gas) OpenSim's straight segments end at the tangent
     * points of the first pass while the surface lengths are those of the last, which makes its lengths a few
     * millimetres shorter than those of the consistent path.
     */
    private double gpos(int element, int c) {
        if (latestTangents && element < 0) {
            return tangentPos[3 * (-1 - element) + c];
        }
        if (element >= 0) {
            return pointPos[3 * element + c];
        }
        int k = -1 - element;
        if (!groundCached[k]) {
            groundCached[k] = true;
            System.arraycopy(tangentPos, 3 * k, groundCache, 3 * k, 3);
            System.arraycopy(tangentDer, 3 * n * k, groundCacheDer, 3 * n * k, 3 * n);
        }
        return groundCache[3 * k + c];
    }

    private void toWrapFrame(int element, int f, double[] out) {
        double x = pos(element, 0) - wrapFramePos[f + 9];
        double y = pos(element, 1) - wrapFramePos[f + 10];
        double z = pos(element, 2) - wrapFramePos[f + 11];
        tmp[0] = x;
        tmp[1] = y;
        tmp[2] = z;
        Vec3.mulTransposed(wrapFramePos, f, tmp, 0, out, 0);
    }

    private void fromWrapFrame(double[] xw, int f, double[] out, int offset) {
        Vec3.mul(wrapFramePos, f, xw, 0, tmp, 0);
        out[offset] = wrapFramePos[f + 9] + tmp[0];
        out[offset + 1] = wrapFramePos[f + 10] + tmp[1];
        out[offset + 2] = wrapFramePos[f + 11] + tmp[2];
    }

    /** OpenSim's calcLengthAfterPathComputation on the current element list. */
    private double currentLength(int m) {
        double length = 0;
        for (int e = 0; e + 1 < elementCount; e++) {
            int a = elements[e];
            int b = elements[e + 1];
            if (a < 0 && b < 0 && sameWrapObject(m, a, b)) {
                length += accepted[m][(-1 - b) / 2].surfaceLength;
            } else {
                length += Math.sqrt(sq(gpos(b, 0) - gpos(a, 0)) + sq(gpos(b, 1) - gpos(a, 1))
                        + sq(gpos(b, 2) - gpos(a, 2)));
            }
        }
        return length;
    }

    /** Ground-frame derivative (3 × n) of an element. */
    private double[] derArray(int element) {
        return element >= 0 ? pointDer : tangentDer;
    }

    private int derOffset(int element) {
        return element >= 0 ? 3 * n * element : 3 * n * (-1 - element);
    }

    /**
     * Moment arms −∂l/∂q of the length as {@link #currentLength} computes it: surface lengths with the derivatives of
     * their last computation, straight segments between the (cached) ground positions of {@link #gpos} with the
     * derivatives those positions had when cached. Tangent-point derivatives were propagated forward through the
     * wraps in the order they were computed (wrapOne), so this is the exact derivative of the computed length wherever
     * the pass count and the wrap decisions are locally constant.
     */
    private void derivatives(int m) {
        int mo = n * m;
        java.util.Arrays.fill(momentArms, mo, mo + n, 0);
        for (int e = 0; e + 1 < elementCount; e++) {
            int a = elements[e];
            int b = elements[e + 1];
            if (a < 0 && b < 0 && sameWrapObject(m, a, b)) {
                int w = (-1 - b) / 2;
                for (int i = 0; i < n; i++) {
                    momentArms[mo + i] -= surfaceDer[n * w + i];
                }
                continue;
            }
            double dx = gpos(b, 0) - gpos(a, 0);
            double dy = gpos(b, 1) - gpos(a, 1);
            double dz = gpos(b, 2) - gpos(a, 2);
            double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (len == 0) {
                continue;
            }
            double ux = dx / len, uy = dy / len, uz = dz / len;
            double[] da = a >= 0 ? pointDer : latestTangents ? tangentDer : groundCacheDer;
            double[] db = b >= 0 ? pointDer : latestTangents ? tangentDer : groundCacheDer;
            int oa = derOffset(a);
            int ob = derOffset(b);
            for (int i = 0; i < n; i++) {
                double dl = ux * (db[ob + i] - da[oa + i]) + uy * (db[ob + n + i] - da[oa + n + i])
                        + uz * (db[ob + 2 * n + i] - da[oa + 2 * n + i]);
                momentArms[mo + i] -= dl;
            }
        }
    }

    /**
     * Derivatives of wrap w's tangent points and surface length from those of its end points (the elements before
     * and after its tangent points at position e, e+1), as they are when the wrap has just been computed.
     */
    private void wrapDerivative(int m, int w, int e) {
        WrapResult a = accepted[m][w];
        int f = 12 * w;
        int pe = elements[e - 1];
        int se = elements[e + 2];
        int b = wrapBody[m][w];
        double[] j = jacobians[b];
        relativeDerivative(pe, f, j, dpw);
        relativeDerivative(se, f, j, dsw);
        toWrapFrame(pe, f, pw);
        toWrapFrame(se, f, sw);
        // Tangent points in the wrap frame: dR·[dP; dS].
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < n; i++) {
                double v1 = 0;
                double v2 = 0;
                for (int c = 0; c < 3; c++) {
                    v1 += a.dR1[6 * r + c] * dpw[c * n + i] + a.dR1[6 * r + 3 + c] * dsw[c * n + i];
                    v2 += a.dR2[6 * r + c] * dpw[c * n + i] + a.dR2[6 * r + 3 + c] * dsw[c * n + i];
                }
                dr1w[r * n + i] = v1;
                dr2w[r * n + i] = v2;
            }
        }
        // Surface length: L − |P − r1| − |r2 − S| in the wrap frame.
        double d1x = pw[0] - a.r1[0], d1y = pw[1] - a.r1[1], d1z = pw[2] - a.r1[2];
        double l1 = Math.sqrt(d1x * d1x + d1y * d1y + d1z * d1z);
        double d2x = a.r2[0] - sw[0], d2y = a.r2[1] - sw[1], d2z = a.r2[2] - sw[2];
        double l2 = Math.sqrt(d2x * d2x + d2y * d2y + d2z * d2z);
        for (int i = 0; i < n; i++) {
            double dl = 0;
            for (int c = 0; c < 3; c++) {
                dl += a.dLdP[c] * dpw[c * n + i] + a.dLdS[c] * dsw[c * n + i];
            }
            if (l1 > 0) {
                dl -= (d1x * (dpw[i] - dr1w[i]) + d1y * (dpw[n + i] - dr1w[n + i]) + d1z * (dpw[2 * n + i]
                        - dr1w[2 * n + i])) / l1;
            }
            if (l2 > 0) {
                dl -= (d2x * (dr2w[i] - dsw[i]) + d2y * (dr2w[n + i] - dsw[n + i]) + d2z * (dr2w[2 * n + i]
                        - dsw[2 * n + i])) / l2;
            }
            surfaceDer[n * w + i] = dl;
        }
        // Back to ground: d r = v_W + ω_W × r + R_GW · d r_W.
        tangentToGround(w, 0, f, j, dr1w);
        tangentToGround(w, 1, f, j, dr2w);
    }

    private void tangentToGround(int w, int which, int f, double[] j, double[] drw) {
        int k = 2 * w + which;
        double x = tangentPos[3 * k], y = tangentPos[3 * k + 1], z = tangentPos[3 * k + 2];
        int o = 3 * n * k;
        for (int i = 0; i < n; i++) {
            double wx = j[i], wy = j[n + i], wz = j[2 * n + i];
            double vx = wy * z - wz * y + j[3 * n + i];
            double vy = wz * x - wx * z + j[4 * n + i];
            double vz = wx * y - wy * x + j[5 * n + i];
            double rx = drw[i], ry = drw[n + i], rz = drw[2 * n + i];
            double gx = vx + wrapFramePos[f] * rx + wrapFramePos[f + 1] * ry + wrapFramePos[f + 2] * rz;
            double gy = vy + wrapFramePos[f + 3] * rx + wrapFramePos[f + 4] * ry + wrapFramePos[f + 5] * rz;
            double gz = vz + wrapFramePos[f + 6] * rx + wrapFramePos[f + 7] * ry + wrapFramePos[f + 8] * rz;
            tangentDer[o + i] = gx;
            tangentDer[o + n + i] = gy;
            tangentDer[o + 2 * n + i] = gz;
        }
    }

    /**
     * Derivative of an element's position relative to the wrap frame, in wrap coordinates:
     * R_GWᵀ (dx − (v_W + ω_W × x)).
     */
    private void relativeDerivative(int element, int f, double[] j, double[] out) {
        double x = pos(element, 0), y = pos(element, 1), z = pos(element, 2);
        double[] d = derArray(element);
        int o = derOffset(element);
        for (int i = 0; i < n; i++) {
            double wx = j[i], wy = j[n + i], wz = j[2 * n + i];
            double rx = d[o + i] - (wy * z - wz * y + j[3 * n + i]);
            double ry = d[o + n + i] - (wz * x - wx * z + j[4 * n + i]);
            double rz = d[o + 2 * n + i] - (wx * y - wy * x + j[5 * n + i]);
            out[i] = wrapFramePos[f] * rx + wrapFramePos[f + 3] * ry + wrapFramePos[f + 6] * rz;
            out[n + i] = wrapFramePos[f + 1] * rx + wrapFramePos[f + 4] * ry + wrapFramePos[f + 7] * rz;
            out[2 * n + i] = wrapFramePos[f + 2] * rx + wrapFramePos[f + 5] * ry + wrapFramePos[f + 8] * rz;
        }
    }

    /** Position in ground and its derivatives with respect to the free coordinates, of an active path point. */
    private void pointState(Dynamics dyn, PathPointDef pt, int slot) {
        int b = pt.body();
        double[] rot = bodyRot[b];
        double[] org = bodyOrg[b];
        if (pt.isMoving()) {
            for (int c = 0; c < 3; c++) {
                Function1 f = pt.moving()[c];
                int ci = pt.movingCoordinate()[c];
                double x = 0;
                if (ci >= 0) {
                    var coord = system.model().coordinates().get(ci);
                    double v = dyn.modelCoordinate(ci);
                    x = Math.min(Math.max(v, coord.rangeMin()), coord.rangeMax());
                    decide(v < coord.rangeMin() ? 1 : v > coord.rangeMax() ? 2 : 0);
                }
                local[c] = f.value(x);
            }
        } else {
            System.arraycopy(pt.location(), 0, local, 0, 3);
        }
        int p = 3 * slot;
        Vec3.mul(rot, 0, local, 0, tmp, 0);
        pointPos[p] = org[0] + tmp[0];
        pointPos[p + 1] = org[1] + tmp[1];
        pointPos[p + 2] = org[2] + tmp[2];
        // ∂x/∂q_i = ω_i × x + v_i from the body's spatial Jacobian.
        double[] j = jacobians[b];
        int d = 3 * n * slot;
        double x = pointPos[p], y = pointPos[p + 1], z = pointPos[p + 2];
        for (int i = 0; i < n; i++) {
            double wx = j[i], wy = j[n + i], wz = j[2 * n + i];
            pointDer[d + i] = wy * z - wz * y + j[3 * n + i];
            pointDer[d + n + i] = wz * x - wx * z + j[4 * n + i];
            pointDer[d + 2 * n + i] = wx * y - wy * x + j[5 * n + i];
        }
        if (pt.isMoving()) {
            for (int c = 0; c < 3; c++) {
                int ci = pt.movingCoordinate()[c];
                if (ci < 0) {
                    continue;
                }
                int free = system.freeIndex(ci);
                var coord = system.model().coordinates().get(ci);
                double v = dyn.modelCoordinate(ci);
                if (free < 0 || v < coord.rangeMin() || v > coord.rangeMax()) {
                    continue; // locked, or clamped by OpenSim: no motion
                }
                double slope = pt.moving()[c].derivative(v);
                pointDer[d + free] += rot[c] * slope;
                pointDer[d + n + free] += rot[3 + c] * slope;
                pointDer[d + 2 * n + free] += rot[6 + c] * slope;
            }
        }
    }

    public double length(int path) {
        return lengths[path];
    }

    public double lengtheningSpeed(int path) {
        return speeds[path];
    }

    /** Moment arm −∂l/∂q_i of path {@code path} for free coordinate i. */
    public double momentArm(int path, int coordinate) {
        return momentArms[n * path + coordinate];
    }

    /** All moment arms of a path into {@code out} (length dof). */
    public void momentArms(int path, double[] out) {
        System.arraycopy(momentArms, n * path, out, 0, n);
    }

    /** Number of active path points (wrap tangent points not counted). */
    public int pointCount(int path) {
        return pointCounts[path];
    }

    /** Number of points (path points and tangent points) on the last evaluated path. */
    int elementCount() {
        return elementCount;
    }

    /**
     * Ground position of point e of the last evaluated path into out; returns the body it is fixed to (a tangent
     * point: its wrap object's body), or −1 for a MovingPathPoint, whose own motion the caller must add.
     */
    int element(int m, int e, double[] out) {
        int el = elements[e];
        out[0] = pos(el, 0);
        out[1] = pos(el, 1);
        out[2] = pos(el, 2);
        if (el < 0) {
            return wrapBody[m][(-1 - el) / 2];
        }
        GeometryPathDef path = set.paths.get(m);
        for (int k = 0; k < path.points().size(); k++) {
            if (activeIndexOfPoint[k] == el) {
                return path.points().get(k).isMoving() ? -1 : path.points().get(k).body();
            }
        }
        throw new IllegalStateException();
    }

    /**
     * Ground position of point e of the last evaluated path as OpenSim's cached {@code getLocationInGround} returns it
     * (see {@link #gpos}: a tangent point where it was first read in the evaluation) into out.
     */
    void cachedGroundElement(int e, double[] out) {
        int el = elements[e];
        for (int c = 0; c < 3; c++) {
            out[c] = gpos(el, c);
        }
    }

    /** Point e of the last evaluated path: an active point slot (≥ 0) or tangent point −1 − (2w + t) of wrap w. */
    int elementId(int e) {
        return elements[e];
    }

    /** Point e of the last evaluated path in the frame of its wrap w, into out. */
    void elementInWrapFrame(int e, int w, double[] out) {
        toWrapFrame(elements[e], 12 * w, out);
    }

    /** The wrap kept for wrap w of path m in the last evaluation (valid where the path has its tangent points). */
    WrapResult acceptedWrap(int m, int w) {
        return accepted[m][w];
    }

    /** Whether points e and e+1 of the last evaluated path are the two tangent points of one wrap. */
    boolean wrappedSegment(int m, int e) {
        return elements[e] < 0 && elements[e + 1] < 0 && sameWrapObject(m, elements[e], elements[e + 1]);
    }

    /**
     * A hash of every discrete decision made in the last evaluation of path {@code path}: which conditional points
     * were active and which MovingPathPoint coordinates were clamped; then per pass and per wrap, in order, the wrap,
     * the outcome of each segment tried (return code, whether it wrapped, whether it was kept), the segment chosen
     * (or none) with the branch decisions the surface recorded ({@link WrapResult#decisions()}), and the wrap's
     * return code; and the pass count. Wherever it is constant in q, the length is a smooth function of q and the
     * moment arms are its exact derivatives; where the length jumps, it changes (OpenSim's own switches).
     * Comparing it is meaningful only between evaluations of the same evaluator configuration.
     */
    private void decide(long value) {
        sig = WrapResult.mix(sig, value);
    }

    public long decisionSignature(int path) {
        return signatures[path];
    }

    /**
     * Number of wrap passes the last evaluation of path {@code path} made (0 without wraps); a path with several
     * wraps that reaches the pass limit ({@link #MAX_PASSES} with {@link #convergeWrapPasses()}) did not settle.
     */
    public int passCount(int path) {
        return passCounts[path];
    }

    /** Number of wraps on the current path. */
    public int wrapCount(int path) {
        return wrapCounts[path];
    }
}
