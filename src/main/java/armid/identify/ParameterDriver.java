package armid.identify;

/**
 * One identifiable quantity of the model, after Orekit's {@code ParameterDriver}: a name made of the OpenSim
 * component path and property ({@code /bodyset/humerus:mass_center_y}, {@code /forceset/DELT1:max_isometric_force}),
 * its ground-truth value, the initial guess, the current value, a scale (the optimiser works on value / scale),
 * bounds, and whether it is selected for identification. Mutable: an identification run moves the value.
 */
public final class ParameterDriver {

    /** What a parameter belongs to. */
    public enum Kind {
        /** Mass, centre of mass or inertia about it of a bone (Body). */
        BONE,
        /** One of the five Hill-model parameters of one muscle. */
        MUSCLE,
        /** Shared by every muscle: time constants of eq. 18, filter coefficients and delay of eq. 19–21. */
        SHARED
    }

    private final String component;
    private final String property;
    private final Kind kind;
    private final double groundTruth;
    private final double scale;
    private final double min;
    private final double max;
    private double initial;
    private double value;
    private boolean selected;
    private String fixedReason;

    ParameterDriver(String component, String property, Kind kind, double groundTruth, double scale, double min,
                    double max) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(component + ":" + property + ": scale must be positive, got " + scale);
        }
        this.component = component;
        this.property = property;
        this.kind = kind;
        this.groundTruth = groundTruth;
        this.scale = scale;
        this.min = min;
        this.max = max;
        this.initial = groundTruth;
        this.value = groundTruth;
    }

    /** {@code component:property}, e.g. {@code /forceset/DELT1:tendon_slack_length}. */
    public String name() {
        return component + ":" + property;
    }

    /** OpenSim component path, e.g. {@code /bodyset/ulna}. */
    public String component() {
        return component;
    }

    /** OpenSim property (with an axis suffix for vector properties), e.g. {@code inertia_xy}. */
    public String property() {
        return property;
    }

    public Kind kind() {
        return kind;
    }

    public double groundTruth() {
        return groundTruth;
    }

    public double initial() {
        return initial;
    }

    public double value() {
        return value;
    }

    public double scale() {
        return scale;
    }

    /** Lower bound; the optimiser clips to [min, max]. */
    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean isSelected() {
        return selected;
    }

    /** Why this parameter is held fixed even though its group is selected (null when not held). */
    public String fixedReason() {
        return fixedReason;
    }

    /** Sets the current value, refusing a value outside the bounds with the parameter's name. */
    public void setValue(double v) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("parameter " + name() + " = " + v + " is outside its physical range ["
                    + min + ", " + max + "]");
        }
        value = v;
    }

    /** Sets the initial guess and the current value. */
    public void setInitial(double v) {
        setValue(v);
        initial = v;
    }

    void setSelected(boolean s) {
        selected = s && fixedReason == null;
    }

    void holdFixed(String reason) {
        fixedReason = reason;
        selected = false;
    }

    /** Value / scale: the coordinate the optimiser moves. */
    public double normalized() {
        return value / scale;
    }

    @Override
    public String toString() {
        return name() + " = " + value + " (ground truth " + groundTruth + (selected ? ", selected" : "") + ")";
    }
}
