/**
 * Serial consoles of running guests.
 *
 * <p>Daemon side ({@link dev.jvirt.console.hub}): one {@link dev.jvirt.console.hub.ConsoleHub}
 * per running guest reads QEMU's console chardev continuously, keeps recent output in a ring,
 * writes the rotated {@link dev.jvirt.console.hub.ConsoleLog} and fans output out to attached
 * sessions; at most one writes. {@link dev.jvirt.console.hub.ConsoleStreamBridge} carries a
 * session over the frame protocol of {@link dev.jvirt.console.stream} (what jvirtd's console
 * endpoint sends after the HTTP upgrade).
 *
 * <p>Client side ({@link dev.jvirt.console.terminal}): {@link dev.jvirt.console.terminal.ConsoleClient}
 * runs {@code jvirsh console} over that stream (raw terminal, escape key, pipe mode), and
 * {@link dev.jvirt.console.terminal.ConsoleLogPrinter} prints a streamed console log.
 *
 * <p>Errors: {@link dev.jvirt.console.ConsoleException} and its subclasses
 * {@link dev.jvirt.console.ConsoleBusyException} (HTTP 409) and
 * {@link dev.jvirt.console.ConsoleUnavailableException} (the domain is not running).
 */
package dev.jvirt.console;
