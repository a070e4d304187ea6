package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <qemu:commandline>} in libvirt's QEMU namespace: arguments and environment passed to
 * QEMU as they are.
 *
 * @param args {@code <qemu:arg value>} in order
 * @param env {@code <qemu:env name value>} in order
 */
public record QemuCommandline(List<String> args, List<Env> env) {
    /** libvirt's namespace URI for QEMU pass-through elements. */
    public static final String NAMESPACE = "http://libvirt.org/schemas/domain/qemu/1.0";

    /** Normalises the lists. */
    public QemuCommandline {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** {@code <qemu:env name='X' value='y'/>}; value may be null. */
    public record Env(String name, String value) {}
}
