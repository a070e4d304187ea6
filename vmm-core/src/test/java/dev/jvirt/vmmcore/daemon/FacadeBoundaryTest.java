package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The daemon reaches vmm-core through the {@code Hypervisor} facade and the types it takes and
 * returns, never past it: no class under {@code daemon/} names a class of the lifecycle, the QEMU
 * driver or the state store (by import or fully qualified), and none parses or formats domain
 * XML itself (the facade hands out the model). A new route that needs more adds it to the facade.
 */
class FacadeBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java/dev/jvirt/vmmcore");
    private static final Path DAEMON = MAIN.resolve("daemon");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "dev\\.jvirt\\.vmmcore\\.(lifecycle|qemu|store)\\b[\\w.]*|dev\\.jvirt\\.domainxml\\.domain\\.DomainXml\\b");

    @Test
    void noDaemonClassReachesPastTheFacade() throws IOException {
        List<Path> sources = sources(DAEMON);
        assertThat(sources).as("the scan sees the daemon's sources").hasSizeGreaterThan(20);
        assertThat(uses(sources, FORBIDDEN)).as("daemon classes naming vmm-core internals or the XML codec").isEmpty();
    }

    /** The core's packages depend one way: lifecycle → qemu, store, host; store → qemu; qemu and host → neither. */
    @Test
    void theCorePackagesHaveNoCycle() throws IOException {
        assertThat(uses(sources(MAIN.resolve("qemu")), layer("lifecycle|store|host|daemon"))).isEmpty();
        assertThat(uses(sources(MAIN.resolve("store")), layer("lifecycle|host|daemon"))).isEmpty();
        assertThat(uses(sources(MAIN.resolve("host")), layer("lifecycle|store|qemu|daemon"))).isEmpty();
        assertThat(uses(sources(MAIN.resolve("lifecycle")), layer("daemon"))).isEmpty();
    }

    private static Pattern layer(String packages) {
        return Pattern.compile("dev\\.jvirt\\.vmmcore\\.(" + packages + ")\\b[\\w.]*");
    }

    /** Every place in {@code sources} that names what {@code forbidden} matches, as FILE:LINE NAME. */
    private static List<String> uses(List<Path> sources, Pattern forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = forbidden.matcher(lines.get(i));
                while (m.find()) {
                    found.add(MAIN.relativize(f) + ":" + (i + 1) + " " + m.group());
                }
            }
        }
        return found;
    }

    @Test
    void theScanCatchesAnImportAndAFullyQualifiedName() {
        assertThat(FORBIDDEN.matcher("import dev.jvirt.vmmcore.lifecycle.DomainDefinitions;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("new dev.jvirt.vmmcore.qemu.GuestPaths(dir)").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import dev.jvirt.vmmcore.store.RuntimeStore;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("DomainXml.parse(x)").find()).isFalse(); // the import is what is caught
        assertThat(FORBIDDEN.matcher("import dev.jvirt.domainxml.domain.DomainXml;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import dev.jvirt.vmmcore.Hypervisor;").find()).isFalse();
        assertThat(FORBIDDEN.matcher("import dev.jvirt.vmmcore.daemon.http.Json;").find()).isFalse();
    }

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
