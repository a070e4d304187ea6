package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Protocol;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Procedure number → handler, per program. Handlers are registered by their XDR name
 * ({@code REMOTE_PROC_…}, {@code QEMU_PROC_…}), whose number comes from the protocol file.
 * A handler registered with {@link #query} only reads the facade's memory (no file written, no
 * process or QEMU waited for) and is answered on the connection's event loop; every other one
 * runs on a worker thread.
 */
final class ProcedureTable {
    record Entry(Procedure procedure, boolean inline) {
    }

    private final Map<Long, Entry> handlers = new HashMap<>();

    /** A procedure that may block (a lifecycle operation, a definition written, a QEMU probe). */
    ProcedureTable on(String name, Procedure p) {
        return add(name, new Entry(p, false));
    }

    /** A procedure that never blocks: answered without a thread hop. */
    ProcedureTable query(String name, Procedure p) {
        return add(name, new Entry(p, true));
    }

    private ProcedureTable add(String name, Entry e) {
        int program = name.startsWith("QEMU_") ? Protocol.QEMU_PROGRAM : Protocol.REMOTE_PROGRAM;
        if (handlers.putIfAbsent(key(program, Protocol.procedure(name)), e) != null) {
            throw new IllegalStateException(name + " is registered twice");
        }
        return this;
    }

    Optional<Entry> find(int program, int procedure) {
        return Optional.ofNullable(handlers.get(key(program, procedure)));
    }

    int size() {
        return handlers.size();
    }

    private static long key(int program, int procedure) {
        return ((long) program << 32) | (procedure & 0xffffffffL);
    }
}
