package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.Env;
import dev.jvirt.vmmcore.daemon.JvirtdMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages from the same picocli model as {@code --help}: {@code jvirsh(1)} (its
 * COMMANDS section lists every command {@code jvirsh help} lists), one {@code jvirsh-COMMAND(1)}
 * per command, and {@code jvirtd(8)}. picocli's {@link ManPageGenerator} writes AsciiDoc; Debian's
 * {@code asciidoctor -b manpage} renders it to troff. The build runs it (exec-maven-plugin,
 * prepare-package) into {@code target/man/man1} and {@code target/man/man8}; the distribution
 * copies them into {@code dist/share/man} and the .deb.
 */
public final class ManPageWriter {

    private ManPageWriter() {
    }

    /** {@code args[0]}: the directory to write (man1/, man8/ and adoc/ below it). */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of(args[0]);
        Path adoc = out.resolve("adoc");
        Files.createDirectories(adoc);
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        CommandLine jvirsh = Jvirsh.newCommandLine(new Jvirsh(Env.system(), null, none, none, null, null));
        String version = jvirsh.getCommandSpec().version()[0];
        List<Path> section1 = new ArrayList<>();
        section1.add(write(adoc, jvirsh.getCommandSpec(), "1", version));
        for (Map.Entry<String, CommandLine> sub : jvirsh.getSubcommands().entrySet()) {
            CommandSpec spec = sub.getValue().getCommandSpec();
            if (!spec.usageMessage().hidden()) {
                section1.add(write(adoc, spec, "1", version));
            }
        }
        render(out.resolve("man1"), section1);
        render(out.resolve("man8"), List.of(write(adoc, JvirtdMain.commandLine().getCommandSpec(), "8", version)));
    }

    /**
     * One page's AsciiDoc as picocli writes it, with three fixes to its header: the section
     * (picocli writes 1 for every page), the source and version (jvirt's, on every page), and a
     * NAME line for a command whose description starts with an empty line (the first line that
     * is not empty, up to its first colon or full stop).
     */
    static String page(CommandSpec spec, String section, String version) {
        StringWriter text = new StringWriter();
        try (PrintWriter pw = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(pw, spec);
        }
        String name = spec.qualifiedName("-");
        String summary = "";
        for (String line : spec.usageMessage().description()) {
            if (!line.isBlank()) {
                summary = line.replaceFirst("[:.] .*", ""); // a NAME line is short: up to the first colon or stop
                break;
            }
        }
        return text.toString()
                .replace("= " + name + "(1)\n", "= " + name + "(" + section + ")\n")
                .replaceFirst("(?m)^:revnumber: .*$", Matcher.quoteReplacement(":revnumber: " + version))
                .replaceFirst("(?m)^:mansource: .*$", Matcher.quoteReplacement(":mansource: jvirt " + version))
                .replaceFirst("(?m)^:manmanual: .*$", ":manmanual: jvirt Manual")
                .replace("\n" + name + " - \n", "\n" + name + " - " + summary + "\n");
    }

    private static Path write(Path dir, CommandSpec spec, String section, String version) throws IOException {
        Path file = dir.resolve(spec.qualifiedName("-") + ".adoc");
        Files.writeString(file, page(spec, section, version), StandardCharsets.UTF_8);
        return file;
    }

    /** {@code asciidoctor -b manpage}: an argument list, no shell; a failure fails the build. */
    private static void render(Path dir, List<Path> pages) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> argv = new ArrayList<>(List.of("asciidoctor", "--failure-level", "WARN", "-b", "manpage",
                "-D", dir.toString()));
        pages.forEach(p -> argv.add(p.toString()));
        Process p;
        try {
            p = new ProcessBuilder(argv).inheritIO().start();
        } catch (IOException e) {
            throw new IOException("cannot run asciidoctor (Debian package asciidoctor; scripts/install-deps "
                    + "installs it): " + e.getMessage(), e);
        }
        if (p.waitFor() != 0) {
            throw new IOException("asciidoctor failed (exit " + p.exitValue() + ") rendering " + pages);
        }
    }
}
