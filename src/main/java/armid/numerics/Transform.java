package armid.numerics;

/**
 * A rigid transform X_AB stored flat: rotation R_AB (row-major 3×3) and the position of B's origin in A, so that a
 * point x_B maps to x_A = p + R·x_B. Immutable once built; used for the constant frame offsets of a model.
 */
public record Transform(double[] rotation, double[] position) {
    public static final Transform IDENTITY = new Transform(Vec3.identity(), new double[3]);

    /** The transform of OpenSim's PhysicalOffsetFrame: translation plus body-fixed XYZ orientation. */
    public static Transform fromTranslationXYZ(double[] translation, double[] orientationXYZ) {
        double[] r = new double[9];
        Vec3.bodyFixedXYZ(orientationXYZ[0], orientationXYZ[1], orientationXYZ[2], r, 0);
        return new Transform(r, translation.clone());
    }

    /** this ∘ other: X_AC = X_AB · X_BC. */
    public Transform compose(Transform other) {
        double[] r = new double[9];
        Vec3.mulMat(rotation, 0, other.rotation, 0, r, 0);
        double[] p = new double[3];
        Vec3.mul(rotation, 0, other.position, 0, p, 0);
        p[0] += position[0];
        p[1] += position[1];
        p[2] += position[2];
        return new Transform(r, p);
    }

    /** X_BA from X_AB. */
    public Transform inverse() {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = rotation[3 * j + i];
            }
        }
        double[] p = new double[3];
        Vec3.mul(r, 0, position, 0, p, 0);
        p[0] = -p[0];
        p[1] = -p[1];
        p[2] = -p[2];
        return new Transform(r, p);
    }

    public boolean isIdentity() {
        for (int i = 0; i < 9; i++) {
            if (rotation[i] != (i % 4 == 0 ? 1 : 0)) {
                return false;
            }
        }
        return position[0] == 0 && position[1] == 0 && position[2] == 0;
    }
}
