package dev.jvirt.testimages;

import java.nio.file.Files;
import java.nio.file.Path;

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
        TinyGuestImage image = new TinyGuestImage(BuildScripts.run(buildScript(), extraArgs));
        if (!Files.isRegularFile(image.kernel()) || !Files.isRegularFile(image.initrd())) {
            throw new IllegalStateException("build-tiny-guest named " + image.directory()
                    + " but it holds no vmlinuz/initrd.img");
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
        return BuildScripts.find("build-tiny-guest", "; set -Djvirt.testimages.script=PATH");
    }
}
