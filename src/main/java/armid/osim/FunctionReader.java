package armid.osim;

import armid.model.function.Constant;
import armid.model.function.Function1;
import armid.model.function.LinearFunction;
import armid.model.function.MultiplierFunction;
import armid.model.function.PiecewiseLinearFunction;
import armid.model.function.SimmSpline;
import java.util.Set;

/** Reads OpenSim Function elements: Constant, LinearFunction, SimmSpline, PiecewiseLinearFunction, MultiplierFunction. */
final class FunctionReader {
    static final Set<String> KINDS = Set.of("Constant", "LinearFunction", "SimmSpline", "PiecewiseLinearFunction",
            "MultiplierFunction", "NaturalCubicSpline", "GCVSpline", "PolynomialFunction", "PiecewiseConstantFunction",
            "Sine", "StepFunction");

    private FunctionReader() {
    }

    /**
     * The function held by {@code container}: either a function element among its children (4.x: {@code <SimmSpline
     * name="function">}) or wrapped in a child {@code <wrapperTag>} (3.x: {@code <function><SimmSpline/></function>}).
     * Returns null when there is none.
     */
    static Function1 readIn(ReadContext ctx, XmlElement container, String wrapperTag) throws OsimException {
        XmlElement wrapper = wrapperTag == null ? null : container.child(wrapperTag);
        XmlElement scope = wrapper != null ? wrapper : container;
        for (XmlElement c : scope.children()) {
            if (KINDS.contains(c.name())) {
                return read(ctx, c);
            }
        }
        return null;
    }

    static Function1 read(ReadContext ctx, XmlElement e) throws OsimException {
        switch (e.name()) {
            case "Constant":
                return new Constant(ctx.scalar(e, "value", 0));
            case "LinearFunction": {
                double[] c = ctx.vector(e, "coefficients", 2, new double[] {1, 0});
                return new LinearFunction(c[0], c[1]);
            }
            case "SimmSpline":
            case "PiecewiseLinearFunction": {
                double[] x = ctx.vector(e, "x", -1, null);
                double[] y = ctx.vector(e, "y", -1, null);
                try {
                    return e.name().equals("SimmSpline") ? new SimmSpline(x, y) : new PiecewiseLinearFunction(x, y);
                } catch (IllegalArgumentException ex) {
                    throw ctx.error(e, ex.getMessage());
                }
            }
            case "MultiplierFunction": {
                double scale = ctx.scalar(e, "scale", 1);
                Function1 inner = readIn(ctx, e, "function");
                if (inner == null) {
                    throw ctx.error(e, "has no inner function");
                }
                return new MultiplierFunction(inner, scale);
            }
            default:
                throw ctx.error(e, "function type " + e.name() + " is not supported (supported: Constant, "
                        + "LinearFunction, SimmSpline, PiecewiseLinearFunction, MultiplierFunction)");
        }
    }
}
