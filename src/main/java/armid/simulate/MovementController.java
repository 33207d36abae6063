package armid.simulate;

import armid.model.mechanics.Constraints;
import armid.model.mechanics.Coordinate;
import armid.model.mechanics.Dynamics;
import armid.model.muscle.MuscleOutputs;
import armid.numerics.SmallCholesky;
import java.util.SplittableRandom;

/**
 * Synthesised irregular EMG for all driven muscles, produced online by a controller that drives the arm through a
 * random smooth reference of the five independent coordinates.
 *
 * <p><b>Reference.</b> Each independent coordinate moves by minimum-jerk segments (10s³ − 15s⁴ + 6s⁵) between
 * waypoints that alternate between the lower and the upper part of a band around a centre, each segment lasting a
 * random time; coordinates switch at different times, so all five move independently. The band (half-width 30 % of
 * the range) keeps a margin of 15 % of the range to each limit; waypoints lie at 75–100 % of the band's half-width
 * from the centre, so each coordinate sweeps at least half its range once two segments have passed. Three
 * coordinates have bands of their own, with waypoints at 93–100 % of the half-width (at least 40 % of the range
 * swept): shoulder rotation [-1.15, 0.45] rad (above it INFSP's torus and cylinder path made micrometre jumps every
 * few hundredths of a millimetre of motion), forearm rotation [-0.62, 0.78] rad (in deeper pronation the light
 * forearm shook at tens of rad/s under the controller) and shoulder elevation [0.5, 2.0] rad (near 2.26 rad DELT1's
 * ellipsoid wrap switches to the long way round, OpenSim's own 0.2 m jump of length). Movement 1 ("reaching": slower
 * segments, 2.0–3.2 s, centres shifted towards flexion and forward elevation) and movement 2 ("abduction and
 * rotation": faster segments, 1.2–2.2 s, centres shifted the other way) differ in centres and timing; the seed draws
 * the waypoints, durations and the EMG's irregularity, each coordinate's reference and the irregularity from a
 * stream of their own, so that a shorter run follows the first part of a longer one with the same seed.
 *
 * <p><b>Controller</b> (at each sample k, from the state at t_k only): the state is predicted a look-ahead L =
 * t_d + 35 ms ahead (the EMG filter's delay plus activation and force build-up), a desired acceleration of the
 * independent coordinates is formed from the reference at t_k + L by PD feedback (natural frequency 1.5 Hz,
 * critically damped), turned into the independent coordinates' generalized forces by inverse dynamics (Tᵀ ID(q, q̇,
 * T q̈_ind)), and distributed over the muscles by box-constrained least squares on activation (the muscles linearised
 * as f = f_now + (a' − a) f_o f^L cos φ, moment arms J_m at the sample) weighted by the inverse reduced inertia (acceleration errors), with a small pull towards a slowly varying
 * co-contraction baseline. <b>EMG</b> = that activation plus an irregular part: the activation times an irregular
 * modulation (a sum of random sines at 1–12 Hz, ±25 %), projected onto the activation changes that leave the
 * independent coordinates' generalized forces unchanged to first order (so that the irregularity shows as varying
 * co-contraction, which is what tells muscles apart, rather than as torque noise), clipped to [0, 1]. What the filter
 * makes of it drives the arm; the EMG recorded is exactly this signal. There is no sample-to-sample jitter: white
 * jitter made the excitation cross the activation about once per sample (16 muscles), each crossing a switch of eq.
 * 18's time constant, a kink the integrator had to resolve; without
 * it the first second of movement 1 takes 2.2 times fewer right-hand-side evaluations.
 */
