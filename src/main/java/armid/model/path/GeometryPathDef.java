package armid.model.path;

import java.util.List;

/** The GeometryPath of a force element as read: its points in order and its wraps in order. */
public record GeometryPathDef(List<PathPointDef> points, List<PathWrapDef> wraps) {
    public GeometryPathDef {
        points = List.copyOf(points);
        wraps = List.copyOf(wraps);
    }
}
