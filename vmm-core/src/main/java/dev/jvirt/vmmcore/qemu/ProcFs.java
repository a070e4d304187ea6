package dev.jvirt.vmmcore.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What /proc says about a process. */
public final class ProcFs {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;
    private final Path proc;

    public ProcFs(Path proc) {
        this.proc = proc;
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** The state letter of /proc/PID/stat ({@code R}, {@code S}, {@code Z}, ...), empty when the pid is gone. */
    public Optional<Character> state(long pid) {
        try {
            return parseState(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The state letter from a stat line; the command name may hold spaces and parentheses. */
    static Optional<Character> parseState(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        return Optional.of(stat.charAt(close + 2));
    }

    /** The process's arguments from /proc/PID/cmdline; empty when gone (or a zombie). */
    public List<String> cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            return splitNul(raw);
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> splitNul(byte[] raw) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return args;
    }

    /** utime + stime of /proc/PID/stat in nanoseconds (USER_HZ is 100 on Linux); 0 when it cannot be read. */
    public long cpuTimeNanos(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0L;
        }
    }

    /** Alive: present and neither a zombie ({@code Z}) nor dead ({@code X}). */
    public boolean isAlive(long pid) {
        return state(pid).map(s -> s != 'Z' && s != 'X').orElse(false);
    }
}
