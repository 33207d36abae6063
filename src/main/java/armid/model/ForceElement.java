package armid.model;

import armid.model.path.GeometryPathDef;
import java.util.Map;

/**
 * A member of the model's ForceSet as read from the file: its name, its OpenSim type and its scalar properties
 * verbatim, the scalar properties of its nested elements (the curves of a muscle) by element name, and its GeometryPath when it has one (null otherwise). Muscle physics is built from these; here they are kept so that nothing read is dropped.
 */
public record ForceElement(String name, String type, Map<String, String> properties,
        Map<String, Map<String, String>> components, GeometryPathDef path) {
    public ForceElement {
        properties = Map.copyOf(properties);
        components = Map.copyOf(components);
    }

    /** The scalar properties of a nested element (e.g. {@code ActiveForceLengthCurve}), empty when absent. */
    public Map<String, String> component(String elementName) {
        return components.getOrDefault(elementName, Map.of());
    }

    public boolean isMuscle() {
        return type.endsWith("Muscle") || type.endsWith("Muscle_Deprecated");
    }
}
