package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.Env;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@link FastPath}'s table from picocli's model of the root and of every command: which
 * option names take no value (flags), which take one value of a type the fast path converts,
 * which make it give up (help, version, anything else), and the positional parameters. The
 * build runs it after the test classes compile (exec-maven-plugin, process-test-classes) into
 * target/classes, so the jar and the unit tests have the table the annotations describe.
 * A command whose model has anything the fast path does not do (arg groups, default values,
 * required options, multi-valued positionals) is listed without a class: always picocli.
 */
public final class FastPathTableWriter {

    private FastPathTableWriter() {
    }

    /** {@code args[0]}: the file to write. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, table(), StandardCharsets.UTF_8);
    }

    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("# jvirsh's fast path: picocli's model of each command, written by FastPathTableWriter at build time; do not edit\n");
        CommandSpec root = new CommandLine(new Jvirsh(Env.system(), null, null, null, null, null)).getCommandSpec();
        sb.append("root\t").append(Jvirsh.class.getName()).append('\n');
        args(sb, root);
        for (String name : CommandRegistry.NAMES) {
            CommandSpec spec = new CommandLine(CommandRegistry.create(name)).getCommandSpec();
            String why = whyNotSimple(spec);
            sb.append("command\t").append(name).append('\t');
            if (why != null) {
                sb.append("-\t").append(why).append('\n');
                continue;
            }
            sb.append(spec.userObject().getClass().getName()).append('\n');
            args(sb, spec);
        }
        return sb.toString();
    }

    private static void args(StringBuilder sb, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            String kind = kind(o);
            for (String name : o.names()) {
                sb.append("option\t").append(name).append('\t').append(kind);
                if (!kind.equals("stop")) {
                    Field f = (Field) o.userObject();
                    sb.append('\t').append(o.type().getName()).append('\t').append(f.getDeclaringClass().getName())
                            .append('\t').append(f.getName());
                }
                sb.append('\n');
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            Field f = (Field) p.userObject();
            sb.append("positional\t").append(p.index().min()).append('\t').append(p.type().getName()).append('\t')
                    .append(f.getDeclaringClass().getName()).append('\t').append(f.getName()).append('\t')
                    .append(p.arity().min() >= 1 ? "required" : "optional").append('\n');
        }
    }

    /** flag, value, or stop (the fast path gives the line to picocli when it sees this option). */
    private static String kind(OptionSpec o) {
        if (o.usageHelp() || o.versionHelp() || !(o.userObject() instanceof Field) || o.negatable() || o.isMultiValue()
                || !o.splitRegex().isEmpty()) {
            return "stop";
        }
        if (o.arity().max() == 0 && (o.type() == boolean.class || o.type() == Boolean.class)) {
            return "flag";
        }
        if (o.arity().min() == 1 && o.arity().max() == 1 && convertible(o.type())) {
            return "value";
        }
        return "stop";
    }

    /** Null when the fast path can parse every plain line of this command as picocli would; else why not. */
    static String whyNotSimple(CommandSpec spec) {
        if (!spec.argGroups().isEmpty()) {
            return "argument groups";
        }
        if (!spec.unmatchedArgsBindings().isEmpty()) {
            return "unmatched arguments";
        }
        if (!spec.subcommands().isEmpty()) {
            return "subcommands";
        }
        for (OptionSpec o : spec.options()) {
            if (o.required() || o.defaultValue() != null) {
                return "option " + o.longestName() + " is required or has a default value";
            }
        }
        List<PositionalParamSpec> ps = spec.positionalParameters();
        for (int i = 0; i < ps.size(); i++) {
            PositionalParamSpec p = ps.get(i);
            if (p.isMultiValue() || p.index().min() != i || p.index().max() != i || p.arity().max() != 1
                    || !convertible(p.type()) || !(p.userObject() instanceof Field) || p.defaultValue() != null) {
                return "positional " + p.paramLabel() + " is not one plain value";
            }
            if (p.arity().min() >= 1 && i > 0 && ps.get(i - 1).arity().min() == 0) {
                return "a required positional after an optional one";
            }
        }
        for (ArgSpec a : spec.args()) {
            if (a.interactive()) {
                return "interactive arguments";
            }
        }
        return null;
    }

    private static boolean convertible(Class<?> type) {
        return type == String.class || type == int.class || type == Integer.class;
    }
}
