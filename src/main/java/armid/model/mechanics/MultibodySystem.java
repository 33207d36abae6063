package armid.model.mechanics;

import armid.model.Model;
import armid.model.function.Function1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multibody tree of a {@link Model} with some coordinates locked, compiled into flat arrays for dynamics.
 *
 * <p>The free coordinates q are the model's coordinates less the locked ones (those locked in the file, those the
 * caller locks, and those a coupler ties to a locked coordinate); their order is the model's. Each joint is expanded
 * into its six primitive motions (three translations along axes of the parent frame F, then three rotations about
 * axes carried by the rotating frame), each an angle or displacement θ = f(q_j). Velocities, accelerations and forces
 * are spatial vectors in ground coordinates about the ground origin, so the equations of motion are the
 * Newton–Euler recursions of Featherstone's "Rigid Body Dynamics Algorithms" (ch. 5–6) in absolute coordinates, with
 * the chain rule θ̇ = f'(q) q̇, θ̈ = f'(q) q̈ + f''(q) q̇² for the coordinate functions.
 *
 * <p>This object is immutable and shared; computations go through a {@link Dynamics} workspace, one per thread.
 */
public final class MultibodySystem {
    final Model model;
    final int nBodies;
    final int nFree;
    final String[] freeNames;
    final int[] freeToFull;
    final int[] fullToFree;
    final double[] lockedValues; // full-length; NaN for free coordinates

    // Per body (index 0 = ground).
    final double[] mass;
    final double[] comLocal; // 3 per body
    final double[] inertiaLocal; // 9 per body, about the COM, body frame
    final int[] parentBody;
    final int[] bodyJoint; // joint whose child is the body, -1 for ground
    final int[] bodyOrder; // bodies in tree order (ground first)

    // Per joint.
    final int nJoints;
    final int[] jointParent;
    final int[] jointChild;
    final double[] parentOffsetR; // 9 per joint, X_PF
    final double[] parentOffsetP; // 3 per joint
    final double[] childInvR; // 9 per joint, X_MB
    final double[] childInvP; // 3 per joint
    final int[] jointFirstPrimitive; // 6 primitives per joint: translations 3..5 first, then rotations 0..2

    // Per primitive (6 per joint, in evaluation order: translation x3, rotation x3).
    final int nPrimitives;
    final boolean[] primRotation;
    final double[] primAxis; // 3 per primitive, unit, local (F for translations, rotating frame for rotations)
    final Function1[] primFunction;
    final int[] primFull; // full coordinate index or -1
    final int[] primFree; // free coordinate index or -1 (constant during motion)
    final int[] primJoint;

    // Active primitives on the path from each body to ground (for the regressor and mass matrix).
    final int[][] bodyAncestorPrimitives;
    // Constraints among free coordinates.
    final List<CoordinateCoupler> constraints;
    final double[] gravity;

