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
    private final Map<VolumeRef, java.util.List<String>> leases = new HashMap<>();

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

    /** Takes the volume for {@code what}; {@code evenIfLeased} for reads (a guest may run beside them). */
    synchronized Hold acquire(VolumeRef v, String what, boolean evenIfLeased) {
        Hold h = held.get(v);
        if (h != null) {
            throw new VolumeBusyException(v + " is busy: " + h.what + " is in progress; wait for it or cancel it");
        }
        if (!evenIfLeased && leases.containsKey(v)) {
            throw new VolumeBusyException(v + " is " + users(v) + "; " + what + " is refused while it runs (shut the guest "
                    + "down or detach the disk first)");
        }
        Hold n = new Hold(v, what);
        held.put(v, n);
        return n;
    }

    /** A lease for guest {@code user}'s disk; the returned action gives it back (once). */
    synchronized Runnable lease(VolumeRef v, String user) {
        Hold h = held.get(v);
        if (h != null) {
            throw new VolumeBusyException(v + " is busy: " + h.what + " is in progress; a guest cannot use it now");
        }
        leases.computeIfAbsent(v, k -> new java.util.ArrayList<>()).add(user);
        boolean[] given = {false};
        return () -> {
            synchronized (VolumeLocks.this) {
                if (!given[0]) {
                    given[0] = true;
                    java.util.List<String> l = leases.get(v);
                    l.remove(user);
                    if (l.isEmpty()) {
                        leases.remove(v);
                    }
                }
            }
        };
    }

    private String users(VolumeRef v) {
        return "in use by guest " + String.join(", ", leases.get(v).stream().distinct().map(u -> "'" + u + "'").toList());
    }

    /** What holds a volume now ({@code upload (job 3)}, {@code in use by guest 'web1'}), or null. */
    synchronized String holder(VolumeRef v) {
        Hold h = held.get(v);
        return h != null ? h.what : leases.containsKey(v) ? users(v) : null;
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
                return v + " (" + users(v) + ")";
            }
        }
        return null;
    }
}
