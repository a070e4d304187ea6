package dev.jvirt.console;

/** How a client attaches to a domain's console. */
public enum ConsoleMode {
    /** Sees the output and types into the guest; at most one per domain ({@code virsh console}). */
    READ_WRITE,
    /** Sees the output only; any number may attach beside the writer ({@code virsh console --safe}-like viewer). */
    READ_ONLY
}
