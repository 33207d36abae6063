package armid.model.muscle;

import armid.model.muscle.curve.ActiveForceLengthCurve;
import armid.model.muscle.curve.FiberForceLengthCurve;
import armid.model.muscle.curve.ForceVelocityCurve;
import armid.model.muscle.curve.TendonForceLengthCurve;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the Millard2012EquilibriumMuscle elements of an .osim file with the JDK's DOM, for tests only: scalar
 * child elements become the property map (as armid.model.ForceElement holds them), the four curve elements their
 * Parameters with OpenSim's defaults for absent properties.
 */
final class OsimMuscles {
    private OsimMuscles() {
    }

    static Map<String, MillardParameters> read(Path osim) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        var doc = factory.newDocumentBuilder().parse(osim.toFile());
        NodeList list = doc.getElementsByTagName("Millard2012EquilibriumMuscle");
        Map<String, MillardParameters> result = new LinkedHashMap<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element muscle = (Element) list.item(i);
            result.put(muscle.getAttribute("name"), parameters(muscle));
        }
        return result;
    }

    static MillardParameters parameters(Element muscle) {
        Map<String, String> scalars = new HashMap<>();
        Map<String, Map<String, String>> curves = new HashMap<>();
        for (Node n = muscle.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (e.getTagName().endsWith("Curve")) {
                    curves.put(e.getTagName(), scalarChildren(e));
                } else if (!hasElementChildren(e)) {
                    scalars.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        var afl = ActiveForceLengthCurve.Parameters.defaults();
        Map<String, String> a = curves.getOrDefault("ActiveForceLengthCurve", Map.of());
        afl = new ActiveForceLengthCurve.Parameters(
                num(a, "min_norm_active_fiber_length", afl.minNormActiveFiberLength()),
                num(a, "transition_norm_fiber_length", afl.transitionNormFiberLength()),
                num(a, "max_norm_active_fiber_length", afl.maxNormActiveFiberLength()),
                num(a, "shallow_ascending_slope", afl.shallowAscendingSlope()),
                num(a, "minimum_value", afl.minimumValue()));
        var fv = ForceVelocityCurve.Parameters.defaults();
        Map<String, String> v = curves.getOrDefault("ForceVelocityCurve", Map.of());
        fv = new ForceVelocityCurve.Parameters(
                num(v, "concentric_slope_at_vmax", fv.concentricSlopeAtVmax()),
                num(v, "concentric_slope_near_vmax", fv.concentricSlopeNearVmax()),
                num(v, "isometric_slope", fv.isometricSlope()),
                num(v, "eccentric_slope_at_vmax", fv.eccentricSlopeAtVmax()),
                num(v, "eccentric_slope_near_vmax", fv.eccentricSlopeNearVmax()),
                num(v, "max_eccentric_velocity_force_multiplier", fv.maxEccentricVelocityForceMultiplier()),
                num(v, "concentric_curviness", fv.concentricCurviness()),
                num(v, "eccentric_curviness", fv.eccentricCurviness()));
        var fpe = FiberForceLengthCurve.Parameters.defaults();
        Map<String, String> p = curves.getOrDefault("FiberForceLengthCurve", Map.of());
        fpe = new FiberForceLengthCurve.Parameters(
                num(p, "strain_at_zero_force", fpe.strainAtZeroForce()),
                num(p, "strain_at_one_norm_force", fpe.strainAtOneNormForce()),
                num(p, "stiffness_at_low_force", Double.NaN),
                num(p, "stiffness_at_one_norm_force", Double.NaN),
                num(p, "curviness", Double.NaN));
        var fse = TendonForceLengthCurve.Parameters.defaults();
        Map<String, String> t = curves.getOrDefault("TendonForceLengthCurve", Map.of());
        fse = new TendonForceLengthCurve.Parameters(
                num(t, "strain_at_one_norm_force", fse.strainAtOneNormForce()),
                num(t, "stiffness_at_one_norm_force", Double.NaN),
                num(t, "norm_force_at_toe_end", Double.NaN),
                num(t, "curviness", Double.NaN));
        return MillardParameters.fromProperties(scalars, afl, fv, fpe, fse);
    }

    private static Map<String, String> scalarChildren(Element e) {
        Map<String, String> m = new HashMap<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && !hasElementChildren(c)) {
                m.put(c.getTagName(), c.getTextContent().trim());
            }
        }
        return m;
    }

    private static boolean hasElementChildren(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static double num(Map<String, String> m, String key, double fallback) {
        String s = m.get(key);
        return s == null ? fallback : Double.parseDouble(s);
    }
}
