/**
 * Serial consoles of running guests.
 *
 * <p>Three parts, in three processes:
 * <ul>
 *   <li>{@link dev.jvirt.console.keeper} — the <b>console keeper</b>, jvirt's own {@code virtlogd}: a
 *       small process of its own, started by jvirtd and outliving it like the guests. It holds
 *       QEMU's console chardevs (a serial port's FIFOs, which it makes; a virtio console's socket),
 *       writes every byte into the domain's rotated {@link dev.jvirt.console.hub.ConsoleLog} first,
 *       and streams it to the daemon connected to it. So while jvirtd is down (killed, restarting,
 *       upgraded) the guest's output still reaches its log and its input stays open; the next
 *       jvirtd reconnects and attaches to the consoles it kept.</li>
 *   <li>{@link dev.jvirt.console.hub} — the daemon's side: one
 *       {@link dev.jvirt.console.hub.ConsoleHub} per running guest takes the keeper's stream over a
 *       {@link dev.jvirt.console.hub.GuestLink} and fans it out to attached sessions (at most one
 *       writes; viewers read); history for a late client is the log's tail, asked of the keeper in
 *       the stream so that it neither overlaps nor misses live output.
 *       {@link dev.jvirt.console.hub.ConsoleStreamBridge} carries a session over the frame protocol
 *       of {@link dev.jvirt.console.stream} (what jvirtd's console endpoint sends after the HTTP
 *       upgrade).</li>
 *   <li>{@link dev.jvirt.console.terminal} — the client: {@link dev.jvirt.console.terminal.ConsoleClient}
 *       runs {@code jvirsh console} over that stream (raw terminal, escape key, pipe mode), and
 *       {@link dev.jvirt.console.terminal.ConsoleLogPrinter} prints a streamed console log.</li>
 * </ul>
 *
 * <p><b>One I/O model per place.</b> The daemon puts every socket on Netty (its API, QMP, and its
 * connection to the keeper: {@code vmmcore.lifecycle.KeeperConnection}); this module has no
 * transport on the daemon's side ({@link dev.jvirt.console.keeper.KeeperClient} and
 * {@link dev.jvirt.console.hub.ConsoleStreamBridge} take and give bytes). The keeper puts every
 * descriptor it holds — FIFOs, QEMU's console sockets, its listening socket and the daemon's
 * connection — on one epoll thread through JNA ({@code Poller}): a FIFO is no socket and neither
 * Netty nor a {@code java.nio} selector can register it, and the keeper's few sockets join the
 * same set instead of bringing a second model (and Netty's weight) into a process that exists to
 * be small. The client reads a blocking stream: it has one connection and a person at the other end.
 * No state is static: the keeper's poller, the daemon's delivery executor and the keeper
 * connection are instances, passed in.
 *
 * <p>Errors: {@link dev.jvirt.console.ConsoleException} and its subclasses
 * {@link dev.jvirt.console.ConsoleBusyException} (HTTP 409) and
 * {@link dev.jvirt.console.ConsoleUnavailableException} (the domain is not running).
 */
package dev.jvirt.console;
