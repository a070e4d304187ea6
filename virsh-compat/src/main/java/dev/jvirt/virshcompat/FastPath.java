package dev.jvirt.virshcompat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plain invocation ({@code jvirsh [-q] [-c URI] dominfo web1}) without building picocli's
 * model, which costs a short command about 200 ms of its start. What a plain invocation may
 * hold comes from picocli's own model of each command, written down at build time as
 * {@code fast-path.tsv} beside this class (FastPathTableWriter, run by the build after the test
 * classes compile): the {@code @Option} and {@code @Parameters} annotations stay the one place
 * that declares a command's arguments. The fast path takes only what picocli would parse the
 * same way: exact option names, a value after its option (or {@code --name=value}), each option
 * once, and the command's positional parameters; anything else (help, unknown or repeated options,
 * {@code --}, {@code @files}, a value that is not plainly a number) answers null, and picocli
 * parses the line as usual, so its help and its errors stay the only ones. Without the table (a
 * build that skipped the test classes) every line goes to picocli.
 */
final class FastPath {

    static final String TABLE = "fast-path.tsv";

    /** One argument of a command, as the table describes it. */
    private static final class Arg {
        final String kind; // flag, value, stop (help, version, or an option the fast path does not parse)
        final String type;
        final String owner;
        final String field;

        Arg(String kind, String type, String owner, String field) {
            this.kind = kind;
            this.type = type;
            this.owner = owner;
            this.field = field;
        }
    }

    /** A command's part of the table: its class (null when it is never parsed here), options and positionals. */
    private static final class Spec {
        String className;
        final Map<String, Arg> options = new HashMap<>();
        final Map<String, Arg> byField = new HashMap<>();
        final List<Arg> positionals = new ArrayList<>();
        int requiredPositionals;
    }

    private FastPath() {
    }

    static Integer run(Jvirsh root, String[] args) {
        JvirshCommand command = parse(root, args);
        if (command != null) {
            return command.call();
        }
        return parseShell(root, args) ? root.call() : null;
    }

    /**
     * A plain invocation without a command ({@code jvirsh [-q] [-c URI]}: the shell): true, with
     * the root's options set as picocli would set them; false, with nothing changed, otherwise.
     * The shell then runs each line through {@link #run} (or picocli) as before, without the
     * model of every command that picocli would build first (~700 classes).
     */
    static boolean parseShell(Jvirsh root, String[] args) {
        String[] table = table();
        if (table == null) {
            return false;
        }
        List<Object[]> rootSets = new ArrayList<>();
        if (options(spec(table, null), args, 0, rootSets) != args.length) {
            return false; // a command, an option the fast path leaves to picocli, or nothing parsed
        }
        try {
            apply(root, rootSets);
        } catch (ReflectiveOperationException | RuntimeException stale) {
            return false;
        }
        return true;
    }

    /**
     * The command of a plain invocation with its fields (and the root's global options) set as
     * picocli would set them; null, with nothing changed, for a line that is not plain.
     */
    static JvirshCommand parse(Jvirsh root, String[] args) {
        String[] table = table();
        if (table == null) {
            return null;
        }
        Spec rootSpec = spec(table, null);
        List<Object[]> rootSets = new ArrayList<>(); // {Arg, value}: applied only once the whole line parsed
        int i = options(rootSpec, args, 0, rootSets);
        if (i < 0 || i >= args.length || args[i].startsWith("@")) {
            return null;
        }
        String name = args[i];
        Spec spec = spec(table, name);
        if (spec == null || spec.className == null || !CommandRegistry.exists(name)) {
            return null;
        }
        List<Object[]> sets = new ArrayList<>();
        if (!command(spec, args, i + 1, sets)) {
            return null;
        }
        Object command = CommandRegistry.create(name);
        if (!command.getClass().getName().equals(spec.className) || !(command instanceof JvirshCommand)) {
            return null; // a table from another build
        }
        try {
            apply(command, sets);
            apply(root, rootSets);
        } catch (ReflectiveOperationException | RuntimeException stale) {
            return null; // the table names a field the class does not have: let picocli parse (the root is untouched)
        }
        JvirshCommand jc = (JvirshCommand) command;
        jc.root = root;
        return jc;
    }

