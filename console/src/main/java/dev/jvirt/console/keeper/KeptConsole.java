package dev.jvirt.console.keeper;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.jvirt.console.hub.ConsoleEndpoint;
import dev.jvirt.console.hub.ConsoleLog;
import dev.jvirt.console.hub.ConsoleLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guest's console as the keeper holds it: QEMU's chardev (FIFOs the keeper made, or QEMU's
 * unix socket), the rotated {@link ConsoleLog} every byte goes into first, and the keystrokes on
 * their way in. Poller thread only.
 *
 * <p>FIFOs, and why this way round: the 16550 writes one byte per {@code write(2)}; a FIFO buffers
 * 64 KiB of them, so the keeper reads in batches and the guest prints as fast as into a plain
 * file. Opening order, so that neither side blocks in {@code open(2)}: {@link #keep} makes
 * {@code BASE.in} and {@code BASE.out} and opens both read-write; QEMU's {@code file} chardev
 * (swapped in by the daemon with {@code chardev-change}) then opens its ends; {@link #stream}
 * reopens {@code .out} read-only and drops the read-write end, so that QEMU's exit reads as end
 * of stream. {@code .in} stays open read-write: QEMU never sees the end of its input while the
 * keeper lives, whether or not a daemon is there.
 *
 * <p>Gathering: after a read that did not fill the buffer (delivered at once, so typing echoes
 * without delay) the read interest is dropped for {@value #GATHER_MILLIS} ms, letting output
 * gather in the FIFO instead of waking for every byte; after a full read it stays.
 */
final class KeptConsole {
    private static final Logger LOG = LoggerFactory.getLogger(KeptConsole.class);
    static final long GATHER_MILLIS = 2;
    private static final int READ_BUFFER = 16 * 1024;
    private static final int READS_PER_WAKEUP = 8;

    /** Where the output goes after the log: the connection streaming it, if any. */
    interface Output {
        void data(byte[] chunk);

        void inputDone(long bytes);

        void ended(String why);
    }

    final String domain;
    final KeepRequest request;
    private final Poller poller;
    private final ConsoleLog log;
    private final Memory buffer;
    private final java.util.function.Consumer<KeptConsole> onEnd;
    private final Deque<byte[]> input = new ArrayDeque<>();
    private int inputOffset;
    private long runBytes;
    private boolean logBroken;
    private boolean ended;
    // a serial console: the FIFOs' descriptors
    private int fifoOutReadWrite = -1;
    private int fifoIn = -1;
    private Poller.Watch outWatch;
    private Poller.Watch inWatch; // the FIFO's .in, or the socket (then == outWatch)
    private int socketFd = -1;
    private Output output;

    private KeptConsole(String domain, KeepRequest request, Poller poller, ConsoleLog log, Memory buffer,
            java.util.function.Consumer<KeptConsole> onEnd) {
        this.domain = domain;
        this.request = request;
        this.poller = poller;
        this.log = log;
        this.buffer = buffer;
        this.onEnd = onEnd;
    }

    /** Makes and opens the FIFOs (or connects to QEMU's socket) and opens the log. */
    static KeptConsole keep(KeepRequest r, Poller poller, Memory buffer, java.util.function.Consumer<KeptConsole> onEnd)
            throws IOException {
        Path dir = r.endpoint() instanceof ConsoleEndpoint.Fifos f ? f.toGuest().toAbsolutePath().getParent()
                : ((ConsoleEndpoint.UnixSocket) r.endpoint()).path().toAbsolutePath().getParent();
        KeeperSecurity.requireOwnDirectory(dir);
        Files.createDirectories(r.logFile().toAbsolutePath().getParent());
        KeeperSecurity.requireOwnDirectory(r.logFile().toAbsolutePath().getParent());
        ConsoleLog log = ConsoleLog.open(r.logFile(), r.logFileBytes(), r.logKeep());
        KeptConsole c = new KeptConsole(r.domain(), r, poller, log, buffer, onEnd);
        try {
            if (r.endpoint() instanceof ConsoleEndpoint.Fifos f) {
                c.makeFifos(f);
            } else {
                c.connect(((ConsoleEndpoint.UnixSocket) r.endpoint()).path());
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.closeAll();
            throw e;
        }
    }

    private void makeFifos(ConsoleEndpoint.Fifos f) throws IOException {
        for (Path fifo : new Path[] {f.toGuest(), f.fromGuest()}) {
            Files.deleteIfExists(fifo); // an earlier run's, which QEMU may still hold: replaced
            try {
                LinuxIo.C.mkfifo(fifo.toString(), 0600);
            } catch (LastErrorException e) {
                throw new IOException("cannot make the FIFO " + fifo + ": errno " + e.getErrorCode(), e);
            }
        }
        fifoIn = openFifo(f.toGuest(), LinuxIo.O_RDWR);
        fifoOutReadWrite = openFifo(f.fromGuest(), LinuxIo.O_RDWR);
    }

    private static int openFifo(Path path, int mode) throws IOException {
        try {
            int fd = LinuxIo.C.open(path.toString(), mode | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC | LinuxIo.O_NOFOLLOW);
            KeeperSecurity.requireOwnFifo(path);
            return fd;
        } catch (LastErrorException e) {
            throw new IOException("cannot open the FIFO " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    /** QEMU's socket chardev (a virtio console) listens already: it did before QMP answered. */
    private void connect(Path socket) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            int fd = LinuxIo.C.socket(LinuxIo.AF_UNIX, LinuxIo.SOCK_STREAM | LinuxIo.SOCK_CLOEXEC, 0);
            try {
                LinuxIo.C.connect(fd, LinuxIo.sockaddr(socket.toString()), LinuxIo.sockaddrLength(socket.toString()));
                LinuxIo.C.fcntl(fd, LinuxIo.F_SETFL, LinuxIo.O_NONBLOCK);
                socketFd = fd;
                return;
            } catch (LastErrorException e) {
                Poller.closeFd(fd);
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot connect to the console socket " + socket + ": errno " + e.getErrorCode(), e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
    }

    /** Whether {@link #stream} ran: QEMU holds its ends and the keeper reads. */
    boolean isStreaming() {
        return outWatch != null;
    }

    /** QEMU holds its ends now: start reading (idempotent). */
    void stream() throws IOException {
        if (ended) {
            throw new IOException("the console is no longer kept");
        }
        if (outWatch != null) {
            return;
        }
        if (socketFd >= 0) {
            outWatch = poller.watch(socketFd, true, false, this::socketReady);
            socketFd = -1;
            inWatch = outWatch;
            return;
        }
        Path out = ((ConsoleEndpoint.Fifos) request.endpoint()).fromGuest();
        int readOnly = openFifo(out, LinuxIo.O_RDONLY);
        outWatch = poller.watch(readOnly, true, false, ev -> readOutput());
        Poller.closeFd(fifoOutReadWrite);
        fifoOutReadWrite = -1;
        inWatch = poller.watch(fifoIn, false, false, ev -> writeInput());
        fifoIn = -1;
    }

    /** Where output goes from now on (null: only the log). */
    void output(Output o) {
        this.output = o;
    }

    Output output() {
        return output;
    }

    /** The log's last {@code max} bytes, this run's only unless the request said the earlier ones are too. */
    byte[] history(int max) {
        long n = request.earlierOutputIsHistory() ? max : Math.min(max, runBytes);
        if (n <= 0) {
            return new byte[0];
        }
        try {
            return ConsoleLogReader.tail(request.logFile(), (int) n);
        } catch (IOException e) {
            LOG.warn("console log {} of domain '{}' cannot be read for history: {}", request.logFile(), domain, e.toString());
            return new byte[0];
        }
    }

    void input(byte[] keys) {
        if (ended) {
            return;
        }
        input.addLast(keys);
        if (inWatch != null) {
            writeInput();
        }
    }

    private void socketReady(int events) {
        if ((events & LinuxIo.EPOLLOUT) != 0) {
            writeInput();
        }
        if (!ended && (events & (LinuxIo.EPOLLIN | LinuxIo.EPOLLHUP | LinuxIo.EPOLLERR)) != 0) {
            readOutput();
        }
    }

    private void readOutput() {
        for (int i = 0; i < READS_PER_WAKEUP && !ended; i++) {
            long got;
            try {
                got = LinuxIo.C.read(outWatch.fd, buffer, READ_BUFFER);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LinuxIo.EAGAIN) {
                    break;
                }
                if (e.getErrorCode() == LinuxIo.EINTR) {
                    continue;
                }
                end("its console failed (errno " + e.getErrorCode() + ")");
                return;
            }
            if (got == 0) {
                end(null); // QEMU, the only writer, closed its end: the guest stopped
                return;
            }
            byte[] chunk = buffer.getByteArray(0, (int) got);
            record(chunk);
            if (got < READ_BUFFER) {
                gather();
                return;
            }
        }
    }

    private void gather() {
        outWatch.want(false, inWatch == outWatch && !input.isEmpty());
        poller.schedule(GATHER_MILLIS, () -> {
            if (!ended) {
                outWatch.want(true, inWatch == outWatch && !input.isEmpty());
            }
        });
    }

    private void record(byte[] chunk) {
        runBytes += chunk.length;
        if (!logBroken) {
            try {
                log.write(chunk, 0, chunk.length);
            } catch (IOException e) {
                logBroken = true;
                LOG.warn("console log {} of domain '{}' cannot be written; output goes on without it: {}", log.file(),
                        domain, e.toString());
            }
        }
        if (output != null) {
            output.data(chunk);
        }
    }

    private void writeInput() {
        long done = 0;
        while (!input.isEmpty()) {
            byte[] head = input.peekFirst();
            int left = head.length - inputOffset;
            Memory m = new Memory(left);
            m.write(0, head, inputOffset, left);
            long n;
            try {
                n = inWatch == outWatch ? LinuxIo.C.send(inWatch.fd, m, left, LinuxIo.MSG_NOSIGNAL)
                        : LinuxIo.C.write(inWatch.fd, m, left);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LinuxIo.EAGAIN) {
                    break;
                }
                if (e.getErrorCode() == LinuxIo.EINTR) {
                    continue;
                }
                LOG.debug("console of domain '{}': input write failed: errno {}", domain, e.getErrorCode());
                break; // the output side sees the end
            }
            inputOffset += (int) n;
            done += n;
            if (inputOffset == head.length) {
                input.removeFirst();
                inputOffset = 0;
            }
        }
        if (!ended) {
            boolean in = inWatch == outWatch ? outWatch.wantsIn() : false;
            inWatch.want(in, !input.isEmpty());
        }
        if (done > 0 && output != null) {
            output.inputDone(done);
        }
    }

    /** Stops keeping: closes everything; the output hears {@code why} (null: the guest stopped). */
    void end(String why) {
        if (ended) {
            return;
        }
        ended = true;
        closeAll();
        LOG.info("console of domain '{}' no longer kept: {} ({} bytes this run)", domain,
                why == null ? "the guest stopped" : why, runBytes);
        Output o = output;
        output = null;
        if (o != null) {
            o.ended(why);
        }
        onEnd.accept(this);
    }

    private void closeAll() {
        if (outWatch != null) {
            outWatch.close();
        }
        if (inWatch != null && inWatch != outWatch) {
            inWatch.close();
        }
        for (int fd : new int[] {fifoOutReadWrite, fifoIn, socketFd}) {
            if (fd >= 0) {
                Poller.closeFd(fd);
            }
        }
        fifoOutReadWrite = fifoIn = socketFd = -1;
        try {
            log.close();
        } catch (IOException e) {
            LOG.debug("closing the console log of domain '{}'", domain, e);
        }
    }

    @Override
    public String toString() {
        return "console of domain '" + domain + "' (" + request.endpoint() + ")";
    }
}