final class MovementController implements EmgDriver.EmgSource {
    /** Margin kept between each reference band and the coordinate's limits, as a fraction of its range. */
    private static final double MARGIN = 0.15;
    /** Half-width of each reference band, as a fraction of the range (shoulder rotation: see below). */
    private static final double HALF_WIDTH = 0.30;
    /**
     * Shoulder rotation's band, centre and half-width as fractions of its range ([-1.15, 0.45] rad): above about
     * 0.45 rad the path of INFSP (torus and cylinder wraps) has micrometre jumps of length every few hundredths of a
     * millimetre of motion, each a jump of the right-hand side that the error control must resolve.
     */
    private static final double[] SHOULDER_ROT_BAND = {0.333, 0.218};
    /**
     * Forearm rotation's band, centre and half-width as fractions of its range ([-0.62, 0.78] rad): in pronation
     * beyond about −0.7 rad the light forearm, driven there by PQ against the much stronger biceps, shook at up to
     * 57 rad/s with the controller's excitations switching between 0 and 1 within milliseconds.
     */
    private static final double[] PRO_SUP_BAND = {0.5255, 0.2228};
    /**
     * Shoulder elevation's band ([0.5, 2.0] rad): near 2.26 rad (with elv_angle about 0.9) DELT1's path over its
     * ellipsoid switches to the long way round (0.16 → 0.37 m, OpenSim's own switch), a force of the order of 100 kN
     * that throws the arm out of its ranges.
     */
    private static final double[] SHOULDER_ELV_BAND = {0.3979, 0.2387};
    /** Waypoints lie at this fraction of the band's half-width from the centre or further (shoulder rotation). */
    private static final double WAYPOINT_MIN_ROT = 0.93;
    /** The same for the other coordinates. */
    private static final double WAYPOINT_MIN = 0.75;
    private static final double OMEGA = 2 * Math.PI * 1.5;
    private static final double ZETA = 1.0;
    private static final double REGULARISATION = 0.1;
    /** The range guard acts within this fraction of the range from either limit. */
    private static final double GUARD = 0.08;
    /** Natural frequency of the range guard's spring (rad/s). */
    private static final double GUARD_OMEGA = 2 * Math.PI * 3.0;

    private final ArmPlant plant;
    private final int movement;
    private final int n;
    private final int ni;
    private final int nm;
    private final int[] independent;
    private final double[] tMap; // n × ni
    private final Dynamics dyn;
    private final double lookAhead;

    // reference: per independent coordinate, waypoint times and values
    private final double[][] wpTime;
    private final double[][] wpValue;
    // irregular modulation: per muscle, sines
    private final double[][] modAmp;
    private final double[][] modFreq;
    private final double[][] modPhase;
    // co-contraction baseline: per muscle, level and slow sine
    private final double[] baseLevel;
    private final double[] baseFreq;
    private final double[] basePhase;

    // scratch
    private final double[] q;
    private final double[] qd;
    private final double[] qddFull;
    private final double[] tau;
    private final double[] tauInd;
    private final double[] ref;
    private final double[] b; // ni × nm
    private final double[] gain;
    private final double[] hMat;
    private final double[] cVec;
    private final double[] a;
    private final double[] mass;
    private final double[] weight;
    private final double[] delta;
    private final double[] bbt;
    private final double[] rhs;
    private final double[] lower; // per independent coordinate: range limits
    private final double[] upper;