    /**
     * The command word of {@code args}: the first argument that is not a global option or its
     * value (null when there is none, or when the table is missing and so the options are unknown).
     */
    static String commandName(String[] args) {
        String[] table = table();
        if (table == null) {
            return null;
        }
        Spec root = spec(table, null);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                return a;
            }
            Arg o = root.options.get(a);
            if (o != null && o.kind.equals("value")) {
                i++;
            }
        }
        return null;
    }

    /** Parses leading options of {@code spec} from {@code args[i]} on; the index of the first other argument, or -1 to give up. */
    private static int options(Spec spec, String[] args, int i, List<Object[]> sets) {
        List<Arg> seen = new ArrayList<>();
        while (i < args.length && args[i].startsWith("-")) {
            int next = option(spec, args, i, sets, seen);
            if (next < 0) {
                return -1;
            }
            i = next;
        }
        return i;
    }

    /** The rest of the line: this command's options and positionals in any order. */
    private static boolean command(Spec spec, String[] args, int i, List<Object[]> sets) {
        List<Arg> seen = new ArrayList<>();
        int positional = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.startsWith("-")) {
                i = option(spec, args, i, sets, seen);
                if (i < 0) {
                    return false;
                }
                continue;
            }
            if (a.startsWith("@") || positional >= spec.positionals.size()) {
                return false;
            }
            Object value = convert(spec.positionals.get(positional).type, a);
            if (value == null) {
                return false;
            }
            sets.add(new Object[] {spec.positionals.get(positional++), value});
            i++;
        }
        return positional >= spec.requiredPositionals;
    }

    /** One option at {@code args[i]}; the index after it (and its value), or -1 to give up. */
    private static int option(Spec spec, String[] args, int i, List<Object[]> sets, List<Arg> seen) {
        String a = args[i];
        if (a.equals("--") || a.equals("-")) {
            return -1;
        }
        String attached = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
            attached = a.substring(eq + 1);
            a = a.substring(0, eq);
        }
        Arg o = spec.options.get(a);
        if (o == null || o.kind.equals("stop") || seen.contains(o)) {
            return -1;
        }
        seen.add(o);
        if (o.kind.equals("flag")) {
            if (attached != null) {
                return -1;
            }
            sets.add(new Object[] {o, Boolean.TRUE});
            return i + 1;
        }
        String text = attached;
        int next = i + 1;
        if (text == null) {
            if (next >= args.length) {
                return -1;
            }
            text = args[next++];
        }
        if (text.startsWith("-") || text.startsWith("@")) {
            return -1;
        }
        Object value = convert(o.type, text);
        if (value == null) {
            return -1;
        }
        sets.add(new Object[] {o, value});
        return next;
    }

    /** A value of a type the fast path parses as picocli does; null for anything it leaves to picocli. */
    private static Object convert(String type, String text) {
        switch (type) {
            case "java.lang.String":
                return text;
            case "int":
            case "java.lang.Integer": {
                if (text.isEmpty() || text.length() > 9) {
                    return null;
                }
                for (int k = 0; k < text.length(); k++) {
                    if (text.charAt(k) < '0' || text.charAt(k) > '9') {
                        return null;
                    }
                }
                return Integer.parseInt(text);
            }
            default:
                return null;
        }
    }

    private static void apply(Object target, List<Object[]> sets) throws ReflectiveOperationException {
        for (Object[] s : sets) {
            Arg arg = (Arg) s[0];
            Class<?> c = target.getClass();
            while (!c.getName().equals(arg.owner)) {
                c = c.getSuperclass();
                if (c == null) {
                    throw new NoSuchFieldException(arg.owner + "." + arg.field);
                }
            }
            Field f = c.getDeclaredField(arg.field);
            f.setAccessible(true);
            f.set(target, s[1]);
        }
    }

    /** The lines of the table, or null when the build did not write one. */
    static String[] table() {
        return Table.LINES;
    }

    /** Read once, on first use. */
    private static final class Table {
        static final String[] LINES = load();

        private static String[] load() {
            try (InputStream in = FastPath.class.getResourceAsStream(TABLE)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * The part of the table for command {@code name} (null: the root's options); null when the
     * table has no such command. Lines: {@code root CLASS} or {@code command NAME CLASS|-}, then
     * {@code option NAME flag|value|stop TYPE OWNER FIELD} and {@code positional INDEX TYPE OWNER FIELD required|optional}.
     */
    private static Spec spec(String[] table, String name) {
        Spec spec = null;
        for (String line : table) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String[] f = line.split("\t");
            if (f[0].equals("root") || f[0].equals("command")) {
                if (spec != null) {
                    return spec;
                }
                if (name == null ? f[0].equals("root") : f[0].equals("command") && f[1].equals(name)) {
                    spec = new Spec();
                    String cls = f[0].equals("root") ? f[1] : f[2];
                    spec.className = cls.equals("-") ? null : cls;
                }
            } else if (spec != null && f[0].equals("option")) {
                Arg same = f[2].equals("stop") ? null : spec.byField.get(f[4] + "." + f[5]); // -c and --connect are one option
                if (same == null) {
                    same = f[2].equals("stop") ? new Arg("stop", null, null, null) : new Arg(f[2], f[3], f[4], f[5]);
                    if (same.field != null) {
                        spec.byField.put(f[4] + "." + f[5], same);
                    }
                }
                spec.options.put(f[1], same);
            } else if (spec != null && f[0].equals("positional")) {
                spec.positionals.add(new Arg("positional", f[2], f[3], f[4]));
                if (f[5].equals("required")) {
                    spec.requiredPositionals++;
                }
            }
        }
        return spec;
    }
}
