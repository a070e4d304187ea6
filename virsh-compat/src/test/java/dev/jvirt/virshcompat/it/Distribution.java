package dev.jvirt.virshcompat.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The jvirsh and jvirtd a user runs: {@code -Djvirt.dist=DIR} names a built dist/ to test; without
 * it (as in {@code mvn verify}, where the distribution module packages after this one) the test
 * lays one out from the same parts: the distribution's launcher scripts in bin/, this build's
 * virsh-compat jar in lib/ and the build's class path in lib/classpath (no CDS archive).
 */
final class Distribution {

    final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    Path jvirsh() {
        return home.resolve("bin/jvirsh");
    }

    Path jvirtd() {
        return home.resolve("bin/jvirtd");
    }

    static Distribution find(Path scratch) throws IOException {
        String given = System.getProperty("jvirt.dist");
        if (given != null && !given.isEmpty()) {
            return new Distribution(Path.of(given).toAbsolutePath());
        }
        Path module = Path.of("").toAbsolutePath();
        Path scripts = module.resolveSibling("distribution").resolve("src/bin");
        Path home = scratch.resolve("dist");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        for (String name : List.of("jvirsh", "jvirtd", "jvirt-launcher")) {
            Path target = home.resolve("bin").resolve(name);
            Files.copy(scripts.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().setExecutable(true);
        }
        List<String> classpath = new ArrayList<>();
        try (var jars = Files.list(module.resolve("target"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().matches("virsh-compat-.*(?<!-sources|-tests)\\.jar")).toList()) {
                Path copy = home.resolve("lib").resolve(jar.getFileName());
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                classpath.add(copy.toString()); // first, so jvirsh finds bin/jvirtd beside its lib/ as in dist/
            }
        }
        for (String entry : System.getProperty("java.class.path").split(":")) {
            if (!entry.endsWith("/target/classes") || !entry.contains("virsh-compat")) {
                classpath.add(entry);
            }
        }
        Files.writeString(home.resolve("lib/classpath"), String.join(":", classpath));
        return new Distribution(home);
    }

    /**
     * A copy of this distribution in {@code dir} that holds every entry of its classpath (jars and
     * class directories), world-readable, so that another user can run it (the build's jars are in
     * root's ~/.m2, which others cannot read).
     */
    Distribution selfContained(Path dir) throws IOException {
        Path home = dir.resolve("dist");
        copyTree(this.home.resolve("bin"), home.resolve("bin"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        List<String> classpath = new ArrayList<>();
        int n = 0;
        for (String entry : Files.readString(this.home.resolve("lib/classpath")).strip()
                .replace("@LIB@", this.home.resolve("lib").toString()).split(":")) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = lib.resolve((n++) + "-" + from.getFileName());
            copyTree(from, to);
            classpath.add(to.toString());
        }
        Files.writeString(lib.resolve("classpath"), String.join(":", classpath));
        try (var all = Files.walk(home)) {
            for (Path p : all.toList()) {
                p.toFile().setReadable(true, false);
                if (Files.isDirectory(p) || p.getParent().getFileName().toString().equals("bin")) {
                    p.toFile().setExecutable(true, false);
                }
            }
        }
        return new Distribution(home);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
