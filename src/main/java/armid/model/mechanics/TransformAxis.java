package armid.model.mechanics;

import armid.model.function.Function1;

/**
 * One of the six axes of an OpenSim SpatialTransform: a unit axis and a function giving the rotation angle or the
 * translation along it from one coordinate ({@code coordinate = -1} for a constant function).
 */
public record TransformAxis(double[] axis, Function1 function, int coordinate) {
    public TransformAxis {
        double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        if (!(n > 0)) {
            throw new IllegalArgumentException("transform axis has zero length");
        }
        axis = new double[] {axis[0] / n, axis[1] / n, axis[2] / n};
    }
}