    private MultibodySystem(Model model, Map<String, Double> locks) {
        this.model = model;
        List<Coordinate> coords = model.coordinates();
        int nFull = coords.size();
        lockedValues = new double[nFull];
        java.util.Arrays.fill(lockedValues, Double.NaN);
        for (int i = 0; i < nFull; i++) {
            Coordinate c = coords.get(i);
            if (locks.containsKey(c.name())) {
                lockedValues[i] = locks.get(c.name());
            } else if (c.locked()) {
                lockedValues[i] = c.defaultValue();
            }
        }
        for (String name : locks.keySet()) {
            if (model.coordinateIndex(name) < 0) {
                throw new IllegalArgumentException("cannot lock coordinate '" + name + "': model " + model.name()
                        + " has no such coordinate");
            }
        }
        // A coupler whose independent coordinate is locked fixes its dependent one too (repeat until stable).
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CoordinateCoupler k : model.couplers()) {
                if (k.enforced() && !Double.isNaN(lockedValues[k.independent()])
                        && Double.isNaN(lockedValues[k.dependent()])) {
                    lockedValues[k.dependent()] = k.dependentValue(lockedValues[k.independent()]);
                    changed = true;
                }
            }
        }
        fullToFree = new int[nFull];
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < nFull; i++) {
            if (Double.isNaN(lockedValues[i])) {
                fullToFree[i] = free.size();
                free.add(i);
            } else {
                fullToFree[i] = -1;
            }
        }
        nFree = free.size();
        freeToFull = free.stream().mapToInt(Integer::intValue).toArray();
        freeNames = new String[nFree];
        for (int i = 0; i < nFree; i++) {
            freeNames[i] = coords.get(freeToFull[i]).name();
        }
        List<CoordinateCoupler> active = new ArrayList<>();
        for (CoordinateCoupler k : model.couplers()) {
            if (k.enforced() && fullToFree[k.dependent()] >= 0) {
                active.add(k);
            }
        }
        constraints = List.copyOf(active);
        gravity = model.gravity();

        List<Body> bodies = model.bodies();
        nBodies = bodies.size();
        mass = new double[nBodies];
        comLocal = new double[3 * nBodies];
        inertiaLocal = new double[9 * nBodies];
        for (int b = 0; b < nBodies; b++) {
            Body body = bodies.get(b);
            mass[b] = body.mass();
            System.arraycopy(body.massCenter(), 0, comLocal, 3 * b, 3);
            double[] in = body.inertia();
            double[] m = {in[0], in[3], in[4], in[3], in[1], in[5], in[4], in[5], in[2]};
            System.arraycopy(m, 0, inertiaLocal, 9 * b, 9);
        }
        List<Joint> joints = model.joints();
        nJoints = joints.size();
        parentBody = new int[nBodies];
        bodyJoint = new int[nBodies];
        java.util.Arrays.fill(parentBody, -1);
        java.util.Arrays.fill(bodyJoint, -1);
        jointParent = new int[nJoints];
        jointChild = new int[nJoints];
        parentOffsetR = new double[9 * nJoints];
        parentOffsetP = new double[3 * nJoints];
        childInvR = new double[9 * nJoints];
        childInvP = new double[3 * nJoints];
        jointFirstPrimitive = new int[nJoints];
        nPrimitives = 6 * nJoints;
        primRotation = new boolean[nPrimitives];
        primAxis = new double[3 * nPrimitives];
        primFunction = new Function1[nPrimitives];
        primFull = new int[nPrimitives];
        primFree = new int[nPrimitives];
        primJoint = new int[nPrimitives];
        bodyOrder = new int[nBodies];
        bodyOrder[0] = 0;
        for (int j = 0; j < nJoints; j++) {
            Joint joint = joints.get(j);
            jointParent[j] = joint.parentBody();
            jointChild[j] = joint.childBody();
            if (bodyJoint[joint.childBody()] >= 0 || joint.childBody() == 0) {
                throw new IllegalArgumentException("joint " + joint.name() + ": body "
                        + bodies.get(joint.childBody()).name() + " is already the child of another joint (closed loops "
                        + "are not supported; use a constraint)");
            }
            if (joint.parentBody() != 0 && bodyJoint[joint.parentBody()] < 0) {
                throw new IllegalArgumentException("joint " + joint.name() + ": parent body "
                        + bodies.get(joint.parentBody()).name() + " is not yet connected to ground");
            }
            bodyJoint[joint.childBody()] = j;
            parentBody[joint.childBody()] = joint.parentBody();
            bodyOrder[j + 1] = joint.childBody();
            System.arraycopy(joint.parentOffset().rotation(), 0, parentOffsetR, 9 * j, 9);
            System.arraycopy(joint.parentOffset().position(), 0, parentOffsetP, 3 * j, 3);
            armid.numerics.Transform inv = joint.childOffset().inverse();
            System.arraycopy(inv.rotation(), 0, childInvR, 9 * j, 9);
            System.arraycopy(inv.position(), 0, childInvP, 3 * j, 3);
            jointFirstPrimitive[j] = 6 * j;
            for (int k = 0; k < 6; k++) {
                int axisIndex = k < 3 ? 3 + k : k - 3; // translations first
                TransformAxis ax = joint.axes().get(axisIndex);
                int p = 6 * j + k;
                primRotation[p] = axisIndex < 3;
                System.arraycopy(ax.axis(), 0, primAxis, 3 * p, 3);
                primFunction[p] = ax.function();
                primFull[p] = ax.coordinate();
                primFree[p] = ax.coordinate() >= 0 ? fullToFree[ax.coordinate()] : -1;
                primJoint[p] = j;
            }
        }
        if (nJoints != nBodies - 1) {
            List<String> loose = new ArrayList<>();
            for (int b = 1; b < nBodies; b++) {
                if (bodyJoint[b] < 0) {
                    loose.add(bodies.get(b).name());
                }
            }
            throw new IllegalArgumentException("model " + model.name() + ": bodies without a joint: " + loose);
        }
        bodyAncestorPrimitives = new int[nBodies][];
        for (int b = 0; b < nBodies; b++) {
            List<Integer> list = new ArrayList<>();
            for (int body = b; body != 0; body = parentBody[body]) {
                int j = bodyJoint[body];
                for (int k = 5; k >= 0; k--) {
                    int p = 6 * j + k;
                    if (primFree[p] >= 0) {
                        list.add(p);
                    }
                }
            }
            bodyAncestorPrimitives[b] = list.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The system with the given coordinates locked at the given values (radians or metres). */
    public static MultibodySystem of(Model model, Map<String, Double> locks) {
        return new MultibodySystem(model, locks);
    }

    /** The system with only the coordinates locked in the file locked. */
    public static MultibodySystem of(Model model) {
        return new MultibodySystem(model, Map.of());
    }

    public Model model() {
        return model;
    }

    /** Number of free coordinates. */
    public int dof() {
        return nFree;
    }

    public List<String> coordinateNames() {
        return List.of(freeNames);
    }

    /** The model coordinate behind free coordinate i. */
    public Coordinate coordinate(int i) {
        return model.coordinates().get(freeToFull[i]);
    }

    public int indexOf(String coordinateName) {
        for (int i = 0; i < nFree; i++) {
            if (freeNames[i].equals(coordinateName)) {
                return i;
            }
        }
        return -1;
    }

    /** The coordinates held fixed and their values, in model order. */
    public Map<String, Double> lockedCoordinates() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < lockedValues.length; i++) {
            if (!Double.isNaN(lockedValues[i])) {
                out.put(model.coordinates().get(i).name(), lockedValues[i]);
            }
        }
        return out;
    }

    /** The enforced couplers among free coordinates, one per row of G. */
    public List<CoordinateCoupler> constraints() {
        return constraints;
    }

    /** Free index of a model coordinate, -1 if locked. */
    public int freeIndex(int modelCoordinate) {
        return fullToFree[modelCoordinate];
    }

    public int bodyCount() {
        return nBodies;
    }

    public double[] gravity() {
        return gravity.clone();
    }

    /** A new workspace for computations on this system (not thread-safe; one per thread). */
    public Dynamics newDynamics() {
        return new Dynamics(this);
    }

    /** The model's default values of the free coordinates. */
    public double[] defaultPositions() {
        double[] q = new double[nFree];
        for (int i = 0; i < nFree; i++) {
            q[i] = coordinate(i).defaultValue();
        }
        return q;
    }
}
