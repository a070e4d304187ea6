package dev.jvirt.testimages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built image files of the tiny guest, as {@code test-images/build-tiny-guest} leaves them in
 * its cache directory.
 */
public record TinyGuestImage(Path directory) {

    public Path kernel() {
        return directory.resolve("vmlinuz");
    }

    public Path initrd() {
        return directory.resolve("initrd.img");
    }

    public Path manifest() {
        return directory.resolve("MANIFEST");
    }

    /**
     * Runs the build script (a cache hit takes milliseconds) and returns the image it names.
     *
     * @param extraArgs further options for the script, such as {@code --cache-dir DIR}
     */
    public static TinyGuestImage build(String... extraArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(buildScript().toString());
        argv.add("--quiet");
        argv.addAll(List.of(extraArgs));
        String out = Commands.run(argv).strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        TinyGuestImage image = new TinyGuestImage(Path.of(last));
        if (!Files.isRegularFile(image.kernel()) || !Files.isRegularFile(image.initrd())) {
            throw new IllegalStateException("build-tiny-guest named " + last + " but it holds no vmlinuz/initrd.img");
        }
        return image;
    }

    /**
     * The build script: {@code -Djvirt.testimages.script=PATH}, else {@code test-images/build-tiny-guest}
     * found from the working directory upwards (Maven runs tests in the module's directory).
     */
    public static Path buildScript() {
        String configured = System.getProperty("jvirt.testimages.script");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-images").resolve("build-tiny-guest");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find test-images/build-tiny-guest above "
                + Path.of("").toAbsolutePath() + "; set -Djvirt.testimages.script=PATH");
    }
}
