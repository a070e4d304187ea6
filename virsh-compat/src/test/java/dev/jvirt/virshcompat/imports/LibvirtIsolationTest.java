package dev.jvirt.virshcompat.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * libvirt-java stays behind {@link LibvirtLoader}: in jvirsh's compiled classes only those of
 * {@code imports/libvirt/} name {@code org/libvirt/} (and the loader, as strings), and only {@code LibvirtLoader} names that
 * package (by its class name, for its own class loader). Another class that linked against either
 * would make the app class loader look for libvirt-java, which is on no class path of jvirsh's.
 */
class LibvirtIsolationTest {

    private static final String OWN = "dev/jvirt/virshcompat/imports/libvirt/";

    @Test
    void onlyTheReaderNamesLibvirtJavaAndOnlyTheLoaderNamesTheReader() throws Exception {
        Path classes = Path.of(LibvirtLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> libvirtUsers = new ArrayList<>();
        List<String> readerUsers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString();
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains("org/libvirt/") && !name.startsWith(OWN)) {
                    libvirtUsers.add(name);
                }
                if ((text.contains(OWN) || text.contains("dev.jvirt.virshcompat.imports.libvirt.")) && !name.startsWith(OWN)) {
                    readerUsers.add(name);
                }
            }
        }
        assertThat(libvirtUsers).as("LibvirtLoader names libvirt-java's package as strings (a resource, a prefix)")
                .containsExactly("dev/jvirt/virshcompat/imports/LibvirtLoader.class");
        assertThat(readerUsers).containsExactly("dev/jvirt/virshcompat/imports/LibvirtLoader.class");
        assertThat(classes.resolve(OWN + "LibvirtReader.class")).exists();
    }
}
