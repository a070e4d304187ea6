package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The fast path (plain invocations without picocli) agrees with picocli's model: for every
 * command that takes one, each of its flags, alone and all together, parses to the same fields
 * both ways; and what it does not take (help, unknown options, values) goes to picocli.
 */
class FastPathTest {

    @Test
    void everyFlagOfEverySimpleCommandParsesAsPicocliParsesIt() throws Exception {
        int checked = 0;
        for (String name : CommandRegistry.NAMES) {
            Object probe = CommandRegistry.create(name);
            if (!(probe instanceof SimpleArgs)) {
                continue;
            }
            List<String> flags = new ArrayList<>();
            for (OptionSpec o : new CommandLine(probe).getCommandSpec().options()) {
                if (o.arity().max() == 0 && !o.usageHelp() && !o.versionHelp()) {
                    flags.add(o.longestName());
                }
            }
            boolean takesDomain = probe instanceof DomainCommand;
            if (probe instanceof dev.jvirt.virshcompat.commands.QemuMonitorCommand) {
                assertThat(((SimpleArgs) probe).parseSimple(List.of("web1", "x"))).isFalse();
                continue;
            }
            List<List<String>> invocations = new ArrayList<>();
            for (String f : flags) {
                invocations.add(withDomain(takesDomain, f));
            }
            invocations.add(withDomain(takesDomain, flags.toArray(new String[0])));
            for (List<String> args : invocations) {
                Object picocli = CommandRegistry.create(name);
                new CommandLine(picocli).parseArgs(args.toArray(new String[0]));
                Object fast = CommandRegistry.create(name);
                assertThat(((SimpleArgs) fast).parseSimple(args)).as(name + " " + args).isTrue();
                assertThat(fields(fast)).as(name + " " + args).isEqualTo(fields(picocli));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void whatTheFastPathDoesNotTakeGoesToPicocli() {
        assertThat(new dev.jvirt.virshcompat.commands.ListCommand().parseSimple(List.of("--bogus"))).isFalse();
        assertThat(new dev.jvirt.virshcompat.commands.DomInfoCommand().parseSimple(List.of())).isFalse();
        assertThat(new dev.jvirt.virshcompat.commands.DomInfoCommand().parseSimple(List.of("a", "b"))).isFalse();
        assertThat(new dev.jvirt.virshcompat.commands.ShutdownCommand().parseSimple(List.of("--timeout", "3", "a"))).isFalse();
        // and so usage errors and help still come from picocli:
        assertThat(JvirshRun.of("list", "--bogus").err()).isEqualTo("error: command 'list' doesn't support option --bogus\n");
        assertThat(JvirshRun.of("-q", "dominfo", "--help").out()).startsWith("Usage: jvirsh dominfo");
    }

    private static List<String> withDomain(boolean takesDomain, String... flags) {
        List<String> args = new ArrayList<>(List.of(flags));
        if (takesDomain) {
            args.add(args.size() / 2, "web1");
        }
        return args;
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
