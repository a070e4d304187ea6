package dev.jvirt.testimages;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that tests take from the host's Debian packages. A test asks for a file with the package
 * that ships it, so that on a machine without it the failure names the package to install
 * ({@code scripts/install-deps} installs every one of them) instead of a bare
 * {@code NoSuchFileException}.
 */
public final class HostPackages {

    private HostPackages() {
    }

    /** {@code file}, which Debian's {@code debianPackage} ships; fails the test naming the package if it is missing. */
    public static Path file(String file, String debianPackage) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(missing(file, debianPackage));
        }
        return p;
    }

    /** The executable {@code name} on PATH, which Debian's {@code debianPackage} ships; fails naming the package if missing. */
    public static Path command(String name, String debianPackage) {
        Path found = onPath(name);
        if (found == null) {
            throw new AssertionError(missing(name + " (on PATH)", debianPackage));
        }
        return found;
    }

    /** The executable {@code name} on PATH, or null. */
    public static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    static String missing(String what, String debianPackage) {
        return "this test needs " + what + " from the Debian package " + debianPackage
                + ", which is not installed: run scripts/install-deps (as root), or apt-get install " + debianPackage;
    }
}
