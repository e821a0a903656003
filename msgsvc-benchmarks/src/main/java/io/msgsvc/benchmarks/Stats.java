package io.msgsvc.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a sample (nearest rank), in the unit of the values given. */
record Stats(int count, double p50, double p99, double max) {
    static Stats of(Collection<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(v.length, rank(v, 50), rank(v, 99), v[v.length - 1]);
    }

    static Stats of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(v.length, rank(v, 50), rank(v, 99), v[v.length - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
