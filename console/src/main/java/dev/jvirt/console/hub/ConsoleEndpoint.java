package dev.jvirt.console.hub;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where QEMU has the guest's serial port, as the command line sets it up.
 *
 * <ul>
 *   <li>{@link UnixSocket}: {@code -chardev socket,id=..,path=P,server=on,wait=off}. QEMU drops
 *       output while no client is connected (daemon down), and sends each byte in its own
 *       {@code sendmsg()}: its socket buffer holds only a few hundred bytes of console output,
 *       so any pause of the reader pauses the guest (see ConsoleThroughputIT's figures).</li>
 *   <li>{@link Fifos}: {@code -chardev pipe,id=..,path=BASE} with FIFOs {@code BASE.in} and
 *       {@code BASE.out} made by the daemon ({@code mkfifo}) before QEMU starts. The pipe
 *       buffers 64 KiB of bytes, so the guest prints as fast as into a plain file; while no
 *       hub reads (daemon down) output is kept up to 64 KiB, then the guest's serial waits.</li>
 * </ul>
 */
public sealed interface ConsoleEndpoint {

    /** A unix-socket server chardev at {@code path}; the hub connects as its client. */
    record UnixSocket(Path path) implements ConsoleEndpoint {
        public UnixSocket {
            Objects.requireNonNull(path);
        }

        @Override
        public String toString() {
            return "unix socket " + path;
        }
    }

    /** A pipe chardev with FIFOs {@code base.in} (to the guest) and {@code base.out} (from the guest). */
    record Fifos(Path base) implements ConsoleEndpoint {
        public Fifos {
            Objects.requireNonNull(base);
        }

        public Path toGuest() {
            return base.resolveSibling(base.getFileName() + ".in");
        }

        public Path fromGuest() {
            return base.resolveSibling(base.getFileName() + ".out");
        }

        @Override
        public String toString() {
            return "FIFOs " + base + ".{in,out}";
        }
    }
}
