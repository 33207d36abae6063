package armid.model.mechanics;

import armid.numerics.Transform;
import java.util.List;

/**
 * A joint between a parent and a child body, in OpenSim's terms: the parent frame F (fixed in the parent body), the
 * child frame M (fixed in the child body) and the transform X_FM(q). Every OpenSim joint type is expressed as the
 * SpatialTransform of a CustomJoint: three rotations (indices 0–2) applied in order about their axes, each axis expressed
 * in the frame produced by the previous rotations, and three translations (indices 3–5) along axes of F, so that
 * X_FM = [R(a0,θ0)·R(a1,θ1)·R(a2,θ2), Σ θk·bk] (Simbody's MobilizedBody::FunctionBased).
 */
public record Joint(String name, String type, int parentBody, Transform parentOffset, int childBody,
        Transform childOffset, List<TransformAxis> axes) {
    public Joint {
        if (axes.size() != 6) {
            throw new IllegalArgumentException("joint " + name + ": a spatial transform has 6 axes, got " + axes.size());
        }
        axes = List.copyOf(axes);
    }
}
