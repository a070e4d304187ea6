package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.client.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The fast path against picocli, the one model of jvirsh's arguments: the table it runs on is the
 * one picocli's model gives now, every plain invocation derived from that model (each option alone,
 * all together, with and without the global options) sets the same fields both ways, and what
 * it does not take goes to picocli.
 */
class FastPathTest {

    @Test
    void theTableInTheBuildIsTheOnePicocliDescribesNow() throws IOException {
        try (InputStream in = FastPath.class.getResourceAsStream(FastPath.TABLE)) {
            assertThat(in).as("target/classes/dev/jvirt/virshcompat/" + FastPath.TABLE + " (mvn process-test-classes writes it)")
                    .isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(FastPathTableWriter.table());
        }
    }

    @Test
    void everyPlainInvocationParsesAsPicocliParsesIt() throws Exception {
        int checked = 0;
        int simple = 0;
        for (String name : CommandRegistry.NAMES) {
            CommandSpec model = new CommandLine(CommandRegistry.create(name)).getCommandSpec();
            if (FastPathTableWriter.whyNotSimple(model) != null) {
                continue;
            }
            simple++;
            List<List<String>> lines = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (OptionSpec o : model.options()) {
                if (o.usageHelp() || o.versionHelp() || o.isMultiValue()) {
                    continue; // picocli's (the fast path stops at them)
                }
                List<String> words = new ArrayList<>(List.of(o.longestName()));
                if (o.arity().max() > 0) {
                    words.add(sample(o.type()));
                }
                lines.add(words);
                all.addAll(words);
                if (o.arity().max() > 0 && o.longestName().startsWith("--")) {
                    lines.add(List.of(o.longestName() + "=" + sample(o.type())));
                }
                if (o.names().length > 1) {
                    lines.add(swap(words, o.shortestName()));
                }
            }
            lines.add(all);
            lines.add(List.of());
            for (List<String> line : lines) {
                for (List<String> positionals : positionals(model)) {
                    List<String> before = new ArrayList<>(positionals);
                    before.addAll(line);
                    List<String> after = new ArrayList<>(line);
                    after.addAll(positionals);
                    checked += same(name, before, List.of()) + same(name, after, List.of("-q", "-c", "vmm:///system"))
                            + same(name, after, List.of("--connect=vmm:///session"));
                }
            }
        }
        assertThat(simple).as("commands the fast path takes").isGreaterThan(30);
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void whatTheFastPathDoesNotTakeGoesToPicocli() {
        for (String line : List.of("list --bogus", "dominfo", "dominfo a b", "list --all --all", "dominfo --help web1",
                "dominfo -h web1", "dominfo -- web1", "dominfo @args", "@args", "shutdown --timeout 0x10 web1",
                "shutdown --timeout -1 web1", "shutdown --timeout", "console --escape -x web1", "-c", "-c vmm:///system",
                "-q -q list", "-c a --connect b list", "list -q", "--all=true", "list --all=yes",
                "qemu-monitor-command web1 x", "-x list", "nosuch", "help", "-V")) {
            Jvirsh root = newRoot();
            assertThat(FastPath.parse(root, line.split(" "))).as(line).isNull();
            assertThat(root.connect).as(line).isNull();
            assertThat(root.quiet).as(line).isFalse();
        }
        // and so usage errors and help still come from picocli:
        assertThat(JvirshRun.of("list", "--bogus").err()).isEqualTo("error: command 'list' doesn't support option --bogus\n");
        assertThat(JvirshRun.of("-q", "dominfo", "--help").out()).startsWith("Usage: jvirsh dominfo");
    }

    @Test
    void commandsWhoseModelTheFastPathCannotFollowAreAlwaysPicoclis() {
        CommandSpec monitor = new CommandLine(CommandRegistry.create("qemu-monitor-command")).getCommandSpec();
        assertThat(FastPathTableWriter.whyNotSimple(monitor)).contains("<cmd>");
        assertThat(FastPathTableWriter.table()).contains("command\tqemu-monitor-command\t-\t");
    }

    /** Parses {@code args} after {@code global} both ways; 1 when the fields agree (fails the test otherwise). */
    @Test
    void theShellWithPlainGlobalOptionsSkipsPicocliAndSetsWhatPicocliWould() throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("-q"), List.of("-c", "vmm:///system"),
                List.of("--connect=vmm:///system", "-q", "--verbose"))) {
            Jvirsh fast = newRoot();
            assertThat(FastPath.parseShell(fast, args.toArray(new String[0]))).as("%s", args).isTrue();
            Jvirsh slow = newRoot();
            new CommandLine(slow).parseArgs(args.toArray(new String[0]));
            assertThat(fields(fast)).as("%s", args).isEqualTo(fields(slow));
        }
        for (List<String> args : List.of(List.of("list"), List.of("-q", "list", "--all"), List.of("--help"),
                List.of("-V"), List.of("-c"), List.of("-q", "-q"), List.of("--"))) {
            Jvirsh root = newRoot();
            assertThat(FastPath.parseShell(root, args.toArray(new String[0]))).as("%s", args).isFalse();
            assertThat(fields(root)).as("%s leaves the root alone", args).isEqualTo(fields(newRoot()));
        }
    }

    private static int same(String name, List<String> args, List<String> global) throws Exception {
        List<String> line = new ArrayList<>(global);
        line.add(name);
        line.addAll(args);
        String[] words = line.toArray(new String[0]);

        Jvirsh fastRoot = newRoot();
        JvirshCommand fast = FastPath.parse(fastRoot, words);
        assertThat(fast).as("the fast path takes: " + line).isNotNull();

        Jvirsh picoRoot = newRoot();
        CommandLine cli = new CommandLine(picoRoot);
        Object picocli = CommandRegistry.create(name);
        cli.addSubcommand(name, picocli);
        cli.parseArgs(words);

        assertThat(fields(fast)).as(String.valueOf(line)).isEqualTo(fields(picocli));
        assertThat(fields(fastRoot)).as(String.valueOf(line)).isEqualTo(fields(picoRoot));
        assertThat(fast.root).isSameAs(fastRoot);
        return 1;
    }

    private static Jvirsh newRoot() {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        return new Jvirsh(Env.of(Map.of(), 1000), InputStream.nullInputStream(), nowhere, nowhere, null, null);
    }

    /** The positional words to try: all of them, and only the required ones when some are optional. */
    private static List<List<String>> positionals(CommandSpec model) {
        List<String> all = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (PositionalParamSpec p : model.positionalParameters()) {
            String v = p.type() == String.class ? "word" + p.index().min() : "7";
            all.add(v);
            if (p.arity().min() > 0) {
                required.add(v);
            }
        }
        return all.equals(required) ? List.of(all) : List.of(all, required);
    }

    private static String sample(Class<?> type) {
        return type == String.class ? "text" : "42";
    }

    private static List<String> swap(List<String> words, String name) {
        List<String> copy = new ArrayList<>(words);
        copy.set(0, name);
        return copy;
    }

    /** The values of the fields picocli would set (annotated ones), by name. */
    private static Map<String, Object> fields(Object command) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Class<?> c = command.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                    f.setAccessible(true);
                    values.put(c.getSimpleName() + "." + f.getName(), f.get(command));
                }
            }
        }
        return values;
    }
}
