package armid.report;

import armid.model.muscle.curve.ActiveForceLengthCurve;
import armid.model.muscle.curve.CurveFitter;
import armid.model.muscle.curve.CurveProperties;
import armid.model.muscle.curve.FiberForceLengthCurve;
import armid.model.muscle.curve.ForceVelocityCurve;
import armid.model.muscle.curve.NormalizedCurve;
import armid.model.muscle.curve.PiecewisePolynomialCurve;
import armid.model.muscle.curve.TendonForceLengthCurve;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * The exact Millard curves of a muscle (OpenSim's quintic Béziers) beside the paper's piecewise-polynomial fits
 * (III.F.1): one chart per curve with both and one with their difference, PNG and SVG, and the samples in
 * {@code curves.csv} (curve, x, exact value, exact derivative, fitted value).
 */
public final class CurveReport {
    /** One curve's summary. */
    public record Summary(String curve, double from, double to, int polynomials, double maxError,
            double maxDerivativeError) {
    }

    private CurveReport() {
    }

    public static List<Summary> write(String muscle, CurveProperties.Set params, Path dir, int samples)
            throws IOException {
        Files.createDirectories(dir);
        List<Summary> out = new ArrayList<>();
        Path csv = Files.createTempFile(dir, ".curves", ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("curve,x,exact_value,exact_derivative,fitted_value\n");
            ActiveForceLengthCurve fl = new ActiveForceLengthCurve(params.activeForceLength());
            out.add(one(w, dir, muscle, "active_force_length", "normalised fiber length l_m/l_m^o", fl,
                    CurveFitter.fitActiveForceLength(fl), samples));
            ForceVelocityCurve fv = new ForceVelocityCurve(params.forceVelocity());
            out.add(one(w, dir, muscle, "force_velocity", "normalised fiber velocity v_m/v_max", fv,
                    CurveFitter.fitForceVelocity(fv), samples));
            FiberForceLengthCurve fpe = new FiberForceLengthCurve(params.fiberForceLength());
            out.add(one(w, dir, muscle, "fiber_force_length", "normalised fiber length l_m/l_m^o", fpe,
                    CurveFitter.fitFiberForceLength(fpe), samples));
            TendonForceLengthCurve ft = new TendonForceLengthCurve(params.tendonForceLength());
            out.add(one(w, dir, muscle, "tendon_force_length", "normalised tendon length l_t/l_t^s", ft,
                    CurveFitter.fitTendonForceLength(ft), samples));
        }
        Files.move(csv, dir.resolve("curves.csv"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return out;
    }

    private static Summary one(BufferedWriter w, Path dir, String muscle, String name, String xLabel,
            NormalizedCurve exact, PiecewisePolynomialCurve fit, int samples) throws IOException {
        double a = exact.minX();
        double b = exact.maxX();
        double margin = 0.1 * (b - a);
        double from = a - margin;
        double to = b + margin;
        double[] x = new double[samples];
        double[] ye = new double[samples];
        double[] yf = new double[samples];
        double[] diff = new double[samples];
        double maxErr = 0;
        double maxDErr = 0;
        for (int i = 0; i < samples; i++) {
            x[i] = from + (to - from) * i / (samples - 1);
            ye[i] = exact.value(x[i]);
            yf[i] = fit.value(x[i]);
            diff[i] = yf[i] - ye[i];
            double de = exact.derivative(x[i]);
            if (x[i] >= a && x[i] <= b) {
                maxErr = Math.max(maxErr, Math.abs(diff[i]));
                maxDErr = Math.max(maxDErr, Math.abs(fit.derivative(x[i]) - de));
            }
            w.write(String.format(Locale.ROOT, "%s,%.10g,%.17g,%.17g,%.17g%n", name, x[i], ye[i], de, yf[i]));
        }
        XYChart c = Charts.lineChart(muscle + ": " + name.replace('_', ' '), xLabel, "normalised force");
        Charts.addLine(c, "exact (OpenSim quintic Bézier)", x, ye);
        Charts.addLine(c, "fitted (" + fit.polynomialCount() + " polynomials)", x, yf);
        Charts.save(c, dir, name);
        XYChart d = Charts.lineChart(muscle + ": " + name.replace('_', ' ') + ", fitted − exact", xLabel,
                "difference (normalised force)");
        Charts.addLine(d, "fitted − exact", x, diff);
        Charts.save(d, dir, name + "_difference");
        return new Summary(name, a, b, fit.polynomialCount(), maxErr, maxDErr);
    }
}
