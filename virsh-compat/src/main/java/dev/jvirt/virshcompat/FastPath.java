package dev.jvirt.virshcompat;

import java.util.Arrays;
import java.util.List;

/**
 * Runs a plain invocation of a {@link SimpleArgs} command ({@code jvirsh [-q] [-c URI] list --all})
 * without picocli; answers null for anything else, which then goes through picocli as usual.
 */
final class FastPath {

    private FastPath() {
    }

    static Integer run(Jvirsh root, String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            String a = args[i];
            if ((a.equals("-c") || a.equals("--connect")) && i + 1 < args.length) {
                root.connect = args[i + 1];
                i += 2;
            } else if (a.startsWith("--connect=")) {
                root.connect = a.substring("--connect=".length());
                i++;
            } else if (a.equals("-q") || a.equals("--quiet")) {
                root.quiet = true;
                i++;
            } else {
                return null;
            }
        }
        if (i >= args.length || !CommandRegistry.exists(args[i])) {
            return null;
        }
        Object command = CommandRegistry.create(args[i]);
        if (!(command instanceof SimpleArgs)) {
            return null;
        }
        List<String> rest = Arrays.asList(args).subList(i + 1, args.length);
        for (String a : rest) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null;
            }
        }
        if (!((SimpleArgs) command).parseSimple(rest)) {
            return null;
        }
        JvirshCommand jc = (JvirshCommand) command;
        jc.root = root;
        return jc.call();
    }
}
