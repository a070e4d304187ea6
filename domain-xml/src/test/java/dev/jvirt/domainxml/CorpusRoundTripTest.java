package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus file round-trips (parse → format → parse is equal, formatting is idempotent),
 * is valid once defaults are filled, does not churn when defaults are filled again, and matches
 * its golden canonical text. Run with {@code -Djvirt.golden.update=true} to rewrite golden files.
 */
class CorpusRoundTripTest {
    private static final boolean UPDATE = Boolean.getBoolean("jvirt.golden.update");

    @Test
    void corpusIsLargeEnough() {
        int total = 0;
        for (Corpus c : Corpus.values()) {
            assertThat(c.files()).as(c.name()).isNotEmpty();
            total += c.files().size();
        }
        assertThat(Corpus.DOMAIN.files()).hasSizeGreaterThanOrEqualTo(50);
        // recorded with the real tools by corpus/realworld/record.sh: virt-install output and libvirt's dumpxml
        assertThat(Corpus.REALWORLD.files()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(Corpus.REALWORLD.files().stream().filter(f -> f.toString().endsWith(".dumpxml.xml")))
                .hasSizeGreaterThanOrEqualTo(20);
        assertThat(total).isGreaterThanOrEqualTo(60);
    }

    @TestFactory
    Stream<DynamicTest> roundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Corpus c : Corpus.values()) {
            for (Path f : c.files()) {
                tests.add(DynamicTest.dynamicTest(c.dir + "/" + f.getFileName(), () -> {
                    Object parsed = c.parse.apply(Corpus.read(f));
                    String text = c.format.apply(parsed);
                    Object again = c.parse.apply(text);
                    assertThat(again).isEqualTo(parsed);
                    assertThat(c.format.apply(again)).isEqualTo(text);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> defaultsAreValidStableAndGolden() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Corpus c : Corpus.values()) {
            for (Path f : c.files()) {
                tests.add(DynamicTest.dynamicTest(c.dir + "/" + f.getFileName(), () -> {
                    Object filled = c.fill.apply(c.parse.apply(Corpus.read(f)), Corpus.seeded(f));
                    assertThat(c.validate.apply(filled)).isEmpty();
                    String canonical = c.format.apply(filled);
                    // define → dumpxml → define again must not change anything
                    Object refilled = c.fill.apply(c.parse.apply(canonical), Corpus.seeded(f));
                    assertThat(refilled).isEqualTo(filled);
                    assertThat(c.format.apply(refilled)).isEqualTo(canonical);
                    Path golden = c.golden(f);
                    if (UPDATE) {
                        Files.createDirectories(golden.getParent());
                        Files.writeString(golden, canonical);
                    }
                    assertThat(golden).as("golden file (regenerate with -Djvirt.golden.update=true)").exists();
                    assertThat(Corpus.read(golden)).isEqualTo(canonical);
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Byte-stable in the strongest sense: what libvirt's dumpxml gave back is, byte for byte, what
     * jvirt writes for it, so a definition moved between the two does not change at all.
     */
    @TestFactory
    Stream<DynamicTest> libvirtDumpxmlIsJvirtsOwnText() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : Corpus.REALWORLD.files()) {
            // live XML (*.live.dumpxml.xml) carries runtime state (ids, aliases) that a definition does not keep
            if (f.getFileName().toString().endsWith(".dumpxml.xml") && !f.getFileName().toString().endsWith(".live.dumpxml.xml")) {
                tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    String libvirt = Corpus.read(f);
                    assertThat(Corpus.REALWORLD.format.apply(Corpus.REALWORLD.parse.apply(libvirt))).isEqualTo(libvirt);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyGoldenFileHasACorpusFile() throws IOException {
        for (Corpus c : Corpus.values()) {
            for (Path g : c.goldenFiles()) {
                Path source = Corpus.RESOURCES.resolve("corpus").resolve(c.dir).resolve(g.getFileName().toString());
                assertThat(Files.exists(source)).as("unused golden file " + g + " (delete it)").isTrue();
            }
        }
    }
}
