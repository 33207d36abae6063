package armid.identify;

/**
 * Adam (Kingma and Ba 2015, PyTorch's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay) on the selected
 * parameters in normalised coordinates x = θ / scale, so that one learning rate fits masses, lengths and time
 * constants alike; after each step the values are clipped to the parameters' bounds.
 */
public final class Adam {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final int[] idx;
    private final double[] scale;
    private final double[] lo;
    private final double[] hi;
    private final double[] m;
    private final double[] v;
    private int t;

    public Adam(ParameterRegistry reg, int[] indices, double learningRate) {
        this(reg, indices, learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(ParameterRegistry reg, int[] indices, double learningRate, double beta1, double beta2, double eps) {
        this.lr = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.idx = indices.clone();
        scale = new double[idx.length];
        lo = new double[idx.length];
        hi = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            ParameterDriver p = reg.driver(idx[k]);
            scale[k] = p.scale();
            lo[k] = p.min();
            hi[k] = p.max();
        }
        m = new double[idx.length];
        v = new double[idx.length];
    }

    /** One step: updates θ in place from the full gradient ∂L/∂θ. */
    public void step(double[] theta, double[] grad) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            double g = grad[i] * scale[k];
            m[k] = beta1 * m[k] + (1 - beta1) * g;
            v[k] = beta2 * v[k] + (1 - beta2) * g * g;
            double step = lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + eps);
            double x = theta[i] / scale[k] - step;
            theta[i] = Math.max(lo[k], Math.min(hi[k], x * scale[k]));
        }
    }

    public int steps() {
        return t;
    }

    /** Copy of the first moment estimates (one per optimised parameter, in the order of the indices). */
    public double[] firstMoments() {
        return m.clone();
    }

    /** Copy of the second moment estimates. */
    public double[] secondMoments() {
        return v.clone();
    }

    /** Restores the state saved by {@link #steps}, {@link #firstMoments}, {@link #secondMoments} (resume). */
    public void restore(int steps, double[] first, double[] second) {
        if (first.length != m.length || second.length != v.length || steps < 0) {
            throw new IllegalArgumentException("Adam state for " + first.length + " parameters, this optimiser has "
                    + m.length);
        }
        t = steps;
        System.arraycopy(first, 0, m, 0, m.length);
        System.arraycopy(second, 0, v, 0, v.length);
    }
}
