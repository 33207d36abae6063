package armid.simulate;

/**
 * What drives the driven muscles of an {@link ArmPlant} during a {@link ForwardSimulation}: the excitations over
 * each sample interval, decided once the sample at its start has been recorded (so a controller may use the state
 * at t_k to decide what happens after it, never the future).
 */
public interface Driver {
    /** The excitations at t = 0, into {@code u}. */
    void initialExcitation(double[] u);

    /** The EMG at sample k (recorded alongside it), or null when the excitations do not come from EMG. */
    double[] emg(int k);

    /**
     * Called after sample k (time t_k, state {@code s}) is recorded: prepares the excitations over [t_k, t_{k+1}].
     */
    void prepare(int k, double tk, double tk1, ArmPlant.Sample s);

    /** Times strictly inside the current interval where the excitations have a kink (ascending; often none). */
    double[] kinks();

    /** The excitations at time t within the current interval, into {@code u}. */
    void excitation(double t, double[] u);
}
