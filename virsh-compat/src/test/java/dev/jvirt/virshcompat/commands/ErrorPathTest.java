package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.JvirshRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command's error path, worded as virsh 9.0 words it (first line verified against virsh:
 * "error: failed to get domain 'nosuch'", "error: Failed to open file '/nonexistent.xml': No such
 * file or directory", ...), followed by jvirt's detail and hint lines, exit status 1, and virsh's
 * blank line on stdout.
 */
class ErrorPathTest {

    private static final String NOT_DEFINED = "error: failed to get domain 'nosuch'\n"
            + "error: Domain not found: domain 'nosuch' is not defined\n"
            + "hint: jvirsh list --all shows the defined domains\n";

    private final FakeJvirtd fake = new FakeJvirtd();

    ErrorPathTest() throws Exception {
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

    /** Each command asks the endpoint of docs/api.md for it; the fake answers only that one, so a wrong one fails. */
    @ParameterizedTest
    @CsvSource({"dominfo, GET, /1.0/domains/nosuch", "domstate, GET, /1.0/domains/nosuch/state",
        "domid, GET, /1.0/domains/nosuch", "domuuid, GET, /1.0/domains/nosuch", "domname, GET, /1.0/domains/nosuch",
        "dumpxml, GET, /1.0/domains/nosuch/xml", "domblklist, GET, /1.0/domains/nosuch/blockdevices",
        "domiflist, GET, /1.0/domains/nosuch/interfaces", "start, POST, /1.0/domains/nosuch/start",
        "shutdown, POST, /1.0/domains/nosuch/shutdown", "destroy, POST, /1.0/domains/nosuch/destroy",
        "reboot, POST, /1.0/domains/nosuch/reboot", "reset, POST, /1.0/domains/nosuch/reset",
        "suspend, POST, /1.0/domains/nosuch/suspend", "resume, POST, /1.0/domains/nosuch/resume",
        "undefine, DELETE, /1.0/domains/nosuch", "autostart, PUT, /1.0/domains/nosuch/autostart",
        "console, GET, /1.0/domains/nosuch/console?mode=rw", "edit, GET, /1.0/domains/nosuch/xml?inactive=true"})
    void domainCommandsSayTheDomainIsUnknown(String command, String method, String endpoint) {
        fake.noSuchDomain(method, endpoint);
        JvirshRun r = run(command, "nosuch");
        assertThat(r.err()).isEqualTo(NOT_DEFINED);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("\n");
        assertThat(fake.requests()).extracting(FakeJvirtd.Request::method, FakeJvirtd.Request::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(method, endpoint));
    }

    /** The daemon's refusals a user can act on are worded as libvirt words them, never "internal error". */
    @ParameterizedTest
    @CsvSource({"too-large, 413, 'invalid argument: '", "request-timeout, 408, 'Timed out during operation: '",
        "access-denied, 403, 'access denied: '", "bad-request, 400, 'invalid argument: '"})
    void refusalsTheUserCanFixAreNotInternalErrors(String code, int status, String prefix) {
        fake.json("POST", "/1.0/domains/web1/start", status,
                "{\"error\":{\"code\":\"" + code + "\",\"message\":\"the daemon's own words\"}}");
        JvirshRun r = run("start", "web1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("error: " + prefix + "the daemon's own words\n").doesNotContain("internal error");
    }

    @Test
    void aCommandThatAsksAWrongEndpointFailsItsTest() throws Exception {
        fake.noSuchDomain("GET", "/1.0/domains/nosuch/state"); // not what dominfo asks
        JvirshRun r = run("dominfo", "nosuch");
        assertThat(r.err()).contains("FakeJvirtd: nothing scripted for GET /1.0/domains/nosuch");
        assertThat(fake.unscripted()).containsExactly("GET /1.0/domains/nosuch");
        assertThatThrownBy(fake::close).isInstanceOf(AssertionError.class).hasMessageContaining("GET /1.0/domains/nosuch");
        fake.unscripted().clear();
    }

    @Test
    void qemuMonitorCommandOnAnUnknownDomain() {
        fake.noSuchDomain("POST", "/1.0/domains/nosuch/qemu-monitor");
        JvirshRun r = run("qemu-monitor-command", "nosuch", "{\"execute\":\"query-status\"}");
        assertThat(r.err()).isEqualTo(NOT_DEFINED);
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void qemuMonitorEventOnAnUnknownDomain() {
        fake.noSuchDomain("GET", "/1.0/domains/nosuch/qemu-events");
        JvirshRun r = run("qemu-monitor-event", "--domain", "nosuch");
        assertThat(r.err()).isEqualTo(NOT_DEFINED);
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void eventOnAnUnknownDomain() {
        fake.json("GET", "/1.0/events?domain=nosuch", 404, "{\"error\":{\"code\":\"no-such-domain\","
                + "\"message\":\"domain 'nosuch' is not defined\",\"hint\":\"jvirsh list --all shows the defined domains\"}}");
        JvirshRun r = run("event", "--all", "--domain", "nosuch");
        assertThat(r.err()).isEqualTo(NOT_DEFINED);
        assertThat(r.status()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"define", "create"})
    void fileCommandsSayTheFileCannotBeOpened(String command) {
        JvirshRun r = run(command, "/nonexistent.xml");
        assertThat(r.err()).isEqualTo("error: Failed to open file '/nonexistent.xml': No such file or directory\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void domxmlToNativeMissingFileAndUnknownFormat() {
        assertThat(run("domxml-to-native", "qemu-argv", "/nonexistent.xml").err())
                .isEqualTo("error: Failed to open file '/nonexistent.xml': No such file or directory\n");
        JvirshRun bogus = run("domxml-to-native", "bogus", "/nonexistent.xml");
        assertThat(bogus.err()).isEqualTo("error: invalid argument: unsupported config type bogus\n");
        assertThat(bogus.status()).isEqualTo(1);
    }

    @Test
    void defineOfAnInvalidDefinitionGivesTheDaemonsPreciseMessage() throws Exception {
        Path xml = Files.createTempFile("bad", ".xml");
        Files.writeString(xml, "<domain/>");
        fake.json("POST", "/1.0/domains", 400, "{\"error\":{\"code\":\"invalid-definition\","
                + "\"message\":\"bad.xml:1:1: /domain: missing <name>\"}}");
        JvirshRun r = run("define", xml.toString());
        assertThat(r.err()).isEqualTo("error: Failed to define domain from " + xml + "\n"
                + "error: XML error: bad.xml:1:1: /domain: missing <name>\n");
        assertThat(r.status()).isEqualTo(1);
        Files.delete(xml);
    }

    /** jvirtd refuses a body over its limit as soon as it has the headers: jvirsh shows that, not its broken write. */
    @Test
    void aDefinitionOverTheDaemonsLimitGetsTheDaemonsOwnMessage() throws Exception {
        Path xml = Files.createTempFile("huge", ".xml");
        Files.writeString(xml, "<domain>" + "<!-- padding -->".repeat(50 << 16) + "</domain>");
        fake.refuseBody("POST", "/1.0/domains", 413, "{\"error\":{\"code\":\"bad-request\","
                + "\"message\":\"the request body is over jvirtd's limit of 8 MiB\"}}");
        JvirshRun r = run("define", xml.toString());
        assertThat(r.err()).isEqualTo("error: Failed to define domain from " + xml + "\n"
                + "error: invalid argument: the request body is over jvirtd's limit of 8 MiB\n");
        assertThat(r.status()).isEqualTo(1);
        Files.delete(xml);
    }

    @Test
    void aRefusalWithoutAnErrorObjectStillSaysWhatHappened() throws Exception {
        Path xml = Files.createTempFile("huge", ".xml");
        Files.writeString(xml, "<domain>" + "<!-- padding -->".repeat(50 << 16) + "</domain>");
        fake.refuseBody("POST", "/1.0/domains", 413, "");
        JvirshRun r = run("define", xml.toString());
        assertThat(r.err()).startsWith("error: Failed to define domain from " + xml + "\n"
                + "error: invalid argument: jvirtd answered HTTP 413 Request Entity Too Large (the request was ")
                .contains("\nhint: jvirtd refuses request bodies over its limit");
        assertThat(r.err()).doesNotContain("Broken pipe", "lost the connection");
        Files.delete(xml);
    }

    @Test
    void aDefinitionThatIsNotUtf8IsRefusedWithItsFileAndByteOffset() throws Exception {
        Path xml = Files.createTempFile("latin1", ".xml");
        Files.write(xml, "<domain>\n  <name>caf\u00e9</name>\n</domain>\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        JvirshRun r = run("define", xml.toString());
        assertThat(r.err()).isEqualTo("error: Failed to define domain from " + xml + "\n"
                + "error: " + xml + " is not UTF-8 text: byte 0xe9 at byte offset 20 (line 2) does not start a UTF-8 character\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(fake.requests()).isEmpty();
        Files.delete(xml);
    }

    @Test
    void createOfATakenNameIsAnOperationFailure() throws Exception {
        Path xml = Files.createTempFile("web1", ".xml");
        Files.writeString(xml, "<domain/>");
        fake.json("POST", "/1.0/domains/create", 409, "{\"error\":{\"code\":\"domain-exists\","
                + "\"message\":\"domain 'web1' already exists with uuid 71b2ba7c\"}}");
        assertThat(run("create", xml.toString()).err()).isEqualTo("error: Failed to create domain from " + xml + "\n"
                + "error: operation failed: domain 'web1' already exists with uuid 71b2ba7c\n");
        Files.delete(xml);
    }

    @Test
    void operationInTheWrongStateSaysWhatFailedAndWhy() {
        // virsh: "error: Failed to suspend domain 'web1'" / "error: Requested operation is not valid: domain is not running"
        fake.json("POST", "/1.0/domains/web1/suspend", 409, "{\"error\":{\"code\":\"invalid-state\","
                + "\"message\":\"domain is not running\",\"hint\":\"jvirsh start web1\"}}");
        JvirshRun r = run("suspend", "web1");
        assertThat(r.err()).isEqualTo("error: Failed to suspend domain 'web1'\n"
                + "error: Requested operation is not valid: domain is not running\nhint: jvirsh start web1\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "version", "uri", "hostname", "nodeinfo", "capabilities", "domcapabilities"})
    void commandsWithoutADaemonSayTheyCannotConnect(String command) {
        String socket = "/tmp/jvirsh-test-nothing-here/jvirtd.sock";
        JvirshRun r = JvirshRun.of("-c", "vmm:///session?socket=" + socket, command);
        assertThat(r.err()).startsWith("error: failed to connect to the hypervisor\n"
                + "error: Failed to connect socket to '" + socket + "': ");
        assertThat(r.err()).contains("\nhint: ");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void anUnknownUriIsRefusedBeforeConnecting() {
        JvirshRun r = JvirshRun.of("-c", "xen:///system", "list");
        assertThat(r.err()).startsWith("error: failed to connect to the hypervisor\n"
                + "error: no connection driver available for xen:///system\nhint: ");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void eventNeedsAKind() {
        JvirshRun r = run("event", "--domain", "web1");
        assertThat(r.err()).isEqualTo("error: one of --list, --all, or --event <type> is required\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(run("event", "--event", "bogus").err()).isEqualTo("error: unknown event type bogus\n");
    }

    @Test
    void qemuMonitorEventNeedsADomain() {
        JvirshRun r = run("qemu-monitor-event", "--loop");
        assertThat(r.err()).startsWith("error: jvirsh qemu-monitor-event needs --domain");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void qemuMonitorCommandRefusesHmpWithPretty() {
        JvirshRun r = run("qemu-monitor-command", "web1", "--hmp", "--pretty", "info", "status");
        assertThat(r.err()).isEqualTo("error: Options --hmp and --pretty are mutually exclusive\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void consoleRefusesABadEscapeAsVirshDoes() {
        JvirshRun r = run("console", "web1", "--escape", "xyz");
        assertThat(r.err()).isEqualTo("error: Invalid string 'xyz' for escape sequence\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void notSupportedByThisDaemonIsWordedAsLibvirtWordsIt() {
        fake.json("POST", "/1.0/domains/web1/qemu-monitor", 501, "{\"error\":{\"code\":\"not-supported\","
                + "\"message\":\"QMP passthrough is not supported by this jvirtd\"}}");
        assertThat(run("qemu-monitor-command", "web1", "{}").err()).isEqualTo(
                "error: failed to run the monitor command on domain 'web1'\n"
                        + "error: this function is not supported by the connection driver: "
                        + "QMP passthrough is not supported by this jvirtd\n");
    }

    @Test
    void domainCompletionStaysSilentWithoutADaemon() {
        JvirshRun r = JvirshRun.of("-c", "vmm:///session?socket=/tmp/jvirsh-none/s.sock", "__complete-domains");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void hostValidateFailsExactlyWhenACheckFails() {
        // Runs the real checks on this host (no daemon): virt-host-validate's line format, and
        // exit status 1 if and only if some line says FAIL (WARN does not fail).
        JvirshRun r = JvirshRun.of("host-validate");
        assertThat(r.out().lines()).isNotEmpty().allMatch(l -> l.matches("  QEMU: Checking .{0,60} *: (PASS|WARN \\(.+\\)|FAIL \\(.+\\))"));
        assertThat(r.status()).isEqualTo(r.out().contains(": FAIL") ? 1 : 0);
        assertThat(r.err()).isEmpty();
    }
}
