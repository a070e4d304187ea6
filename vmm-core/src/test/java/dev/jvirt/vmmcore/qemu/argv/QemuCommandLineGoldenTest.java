package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jvirt.domainxml.domain.Domain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * XML in, argv out: for each {@code argv/NAME.xml}, the command line must equal
 * {@code NAME.args} (one argument per line), or the build must fail with the message in
 * {@code NAME.error}. {@code NAME.opts} gives launch options (see {@link TestHost#options}).
 * Regenerate with {@code -Djvirt.golden.update=true} and review the diff.
 *
 * <p>Inputs are read with {@code DomainXml.parse}, not {@code load}: each XML is written as a
 * complete definition (addresses, MACs and controllers given where a case needs them), so these
 * files test this package alone and do not change when domain-xml's defaults do.
 * {@link QemuCommandLineTest#goldenCasesBuildAfterDomainXmlDefaults} checks the two together.
 */
class QemuCommandLineGoldenTest {

    static final Path DIR = Path.of(System.getProperty("basedir", "."), "src/test/resources/argv");
    static final boolean UPDATE = Boolean.getBoolean("jvirt.golden.update");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        return cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    /** Every golden file belongs to a case; a leftover one fails the build. */
    @Test
    void noUnusedGoldenFiles() throws IOException {
        Set<String> cases = new TreeSet<>(cases());
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> unused = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> !cases.contains(base(p)))
                    .collect(Collectors.toList());
            if (UPDATE) {
                for (Path p : unused) {
                    Files.delete(p);
                }
                return;
            }
            assertThat(unused).as("golden files without a NAME.xml").isEmpty();
        }
    }

    @Test
    void enoughCases() throws IOException {
        long argvCases = cases().stream().filter(n -> !Files.exists(DIR.resolve(n + ".error"))).count();
        assertThat(argvCases).as("golden argv cases").isGreaterThanOrEqualTo(40);
    }

    private static void check(String name) throws IOException {
        Domain def = TestHost.parse(DIR.resolve(name + ".xml"));
        LaunchOptions options = TestHost.options(DIR.resolve(name + ".opts"));
        Path args = DIR.resolve(name + ".args");
        Path error = DIR.resolve(name + ".error");
        String actual;
        boolean failed;
        try {
            List<String> argv = QemuCommandLine.build(def, TestHost.caps(), TestHost.paths(def), options);
            for (String a : argv) {
                assertThat(a).as("an argument with a line break cannot be a golden line").doesNotContain("\n");
            }
            actual = String.join("\n", argv) + "\n";
            failed = false;
        } catch (CommandLineException e) {
            actual = e.getMessage() + "\n";
            failed = true;
        }
        Path expectedFile = failed ? error : args;
        Path otherFile = failed ? args : error;
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            Files.deleteIfExists(otherFile);
            return;
        }
        if (!Files.exists(expectedFile)) {
            fail(name + ": expected " + otherFile.getFileName() + " but got " + (failed ? "an error: " : "argv:\n") + actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    private static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().collect(Collectors.toList());
        }
    }

    private static String base(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }
}
