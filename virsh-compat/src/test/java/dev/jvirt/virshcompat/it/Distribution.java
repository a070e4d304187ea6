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
}
