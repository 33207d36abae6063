package armid.model.mechanics;

/** OpenSim's Coordinate::MotionType: decides, for instance, which columns of a motion file are in degrees. */
public enum MotionType {
    ROTATIONAL, TRANSLATIONAL, COUPLED
}
