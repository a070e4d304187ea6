package dev.jvirt.storage;

import java.util.HashMap;
import java.util.Map;

/**
 * Who holds which volume: one operation at a time (a job, or a quick change such as resize), and
 * any number of leases (a running guest's disk). An operation refuses a leased volume unless it is
 * one that may run beside a guest; a lease refuses a volume an operation holds.
 */
final class VolumeLocks {
    private final Map<VolumeRef, Hold> held = new HashMap<>();
    private final Map<VolumeRef, Integer> leases = new HashMap<>();

    /** One operation's hold on a volume; close releases it. */
    final class Hold implements AutoCloseable {
        private final VolumeRef ref;
        private volatile String what;

        private Hold(VolumeRef ref, String what) {
            this.ref = ref;
            this.what = what;
        }

        void describe(String w) {
            this.what = w;
        }

        @Override
        public void close() {
            synchronized (VolumeLocks.this) {
                held.remove(ref, this);
            }
        }
    }

    /** Takes the volume for {@code what}; {@code evenIfLeased} for reads and forced deletes. */
    synchronized Hold acquire(VolumeRef v, String what, boolean evenIfLeased) {
        Hold h = held.get(v);
        if (h != null) {
            throw new VolumeBusyException(v + " is busy: " + h.what + " is in progress; wait for it or cancel it");
        }
        if (!evenIfLeased && leases.getOrDefault(v, 0) > 0) {
            throw new VolumeBusyException(v + " is in use by a running guest; " + what + " is refused while it runs");
        }
        Hold n = new Hold(v, what);
        held.put(v, n);
        return n;
    }

    /** A lease for a guest's disk; the returned action gives it back (once). */
    synchronized Runnable lease(VolumeRef v) {
        Hold h = held.get(v);
        if (h != null) {
            throw new VolumeBusyException(v + " is busy: " + h.what + " is in progress; a guest cannot use it now");
        }
        leases.merge(v, 1, Integer::sum);
        boolean[] given = {false};
        return () -> {
            synchronized (VolumeLocks.this) {
                if (!given[0]) {
                    given[0] = true;
                    leases.computeIfPresent(v, (k, n) -> n > 1 ? n - 1 : null);
                }
            }
        };
    }

    /** What holds a volume now ({@code upload (job 3)}, {@code in use by a guest}), or null. */
    synchronized String holder(VolumeRef v) {
        Hold h = held.get(v);
        return h != null ? h.what : leases.containsKey(v) ? "in use by a guest" : null;
    }

    /** Whether any volume of the pool is held or leased, and which. */
    synchronized String busyIn(String pool) {
        for (VolumeRef v : held.keySet()) {
            if (v.pool().equals(pool)) {
                return v + " (" + held.get(v).what + ")";
            }
        }
        for (VolumeRef v : leases.keySet()) {
            if (v.pool().equals(pool)) {
                return v + " (in use by a guest)";
            }
        }
        return null;
    }
}
