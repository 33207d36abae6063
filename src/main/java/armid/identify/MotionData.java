package armid.identify;

/**
 * The measured motion and EMG an identification works on, in memory, row-major per sample: q, q̇, q̈ of the 16 free
 * coordinates (T×16, the order of {@code MultibodySystem.coordinateNames()}), the EMG of the 16 muscles of
 * {@link ParameterRegistry#MUSCLES} (T×16, normalised to [0, 1]; M1 reads only the 11 superficial columns), uniform
 * sampling at {@code sampleRate}. Optionally fibre length and velocity (T×16, m and m/s) when the data carry them (the
 * paper's IV.A datasets do): then eq. 15 uses them instead of the rigid-tendon relation and eq. 16 is usable.
 */
public record MotionData(double sampleRate, double[] q, double[] qd, double[] qdd, double[] emg,
                         double[] fiberLength, double[] fiberVelocity) {
    public static final int DOF = 16;
    public static final int MUSCLES = 16;

    public MotionData {
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        int t = q.length / DOF;
        if (q.length != t * DOF || qd.length != q.length || qdd.length != q.length) {
            throw new IllegalArgumentException("q, qdot, qddot must all be T x " + DOF);
        }
        if (emg.length != t * MUSCLES) {
            throw new IllegalArgumentException("EMG must be T x " + MUSCLES + " (" + t + " samples), got "
                    + emg.length + " values");
        }
        if ((fiberLength == null) != (fiberVelocity == null)) {
            throw new IllegalArgumentException("fibre length and velocity come together");
        }
        if (fiberLength != null && (fiberLength.length != t * MUSCLES || fiberVelocity.length != t * MUSCLES)) {
            throw new IllegalArgumentException("fibre length and velocity must be T x " + MUSCLES);
        }
        checkFinite("q", q, DOF);
        checkFinite("qdot", qd, DOF);
        checkFinite("qddot", qdd, DOF);
        checkFinite("emg", emg, MUSCLES);
    }

    /** Motion and EMG without fibre kinematics. */
    public MotionData(double sampleRate, double[] q, double[] qd, double[] qdd, double[] emg) {
        this(sampleRate, q, qd, qdd, emg, null, null);
    }

    private static void checkFinite(String what, double[] a, int cols) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " is not finite at sample " + i / cols + ", column "
                        + i % cols);
            }
        }
    }

    public int samples() {
        return q.length / DOF;
    }

    public double samplePeriod() {
        return 1.0 / sampleRate;
    }

    public boolean hasFiberKinematics() {
        return fiberLength != null;
    }

    /** Samples [from, to) as a new dataset. */
    public MotionData slice(int from, int to) {
        return new MotionData(sampleRate, java.util.Arrays.copyOfRange(q, from * DOF, to * DOF),
                java.util.Arrays.copyOfRange(qd, from * DOF, to * DOF),
                java.util.Arrays.copyOfRange(qdd, from * DOF, to * DOF),
                java.util.Arrays.copyOfRange(emg, from * MUSCLES, to * MUSCLES),
                fiberLength == null ? null : java.util.Arrays.copyOfRange(fiberLength, from * MUSCLES, to * MUSCLES),
                fiberVelocity == null ? null
                        : java.util.Arrays.copyOfRange(fiberVelocity, from * MUSCLES, to * MUSCLES));
    }
}
