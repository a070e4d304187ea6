package dev.jvirt.console.hub;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where QEMU has the guest's console.
 *
 * <ul>
 *   <li>{@link Fifos}, for a serial port: a {@code file} chardev with {@code in=BASE.in} and
 *       {@code out=BASE.out}, FIFOs made and held by the daemon ({@link ConsoleFifos}) and swapped
 *       in with QMP {@code chardev-change}. The pipe buffers 64 KiB, so the guest prints as fast
 *       as into a plain file; while no hub reads (daemon down) QEMU's writes fail and the output
 *       is dropped: the guest never waits.</li>
 *   <li>{@link UnixSocket}, for a virtio console (whose frontend cannot swap chardevs):
 *       {@code -chardev socket,id=..,path=P,server=on,wait=off}. QEMU drops output while no client
 *       is connected. (Not for a serial port: the 16550 sends each byte in its own
 *       {@code sendmsg()}, the socket's buffer holds a few hundred of them, and any pause of the
 *       reader pauses the guest; see ConsoleThroughputIT.)</li>
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

    /** FIFOs {@code base.in} (to the guest) and {@code base.out} (from the guest) behind a file chardev. */
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
