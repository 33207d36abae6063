package armid.model.mechanics;

import armid.numerics.Spatial;
import armid.numerics.Vec3;

/**
 * Kinematics and unconstrained dynamics of a {@link MultibodySystem} at one state, on preallocated arrays: set the
 * state with {@link #setState}, then ask for body poses, M(q), τ_bias(q, q̇), inverse dynamics or the inertial
 * parameter regressor. Signs follow the paper's eq. 1: M q̈ + τ_bias = τ (+ Gᵀλ for the constraints, see
 * {@link ConstrainedDynamics}), so τ_bias = ID(q, q̇, 0) contains Coriolis, centrifugal and gravity terms and
 * gravityForces = ID(q, 0, 0).
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class Dynamics {
    private final MultibodySystem s;
    private final double[] qFull;
    private final double[] qdFree;
    // Primitive values.
    private final double[] theta;
    private final double[] thetaD;
    private final double[] dTheta; // f'(q)
    private final double[] ddTheta; // f''(q)
    private final double[] axisG; // 6 per primitive: spatial axis in ground
    private final double[] vBefore; // 6 per primitive: twist of the frame carrying the axis
    // Bodies.
    private final double[] rot; // 9 per body, R_GB
    private final double[] org; // 3 per body, body origin in ground
    private final double[] twist; // 6 per body
    private final double[] accel; // 6 per body
    private final double[] force; // 6 per body (subtree force in the backward pass)
    private final double[] composite; // 36 per body
    private final double[] tmp6 = new double[6];
    private final double[] tmp9 = new double[9];
    private final double[] tmp9b = new double[9];
    private final double[] tmp9c = new double[9];
    private final double[] tmp3 = new double[3];
    private final double[] tmp3b = new double[3];
    private final double[] primForce; // 6 per primitive, for the mass matrix
    private final double[] regress; // 60 per body: spatial force per unit inertial parameter (6 rows × 10 columns)

    Dynamics(MultibodySystem system) {
        this.s = system;
        int nb = system.nBodies;
        int np = system.nPrimitives;
        qFull = new double[system.lockedValues.length];
        qdFree = new double[system.nFree];
        theta = new double[np];
        thetaD = new double[np];
        dTheta = new double[np];
        ddTheta = new double[np];
        axisG = new double[6 * np];
        vBefore = new double[6 * np];
        rot = new double[9 * nb];
        org = new double[3 * nb];
        twist = new double[6 * nb];
        accel = new double[6 * nb];
        force = new double[6 * nb];
        composite = new double[36 * nb];
        primForce = new double[6 * np];
        regress = new double[60 * nb];
    }

    public MultibodySystem system() {
        return s;
    }

    /**
     * Sets positions and speeds of the free coordinates and computes the pose of every body, the spatial axes of every
     * joint motion and every body's twist.
     */
    public void setState(double[] q, double[] qd) {
        int n = s.nFree;
        if (q.length != n || qd.length != n) {
            throw new IllegalArgumentException("expected " + n + " coordinates, got q[" + q.length + "], qdot["
                    + qd.length + "]");
        }
        for (int i = 0; i < qFull.length; i++) {
            int f = s.fullToFree[i];
            qFull[i] = f >= 0 ? q[f] : s.lockedValues[i];
        }
        System.arraycopy(qd, 0, qdFree, 0, n);
        for (int p = 0; p < s.nPrimitives; p++) {
            int c = s.primFull[p];
            double x = c >= 0 ? qFull[c] : 0;
            theta[p] = s.primFunction[p].value(x);
            int f = s.primFree[p];
            if (f >= 0) {
                dTheta[p] = s.primFunction[p].derivative(x);
                ddTheta[p] = s.primFunction[p].secondDerivative(x);
                thetaD[p] = dTheta[p] * qd[f];
            } else {
                dTheta[p] = 0;
                ddTheta[p] = 0;
                thetaD[p] = 0;
            }
        }
        // Ground.
        System.arraycopy(Vec3.identity(), 0, rot, 0, 9);
        org[0] = org[1] = org[2] = 0;
        for (int i = 0; i < 6; i++) {
            twist[i] = 0;
        }
        for (int j = 0; j < s.nJoints; j++) {
            int parent = s.jointParent[j];
            int child = s.jointChild[j];
            // Parent frame F: R_GF = R_GP·R_PF, o_F = o_P + R_GP·p_PF.
            double[] rF = tmp9;
            Vec3.mulMat(rot, 9 * parent, s.parentOffsetR, 9 * j, rF, 0);
            Vec3.mul(rot, 9 * parent, s.parentOffsetP, 3 * j, tmp3, 0);
            double ox = org[3 * parent] + tmp3[0];
            double oy = org[3 * parent + 1] + tmp3[1];
            double oz = org[3 * parent + 2] + tmp3[2];
            int v = 6 * child;
            System.arraycopy(twist, 6 * parent, twist, v, 6);
            int p0 = s.jointFirstPrimitive[j];
            // Translations along axes of F.
            for (int k = 0; k < 3; k++) {
                int p = p0 + k;
                Vec3.mul(rF, 0, s.primAxis, 3 * p, tmp3, 0);
                int a = 6 * p;
                axisG[a] = 0;
                axisG[a + 1] = 0;
                axisG[a + 2] = 0;
                axisG[a + 3] = tmp3[0];
                axisG[a + 4] = tmp3[1];
                axisG[a + 5] = tmp3[2];
                ox += theta[p] * tmp3[0];
                oy += theta[p] * tmp3[1];
                oz += theta[p] * tmp3[2];
            }
            for (int k = 0; k < 3; k++) {
                advanceTwist(p0 + k, v);
            }
            // Rotations about the origin of M, each axis carried by the frame rotated so far.
            double[] r = tmp9b;
            System.arraycopy(rF, 0, r, 0, 9);
            for (int k = 3; k < 6; k++) {
                int p = p0 + k;
                int ia = 3 * p;
                Vec3.mul(r, 0, s.primAxis, ia, tmp3, 0);
                int a = 6 * p;
                axisG[a] = tmp3[0];
                axisG[a + 1] = tmp3[1];
                axisG[a + 2] = tmp3[2];
                // v_O of a rotation about u through c is c × u.
                axisG[a + 3] = oy * tmp3[2] - oz * tmp3[1];
                axisG[a + 4] = oz * tmp3[0] - ox * tmp3[2];
                axisG[a + 5] = ox * tmp3[1] - oy * tmp3[0];
                advanceTwist(p, v);
                if (theta[p] != 0) {
                    Vec3.axisAngle(s.primAxis[ia], s.primAxis[ia + 1], s.primAxis[ia + 2], theta[p], rF, 0);
                    Vec3.mulMat(r, 0, rF, 0, tmp9c, 0);
                    System.arraycopy(tmp9c, 0, r, 0, 9);
                }
            }
            // Body frame: X_GB = X_GM·X_MB.
            Vec3.mulMat(r, 0, s.childInvR, 9 * j, rot, 9 * child);
            Vec3.mul(r, 0, s.childInvP, 3 * j, tmp3, 0);
            org[3 * child] = ox + tmp3[0];
            org[3 * child + 1] = oy + tmp3[1];
            org[3 * child + 2] = oz + tmp3[2];
        }
    }

    private void advanceTwist(int p, int v) {
        System.arraycopy(twist, v, vBefore, 6 * p, 6);
        double td = thetaD[p];
        if (td != 0) {
            for (int i = 0; i < 6; i++) {
                twist[v + i] += axisG[6 * p + i] * td;
            }
        }
    }

    /**
     * Inverse dynamics τ = M(q) q̈ + τ_bias(q, q̇) at the state set by {@link #setState}; {@code withGravity} false
     * drops gravity. The result is written into {@code tau} (length dof).
     */
    public void inverseDynamics(double[] qdd, boolean withGravity, double[] tau) {
        accelerations(qdd, true, withGravity);
        bodyForces();
        backwardProject(tau);
    }

    /** τ_bias(q, q̇): Coriolis, centrifugal and gravity forces (eq. 1), into {@code out}. */
    public void biasForces(double[] out) {
        accelerations(null, true, true);
        bodyForces();
        backwardProject(out);
    }

    /** Gravity's generalized forces alone, ID(q, 0, 0), into {@code out}. */
    public void gravityForces(double[] out) {
        accelerations(null, false, true);
        bodyForcesNoVelocity();
        backwardProject(out);
    }

    /** Body accelerations; when {@code withVelocity} is false, the velocity-product terms are dropped. */
    private void accelerations(double[] qdd, boolean withVelocity, boolean withGravity) {
        for (int i = 0; i < 6; i++) {
            accel[i] = 0;
        }
        if (withGravity) {
            // Gravity as an upward acceleration of ground (Featherstone's trick).
            accel[3] = -s.gravity[0];
            accel[4] = -s.gravity[1];
            accel[5] = -s.gravity[2];
        }
        for (int j = 0; j < s.nJoints; j++) {
            int a = 6 * s.jointChild[j];
            System.arraycopy(accel, 6 * s.jointParent[j], accel, a, 6);
            int p0 = s.jointFirstPrimitive[j];
            for (int p = p0; p < p0 + 6; p++) {
                int f = s.primFree[p];
                if (f < 0) {
                    continue;
                }
                double tdd = 0;
                if (qdd != null) {
                    tdd += dTheta[p] * qdd[f];
                }
                if (withVelocity) {
                    tdd += ddTheta[p] * qdFree[f] * qdFree[f];
                }
                for (int i = 0; i < 6; i++) {
                    accel[a + i] += axisG[6 * p + i] * tdd;
                }
                if (withVelocity && thetaD[p] != 0) {
                    Spatial.addCrossMotion(vBefore, 6 * p, axisG, 6 * p, thetaD[p], accel, a);
                }
            }
        }
    }

    /** f_b = I_b·A_b + V_b ×* I_b·V_b for every body, computed from the centre of mass. */
    private void bodyForces() {
        for (int b = 1; b < s.nBodies; b++) {
            bodyForce(b, true);
        }
    }

    private void bodyForcesNoVelocity() {
        for (int b = 1; b < s.nBodies; b++) {
            bodyForce(b, false);
        }
    }

    private void bodyForce(int b, boolean withVelocity) {
        double m = s.mass[b];
        int f = 6 * b;
        // Centre of mass in ground.
        Vec3.mul(rot, 9 * b, s.comLocal, 3 * b, tmp3, 0);
        double cx = org[3 * b] + tmp3[0];
        double cy = org[3 * b + 1] + tmp3[1];
        double cz = org[3 * b + 2] + tmp3[2];
        int v = 6 * b;
        double wx = withVelocity ? twist[v] : 0, wy = withVelocity ? twist[v + 1] : 0;
        double wz = withVelocity ? twist[v + 2] : 0;
        double ax = accel[v], ay = accel[v + 1], az = accel[v + 2];
        // Velocity of the COM: v_O + ω × c.
        double vcx = 0, vcy = 0, vcz = 0;
        if (withVelocity) {
            vcx = twist[v + 3] + wy * cz - wz * cy;
            vcy = twist[v + 4] + wz * cx - wx * cz;
            vcz = twist[v + 5] + wx * cy - wy * cx;
        }
        // Classical acceleration of the COM: a_O + ω̇ × c + ω × v_c.
        double acx = accel[v + 3] + ay * cz - az * cy + wy * vcz - wz * vcy;
        double acy = accel[v + 4] + az * cx - ax * cz + wz * vcx - wx * vcz;
        double acz = accel[v + 5] + ax * cy - ay * cx + wx * vcy - wy * vcx;
        double fx = m * acx, fy = m * acy, fz = m * acz;
        // Inertia about the COM in ground: R·I·Rᵀ.
        double[] ig = inertiaGround(b);
        double iwx = ig[0] * wx + ig[1] * wy + ig[2] * wz;
        double iwy = ig[3] * wx + ig[4] * wy + ig[5] * wz;
        double iwz = ig[6] * wx + ig[7] * wy + ig[8] * wz;
        double nx = ig[0] * ax + ig[1] * ay + ig[2] * az + wy * iwz - wz * iwy;
        double ny = ig[3] * ax + ig[4] * ay + ig[5] * az + wz * iwx - wx * iwz;
        double nz = ig[6] * ax + ig[7] * ay + ig[8] * az + wx * iwy - wy * iwx;
        // Moment about the ground origin: n_c + c × f.
        force[f] = nx + cy * fz - cz * fy;
        force[f + 1] = ny + cz * fx - cx * fz;
        force[f + 2] = nz + cx * fy - cy * fx;
        force[f + 3] = fx;
        force[f + 4] = fy;
        force[f + 5] = fz;
    }

    private double[] inertiaGround(int b) {
        Vec3.mulMat(rot, 9 * b, s.inertiaLocal, 9 * b, tmp9, 0);
        // tmp9b = tmp9 · Rᵀ
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                tmp9b[3 * i + k] = tmp9[3 * i] * rot[9 * b + 3 * k] + tmp9[3 * i + 1] * rot[9 * b + 3 * k + 1]
                        + tmp9[3 * i + 2] * rot[9 * b + 3 * k + 2];
            }
        }
        return tmp9b;
    }

    /** Accumulates subtree forces towards ground and projects them on the joint axes: τ_j = Σ f'(q) s·F. */
    private void backwardProject(double[] tau) {
        java.util.Arrays.fill(tau, 0);
        for (int j = s.nJoints - 1; j >= 0; j--) {
            int child = s.jointChild[j];
            int f = 6 * child;
            int p0 = s.jointFirstPrimitive[j];
            for (int p = p0; p < p0 + 6; p++) {
                int q = s.primFree[p];
                if (q >= 0) {
                    tau[q] += dTheta[p] * Spatial.dot6(axisG, 6 * p, force, f);
                }
            }
            int parent = s.jointParent[j];
            if (parent != 0) {
                for (int i = 0; i < 6; i++) {
                    force[6 * parent + i] += force[f + i];
                }
            }
        }
    }

    /**
     * The mass matrix M(q) (dof × dof, row-major into {@code out}) by the composite-rigid-body algorithm on the joint
     * motions, then M = Kᵀ M_θ K with K = ∂θ/∂q.
     */
    public void massMatrix(double[] out) {
        int n = s.nFree;
        java.util.Arrays.fill(out, 0, n * n, 0);
        for (int b = 1; b < s.nBodies; b++) {
            bodyInertia6(b, composite, 36 * b);
        }
        for (int j = s.nJoints - 1; j >= 0; j--) {
            int parent = s.jointParent[j];
            if (parent != 0) {
                int c = 36 * s.jointChild[j];
                int pp = 36 * parent;
                for (int i = 0; i < 36; i++) {
                    composite[pp + i] += composite[c + i];
                }
            }
        }
        for (int j = 0; j < s.nJoints; j++) {
            int child = s.jointChild[j];
            int p0 = s.jointFirstPrimitive[j];
            for (int l = p0; l < p0 + 6; l++) {
                int ql = s.primFree[l];
                if (ql < 0) {
                    continue;
                }
                Spatial.mul6(composite, 36 * child, axisG, 6 * l, primForce, 6 * l);
                // Same joint: every ordered pair.
                for (int k = p0; k < p0 + 6; k++) {
                    int qk = s.primFree[k];
                    if (qk >= 0) {
                        out[qk * n + ql] += dTheta[k] * dTheta[l] * Spatial.dot6(axisG, 6 * k, primForce, 6 * l);
                    }
                }
                // Strict ancestors: both (k, l) and (l, k).
                for (int body = s.jointParent[j]; body != 0; body = s.parentBody[body]) {
                    int ja = s.bodyJoint[body];
                    int a0 = s.jointFirstPrimitive[ja];
                    for (int k = a0; k < a0 + 6; k++) {
                        int qk = s.primFree[k];
                        if (qk >= 0) {
                            double m = dTheta[k] * dTheta[l] * Spatial.dot6(axisG, 6 * k, primForce, 6 * l);
                            out[qk * n + ql] += m;
                            out[ql * n + qk] += m;
                        }
                    }
                }
            }
        }
    }

    /** The 6×6 spatial inertia of body b about the ground origin in ground coordinates. */
    private void bodyInertia6(int b, double[] out, int o) {
        double m = s.mass[b];
        Vec3.mul(rot, 9 * b, s.comLocal, 3 * b, tmp3, 0);
        double cx = org[3 * b] + tmp3[0];
        double cy = org[3 * b + 1] + tmp3[1];
        double cz = org[3 * b + 2] + tmp3[2];
        double[] ig = inertiaGround(b);
        double cc = cx * cx + cy * cy + cz * cz;
        double[] c = {cx, cy, cz};
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                out[o + 6 * i + k] = ig[3 * i + k] + m * ((i == k ? cc : 0) - c[i] * c[k]);
                out[o + 6 * (i + 3) + (k + 3)] = i == k ? m : 0;
            }
        }
        // Upper right m[c]×, lower left its transpose.
        double[] cx3 = {0, -cz, cy, cz, 0, -cx, -cy, cx, 0};
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                out[o + 6 * i + (k + 3)] = m * cx3[3 * i + k];
                out[o + 6 * (i + 3) + k] = m * cx3[3 * k + i];
            }
        }
    }

    /**
     * The inertial-parameter regressor Y(q, q̇, q̈) with ID(q, q̇, q̈) = Y·π (gravity included), written row-major
     * into {@code out} (dof × 10·bodies). The parameters of body b are columns 10b…10b+9:
     * {@code [m, m·cx, m·cy, m·cz, Ixx, Iyy, Izz, Ixy, Ixz, Iyz]} with the inertia about the body origin in the body
     * frame (the standard linear parametrisation, e.g. Khalil &amp; Dombre ch. 9); {@link InertialParameters} converts
     * from and to OpenSim's mass, centre of mass and inertia about the centre of mass. Ground's columns are zero.
     */
    public void regressor(double[] qdd, double[] out) {
        int n = s.nFree;
        int cols = 10 * s.nBodies;
        java.util.Arrays.fill(out, 0, n * cols, 0);
        accelerations(qdd, true, true);
        for (int b = 1; b < s.nBodies; b++) {
            bodyRegressor(b);
            for (int p : s.bodyAncestorPrimitives[b]) {
                int row = s.primFree[p] * cols + 10 * b;
                double k = dTheta[p];
                for (int c = 0; c < 10; c++) {
                    double sum = 0;
                    for (int i = 0; i < 6; i++) {
                        sum += axisG[6 * p + i] * regress[60 * b + 10 * i + c];
                    }
                    out[row + c] += k * sum;
                }
            }
        }
    }

    /** Spatial force of body b (about the ground origin, ground coordinates) per unit of each inertial parameter. */
    private void bodyRegressor(int b) {
        int v = 6 * b;
        int o = 60 * b;
        double[] r = rot;
        int ir = 9 * b;
        double ox = org[3 * b], oy = org[3 * b + 1], oz = org[3 * b + 2];
        double wx = twist[v], wy = twist[v + 1], wz = twist[v + 2];
        double ax = accel[v], ay = accel[v + 1], az = accel[v + 2];
        // Velocity and classical acceleration of the body origin, in ground.
        double vox = twist[v + 3] + wy * oz - wz * oy;
        double voy = twist[v + 4] + wz * ox - wx * oz;
        double voz = twist[v + 5] + wx * oy - wy * ox;
        double aox = accel[v + 3] + ay * oz - az * oy + wy * voz - wz * voy;
        double aoy = accel[v + 4] + az * ox - ax * oz + wz * vox - wx * voz;
        double aoz = accel[v + 5] + ax * oy - ay * ox + wx * voy - wy * vox;
        // To the body frame.
        double[] w = {wx, wy, wz};
        double[] al = {ax, ay, az};
        double[] ao = {aox, aoy, aoz};
        Vec3.mulTransposed(r, ir, w, 0, w, 0);
        Vec3.mulTransposed(r, ir, al, 0, al, 0);
        Vec3.mulTransposed(r, ir, ao, 0, ao, 0);
        double[] fb = new double[3];
        double[] nb = new double[3];
        for (int c = 0; c < 10; c++) {
            fb[0] = fb[1] = fb[2] = 0;
            nb[0] = nb[1] = nb[2] = 0;
            if (c == 0) {
                fb[0] = ao[0];
                fb[1] = ao[1];
                fb[2] = ao[2];
            } else if (c <= 3) {
                double[] e = new double[3];
                e[c - 1] = 1;
                // F = ω̇ × e + ω × (ω × e), n = e × a_o.
                double[] we = new double[3];
                Vec3.cross(w, 0, e, 0, we, 0);
                double[] wwe = new double[3];
                Vec3.cross(w, 0, we, 0, wwe, 0);
                Vec3.cross(al, 0, e, 0, fb, 0);
                fb[0] += wwe[0];
                fb[1] += wwe[1];
                fb[2] += wwe[2];
                Vec3.cross(e, 0, ao, 0, nb, 0);
            } else {
                double[] e = unitInertia(c - 4);
                // n = E ω̇ + ω × (E ω).
                double[] ew = new double[3];
                Vec3.mul(e, 0, w, 0, ew, 0);
                Vec3.cross(w, 0, ew, 0, nb, 0);
                double[] ea = new double[3];
                Vec3.mul(e, 0, al, 0, ea, 0);
                nb[0] += ea[0];
                nb[1] += ea[1];
                nb[2] += ea[2];
            }
            // Back to ground, moment about the ground origin: n_O = R n + o × R f.
            Vec3.mul(r, ir, fb, 0, tmp3, 0);
            Vec3.mul(r, ir, nb, 0, tmp3b, 0);
            regress[o + c] = tmp3b[0] + oy * tmp3[2] - oz * tmp3[1];
            regress[o + 10 + c] = tmp3b[1] + oz * tmp3[0] - ox * tmp3[2];
            regress[o + 20 + c] = tmp3b[2] + ox * tmp3[1] - oy * tmp3[0];
            regress[o + 30 + c] = tmp3[0];
            regress[o + 40 + c] = tmp3[1];
            regress[o + 50 + c] = tmp3[2];
        }
    }

    private static double[] unitInertia(int k) {
        double[] e = new double[9];
        switch (k) {
            case 0 -> e[0] = 1;
            case 1 -> e[4] = 1;
            case 2 -> e[8] = 1;
            case 3 -> {
                e[1] = 1;
                e[3] = 1;
            }
            case 4 -> {
                e[2] = 1;
                e[6] = 1;
            }
            default -> {
                e[5] = 1;
                e[7] = 1;
            }
        }
        return e;
    }

    /** Rotation R_GB of body b (row-major 3×3) into out. */
    public void bodyRotation(int b, double[] out, int offset) {
        System.arraycopy(rot, 9 * b, out, offset, 9);
    }

    /** Origin of body b in ground into out. */
    public void bodyOrigin(int b, double[] out, int offset) {
        System.arraycopy(org, 3 * b, out, offset, 3);
    }

    /** Twist of body b, {@code [ω, v_O]} about the ground origin. */
    public void bodyTwist(int b, double[] out, int offset) {
        System.arraycopy(twist, 6 * b, out, offset, 6);
    }

    /** Position in ground of a point fixed in body b (body-frame coordinates {@code local}). */
    public void stationLocation(int b, double[] local, double[] out) {
        Vec3.mul(rot, 9 * b, local, 0, out, 0);
        out[0] += org[3 * b];
        out[1] += org[3 * b + 1];
        out[2] += org[3 * b + 2];
    }

    /** Kinetic energy ½ q̇ᵀ M q̇ summed body by body at the current state. */
    public double kineticEnergy() {
        double e = 0;
        for (int b = 1; b < s.nBodies; b++) {
            bodyInertia6(b, composite, 36 * b);
            Spatial.mul6(composite, 36 * b, twist, 6 * b, tmp6, 0);
            e += 0.5 * Spatial.dot6(twist, 6 * b, tmp6, 0);
        }
        return e;
    }

    /** Gravitational potential energy −Σ m_b g·c_b at the current positions. */
    public double potentialEnergy() {
        double e = 0;
        for (int b = 1; b < s.nBodies; b++) {
            Vec3.mul(rot, 9 * b, s.comLocal, 3 * b, tmp3, 0);
            double cx = org[3 * b] + tmp3[0];
            double cy = org[3 * b + 1] + tmp3[1];
            double cz = org[3 * b + 2] + tmp3[2];
            e -= s.mass[b] * (s.gravity[0] * cx + s.gravity[1] * cy + s.gravity[2] * cz);
        }
        return e;
    }
    /**
     * The spatial Jacobian of body b: column i is the twist {@code [ω, v_O]} (ground coordinates, about the ground
     * origin) per unit speed of free coordinate i, each coordinate moving with the others held fixed. Written
     * row-major into {@code out} (6 × dof).
     */
    public void bodyJacobian(int b, double[] out) {
        int n = s.nFree;
        java.util.Arrays.fill(out, 0, 6 * n, 0);
        for (int p : s.bodyAncestorPrimitives[b]) {
            int col = s.primFree[p];
            double k = dTheta[p];
            for (int r = 0; r < 6; r++) {
                out[r * n + col] += k * axisG[6 * p + r];
            }
        }
    }

    /** Value of a model coordinate (free or locked) at the current state, by model index. */
    public double modelCoordinate(int modelIndex) {
        return qFull[modelIndex];
    }

    /** Speed of a model coordinate by model index (zero for locked ones). */
    public double modelCoordinateSpeed(int modelIndex) {
        int f = s.fullToFree[modelIndex];
        return f >= 0 ? qdFree[f] : 0;
    }
}
