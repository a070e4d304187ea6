package dev.jvirt.storage.exec;

import java.util.List;

/** What one external command did: its argument list, exit status and output. */
public record CommandResult(List<String> argv, int exit, String stdout, String stderr) {
    /** Normalises the list. */
    public CommandResult {
        argv = List.copyOf(argv);
    }

    /** The tool's own words for a failure: the last non-empty stderr lines, else stdout. */
    public String complaint() {
        String s = stderr.isBlank() ? stdout : stderr;
        return s.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
