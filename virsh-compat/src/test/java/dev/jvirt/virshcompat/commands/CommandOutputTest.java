package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.json.Json;
import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.JvirshRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each command prints on success and what it asks the daemon, against a scripted daemon. */
class CommandOutputTest {

    private static final String DOMAINS = "["
            + "{\"id\":null,\"name\":\"zeta\",\"uuid\":\"u-z\",\"state\":\"shut off\",\"reason\":\"shutdown\",\"persistent\":true,\"autostart\":true},"
            + "{\"id\":7,\"name\":\"web1\",\"uuid\":\"u-w\",\"state\":\"paused\",\"reason\":\"user\",\"persistent\":true,\"autostart\":false,\"title\":\"front web server\"},"
            + "{\"id\":null,\"name\":\"Alpha\",\"uuid\":\"u-a\",\"state\":\"shut off\",\"reason\":\"unknown\",\"persistent\":true,\"autostart\":false},"
            + "{\"id\":2,\"name\":\"tmp\",\"uuid\":\"u-t\",\"state\":\"running\",\"reason\":\"booted\",\"persistent\":false,\"autostart\":false}]";

    private final FakeJvirtd fake = new FakeJvirtd();

    CommandOutputTest() throws Exception {
    }

    @BeforeEach
    void domains() {
        fake.json("GET", "/1.0/domains", DOMAINS);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void completionOffersTheDomainsThatFitTheCommand() {
        assertThat(run("__complete-domains").out()).isEqualTo("zeta\nweb1\nAlpha\ntmp\n");
        assertThat(run("__complete-domains", "--state", "active").out()).isEqualTo("web1\ntmp\n");
        assertThat(run("__complete-domains", "--state", "inactive").out()).isEqualTo("zeta\nAlpha\n");
        assertThat(run("__complete-domains", "--state", "running").out()).isEqualTo("tmp\n");
        assertThat(run("__complete-domains", "--state", "paused", "w").out()).isEqualTo("web1\n");
    }

    private JvirshRun run(String... args) {
        return runWith("", args);
    }

    private JvirshRun runWith(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", fake.uri()));
        all.addAll(List.of(args));
        return JvirshRun.withEnv(Map.of("EDITOR", "true"), stdin, all.toArray(new String[0]));
    }

    @Test
    void listShowsActiveDomainsByIdThenInactiveByNameIgnoringCase() {
        assertThat(run("list", "--all").out()).isEqualTo("""
                 Id   Name    State
                ------------------------
                 2    tmp     running
                 7    web1    paused
                 -    Alpha   shut off
                 -    zeta    shut off

                """);
        assertThat(run("list").out()).isEqualTo("""
                 Id   Name   State
                ----------------------
                 2    tmp    running
                 7    web1   paused

                """);
    }

    @Test
    void listFiltersCombineAsVirshDoes() {
        assertThat(run("list", "--inactive", "--name").out()).isEqualTo("Alpha\nzeta\n\n");
        assertThat(run("list", "--all", "--autostart", "--name").out()).isEqualTo("zeta\n\n");
        assertThat(run("list", "--all", "--no-autostart", "--state-shutoff", "--name").out()).isEqualTo("Alpha\n\n");
        assertThat(run("list", "--all", "--transient", "--name").out()).isEqualTo("tmp\n\n");
        assertThat(run("list", "--state-running", "--state-paused", "--name").out()).isEqualTo("tmp\nweb1\n\n");
        // virsh: --state-shutoff lists the inactive domains as --inactive does, not the active ones only
        assertThat(run("list", "--state-shutoff", "--name").out()).isEqualTo("Alpha\nzeta\n\n");
        assertThat(run("list", "--state-shutoff", "--state-running", "--name").out()).isEqualTo("Alpha\nzeta\n\n");
        assertThat(run("list", "--all", "--state-other", "--name").out()).isEqualTo("\n");
    }

    @Test
    void listTitleAddsVirshsTitleColumn() {
        assertThat(run("list", "--all", "--title").out()).isEqualTo("""
                 Id   Name    State      Title
                -------------------------------------------
                 2    tmp     running   \s
                 7    web1    paused     front web server
                 -    Alpha   shut off  \s
                 -    zeta    shut off  \s

                """);
    }

    @Test
    void anEmptyDomainArgumentIsRefusedAsVirshRefusesIt() {
        JvirshRun r = run("dominfo", "");
        assertThat(r.err()).isEqualTo("error: Failed to get option 'domain': Option argument is empty\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void domblklistInactiveAsksForTheStoredDefinition() {
        fake.json("GET", "/1.0/domains/web1/blockdevices?inactive=true",
                "[{\"type\":\"file\",\"device\":\"disk\",\"target\":\"vda\",\"source\":\"/new.qcow2\"}]");
        assertThat(run("domblklist", "--inactive", "web1").out()).isEqualTo("""
                 Target   Source
                ----------------------
                 vda      /new.qcow2

                """);
    }

    @Test
    void defineSaysWhenItReplacedADefinitionAndWhenTheChangeWaitsForTheNextStart() throws Exception {
        Path xml = Files.createTempFile("web1", ".xml");
        Files.writeString(xml, "<domain type='qemu'><name>web1</name></domain>");
        fake.json("POST", "/1.0/domains", 201, "{\"name\":\"web1\",\"uuid\":\"u\",\"replaced\":true,\"active\":true}");
        assertThat(run("define", xml.toString()).out()).isEqualTo("Domain 'web1' defined from " + xml + "\n"
                + "Its previous definition was replaced; the running domain keeps the old one until its next start "
                + "(jvirsh dumpxml --inactive web1 shows the new one).\n\n");
        fake.json("POST", "/1.0/domains", 201, "{\"name\":\"web1\",\"uuid\":\"u\",\"replaced\":true,\"active\":false}");
        assertThat(run("define", "--no-replace", xml.toString()).out()).isEqualTo("Domain 'web1' defined from " + xml + "\n"
                + "Its previous definition was replaced.\n\n");
        assertThat(Json.parse(fake.requests().get(1).body())).isEqualTo(
                Map.of("xml", "<domain type='qemu'><name>web1</name></domain>", "no_replace", true));
        Files.delete(xml);
    }

    @Test
    void listNameUuidAndIdOnly() {
        assertThat(run("list", "--all", "--uuid").out()).isEqualTo("u-t\nu-w\nu-a\nu-z\n\n");
        // virsh list --all --name --uuid: "UUID NAME"
        assertThat(run("list", "--all", "--uuid", "--name").out()).isEqualTo("u-t tmp\nu-w web1\nu-a Alpha\nu-z zeta\n\n");
        assertThat(run("list", "--all", "--id").out()).isEqualTo("2\n7\n\n");
    }

    @Test
    void quietLeavesOutTheBlankLineAndMessages() {
        fake.json("POST", "/1.0/domains/web1/resume", "{\"state\":\"running\",\"reason\":\"unpaused\"}");
        assertThat(run("-q", "resume", "web1").out()).isEmpty();
        assertThat(run("-q", "list", "--all", "--name").out()).isEqualTo("tmp\nweb1\nAlpha\nzeta\n");
    }

    @Test
    void lifecycleMessagesAreVirshs() {
        String state = "{\"state\":\"running\",\"reason\":\"booted\"}";
        for (String op : List.of("start", "shutdown", "destroy", "reboot", "reset", "suspend", "resume")) {
            fake.json("POST", "/1.0/domains/web1/" + op, state);
        }
        fake.json("DELETE", "/1.0/domains/web1", "{}");
        fake.json("PUT", "/1.0/domains/web1/autostart", "{\"autostart\":true}");
        assertThat(run("start", "web1").out()).isEqualTo("Domain 'web1' started\n\n");
        assertThat(run("shutdown", "web1").out()).isEqualTo("Domain 'web1' is being shutdown\n\n");
        assertThat(run("destroy", "web1").out()).isEqualTo("Domain 'web1' destroyed\n\n");
        assertThat(run("reboot", "web1").out()).isEqualTo("Domain 'web1' is being rebooted\n\n");
        assertThat(run("reset", "web1").out()).isEqualTo("Domain 'web1' was reset\n\n");
        assertThat(run("suspend", "web1").out()).isEqualTo("Domain 'web1' suspended\n\n");
        assertThat(run("resume", "web1").out()).isEqualTo("Domain 'web1' resumed\n\n");
        assertThat(run("undefine", "web1").out()).isEqualTo("Domain 'web1' has been undefined\n\n");
        assertThat(run("autostart", "web1").out()).isEqualTo("Domain 'web1' marked as autostarted\n\n");
        assertThat(run("autostart", "--disable", "web1").out()).isEqualTo("Domain 'web1' unmarked as autostarted\n\n");
    }

    @Test
    void optionsBecomeRequestBodies() {
        fake.json("POST", "/1.0/domains/web1/start", "{\"state\":\"paused\",\"reason\":\"user\"}");
        fake.json("POST", "/1.0/domains/web1/destroy", "{\"state\":\"shut off\",\"reason\":\"destroyed\"}");
        fake.json("POST", "/1.0/domains/web1/shutdown", "{\"state\":\"shut off\",\"reason\":\"shutdown\"}");
        fake.json("PUT", "/1.0/domains/web1/autostart", "{\"autostart\":false}");
        run("start", "--paused", "web1");
        run("destroy", "--graceful", "web1");
        run("shutdown", "--timeout", "30", "web1");
        run("autostart", "--disable", "web1");
        assertThat(fake.requests()).extracting(r -> Json.parse(r.body())).containsExactly(
                Map.of("paused", true), Map.of("graceful", true), Map.of("timeout_seconds", 30), Map.of("autostart", false));
    }

    @Test
    void aNumberIsTheIdOfARunningDomainAsInVirshResolvedByJvirtd() {
        fake.json("GET", "/1.0/domains/7/state", "{\"state\":\"paused\",\"reason\":\"user\"}");
        assertThat(run("domstate", "--reason", "7").out()).isEqualTo("paused (user)\n\n");
        assertThat(fake.requests()).extracting(FakeJvirtd.Request::target).containsExactly("/1.0/domains/7/state");
    }

    @Test
    void domIdUuidAndName() {
        fake.json("GET", "/1.0/domains/web1", "{\"id\":7,\"name\":\"web1\",\"uuid\":\"u-w\",\"state\":\"paused\"}");
        fake.json("GET", "/1.0/domains/u-z", "{\"id\":null,\"name\":\"zeta\",\"uuid\":\"u-z\",\"state\":\"shut off\"}");
        assertThat(run("domid", "web1").out()).isEqualTo("7\n\n");
        assertThat(run("domid", "u-z").out()).isEqualTo("-\n\n");
        assertThat(run("domuuid", "web1").out()).isEqualTo("u-w\n\n");
        fake.json("GET", "/1.0/domains/7", "{\"id\":7,\"name\":\"web1\",\"uuid\":\"u-w\",\"state\":\"paused\"}");
        assertThat(run("domname", "7").out()).isEqualTo("web1\n\n");
        assertThat(run("domname", "u-z").out()).isEqualTo("zeta\n\n");
    }

    @Test
    void dumpXmlAsksForTheInactiveDefinitionWithInactive() {
        fake.text("GET", "/1.0/domains/web1/xml", "application/xml", "<domain type='qemu'>\n</domain>\n");
        fake.text("GET", "/1.0/domains/web1/xml?inactive=true", "application/xml", "<domain type='qemu'/>");
        assertThat(run("dumpxml", "web1").out()).isEqualTo("<domain type='qemu'>\n</domain>\n\n");
        assertThat(run("dumpxml", "--inactive", "web1").out()).isEqualTo("<domain type='qemu'/>\n\n");
    }

    @Test
    void qemuMonitorCommandPrintsQemusAnswer() {
        fake.json("POST", "/1.0/domains/web1/qemu-monitor", "{\"return\":{\"status\":\"running\",\"running\":true}}");
        assertThat(run("qemu-monitor-command", "web1", "{\"execute\":\"query-status\"}").out())
                .isEqualTo("{\"return\":{\"status\":\"running\",\"running\":true}}\n\n");
        assertThat(run("qemu-monitor-command", "web1", "--pretty", "{\"execute\":\"query-status\"}").out())
                .isEqualTo("{\n  \"return\": {\n    \"status\": \"running\",\n    \"running\": true\n  }\n}\n\n");
        assertThat(Json.parse(fake.requests().get(0).body()))
                .isEqualTo(Map.of("command", "{\"execute\":\"query-status\"}", "hmp", false));
    }

    @Test
    void qemuMonitorCommandHmpPrintsTheTextAndJoinsWords() {
        fake.json("POST", "/1.0/domains/web1/qemu-monitor", "{\"return\":\"VM status: running\\r\\n\"}");
        assertThat(run("qemu-monitor-command", "web1", "--hmp", "info", "status").out()).isEqualTo("VM status: running\r\n\n\n");
        assertThat(Json.parse(fake.requests().get(0).body())).isEqualTo(Map.of("command", "info status", "hmp", true));
    }

    @Test
    void qemuErrorsPrintAsQemusErrorAnswerWithStatus0AsVirsh() {
        fake.json("POST", "/1.0/domains/web1/qemu-monitor", 400, "{\"error\":{\"code\":\"qemu-error\",\"message\":\"x\","
                + "\"class\":\"CommandNotFound\",\"desc\":\"The command bogus has not been found\"}}");
        JvirshRun r = run("qemu-monitor-command", "web1", "{\"execute\":\"bogus\"}");
        assertThat(r.out()).isEqualTo("{\"error\":{\"class\":\"CommandNotFound\",\"desc\":\"The command bogus has not been found\"}}\n\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void defineAndCreateNameTheFile() throws Exception {
        Path xml = Files.createTempFile("web1", ".xml");
        Files.writeString(xml, "<domain type='qemu'><name>web1</name></domain>");
        fake.json("POST", "/1.0/domains", 201, "{\"name\":\"web1\",\"uuid\":\"u\"}");
        fake.json("POST", "/1.0/domains/create", 201, "{\"name\":\"web1\",\"uuid\":\"u\"}");
        assertThat(run("define", xml.toString()).out()).isEqualTo("Domain 'web1' defined from " + xml + "\n\n");
        assertThat(run("create", "--paused", xml.toString()).out()).isEqualTo("Domain 'web1' created from " + xml + "\n\n");
        assertThat(Json.parse(fake.requests().get(0).body()))
                .isEqualTo(Map.of("xml", "<domain type='qemu'><name>web1</name></domain>", "no_replace", false));
        assertThat(Json.parse(fake.requests().get(1).body())).isEqualTo(Map.of("xml", "<domain type='qemu'><name>web1</name></domain>", "paused", true));
        Files.delete(xml);
    }

    @Test
    void domxmlToNativePrintsOneShellLine() throws Exception {
        Path xml = Files.createTempFile("web1", ".xml");
        fake.json("POST", "/1.0/domxml-to-native", "{\"argv\":[\"/usr/bin/qemu-system-x86_64\",\"-name\",\"guest=web1\",\"-device\",\"{\\\"driver\\\":\\\"x\\\"}\"]}");
        assertThat(run("domxml-to-native", "qemu-argv", xml.toString()).out())
                .isEqualTo("/usr/bin/qemu-system-x86_64 -name guest=web1 -device '{\"driver\":\"x\"}'\n\n");
        Files.delete(xml);
    }

    @Test
    void serverCommands() {
        fake.json("GET", "/1.0", "{\"api_version\":\"1.0\",\"version\":\"0.1.0\",\"uri\":\"vmm:///session\",\"hostname\":\"vm\",\"pid\":42}");
        fake.json("GET", "/1.0/host/nodeinfo", "{\"cpu_model\":\"x86_64\",\"cpus\":2,\"mhz\":2445,\"nodes\":1,\"sockets\":1,"
                + "\"cores\":2,\"threads\":1,\"memory_kib\":5728472}");
        fake.text("GET", "/1.0/host/capabilities?format=xml", "application/xml", "<capabilities/>");
        fake.json("GET", "/1.0/host/capabilities", "{\"emulator\":\"/usr/bin/qemu-system-x86_64\",\"qemu_version\":\"7.2.22\"}");
        assertThat(run("uri").out()).isEqualTo("vmm:///session\n\n");
        assertThat(run("hostname").out()).isEqualTo("vm\n\n");
        assertThat(run("version").out()).matches("Compiled against library: jvirt \\S+\nUsing library: jvirt \\S+\n"
                + "Using API: jvirtd 1.0\nRunning hypervisor: QEMU 7.2.22\n\n");
        assertThat(run("version", "--daemon").out()).endsWith("Running hypervisor: QEMU 7.2.22\nRunning against daemon: 0.1.0\n\n");
        assertThat(run("nodeinfo").out()).startsWith("CPU model:           x86_64\nCPU(s):              2\n");
        assertThat(run("capabilities").out()).isEqualTo("<capabilities/>\n\n");
    }

    @Test
    void eventPrintsOneEventWithoutLoopAndCountsThem() {
        fake.chunked("GET", "/1.0/events", List.of(
                "{\"domain\":\"web1\",\"event\":\"rebooted\",\"detail\":\"booted\",\"timestamp\":\"t\"}\n",
                "{\"domain\":\"web1\",\"event\":\"suspended\",\"detail\":\"paused\",\"timestamp\":\"t\"}\n"));
        assertThat(run("event", "--all").out()).isEqualTo("event 'reboot' for domain 'web1'\nevents received: 1\n\n");
        assertThat(run("event", "--all", "--loop").out()).isEqualTo("event 'reboot' for domain 'web1'\n"
                + "event 'lifecycle' for domain 'web1': Suspended Paused\nevents received: 2\n\n");
        assertThat(run("event", "--event", "lifecycle", "--loop").out())
                .isEqualTo("event 'lifecycle' for domain 'web1': Suspended Paused\nevents received: 1\n\n");
        assertThat(run("event", "--list").out()).isEqualTo("lifecycle\nreboot\n\n");
    }

    @Test
    void editWithoutChangesSaysSo() {
        fake.text("GET", "/1.0/domains/web1/xml?inactive=true", "application/xml", "<domain/>\n");
        assertThat(run("edit", "web1").out()).isEqualTo("Domain 'web1' XML configuration not changed.\n\n");
    }
}
