package armid.model.path;

import armid.model.function.Function1;

/**
 * A point of a GeometryPath as read: fixed in a body ({@code PathPoint}), active only while a coordinate lies in a
 * range ({@code ConditionalPathPoint}, OpenSim's test: value within [min − 1e-5, max + 1e-5]), or moving with
 * coordinates ({@code MovingPathPoint}: each component a function of one coordinate, evaluated with that coordinate
 * clamped to its range, as OpenSim does; a component without coordinate is its function at 0).
 *
 * @param location   body-frame location (fixed points, conditional points)
 * @param condition  model coordinate index of a conditional point, -1 otherwise
 * @param moving     the three component functions of a moving point, null otherwise
 * @param movingCoordinate the model coordinate index driving each component (-1 for none)
 */
public record PathPointDef(String name, int body, double[] location, int condition, double rangeMin,
        double rangeMax, Function1[] moving, int[] movingCoordinate) {
    /** OpenSim's tolerance on a conditional point's range. */
    public static final double CONDITION_TOLERANCE = 1e-5;

    public static PathPointDef fixed(String name, int body, double[] location) {
        return new PathPointDef(name, body, location.clone(), -1, 0, 0, null, null);
    }

    public static PathPointDef conditional(String name, int body, double[] location, int coordinate, double min,
            double max) {
        return new PathPointDef(name, body, location.clone(), coordinate, min, max, null, null);
    }

    public static PathPointDef moving(String name, int body, Function1[] functions, int[] coordinates) {
        return new PathPointDef(name, body, new double[3], -1, 0, 0, functions.clone(), coordinates.clone());
    }

    public boolean isConditional() {
        return condition >= 0;
    }

    public boolean isMoving() {
        return moving != null;
    }

    public String kind() {
        return isMoving() ? "MovingPathPoint" : isConditional() ? "ConditionalPathPoint" : "PathPoint";
    }
}
