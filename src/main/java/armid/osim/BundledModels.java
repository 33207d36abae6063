package armid.osim;

import armid.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models shipped inside armid. MoBL-ARMS Dynamic Upper Limb (Saul et al. 2015, McFarland et al. 2019), fixed-torso
 * OpenSim 4.1 variant, non-commercial research use with attribution: see NOTICE.
 */
public final class BundledModels {
    public static final String MOBL_ARMS = "MOBL_ARMS_fixed_41.osim";
    private static final String RESOURCE = "/armid/models/" + MOBL_ARMS;

    private BundledModels() {
    }

    public static Model moblArms() {
        try (InputStream in = BundledModels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled model " + RESOURCE + " is missing from the class path");
            }
            return OsimReader.read(in, MOBL_ARMS);
        } catch (IOException | OsimException e) {
            throw new IllegalStateException("cannot read the bundled model: " + e.getMessage(), e);
        }
    }

    /** The bytes of the bundled MoBL-ARMS file (for its SHA-256 in reports). */
    public static byte[] moblArmsBytes() {
        try (InputStream in = BundledModels.class.getResourceAsStream(RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The coordinates the paper locks (the wrist, deviation = flexion = 0), when the model has them; wrist_hand_r1 and
     * wrist_hand_r3 follow through their couplers.
     */
    public static Map<String, Double> defaultLocks(Model model) {
        Map<String, Double> locks = new LinkedHashMap<>();
        if (model.coordinateIndex("deviation") >= 0 && model.coordinateIndex("flexion") >= 0) {
            locks.put("deviation", 0.0);
            locks.put("flexion", 0.0);
        }
        return locks;
    }
}
