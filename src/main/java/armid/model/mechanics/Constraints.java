package armid.model.mechanics;

import java.util.ArrayList;
import java.util.List;

/**
 * The coupler constraints of a {@link MultibodySystem} in the form the paper uses (eq. 2): G q̈ = b, with G constant and
 * b = 0 because every coupler is affine, q_dep = s·(a·q_ind + c). Checked when built: a coupler that is not affine, a
 * coordinate that depends on two couplers, or a cycle of couplers is refused with the coupler's name, since this
 * formulation cannot take them.
 *
 * <p>The free coordinates split into independent ones (not the dependent coordinate of any coupler) and dependent ones;
 * positions and speeds follow as q = T·q_ind + q0 and q̇ = T·q̇_ind (T is dof × independent).
 */
public final class Constraints {
    private final MultibodySystem system;
    private final int n;
    private final int[] independent;
    private final double[] g; // rows × n, row-major
    private final double[] t; // n × ni, row-major
    private final double[] q0;

    public Constraints(MultibodySystem system) {
        this.system = system;
        this.n = system.dof();
        List<CoordinateCoupler> cs = system.constraints();
        int rows = cs.size();
        int[] depOf = new int[n];
        java.util.Arrays.fill(depOf, -1);
        double[] slope = new double[rows];
        double[] offset = new double[rows];
        g = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            CoordinateCoupler k = cs.get(r);
            if (!k.function().isAffine()) {
                throw new IllegalArgumentException("CoordinateCouplerConstraint " + k.name() + ": its "
                        + k.function().kind() + " is not linear in " + system.model().coordinates()
                        .get(k.independent()).name() + "; the constrained model (eq. 2, constant G and b = 0) "
                        + "accepts only affine couplers");
            }
            int dep = system.freeIndex(k.dependent());
            int ind = system.freeIndex(k.independent());
            if (ind < 0) {
                throw new IllegalStateException("coupler " + k.name() + " has a locked independent coordinate");
            }
            if (depOf[dep] >= 0) {
                throw new IllegalArgumentException("coordinate " + system.coordinateNames().get(dep)
                        + " is the dependent coordinate of two couplers: " + cs.get(depOf[dep]).name() + " and "
                        + k.name());
            }
            depOf[dep] = r;
            slope[r] = k.slope(0);
            offset[r] = k.dependentValue(0);
            g[r * n + dep] += 1;
            g[r * n + ind] -= slope[r];
        }
        List<Integer> ind = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (depOf[i] < 0) {
                ind.add(i);
            }
        }
        independent = ind.stream().mapToInt(Integer::intValue).toArray();
        int ni = independent.length;
        // Resolve each coordinate as an affine function of the independent ones, following chains of couplers.
        t = new double[n * ni];
        q0 = new double[n];
        int[] state = new int[n]; // 0 unvisited, 1 in progress, 2 done
        for (int i = 0; i < n; i++) {
            resolve(i, depOf, slope, offset, cs, state);
        }
    }

    private void resolve(int i, int[] depOf, double[] slope, double[] offset, List<CoordinateCoupler> cs, int[] state) {
        if (state[i] == 2) {
            return;
        }
        if (state[i] == 1) {
            throw new IllegalArgumentException("couplers form a cycle through coordinate "
                    + system.coordinateNames().get(i));
        }
        state[i] = 1;
        int ni = independent.length;
        int r = depOf[i];
        if (r < 0) {
            for (int c = 0; c < ni; c++) {
                t[i * ni + c] = independent[c] == i ? 1 : 0;
            }
            q0[i] = 0;
        } else {
            int src = system.freeIndex(cs.get(r).independent());
            resolve(src, depOf, slope, offset, cs, state);
            for (int c = 0; c < ni; c++) {
                t[i * ni + c] = slope[r] * t[src * ni + c];
            }
            q0[i] = slope[r] * q0[src] + offset[r];
        }
        state[i] = 2;
    }

    public MultibodySystem system() {
        return system;
    }

    /** Number of constraint rows (couplers among free coordinates). */
    public int rows() {
        return system.constraints().size();
    }

    /** Indices (in the free coordinates) of the independent coordinates. */
    public int[] independent() {
        return independent.clone();
    }

    public List<String> independentNames() {
        List<String> out = new ArrayList<>();
        for (int i : independent) {
            out.add(system.coordinateNames().get(i));
        }
        return out;
    }

    /** G (rows × dof, row-major copy): eq. 2. */
    public double[] matrix() {
        return g.clone();
    }

    /** b of eq. 2 (zero: every accepted coupler is affine). */
    public double[] bias() {
        return new double[rows()];
    }

    /** T with q̇ = T q̇_ind (dof × independent, row-major copy). */
    public double[] velocityMap() {
        return t.clone();
    }

    /** Positions of all free coordinates from the independent ones. */
    public double[] positions(double[] qIndependent) {
        int ni = independent.length;
        if (qIndependent.length != ni) {
            throw new IllegalArgumentException("expected " + ni + " independent coordinates, got "
                    + qIndependent.length);
        }
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            double v = q0[i];
            for (int c = 0; c < ni; c++) {
                v += t[i * ni + c] * qIndependent[c];
            }
            q[i] = v;
        }
        return q;
    }

    /** Speeds of all free coordinates from the independent ones. */
    public double[] speeds(double[] qdIndependent) {
        int ni = independent.length;
        double[] qd = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int c = 0; c < ni; c++) {
                v += t[i * ni + c] * qdIndependent[c];
            }
            qd[i] = v;
        }
        return qd;
    }

    /** Constraint violation at position level, q_dep − s·f(q_ind), per row. */
    public double[] positionErrors(double[] q) {
        List<CoordinateCoupler> cs = system.constraints();
        double[] e = new double[cs.size()];
        for (int r = 0; r < cs.size(); r++) {
            CoordinateCoupler k = cs.get(r);
            e[r] = q[system.freeIndex(k.dependent())] - k.dependentValue(q[system.freeIndex(k.independent())]);
        }
        return e;
    }
    /**
     * Completes a pose from named values: independent coordinates not given take {@code defaults}, dependent ones
     * follow from the couplers; a given dependent value that breaks its coupler by more than {@code tolerance} is an
     * error naming it, as is an unknown or locked coordinate.
     */
    public double[] complete(java.util.Map<String, Double> given, double[] defaultsIndependent, double tolerance,
            boolean speeds) {
        int ni = independent.length;
        double[] qi = defaultsIndependent.clone();
        java.util.List<String> names = system.coordinateNames();
        for (var e : given.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                boolean locked = system.lockedCoordinates().containsKey(e.getKey());
                throw new IllegalArgumentException((locked ? "coordinate '" + e.getKey() + "' is locked at "
                        + system.lockedCoordinates().get(e.getKey()) : "unknown coordinate '" + e.getKey() + "'")
                        + "; free coordinates: " + String.join(", ", names));
            }
            for (int c = 0; c < ni; c++) {
                if (independent[c] == i) {
                    qi[c] = e.getValue();
                }
            }
        }
        double[] q = speeds ? speeds(qi) : positions(qi);
        for (var e : given.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (Math.abs(q[i] - e.getValue()) > tolerance) {
                throw new IllegalArgumentException((speeds ? "speed of " : "") + "dependent coordinate '" + e.getKey()
                        + "' = " + e.getValue() + " breaks its coupler, which gives " + q[i] + " from the independent "
                        + "coordinates (" + String.join(", ", independentNames()) + ")");
            }
        }
        return q;
    }

    /** The independent coordinates' values within a full vector of free coordinates. */
    public double[] independentPart(double[] q) {
        double[] out = new double[independent.length];
        for (int c = 0; c < independent.length; c++) {
            out[c] = q[independent[c]];
        }
        return out;
    }
}
