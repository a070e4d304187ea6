package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.ApiException;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh console}: the domain's serial console, or (--log) what it printed before. */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"jvirsh console [-hV] [--force] [--safe] [-e=CHAR] [--history=BYTES] <domain>",
            "       jvirsh console --log [--follow] <domain>"},
        description = {"Connect to the serial console of a running domain. The terminal goes into raw mode: what "
                + "you type goes to the guest as it is, Ctrl+C and Ctrl+Z included. The escape character (Ctrl+] "
                + "unless --escape says otherwise) detaches and leaves the guest running; the terminal's settings "
                + "are restored on every way out. One client may type at a time: --force takes the console over "
                + "from another.",
            "",
            "On attaching, jvirsh first shows the guest's recent output, so a console opened after the boot shows "
                    + "its last lines and the prompt: the last 4096 bytes, from the first whole line in them. "
                    + "--history chooses how much; --history 0 shows only new output (as virsh does).",
            "",
            "With stdin a pipe (not a terminal), jvirsh sends what it reads to the guest, prints the guest's "
                    + "output on stdout (the banner goes to stderr), and detaches once input has ended and the guest "
                    + "has been quiet for a second. It replays no earlier output unless --history asks for it.",
            "",
            "--log prints the domain's stored console log instead: what the guest printed on its serial console, "
                    + "across its runs, oldest first, as cat would (jvirtd keeps a bounded amount, by default "
                    + "5 MiB in rotated files). It works whether or not the domain is running. With --follow it goes "
                    + "on printing new output as the guest writes it, like tail -f, until Ctrl+C.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:detached (escape character, or the end of piped input), or the guest stopped; "
                + "--log: the log was printed",
            "1:the domain is unknown or not running, another client has the console, the session was taken over "
                    + "or the connection to jvirtd was lost; --log: the domain has no log (it never ran)",
            "130:interrupted (SIGINT)"},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh console web1                  attach; Ctrl+] detaches",
            "  jvirsh console --escape '^T' web1    attach; Ctrl+T detaches",
            "  jvirsh console --history 0 web1      attach without replaying earlier output",
            "  printf 'uname -a\\n' | jvirsh console web1",
            "  jvirsh console --log web1 | less -R  what web1 printed, also after it stopped",
            "  jvirsh console --log --follow web1   then what it prints from now on (Ctrl+C ends)"})
public final class ConsoleCommand extends DomainCommand {

    @Option(names = {"--escape", "-e"}, paramLabel = "CHAR",
            description = "The escape character that detaches: ^X for Ctrl+X (X a letter or one of @[\\]^_), or one "
                    + "plain character. Default: ^].")
    String escape;

    @Option(names = "--history", paramLabel = "BYTES",
            description = "Show at most BYTES of the guest's recent output first, from the first whole line in them "
                    + "(jvirtd keeps the last 64 KiB). 0: none. Default: 4096 with a terminal, 0 with stdin a pipe.")
    Integer history;

    @Option(names = "--force", description = "Take the console over from another client that has it "
            + "(that client is told and detached).")
    boolean force;

    @Option(names = "--safe", description = "Only connect if the console can be used safely "
            + "(jvirtd always ensures this; accepted for virsh compatibility).")
    boolean safe;

    @Option(names = "--log", description = "Print the domain's stored console log (all of it, oldest first) "
            + "instead of attaching.")
    boolean log;

    @Option(names = "--follow", description = "With --log: keep printing new output as it comes, until Ctrl+C.")
    boolean follow;

    private String context;

    @Override
    protected void execute() throws Exception {
        if (follow && !log) {
            throw new UsageException("Option --log is required by option --follow");
        }
        if (history != null && history < 0) {
            throw new UsageException("--history must be a number of bytes, 0 or more, not " + history);
        }
        if (log) {
            refuseWithLog("--force", force);
            refuseWithLog("--escape", escape != null);
            refuseWithLog("--history", history != null);
            ConsoleLogOutput.print(root, client(), name(), follow);
            return;
        }
        try {
            exitWith(ConsoleSession.attach(root, client(), name(), force ? "force" : "rw",
                    escape == null ? ConsoleSession.DEFAULT_ESCAPE : escape, history));
        } catch (ApiException e) {
            if ("invalid-state".equals(e.code())) {
                context = "The domain is not running"; // virsh's words
            }
            throw e;
        }
    }

    private static void refuseWithLog(String option, boolean given) {
        if (given) {
            throw new UsageException("Options --log and " + option + " are mutually exclusive");
        }
    }

    @Override
    protected String failureContext() {
        return context;
    }

    /** The log is printed as it is, like cat: no blank line after it. */
    @Override
    protected boolean blankLine() {
        return !log;
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
