package armid.simulate;

import armid.model.ForceElement;
import armid.model.mechanics.Dynamics;
import armid.model.mechanics.MotionType;
import armid.model.mechanics.MultibodySystem;
import armid.model.function.SimmSpline;
import armid.model.path.PathEvaluator;
import armid.model.path.PathSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's passive forces that the paper's eq. 1 leaves out, for simulations that want them: OpenSim
 * {@code Ligament}s (tension pcsa_force·f(l/l_rest) along the path, zero while slack; the force-length curve is the
 * file's SimmSpline) and {@code CoordinateLimitForce}s (OpenSim's calcLimitForce: stiffness ramped in by SimTK's
 * quintic step over the transition beyond each limit, damping ramped in alike; degrees and N·m/degree converted for
 * rotational coordinates). A force on a locked coordinate does nothing. Not thread-safe; allocates nothing per call.
 */
final class ExtraForces {
    private final PathSet ligamentPaths;
    private final PathEvaluator ligamentEval;
    private final SimmSpline[] ligamentCurves;
    private final double[] restingLength;
    private final double[] pcsaForce;
    private final int[] limitCoordinate;
    private final double[] qUp;
    private final double[] qLow;
    private final double[] kUp;
    private final double[] kLow;
    private final double[] damp;
    private final double[] width;
    private final double[] arms;

    ExtraForces(MultibodySystem system, boolean ligaments, boolean limits) {
        List<ForceElement> ligs = new ArrayList<>();
        List<ForceElement> lims = new ArrayList<>();
        for (ForceElement f : system.model().forces()) {
            if (ligaments && f.type().equals("Ligament")) {
                ligs.add(f);
            }
            if (limits && f.type().equals("CoordinateLimitForce")) {
                int c = system.indexOf(f.properties().get("coordinate").trim());
                if (c >= 0) {
                    lims.add(f);
                }
            }
        }
        if (!ligs.isEmpty()) {
            ligamentPaths = PathSet.of(system, ligs.stream().map(ForceElement::name).toList());
            ligamentEval = ligamentPaths.newEvaluator().continuous();
        } else {
            ligamentPaths = null;
            ligamentEval = null;
        }
        ligamentCurves = new SimmSpline[ligs.size()];
        restingLength = new double[ligs.size()];
        pcsaForce = new double[ligs.size()];
        for (int i = 0; i < ligs.size(); i++) {
            ForceElement f = ligs.get(i);
            var curve = f.component("SimmSpline");
            if (curve.isEmpty()) {
                throw new IllegalArgumentException("ligament " + f.name() + " has no SimmSpline force_length_curve");
            }
            ligamentCurves[i] = new SimmSpline(numbers(curve.get("x")), numbers(curve.get("y")));
            restingLength[i] = Double.parseDouble(f.properties().get("resting_length").trim());
            pcsaForce[i] = Double.parseDouble(f.properties().get("pcsa_force").trim());
        }
        int nl = lims.size();
        limitCoordinate = new int[nl];
        qUp = new double[nl];
        qLow = new double[nl];
        kUp = new double[nl];
        kLow = new double[nl];
        damp = new double[nl];
        width = new double[nl];
        for (int i = 0; i < nl; i++) {
            ForceElement f = lims.get(i);
            int c = system.indexOf(f.properties().get("coordinate").trim());
            double w = system.coordinate(c).motionType() == MotionType.ROTATIONAL ? Math.PI / 180 : 1.0;
            limitCoordinate[i] = c;
            qUp[i] = w * prop(f, "upper_limit");
            qLow[i] = w * prop(f, "lower_limit");
            kUp[i] = prop(f, "upper_stiffness") / w;
            kLow[i] = prop(f, "lower_stiffness") / w;
            damp[i] = prop(f, "damping") / w;
            width[i] = w * prop(f, "transition");
        }
        arms = new double[system.dof()];
    }

    private static double prop(ForceElement f, String name) {
        String v = f.properties().get(name);
        if (v == null) {
            throw new IllegalArgumentException("CoordinateLimitForce " + f.name() + " has no " + name);
        }
        return Double.parseDouble(v.trim());
    }

    private static double[] numbers(String text) {
        String[] parts = text.trim().split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    boolean isEmpty() {
        return ligamentEval == null && limitCoordinate.length == 0;
    }

    /** Adds the generalized forces at the state of {@code dyn} (set to q, q̇) to {@code tau}. */
    void addForces(Dynamics dyn, double[] q, double[] qd, double[] tau) {
        if (ligamentEval != null) {
            ligamentEval.evaluate(dyn);
            for (int i = 0; i < ligamentCurves.length; i++) {
                double l = ligamentEval.length(i);
                if (l <= restingLength[i]) {
                    continue;
                }
                double f = pcsaForce[i] * ligamentCurves[i].value(l / restingLength[i]);
                ligamentEval.momentArms(i, arms);
                for (int k = 0; k < tau.length; k++) {
                    tau[k] += arms[k] * f;
                }
            }
        }
        for (int i = 0; i < limitCoordinate.length; i++) {
            int c = limitCoordinate[i];
            double x = q[c];
            double kU = step(0.0, kUp[i], qUp[i], qUp[i] + width[i], x);
            double kL = step(kLow[i], 0.0, qLow[i] - width[i], qLow[i], x);
            double fUp = -kU * (x - qUp[i]);
            double fLow = kL * (qLow[i] - x);
            double fDamp = -damp[i] * ((kUp[i] == 0 ? 0 : kU / kUp[i]) + (kLow[i] == 0 ? 0 : kL / kLow[i])) * qd[c];
            tau[c] += fUp + fLow + fDamp;
        }
    }

    /** SimTK::Function::Step: y0 before x0, y1 after x1, the quintic 10t³ − 15t⁴ + 6t⁵ between. */
    static double step(double y0, double y1, double x0, double x1, double x) {
        if (x <= x0) {
            return y0;
        }
        if (x >= x1) {
            return y1;
        }
        double t = (x - x0) / (x1 - x0);
        return y0 + (y1 - y0) * t * t * t * (10 + t * (6 * t - 15));
    }
}
