package armid.model;

import armid.model.path.GeometryPathDef;
import java.util.Map;

/**
 * A member of the model's ForceSet as read from the file: its name, its OpenSim type and its scalar properties
 * verbatim, and its GeometryPath when it has one (null otherwise). Muscle physics is built from these; here they are kept so that nothing read is dropped.
 */
public record ForceElement(String name, String type, Map<String, String> properties, GeometryPathDef path) {
    public ForceElement {
        properties = Map.copyOf(properties);
    }

    public boolean isMuscle() {
        return type.endsWith("Muscle") || type.endsWith("Muscle_Deprecated");
    }
}
