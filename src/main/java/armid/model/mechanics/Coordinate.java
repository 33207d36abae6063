package armid.model.mechanics;

/** A generalized coordinate of the model, as in the {@code .osim} file (angles in radians, lengths in metres). */
public record Coordinate(String name, String joint, MotionType motionType, double defaultValue, double defaultSpeed,
        double rangeMin, double rangeMax, boolean clamped, boolean locked) {
}
