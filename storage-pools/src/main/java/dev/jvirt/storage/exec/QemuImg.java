package dev.jvirt.storage.exec;

import dev.jvirt.storage.Preallocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * qemu-img, always from argument lists. The argv builders are pure (tested on their own); every
 * path handed to them is absolute, so no argument can be taken for an option.
 */
public final class QemuImg {
    private static final Pattern PERCENT = Pattern.compile("\\((\\d+(?:\\.\\d+)?)/100%\\)");
    /** Copies of a large image may take long; the caller cancels instead. */
    private static final Duration LONG = Duration.ofHours(12);

    private final Commands commands;
    private final String binary;

    public QemuImg(Commands commands, String binary) {
        this.commands = commands;
        this.binary = binary;
    }

    /** {@code qemu-img create}; {@code backing} may be null. */
    public List<String> createArgv(Path file, String format, long bytes, Preallocation pre, Path backing, String backingFormat) {
        List<String> a = new ArrayList<>(List.of(binary, "create", "-q", "-f", format));
        List<String> opts = new ArrayList<>();
        if (pre != null && pre != Preallocation.OFF) {
            opts.add("preallocation=" + pre.option());
        }
        if (!opts.isEmpty()) {
            a.add("-o");
            a.add(String.join(",", opts));
        }
        if (backing != null) {
            a.addAll(List.of("-b", absolute(backing), "-F", backingFormat));
        }
        a.add(absolute(file));
        if (bytes >= 0) {
            a.add(Long.toString(bytes));
        }
        return a;
    }

    /** {@code qemu-img convert -p}: a full copy, optionally into an existing target ({@code -n}, for LVs). */
    public List<String> convertArgv(Path src, String srcFormat, Path dst, String dstFormat, boolean targetExists) {
        List<String> a = new ArrayList<>(List.of(binary, "convert", "-p", "-f", srcFormat, "-O", dstFormat));
        if (targetExists) {
            a.add("-n");
        }
        a.add(absolute(src));
        a.add(absolute(dst));
        return a;
    }

    /** {@code qemu-img resize}. */
    public List<String> resizeArgv(Path file, String format, long bytes, boolean shrink) {
        List<String> a = new ArrayList<>(List.of(binary, "resize", "-q", "-f", format));
        if (shrink) {
            a.add("--shrink");
        }
        a.add(absolute(file));
        a.add(Long.toString(bytes));
        return a;
    }

    /** {@code qemu-img info --output=json --backing-chain -U}; {@code format} null means probe. */
    public List<String> infoArgv(Path file, String format) {
        List<String> a = new ArrayList<>(List.of(binary, "info", "--output=json", "--backing-chain", "-U"));
        if (format != null) {
            a.addAll(List.of("-f", format));
        }
        a.add(absolute(file));
        return a;
    }

    public void create(Path file, String format, long bytes, Preallocation pre, Path backing, String backingFormat) {
        commands.check(createArgv(file, format, bytes, pre, backing, backingFormat), "creating " + format + " image " + file,
                pre == Preallocation.FULL ? LONG : Commands.DEFAULT_TIMEOUT);
    }

    /** Converts with progress in per-mille (0..1000) to {@code progress}. */
    public void convert(Path src, String srcFormat, Path dst, String dstFormat, boolean targetExists,
            LongConsumer perMille, BooleanSupplier cancelled) {
        List<String> argv = convertArgv(src, srcFormat, dst, dstFormat, targetExists);
        CommandResult r = commands.run(argv, LONG, piece -> {
            Matcher m = PERCENT.matcher(piece);
            if (m.find()) {
                perMille.accept(Math.round(Double.parseDouble(m.group(1)) * 10));
            }
        }, cancelled);
        if (r.exit() != 0) {
            throw Commands.failure("copying " + src + " to " + dst, r);
        }
    }

    public void resize(Path file, String format, long bytes, boolean shrink) {
        commands.check(resizeArgv(file, format, bytes, shrink), "resizing " + file);
    }

    public ImageInfo info(Path file, String format) {
        CommandResult r = commands.check(infoArgv(file, format), "reading image information of " + file);
        return ImageInfo.parse(r.stdout(), file.toString());
    }

    private static String absolute(Path p) {
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("qemu-img is given absolute paths only, not " + p);
        }
        return p.toString();
    }
}
