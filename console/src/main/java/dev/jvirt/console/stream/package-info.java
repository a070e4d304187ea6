/**
 * The console stream between jvirtd and a client, carried over the upgraded HTTP connection.
 *
 * <p>A frame is {@code type (1 byte) | length (4 bytes, big endian, <= 1 MiB) | payload}:
 * <ul>
 *   <li>{@code 1 DATA} both ways: guest output (daemon → client) or keystrokes (client → daemon);</li>
 *   <li>{@code 2 CLOSED} daemon → client, the last frame: a {@link dev.jvirt.console.CloseReason}
 *       code byte (0 DETACHED, 1 TAKEN_OVER, 2 GUEST_STOPPED, 3 TOO_SLOW, 4 HUB_CLOSED) then a
 *       UTF-8 message for the person; the daemon closes the connection after it;</li>
 *   <li>{@code 3 DETACH} client → daemon, empty: the client leaves.</li>
 * </ul>
 * An unknown type or an oversized length is a protocol error. Attach errors (busy, not running)
 * are HTTP errors before the upgrade, not frames.
 */
package dev.jvirt.console.stream;
