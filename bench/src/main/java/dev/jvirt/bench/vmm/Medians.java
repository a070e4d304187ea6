package dev.jvirt.bench.vmm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples in milliseconds, and their median. */
final class Medians {
    private final List<Double> samples = new ArrayList<>();

    void addNanos(long nanos) {
        samples.add(nanos / 1e6);
    }

    double median() {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    int count() {
        return samples.size();
    }
}
