package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.UsageException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * The base of every jvirsh command: runs {@link #execute()}, hands any failure to
 * {@link ErrorReporter}, and ends with virsh's blank line on stdout (not with {@code -q}).
 */
public abstract class JvirshCommand implements Callable<Integer> {

    @ParentCommand
    protected Jvirsh root;

    private int exitStatus;

    /** Does the work; throws to fail (the exception is reported virsh's way). */
    protected abstract void execute() throws Exception;

    /** The domain argument, for "error: failed to get domain 'X'"; null for commands without one. */
    protected String domainArgument() {
        return null;
    }

    /** virsh's first error line for this command, such as "Failed to start domain 'web1'". */
    protected String failureContext() {
        return null;
    }

    /** Whether virsh ends this command's output with a blank line (it does for nearly all). */
    protected boolean blankLine() {
        return true;
    }

    @Override
    public final Integer call() {
        int status;
        try {
            if ("".equals(domainArgument())) {
                throw new UsageException("Failed to get option 'domain': Option argument is empty"); // virsh's words
            }
            execute();
            status = exitStatus;
        } catch (Exception e) {
            out().flush();
            status = ErrorReporter.report(e, domainArgument(), failureContext(), err());
        }
        if (blankLine() && !root.quiet()) {
            out().println();
        }
        out().flush();
        return status;
    }

    /** Sets the exit status of a command that ran to its end but reports failure (console, host-validate). */
    protected void exitWith(int status) {
        exitStatus = status;
    }

    protected ApiClient client() {
        return root.client();
    }

    protected PrintWriter out() {
        return root.out();
    }

    protected PrintWriter err() {
        return root.err();
    }

    /** A message virsh prints with vshPrintExtra: left out with {@code -q}. */
    protected void info(String text) {
        if (!root.quiet()) {
            out().println(text);
        }
    }
}
