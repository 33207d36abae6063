package armid.model.path;

/**
 * A PathWrap: the wrap object it uses, the method (for ellipsoids: hybrid, midpoint or axial) and the wrap range of
 * path points (1-based, inclusive; −1 for the whole path), as in the file.
 */
public record PathWrapDef(String wrapObject, String method, int rangeStart, int rangeEnd) {
}
