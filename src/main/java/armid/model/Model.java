package armid.model;

import armid.model.mechanics.Body;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.CoordinateCoupler;
import armid.model.mechanics.Joint;
import armid.model.path.WrapObjectDef;
import java.util.List;

/**
 * An OpenSim model as read from its file: bodies (index 0 is ground), joints in tree order (a parent body's joint
 * before its children's), coordinates in OpenSim's order (joint by joint, as listed), coupler constraints, gravity and
 * the force elements with their paths, and the wrap objects of the bodies. Immutable; dynamics are computed by {@link armid.model.mechanics.MultibodySystem}.
 */
public record Model(String name, String source, double[] gravity, List<Body> bodies, List<Joint> joints,
        List<Coordinate> coordinates, List<CoordinateCoupler> couplers, List<ForceElement> forces,
        List<WrapObjectDef> wrapObjects, List<String> warnings) {
    public Model {
        gravity = gravity.clone();
        bodies = List.copyOf(bodies);
        joints = List.copyOf(joints);
        coordinates = List.copyOf(coordinates);
        couplers = List.copyOf(couplers);
        forces = List.copyOf(forces);
        wrapObjects = List.copyOf(wrapObjects);
        warnings = List.copyOf(warnings);
    }

    public int coordinateIndex(String coordinateName) {
        for (int i = 0; i < coordinates.size(); i++) {
            if (coordinates.get(i).name().equals(coordinateName)) {
                return i;
            }
        }
        return -1;
    }

    public int bodyIndex(String bodyName) {
        for (int i = 0; i < bodies.size(); i++) {
            if (bodies.get(i).name().equals(bodyName)) {
                return i;
            }
        }
        return -1;
    }

    public WrapObjectDef wrapObject(String wrapName) {
        for (WrapObjectDef w : wrapObjects) {
            if (w.name().equals(wrapName)) {
                return w;
            }
        }
        return null;
    }

    public ForceElement force(String forceName) {
        for (ForceElement f : forces) {
            if (f.name().equals(forceName)) {
                return f;
            }
        }
        return null;
    }

    public List<ForceElement> muscles() {
        return forces.stream().filter(ForceElement::isMuscle).toList();
    }
}
