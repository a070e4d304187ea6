package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Protocol;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Procedure number → handler, per program. Handlers are registered by their XDR name
 * ({@code REMOTE_PROC_…}, {@code QEMU_PROC_…}), whose number comes from the protocol file.
 */
final class ProcedureTable {
    private final Map<Long, Procedure> handlers = new HashMap<>();

    ProcedureTable on(String name, Procedure p) {
        int program = name.startsWith("QEMU_") ? Protocol.QEMU_PROGRAM : Protocol.REMOTE_PROGRAM;
        if (handlers.putIfAbsent(key(program, Protocol.procedure(name)), p) != null) {
            throw new IllegalStateException(name + " is registered twice");
        }
        return this;
    }

    Optional<Procedure> find(int program, int procedure) {
        return Optional.ofNullable(handlers.get(key(program, procedure)));
    }

    int size() {
        return handlers.size();
    }

    private static long key(int program, int procedure) {
        return ((long) program << 32) | (procedure & 0xffffffffL);
    }
}
