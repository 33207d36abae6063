package armid.model.function;

/** Interval search shared by the tabulated functions, with OpenSim's end-point tolerance. */
final class Knots {
    /** SIMM's ROUNDOFF_ERROR: abscissae this close to an end point are taken as the end point. */
    static final double ROUNDOFF = 2e-13;
    /** SIMM's TINY_NUMBER: the smallest interval width used in a division. */
    static final double TINY = 1e-7;

    private Knots() {
    }

    /** Index k with x[k] ≤ v ≤ x[k+1], for x[0] < v < x[n-1] (binary search as SIMM does it). */
    static int interval(double[] x, double v) {
        int n = x.length;
        if (n < 3) {
            return 0;
        }
        int lo = 0;
        int hi = n;
        while (true) {
            int k = (lo + hi) / 2;
            if (v < x[k]) {
                hi = k;
            } else if (v > x[k + 1]) {
                lo = k;
            } else {
                return k;
            }
        }
    }

    static void checkAbscissae(double[] x, double[] y, String kind) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(kind + ": " + x.length + " x values but " + y.length + " y values");
        }
        if (x.length < 1) {
            throw new IllegalArgumentException(kind + ": no points");
        }
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException(kind + ": x values must increase strictly, but x[" + i + "] = " + x[i]
                        + " follows x[" + (i - 1) + "] = " + x[i - 1]);
            }
        }
    }
}
