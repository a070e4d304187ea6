package dev.jvirt.virshcompat.commands;

import java.util.Map;

/**
 * One domain's counters at one moment, as {@code jvirsh top} reads them from libvirt's domstats
 * keys, and the rates between two samples.
 */
record TopSample(long nanos, long cpuTime, long rssKib, long rdReqs, long wrReqs, long rxBytes, long txBytes) {

    static TopSample of(long nanos, Map<String, Object> stats) {
        return new TopSample(nanos, get(stats, "cpu.time"), get(stats, "balloon.rss"), sum(stats, "block", "rd.reqs"),
                sum(stats, "block", "wr.reqs"), sum(stats, "net", "rx.bytes"), sum(stats, "net", "tx.bytes"));
    }

    /** Percent of one host CPU used since {@code before} (100 = one CPU busy all the time). */
    double cpuPercent(TopSample before) {
        long wall = nanos - before.nanos;
        return wall <= 0 ? 0 : 100.0 * (cpuTime - before.cpuTime) / wall;
    }

    /** Per second since {@code before}. */
    long rate(long now, long then, TopSample before) {
        long wall = nanos - before.nanos;
        return wall <= 0 ? 0 : Math.max(0, Math.round((now - then) * 1e9 / wall));
    }

    private static long get(Map<String, Object> stats, String key) {
        Object v = stats.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static long sum(Map<String, Object> stats, String group, String field) {
        long n = get(stats, group + ".count");
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += get(stats, group + "." + i + "." + field);
        }
        return total;
    }
}
