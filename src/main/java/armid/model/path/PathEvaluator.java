package armid.model.path;

import armid.model.function.Function1;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MultibodySystem;
import armid.numerics.Vec3;

/**
 * Musculotendon lengths, lengthening speeds and moment arms of a {@link PathSet} at the state of a {@link Dynamics}
 * workspace. Moment arms are geometric: r_i = −∂l/∂q_i for every free coordinate, each partial taken with the other
 * coordinates held fixed (the paper's footnote 1), from the exact derivative of every path point's position:
 * a point fixed in body b moves with b's spatial Jacobian, a MovingPathPoint also with its location functions
 * (zero derivative where OpenSim clamps the driving coordinate). The lengthening speed is Σ ∂l/∂q_i q̇_i, so
 * tension times lengthening speed equals the power of the generalized forces −Σ r_i f q̇_i exactly.
 *
 * <p>OpenSim's {@code computeMomentArm} differs: it evaluates the generalized force of a unit tension with a scheme
 * that drops a MovingPathPoint's own motion when its neighbour is on the same body, so for such paths (MoBL-ARMS
 * PECM1–3, DELT2, BIClong, BICshort) its numbers differ from −∂l/∂q by millimetres; armid uses −∂l/∂q everywhere.
 * A ConditionalPathPoint that switches on or off makes the length jump; the derivative on either side excludes the
 * switch.
 *
 * <p>A workspace: not thread-safe, allocation-free per evaluation once built.
 */
public final class PathEvaluator {
    private final PathSet set;
    private final MultibodySystem system;
    private final int n;
    private final boolean[] bodyNeeded;
    private final double[] rot = new double[9];
    private final double[] org = new double[3];
    // Per path point of the current path.
    private final double[] pos; // 3 per point
    private final double[] dpos; // 3n per point
    private final int[] active;
    private final double[] tmp = new double[3];
    private final double[] local = new double[3];
    // Results.
    private final double[] lengths;
    private final double[] speeds;
    private final double[] momentArms; // n per path
    private final int[] activeCounts;
    private final int[] freeModelIndex;

