package dev.jvirt.virshcompat;

import java.util.List;
import picocli.CommandLine.Parameters;

/** A command about one domain, given by name, id or UUID as its first argument. */
public abstract class DomainCommand extends JvirshCommand implements SimpleArgs {

    @Parameters(index = "0", paramLabel = "<domain>", description = "The domain: its name, id or UUID.")
    protected String domain;

    private String resolved;

    /** A plain invocation: the domain and this command's flags ({@link #simpleFlag}), in any order. */
    @Override
    public boolean parseSimple(List<String> args) {
        String found = null;
        for (String a : args) {
            if (a.startsWith("-")) {
                if (!simpleFlag(a)) {
                    return false;
                }
            } else if (found == null) {
                found = a;
            } else {
                return false;
            }
        }
        if (found == null) {
            return false;
        }
        domain = found;
        return true;
    }

    /** Sets the field of a boolean flag of this command; false for one it does not know. */
    protected boolean simpleFlag(String flag) {
        return false;
    }

    @Override
    protected String domainArgument() {
        return domain;
    }

    /** The domain as the daemon knows it (an id resolved to its name once). */
    protected String name() {
        if (resolved == null) {
            resolved = resolve(domain);
        }
        return resolved;
    }
}
