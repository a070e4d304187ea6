package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.JvirshRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * jvirsh console's usage, help and wording of the daemon's refusals (the daemon's side of each,
 * and the sessions themselves, are proven against a real jvirtd in it.JvirshConsole*IT).
 */
class ConsoleCommandTest {

    private final FakeJvirtd fake = new FakeJvirtd();

    ConsoleCommandTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private JvirshRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", fake.uri()));
        all.addAll(List.of(args));
        return JvirshRun.of(all.toArray(new String[0]));
    }

    @Test
    void helpListsEveryOptionTheExitStatusAndExamples() {
        JvirshRun r = JvirshRun.of("console", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: jvirsh console [-hV] [--force] [--safe] [-e=CHAR] [--history=BYTES] <domain>\n"
                + "       jvirsh console --log [--follow] <domain>\n");
        for (String option : List.of("-e, --escape=CHAR", "--history=BYTES", "--force", "--safe", "--log", "--follow",
                "-h, --help", "-V, --version")) {
            assertThat(r.out()).contains("\n  " + (option.startsWith("--") ? "    " : "") + option);
        }
        assertThat(r.out()).contains("Exit status:\n  0 ", "\n  1 ", "\n  130 ", "Examples:\n");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void followNeedsLogAndLogExcludesTheSessionOptions() {
        assertUsage(run("console", "--follow", "web1"), "error: Option --log is required by option --follow\n");
        assertUsage(run("console", "--log", "--force", "web1"), "error: Options --log and --force are mutually exclusive\n");
        assertUsage(run("console", "--log", "-e", "^T", "web1"), "error: Options --log and --escape are mutually exclusive\n");
        assertUsage(run("console", "--log", "--history", "0", "web1"),
                "error: Options --log and --history are mutually exclusive\n");
        assertUsage(run("console", "--history", "-1", "web1"),
                "error: --history must be a number of bytes, 0 or more, not -1\n");
        assertUsage(run("console", "--history", "lots", "web1"),
                "error: Invalid value for option '--history': 'lots' is not an int\n");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aDomainThatIsNotRunningIsWordedAsVirshWordsItWithWhatToDo() {
        fake.json("GET", "/1.0/domains/web1/console?mode=rw&history=7", 409, "{\"error\":{\"code\":\"invalid-state\","
                + "\"message\":\"cannot open the console of domain 'web1': it is shut off; it must be paused "
                + "or running\"}}");
        JvirshRun r = run("console", "--history", "7", "web1");
        assertThat(r.err()).isEqualTo("error: The domain is not running\n"
                + "error: Requested operation is not valid: cannot open the console of domain 'web1': it is shut off; "
                + "it must be paused or running\n"
                + "hint: jvirsh start web1 starts it (with --console to attach at once); "
                + "jvirsh console --log web1 shows what it printed when it last ran\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void aBusyConsoleSaysHowToTakeItOver() {
        fake.json("GET", "/1.0/domains/web1/console?mode=rw", 409, "{\"error\":{\"code\":\"domain-busy\","
                + "\"message\":\"domain 'web1' already has a console session; use --force to take it over\","
                + "\"hint\":\"use mode=ro to watch, or mode=force to take the console over\"}}");
        JvirshRun r = run("console", "--history", "0", "web1");
        assertThat(r.err()).isEqualTo("error: operation failed: domain 'web1' already has a console session; "
                + "use --force to take it over\nhint: jvirsh console --force web1 takes the console over\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void pipedStdinAsksForNoHistoryUnlessTold() {
        fake.noSuchDomain("GET", "/1.0/domains/web1/console?mode=rw");
        fake.noSuchDomain("GET", "/1.0/domains/web1/console?mode=force&history=512");
        run("console", "web1");
        run("console", "--force", "--history", "512", "web1");
        assertThat(fake.requests()).extracting(FakeJvirtd.Request::target).containsExactly(
                "/1.0/domains/web1/console?mode=rw", "/1.0/domains/web1/console?mode=force&history=512");
    }

    @Test
    void logIsPrintedAsItIsWithoutVirshsBlankLine() {
        fake.text("GET", "/1.0/domains/web1/console/log", "text/plain", "boot\r\nJVIRT-GUEST-READY\r\n~ # ");
        JvirshRun r = run("console", "--log", "web1");
        assertThat(r.out()).isEqualTo("boot\r\nJVIRT-GUEST-READY\r\n~ # ");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
    }

    @Test
    void aDomainWithoutLogIsAnError() {
        fake.json("GET", "/1.0/domains/web1/console/log", 404, "{\"error\":{\"code\":\"no-console-log\","
                + "\"message\":\"domain 'web1' has no console log: it has not run since it was defined (or its log "
                + "was removed)\",\"hint\":\"jvirsh start web1 boots it; jvirtd keeps its console output from then on\"}}");
        JvirshRun r = run("console", "--log", "web1");
        assertThat(r.err()).isEqualTo("error: operation failed: domain 'web1' has no console log: it has not run "
                + "since it was defined (or its log was removed)\n"
                + "hint: jvirsh start web1 boots it; jvirtd keeps its console output from then on\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.status()).isEqualTo(1);
    }

    private static void assertUsage(JvirshRun r, String err) {
        assertThat(r.err()).isEqualTo(err);
        assertThat(r.status()).isEqualTo(1);
    }
}
