package dev.jvirt.virshcompat;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Bad usage, worded as virsh words it ("error: command 'list' doesn't support option --bogus"); status 1. */
final class UsageErrors implements IParameterExceptionHandler {

    private final PrintWriter err;

    UsageErrors(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        err.println("error: " + message(ex));
        err.flush();
        return ErrorReporter.FAILURE;
    }

    static String message(ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        String command = cl.getCommandName();
        boolean atRoot = cl.getParent() == null;
        if (ex instanceof UnmatchedArgumentException) {
            List<String> unmatched = ((UnmatchedArgumentException) ex).getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (first.startsWith("-")) {
                return atRoot ? "unsupported option '" + first + "'. See --help."
                        : "command '" + command + "' doesn't support option " + first;
            }
            return atRoot ? "unknown command: '" + first + "'" : "unexpected data '" + first + "'";
        }
        if (ex instanceof MissingParameterException) {
            List<ArgSpec> missing = ((MissingParameterException) ex).getMissing();
            if (!missing.isEmpty()) {
                ArgSpec arg = missing.get(0);
                String label = arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel();
                return "command '" + command + "' requires " + label + " option";
            }
        }
        return ex.getMessage();
    }
}