    MovementController(ArmPlant plant, int movement, long seed, double duration, double emgDelay) {
        if (movement != 1 && movement != 2) {
            throw new IllegalArgumentException("movement must be 1 or 2, got " + movement);
        }
        this.plant = plant;
        this.movement = movement;
        Constraints c = plant.constraints();
        n = plant.dof();
        independent = c.independent();
        ni = independent.length;
        nm = plant.drivenCount();
        tMap = c.velocityMap();
        dyn = plant.system().newDynamics();
        lookAhead = emgDelay + 0.035;
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + movement);
        // separate streams: the reference of each coordinate and the EMG's irregularity do not depend on the duration
        SplittableRandom[] refRnd = new SplittableRandom[ni];
        for (int j = 0; j < ni; j++) {
            refRnd[j] = rnd.split();
        }
        SplittableRandom modRnd = rnd.split();
        wpTime = new double[ni][];
        wpValue = new double[ni][];
        double segMin = movement == 1 ? 2.0 : 1.2;
        double segMax = movement == 1 ? 3.2 : 2.2;
        double shift = movement == 1 ? 0.08 : -0.08;
        for (int j = 0; j < ni; j++) {
            Coordinate co = plant.system().coordinate(independent[j]);
            double range = co.rangeMax() - co.rangeMin();
            double[] band = switch (co.name()) {
                case "shoulder_rot" -> SHOULDER_ROT_BAND;
                case "pro_sup" -> PRO_SUP_BAND;
                case "shoulder_elv" -> SHOULDER_ELV_BAND;
                default -> null;
            };
            double centre;
            double half;
            double wpMin;
            if (band != null) {
                centre = co.rangeMin() + band[0] * range;
                half = band[1] * range;
                wpMin = WAYPOINT_MIN_ROT;
            } else {
                centre = 0.5 * (co.rangeMin() + co.rangeMax()) + shift * range * (j % 2 == 0 ? 1 : -1);
                half = HALF_WIDTH * range;
                // keep the band inside the margins
                centre = Math.max(co.rangeMin() + MARGIN * range + half,
                        Math.min(co.rangeMax() - MARGIN * range - half, centre));
                wpMin = WAYPOINT_MIN;
            }
            SplittableRandom r = refRnd[j];
            java.util.List<Double> ts = new java.util.ArrayList<>();
            java.util.List<Double> vs = new java.util.ArrayList<>();
            double t = 0;
            ts.add(0.0);
            vs.add(centre);
            // the first segment is shorter for some coordinates, so that they do not all start together
            double first = r.nextDouble(0.3, 1.0) * segMin;
            int side = r.nextBoolean() ? 1 : -1;
            t += first;
            while (true) {
                ts.add(t);
                vs.add(centre + side * half * r.nextDouble(wpMin, 1.0));
                side = -side;
                if (t > duration + 1) {
                    break;
                }
                t += r.nextDouble(segMin, segMax);
            }
            wpTime[j] = ts.stream().mapToDouble(Double::doubleValue).toArray();
            wpValue[j] = vs.stream().mapToDouble(Double::doubleValue).toArray();
        }
        int sines = 4;
        modAmp = new double[nm][sines];
        modFreq = new double[nm][sines];
        modPhase = new double[nm][sines];
        baseLevel = new double[nm];
        baseFreq = new double[nm];
        basePhase = new double[nm];
        for (int m = 0; m < nm; m++) {
            for (int s = 0; s < sines; s++) {
                modAmp[m][s] = 0.25 / sines * modRnd.nextDouble(0.5, 1.0) * 2;
                modFreq[m][s] = modRnd.nextDouble(1.0, 12.0);
                modPhase[m][s] = modRnd.nextDouble(0, 2 * Math.PI);
            }
            baseLevel[m] = modRnd.nextDouble(0.02, 0.06);
            baseFreq[m] = modRnd.nextDouble(0.1, 0.4);
            basePhase[m] = modRnd.nextDouble(0, 2 * Math.PI);
        }
        delta = new double[nm];
        bbt = new double[ni * ni];
        rhs = new double[ni];
        lower = new double[ni];
        upper = new double[ni];
        for (int j = 0; j < ni; j++) {
            Coordinate co = plant.system().coordinate(independent[j]);
            lower[j] = co.rangeMin();
            upper[j] = co.rangeMax();
        }
        q = new double[n];
        qd = new double[n];
        qddFull = new double[n];
        tau = new double[n];
        tauInd = new double[ni];
        ref = new double[3];
        b = new double[ni * nm];
        gain = new double[nm];
        hMat = new double[nm * nm];
        cVec = new double[nm];
        a = new double[nm];
        mass = new double[n * n];
        weight = new double[ni];
    }

    String describe() {
        return "movement " + movement + ": minimum-jerk reference between random waypoints (segments "
                + (movement == 1 ? "2.0-3.2" : "1.2-2.2") + " s, band +-30 % of range, 15 % margins; shoulder_rot in"
                + " [-1.15, 0.45] rad, pro_sup in [-0.62, 0.78] rad, shoulder_elv in [0.5, 2.0] rad), PD on the "
                + "independent coordinates (1.5 Hz, critically damped) through inverse dynamics, look-ahead "
                + lookAhead + " s, range guard (3 Hz spring within 8 % of each limit), box-constrained least-squares "
                + "activations, EMG = activation + activation x irregular modulation (+-25 %, 1-12 Hz) projected to "
                + "leave the independent generalized forces unchanged, clipped to [0, 1]";
    }

    /** Positions of all free coordinates at the reference's start. */
    double[] initialPositions() {
        double[] qi = new double[ni];
        for (int j = 0; j < ni; j++) {
            qi[j] = wpValue[j][0];
        }
        return plant.constraints().positions(qi);
    }

    /** Reference of independent coordinate j at time t: value, speed, acceleration into ref. */
    void reference(int j, double t, double[] out) {
        double[] ts = wpTime[j];
        double[] vs = wpValue[j];
        int i = 0;
        while (i + 1 < ts.length - 1 && ts[i + 1] <= t) {
            i++;
        }
        double t0 = ts[i];
        double t1 = ts[i + 1];
        double d = t1 - t0;
        double s = Math.max(0, Math.min(1, (t - t0) / d));
        double dv = vs[i + 1] - vs[i];
        double p = s * s * s * (10 + s * (6 * s - 15));
        double dp = 30 * s * s * (1 - s) * (1 - s);
        double ddp = 60 * s * (1 - s) * (1 - 2 * s);
        out[0] = vs[i] + dv * p;
        out[1] = dv * dp / d;
        out[2] = dv * ddp / (d * d);
    }

    @Override
    public void initial(double[] e) {
        // the rest state: hold the start pose (computed with zero speed and the model at rest)
        for (int m = 0; m < nm; m++) {
            e[m] = baseLevel[m];
        }
        double[] q0 = initialPositions();
        ArmPlant.Sample s = plant.newSample();
        double[] y = plant.restState(q0, e);
        double[] u = e.clone();
        plant.sample(y, u, new double[plant.dimension()], s);
        // a few passes: activations that hold the pose, fibres re-equilibrated for them
        for (int pass = 0; pass < 3; pass++) {
            solveActivations(0, s, 0.0, e);
            y = plant.restState(q0, e);
            System.arraycopy(e, 0, u, 0, nm);
            plant.sample(y, u, new double[plant.dimension()], s);
        }
    }

    @Override
    public void next(int k, double tk, double tk1, ArmPlant.Sample s, double[] e) {
        solveActivations(tk, s, lookAhead, a);
        // the irregular part δ_m = a_m (mod_m − 1), projected onto the activation changes that leave the independent
        // coordinates' generalized forces unchanged (to first order: B δ = 0, B from the last solve), so that the
        // irregularity shows in co-contraction, not as torque noise that shakes the light forearm
        for (int m = 0; m < nm; m++) {
            double mod = 0;
            for (int i = 0; i < modAmp[m].length; i++) {
                mod += modAmp[m][i] * Math.sin(2 * Math.PI * modFreq[m][i] * tk1 + modPhase[m][i]);
            }
            delta[m] = a[m] * mod;
        }
        projectOutTorque(delta);
        for (int m = 0; m < nm; m++) {
            e[m] = Math.max(0, Math.min(1, a[m] + delta[m]));
        }
    }

    /**
     * The range guard: within {@link #GUARD} of the range from a limit (at the predicted state), a stiff, critically
     * damped spring back towards the guarded band, so that tracking errors never carry a coordinate out of its range.
     */
    private double guard(int j, double qi, double qdi) {
        double range = upper[j] - lower[j];
        double lo = lower[j] + GUARD * range;
        double hi = upper[j] - GUARD * range;
        double w = GUARD_OMEGA;
        if (qi < lo) {
            return w * w * (lo - qi) - 2 * w * Math.min(qdi, 0);
        }
        if (qi > hi) {
            return -w * w * (qi - hi) - 2 * w * Math.max(qdi, 0);
        }
        return 0;
    }

    /** Activations that give the desired generalized forces of the independent coordinates. */
    private void solveActivations(double t, ArmPlant.Sample s, double ahead, double[] out) {
        // predicted state
        for (int i = 0; i < n; i++) {
            q[i] = s.q[i] + ahead * s.qd[i] + 0.5 * ahead * ahead * s.qdd[i];
            qd[i] = s.qd[i] + ahead * s.qdd[i];
        }
        // desired independent accelerations
        java.util.Arrays.fill(qddFull, 0);
        for (int j = 0; j < ni; j++) {
            reference(j, t + ahead, ref);
            int i = independent[j];
            double acc = ahead == 0 ? 0
                    : ref[2] + OMEGA * OMEGA * (ref[0] - q[i]) + 2 * ZETA * OMEGA * (ref[1] - qd[i]);
            if (ahead > 0) {
                acc += guard(j, q[i], qd[i]);
            }
            for (int r = 0; r < n; r++) {
                qddFull[r] += tMap[r * ni + j] * acc;
            }
        }
        if (ahead == 0) {
            java.util.Arrays.fill(qd, 0);
            System.arraycopy(s.q, 0, q, 0, n);
        }
        dyn.setState(q, qd);
        dyn.inverseDynamics(qddFull, true, tau);
        // weights: the inverse of the reduced inertia's diagonal, so that the least squares weigh acceleration
        // errors (a newton-metre on the light forearm rotation matters far more than on the shoulder)
        dyn.massMatrix(mass);
        for (int j = 0; j < ni; j++) {
            double mjj = 0;
            for (int r = 0; r < n; r++) {
                double tr = tMap[r * ni + j];
                if (tr == 0) {
                    continue;
                }
                for (int c = 0; c < n; c++) {
                    mjj += tr * mass[r * n + c] * tMap[c * ni + j];
                }
            }
            weight[j] = 1 / mjj;
        }
        // required = T^T tau - T^T J^T (f_now - a_now g) ; B = T^T J^T diag(g)
        for (int m = 0; m < nm; m++) {
            MuscleOutputs o = plant.outputs(m);
            gain[m] = plant.muscle(m).parameters().maxIsometricForce() * Math.max(o.activeForceLengthMultiplier(),
                    0.05) * o.cosPennationAngle();
        }
        for (int j = 0; j < ni; j++) {
            double req = 0;
            for (int i = 0; i < n; i++) {
                req += tMap[i * ni + j] * tau[i];
            }
            for (int m = 0; m < nm; m++) {
                double arm = 0;
                for (int i = 0; i < n; i++) {
                    arm += tMap[i * ni + j] * s.momentArms[m][i];
                }
                double passive = s.force[m] - s.activation[m] * gain[m];
                req -= arm * passive;
                b[j * nm + m] = arm * gain[m];
            }
            tauInd[j] = req;
        }
        // H = B^T B + rho I, c = B^T r + rho baseline
        for (int m = 0; m < nm; m++) {
            double base = baseLevel[m] * (1 + 0.5 * Math.sin(2 * Math.PI * baseFreq[m] * t + basePhase[m]));
            for (int l = 0; l < nm; l++) {
                double h = 0;
                for (int j = 0; j < ni; j++) {
                    h += weight[j] * b[j * nm + m] * b[j * nm + l];
                }
                hMat[m * nm + l] = h + (m == l ? REGULARISATION : 0);
            }
            double cv = 0;
            for (int j = 0; j < ni; j++) {
                cv += weight[j] * b[j * nm + m] * tauInd[j];
            }
            cVec[m] = cv + REGULARISATION * base;
            out[m] = Math.max(0, Math.min(1, s.activation[m]));
        }
        // projected Gauss-Seidel on the box [0, 1]
        for (int sweep = 0; sweep < 60; sweep++) {
            for (int m = 0; m < nm; m++) {
                double r = cVec[m];
                for (int l = 0; l < nm; l++) {
                    if (l != m) {
                        r -= hMat[m * nm + l] * out[l];
                    }
                }
                out[m] = Math.max(0, Math.min(1, r / hMat[m * nm + m]));
            }
        }
    }

    /** δ ← δ − Bᵀ (B Bᵀ)⁻¹ B δ with B (ni × nm) from the last {@link #solveActivations}: B δ becomes 0. */
    private void projectOutTorque(double[] d) {
        double trace = 0;
        for (int j = 0; j < ni; j++) {
            double r = 0;
            for (int m = 0; m < nm; m++) {
                r += b[j * nm + m] * d[m];
            }
            rhs[j] = r;
            for (int l = 0; l < ni; l++) {
                double v = 0;
                for (int m = 0; m < nm; m++) {
                    v += b[j * nm + m] * b[l * nm + m];
                }
                bbt[j * ni + l] = v;
            }
            trace += bbt[j * ni + j];
        }
        // a tiny ridge keeps the solve defined where a coordinate has (almost) no muscle
        for (int j = 0; j < ni; j++) {
            bbt[j * ni + j] += 1e-12 * trace;
        }
        if (!SmallCholesky.factor(bbt, ni)) {
            return; // B = 0: nothing to project out
        }
        SmallCholesky.solve(bbt, ni, rhs, rhs);
        for (int m = 0; m < nm; m++) {
            double v = 0;
            for (int j = 0; j < ni; j++) {
                v += b[j * nm + m] * rhs[j];
            }
            d[m] -= v;
        }
    }

}