    PathEvaluator(PathSet set) {
        this.set = set;
        this.system = set.system;
        this.n = system.dof();
        int nb = system.bodyCount();
        bodyNeeded = new boolean[nb];
        holders = new double[nb][];
        int maxPoints = 2;
        for (GeometryPathDef p : set.paths) {
            maxPoints = Math.max(maxPoints, p.points().size() + 2 * p.wraps().size());
            for (PathPointDef pt : p.points()) {
                bodyNeeded[pt.body()] = true;
            }
        }
        pos = new double[3 * maxPoints];
        dpos = new double[3 * n * maxPoints];
        active = new int[maxPoints];
        lengths = new double[set.size()];
        speeds = new double[set.size()];
        momentArms = new double[n * set.size()];
        activeCounts = new int[set.size()];
        freeModelIndex = new int[n];
        for (int i = 0; i < n; i++) {
            freeModelIndex[i] = system.model().coordinateIndex(system.coordinateNames().get(i));
        }
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
                if (holders[b] == null) {
                    holders[b] = new double[6 * n];
                }
                dyn.bodyJacobian(b, holders[b]);
            }
        }
        for (int m = 0; m < set.size(); m++) {
            evaluatePath(dyn, m);
        }
    }

    private final double[][] holders;

    private void evaluatePath(Dynamics dyn, int m) {
        GeometryPathDef path = set.paths.get(m);
        int count = 0;
        for (int k = 0; k < path.points().size(); k++) {
            PathPointDef pt = path.points().get(k);
            if (pt.isConditional()) {
                double v = dyn.modelCoordinate(pt.condition());
                if (!(v >= pt.rangeMin() - PathPointDef.CONDITION_TOLERANCE
                        && v <= pt.rangeMax() + PathPointDef.CONDITION_TOLERANCE)) {
                    continue;
                }
            }
            active[count] = k;
            pointState(dyn, pt, count);
            count++;
        }
        if (count < 2) {
            throw new IllegalStateException("path of " + set.names.get(m) + " has fewer than two active points");
        }
        for (PathWrapDef w : path.wraps()) {
            WrapObjectDef obj = system.model().wrapObject(w.wrapObject());
            if (obj != null && obj.active()) {
                throw new UnsupportedOperationException("path of " + set.names.get(m) + " wraps over "
                        + obj.type() + " " + obj.name() + ", which this evaluator cannot compute yet");
            }
        }
        activeCounts[m] = count;
        double length = 0;
        int mo = n * m;
        java.util.Arrays.fill(momentArms, mo, mo + n, 0);
        for (int k = 0; k + 1 < count; k++) {
            int a = 3 * k;
            int b = 3 * (k + 1);
            double dx = pos[b] - pos[a];
            double dy = pos[b + 1] - pos[a + 1];
            double dz = pos[b + 2] - pos[a + 2];
            double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
            length += len;
            if (len > 0) {
                double ux = dx / len, uy = dy / len, uz = dz / len;
                int da = 3 * n * k;
                int db = 3 * n * (k + 1);
                for (int i = 0; i < n; i++) {
                    double dl = ux * (dpos[db + i] - dpos[da + i]) + uy * (dpos[db + n + i] - dpos[da + n + i])
                            + uz * (dpos[db + 2 * n + i] - dpos[da + 2 * n + i]);
                    momentArms[mo + i] -= dl;
                }
            }
        }
        lengths[m] = length;
        double speed = 0;
        for (int i = 0; i < n; i++) {
            speed -= momentArms[mo + i] * dyn.modelCoordinateSpeed(freeToModel(i));
        }
        speeds[m] = speed;
    }

    private int freeToModel(int i) {
        return freeModelIndex[i];
    }

    /** Position in ground and its derivatives with respect to the free coordinates, of point k of the path. */
    private void pointState(Dynamics dyn, PathPointDef pt, int slot) {
        int b = pt.body();
        dyn.bodyRotation(b, rot, 0);
        dyn.bodyOrigin(b, org, 0);
        if (pt.isMoving()) {
            for (int c = 0; c < 3; c++) {
                Function1 f = pt.moving()[c];
                int ci = pt.movingCoordinate()[c];
                double x = 0;
                if (ci >= 0) {
                    var coord = system.model().coordinates().get(ci);
                    x = Math.min(Math.max(dyn.modelCoordinate(ci), coord.rangeMin()), coord.rangeMax());
                }
                local[c] = f.value(x);
            }
        } else {
            System.arraycopy(pt.location(), 0, local, 0, 3);
        }
        int p = 3 * slot;
        Vec3.mul(rot, 0, local, 0, tmp, 0);
        pos[p] = org[0] + tmp[0];
        pos[p + 1] = org[1] + tmp[1];
        pos[p + 2] = org[2] + tmp[2];
        // ∂x/∂q_i = ω_i × x + v_i from the body's spatial Jacobian.
        double[] j = holders[b];
        int d = 3 * n * slot;
        double x = pos[p], y = pos[p + 1], z = pos[p + 2];
        for (int i = 0; i < n; i++) {
            double wx = j[i], wy = j[n + i], wz = j[2 * n + i];
            dpos[d + i] = wy * z - wz * y + j[3 * n + i];
            dpos[d + n + i] = wz * x - wx * z + j[4 * n + i];
            dpos[d + 2 * n + i] = wx * y - wy * x + j[5 * n + i];
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
                // R·e_c·slope
                dpos[d + free] += rot[c] * slope;
                dpos[d + n + free] += rot[3 + c] * slope;
                dpos[d + 2 * n + free] += rot[6 + c] * slope;
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

    /** Number of points (path points and wrap tangent points) on the current path. */
    public int pointCount(int path) {
        return activeCounts[path];
    }
}
