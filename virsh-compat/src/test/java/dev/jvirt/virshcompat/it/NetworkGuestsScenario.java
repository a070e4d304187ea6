package dev.jvirt.virshcompat.it;

import static dev.jvirt.virshcompat.it.SystemJvirtd.SOCKET;
import static dev.jvirt.virshcompat.it.SystemJvirtd.STATE;
import static dev.jvirt.virshcompat.it.SystemJvirtd.awaitConsole;
import static dev.jvirt.virshcompat.it.SystemJvirtd.consoleText;
import static dev.jvirt.virshcompat.it.SystemJvirtd.jvirsh;
import static dev.jvirt.virshcompat.it.SystemJvirtd.jvirshEnv;
import static dev.jvirt.virshcompat.it.SystemJvirtd.prepareNamespace;
import static dev.jvirt.virshcompat.it.SystemJvirtd.run;
import static dev.jvirt.virshcompat.it.SystemJvirtd.show;
import static dev.jvirt.virshcompat.it.SystemJvirtd.startJvirtd;

import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.api.http.UnixHttpClient;
import dev.jvirt.console.stream.ConsoleFrame;
import dev.jvirt.console.stream.ConsoleFrameEncoder;
import dev.jvirt.virshcompat.JvirshRun;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by {@link NetworkGuestsIT} inside {@code ip netns exec NS unshare -m}: tmpfs over
 * /var/lib/jvirt and /run/jvirt, then {@code jvirtd --system} as a child process of its own, driven
 * with jvirsh (in this JVM). A NAT network is defined and started; a guest on it refused while it
 * is inactive; two tiny guests on it get DHCP leases and ping each other and the bridge; jvirtd is
 * killed with SIGKILL and started again, and the guests still reach each other; destroying them
 * leaves no TAP, destroying the network leaves nothing of jvirt's. Prints {@code key=value} lines,
 * and command outputs between {@code BEGIN key} and {@code END key}.
 * Arguments: {@code KERNEL INITRD WORKDIR PREFIX}.
 */
public final class NetworkGuestsScenario {
    static final String MAC1 = "52:54:00:63:00:01";
    static final String MAC2 = "52:54:00:63:00:02";
    static final String MAC3 = "52:54:00:64:00:03";
    static final String MAC4 = "52:54:00:64:00:04";
    static final String MAC5 = "52:54:00:63:00:05";
    static final String MAC6 = "52:54:00:63:00:06";
    private static int seq;

    private NetworkGuestsScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path kernel = Path.of(args[0]);
        Path initrd = Path.of(args[1]);
        Path work = Path.of(args[2]);
        String prefix = args[3];
        prepareNamespace();
        // QEMU may run as jvirt-qemu (system mode): the guest's files where it can read them
        Path images = Files.createDirectory(STATE.resolve("images"));
        Files.setPosixFilePermissions(images, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        kernel = Files.copy(kernel, images.resolve("vmlinuz"));
        initrd = Files.copy(initrd, images.resolve("initrd.img"));
        for (Path f : List.of(kernel, initrd)) {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Process daemon = null;
        String one = prefix + "-one";
        String two = prefix + "-two";
        String three = prefix + "-three";
        String four = prefix + "-four";
        try {
            daemon = startJvirtd(work, 1);
            Path netXml = work.resolve("nat1.xml");
            Files.writeString(netXml, """
                    <network>
                      <name>nat1</name>
                      <forward mode='nat'/>
                      <bridge name='jvbrnat1' stp='off'/>
                      <ip address='10.63.0.1' netmask='255.255.255.0'>
                        <dhcp>
                          <range start='10.63.0.100' end='10.63.0.199'/>
                          <host mac='52:54:00:63:00:01' name='one' ip='10.63.0.10'/>
                        </dhcp>
                      </ip>
                    </network>
                    """);
            show("net-define", jvirsh("net-define", netXml.toString()));
            show("net-list-defined", jvirsh("net-list", "--all"));
            Files.writeString(work.resolve(one + ".xml"), domainXml(one, MAC1, kernel, initrd));
            Files.writeString(work.resolve(two + ".xml"), domainXml(two, MAC2, kernel, initrd));
            show("define-one", jvirsh("define", work.resolve(one + ".xml").toString()));
            show("define-two", jvirsh("define", work.resolve(two + ".xml").toString()));
            show("start-inactive", jvirsh("start", one));
            show("domxml-to-native", jvirsh("domxml-to-native", "qemu-argv", work.resolve(one + ".xml").toString()));
            long t0 = System.nanoTime();
            show("net-start", jvirsh("net-start", "nat1"));
            System.out.println("net-start-ms=" + (System.nanoTime() - t0) / 1_000_000);
            show("net-autostart", jvirsh("net-autostart", "nat1"));
            show("net-info", jvirsh("net-info", "nat1"));
            show("net-list", jvirsh("net-list"));
            show("net-dumpxml", jvirsh("net-dumpxml", "nat1"));
            show("start-one", jvirsh("start", one));
            show("start-two", jvirsh("start", two));
            long started = System.nanoTime();
            System.out.println("links-running=" + links());
            System.out.println("netdev-one=" + qemuNetdev(one));
            show("domiflist-one", jvirsh("domiflist", one));

            awaitConsole(one, "JVIRT-GUEST-READY", 300);
            awaitConsole(two, "JVIRT-GUEST-READY", 300);
            JvirshRun leases = awaitLeases(2, 120);
            System.out.println("leases-after-start-ms=" + (System.nanoTime() - started) / 1_000_000);
            show("net-dhcp-leases", leases);
            String twoIp = leaseIp(leases.out(), MAC2);
            System.out.println("two-ip=" + twoIp);
            show("domifaddr-one", jvirsh("domifaddr", one));
            show("domifaddr-two", jvirsh("domifaddr", two, "--source", "lease"));
            show("net-destroy-in-use", jvirsh("net-destroy", "nat1"));
            show("attach-interface", jvirsh("attach-interface", two, "network", "nat1", "--mac", MAC5, "--live"));
            show("domiflist-two-attached", jvirsh("domiflist", two));
            System.out.println("udhcpc-eth1=" + guestOk(two, "ip link set eth1 up && udhcpc -i eth1 -s /etc/udhcpc.script -n -q -t 10 -T 2"));
            show("net-dhcp-leases-attached", jvirsh("net-dhcp-leases", "nat1", "--mac", MAC5));

            System.out.println("ping-one-two=" + guestOk(one, "ping -c 2 -W 5 " + twoIp));
            System.out.println("ping-two-one=" + guestOk(two, "ping -c 2 -W 5 10.63.0.10"));
            System.out.println("ping-one-bridge=" + guestOk(one, "ping -c 2 -W 5 10.63.0.1"));
            System.out.println("ping-nobody=" + guestOk(two, "ping -c 1 -W 2 10.63.0.250"));
            String dnsmasqBefore = dnsmasqPid();
            System.out.println("dnsmasq-before=" + dnsmasqBefore);

            daemon.destroyForcibly(); // SIGKILL
            daemon.waitFor(60, TimeUnit.SECONDS);
            System.out.println("killed=" + !daemon.isAlive());
            daemon = startJvirtd(work, 2);
            show("list-after-restart", jvirsh("list"));
            show("net-list-after-restart", jvirsh("net-list"));
            System.out.println("dnsmasq-after=" + dnsmasqPid());
            System.out.println("ping-one-two-after=" + guestOk(one, "ping -c 2 -W 5 " + twoIp));
            System.out.println("ping-two-one-after=" + guestOk(two, "ping -c 2 -W 5 10.63.0.10"));
            show("net-dhcp-leases-after", jvirsh("net-dhcp-leases", "nat1", "--mac", MAC1));

            updateAndAddresses(work, one, two);
            detachAndConfig(one, two);

            show("destroy-one", jvirsh("destroy", one));
            show("destroy-two", jvirsh("destroy", two));
            System.out.println("links-after-destroy=" + awaitNoTaps(30));
            show("net-destroy", jvirsh("net-destroy", "nat1"));
            System.out.println("links-after-net-destroy=" + links());
            System.out.println("nft-tables=" + capture("nft", "list", "tables").replace('\n', ' ').strip());
            System.out.println("dnsmasq-alive=" + awaitGone(dnsmasqBefore, 30));
            System.out.println("network-runtime=" + list(Path.of("/run/jvirt/network")));
            show("net-list-all-end", jvirsh("net-list", "--all"));
            bridgeNetwork(work, kernel, initrd, three, four);

            // autostart: a restarted jvirtd starts the network, then the autostarted guest on it
            show("autostart-one", jvirsh("autostart", one));
            daemon.destroy();
            daemon.waitFor(60, TimeUnit.SECONDS);
            daemon = startJvirtd(work, 3);
            System.out.println("autostarted-guest=" + awaitOutput(new String[] {"domstate", one}, "running", 120));
            show("net-list-autostarted", jvirsh("net-list"));
            show("autostart-one-off", jvirsh("autostart", one, "--disable"));
            show("destroy-one-again", jvirsh("destroy", one));
            System.out.println("links-after-autostart-guest=" + awaitNoTaps(30));
            show("net-destroy-again", jvirsh("net-destroy", "nat1"));
            show("net-undefine", jvirsh("net-undefine", "nat1"));
            show("net-info-gone", jvirsh("net-info", "nat1"));
            System.out.println("definition-file=" + Files.exists(STATE.resolve("network/nat1.xml")));
        } finally {
            for (String d : new String[] {one, two, three, four}) {
                try {
                    jvirsh("destroy", d);
                } catch (RuntimeException e) {
                    // not running
                }
            }
            try {
                jvirsh("net-destroy", "nat1");
            } catch (RuntimeException e) {
                // not active
            }
            if (daemon != null) {
                daemon.destroy();
                daemon.waitFor(30, TimeUnit.SECONDS);
                daemon.destroyForcibly();
            }
            System.out.println("scenario-done=1");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    /**
     * net-update of a running (adopted) network: a DHCP host added --live --config, the guest asks
     * again and gets the reserved address from the same dnsmasq (its hosts file reloaded); one
     * deleted --config only. domifaddr --source arp (the host's neighbour table) and --source agent
     * (no agent channel: refused). net-edit with an editor that changes the range, one that leaves
     * the file as it was, and one that breaks it (virsh's question answered n: nothing changes).
     */
    private static void updateAndAddresses(Path work, String one, String two) throws Exception {
        show("net-update-add", jvirsh("net-update", "nat1", "add", "ip-dhcp-host",
                "<host mac='" + MAC2 + "' name='two' ip='10.63.0.20'/>", "--live", "--config"));
        show("net-update-clash", jvirsh("net-update", "nat1", "add-last", "ip-dhcp-host",
                "<host mac='" + MAC2 + "' ip='10.63.0.21'/>"));
        System.out.println("hostsfile=" + Files.readString(Path.of("/run/jvirt/network/nat1/dnsmasq.hostsfile")).replace('\n', '|'));
        System.out.println("renew-two=" + guestOk(two, "killall udhcpc; udhcpc -i eth0 -s /etc/udhcpc.script -n -q -t 10 -T 2"
                + " && ip -4 addr show dev eth0 | grep -q 10.63.0.20/"));
        show("net-dhcp-leases-updated", jvirsh("net-dhcp-leases", "nat1", "--mac", MAC2));
        Path hostXml = work.resolve("host5.xml");
        Files.writeString(hostXml, "<host mac='" + MAC5 + "' ip='10.63.0.25'/>\n");
        show("net-update-file", jvirsh("net-update", "nat1", "add", "ip-dhcp-host", hostXml.toString(), "--config"));
        show("net-update-delete", jvirsh("net-update", "nat1", "delete", "ip-dhcp-host", "<host mac='" + MAC5 + "'/>",
                "--config"));
        show("net-update-current", jvirsh("net-update", "nat1", "delete", "ip-dhcp-host", "<host mac='" + MAC2 + "'/>"));
        show("net-update-section", jvirsh("net-update", "nat1", "add", "dns-host", "<host ip='10.63.0.7'/>"));
        show("net-dumpxml-live-updated", jvirsh("net-dumpxml", "nat1"));
        show("net-dumpxml-config-updated", jvirsh("net-dumpxml", "nat1", "--inactive"));

        System.out.println("ping-one-bridge-arp=" + guestOk(one, "ping -c 1 -W 5 10.63.0.1"));
        show("domifaddr-arp", jvirsh("domifaddr", one, "--source", "arp"));
        show("domifaddr-agent", jvirsh("domifaddr", one, "--source", "agent"));

        Path editor = work.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i \"s/end='10.63.0.199'/end='10.63.0.198'/\" \"$1\"\n");
        Path breaker = work.resolve("breaker.sh");
        Files.writeString(breaker, "#!/bin/sh\nsed -i 's/<name>/<nme>/' \"$1\"\n");
        for (Path f : List.of(editor, breaker)) {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        show("net-edit", jvirshEnv(Map.of("EDITOR", editor.toString()), "", "net-edit", "nat1"));
        show("net-edit-unchanged", jvirshEnv(Map.of("EDITOR", "true"), "", "net-edit", "nat1"));
        show("net-edit-broken", jvirshEnv(Map.of("EDITOR", breaker.toString()), "n\n", "net-edit", "nat1"));
        show("net-dumpxml-edited", jvirsh("net-dumpxml", "nat1", "--inactive"));
    }

    /**
     * detach-interface as virsh has it: several NICs of the type and no --mac, no NIC of the type,
     * no such MAC, a NIC that is not the running guest's last (refused: NIC ids are positional);
     * the hot-plugged NIC unplugged --live (gone from the guest, its TAP gone); attach-interface
     * --config and detach-interface --config change the stored definition only.
     */
    private static void detachAndConfig(String one, String two) throws Exception {
        Matcher tap = Pattern.compile("(jvtap\\d+)\\s+network\\s+nat1\\s+virtio\\s+" + MAC5).matcher(jvirsh("domiflist", two).out());
        String tap5 = tap.find() ? tap.group(1) : "none";
        System.out.println("tap5=" + tap5);
        show("detach-ambiguous", jvirsh("detach-interface", two, "network"));
        show("detach-no-type", jvirsh("detach-interface", two, "bridge"));
        show("detach-no-mac", jvirsh("detach-interface", two, "network", "--mac", "52:54:00:63:00:99"));
        show("detach-not-last", jvirsh("detach-interface", two, "network", "--mac", MAC2, "--live"));
        show("detach-live", jvirsh("detach-interface", two, "network", "--mac", MAC5, "--live"));
        show("domiflist-two-detached", jvirsh("domiflist", two));
        System.out.println("eth1-gone=" + guestOk(two, "! test -e /sys/class/net/eth1"));
        System.out.println("links-after-detach=" + links());
        show("attach-config", jvirsh("attach-interface", one, "network", "nat1", "--mac", MAC6, "--config"));
        show("domiflist-one-live", jvirsh("domiflist", one));
        show("domiflist-one-inactive", jvirsh("domiflist", one, "--inactive"));
        show("detach-config", jvirsh("detach-interface", one, "network", "--mac", MAC6, "--config"));
        show("domiflist-one-inactive-after", jvirsh("domiflist", one, "--inactive"));
    }

    /**
     * A {@code bridge} network over a host bridge the scenario made, a guest on it and one with
     * {@code <interface type='bridge'>} on the same bridge: they reach each other and the host; their
     * TAPs go with them, and destroying the network leaves the host's bridge as it was.
     */
    private static void bridgeNetwork(Path work, Path kernel, Path initrd, String three, String four) throws Exception {
        run("ip", "link", "add", "jvtestbr9", "type", "bridge");
        run("ip", "addr", "add", "10.64.0.1/24", "dev", "jvtestbr9");
        run("ip", "link", "set", "jvtestbr9", "up");
        Path lan = work.resolve("lan.xml");
        Files.writeString(lan, "<network><name>lan</name><forward mode='bridge'/><bridge name='jvtestbr9'/></network>\n");
        show("net-create-lan", jvirsh("net-create", lan.toString()));
        Files.writeString(work.resolve(three + ".xml"), domainXml(three, MAC3, kernel, initrd)
                .replace("<source network='nat1'/>", "<source network='lan'/>")
                .replace("<model type='virtio'/>", "<model type='virtio'/><driver queues='2'/>"));
        Files.writeString(work.resolve(four + ".xml"), domainXml(four, MAC4, kernel, initrd)
                .replace("<interface type='network'>", "<interface type='bridge'>")
                .replace("<source network='nat1'/>", "<source bridge='jvtestbr9'/>"));
        show("create-three", jvirsh("create", work.resolve(three + ".xml").toString()));
        show("create-four", jvirsh("create", work.resolve(four + ".xml").toString()));
        show("domiflist-four", jvirsh("domiflist", four));
        System.out.println("netdev-three=" + qemuNetdev(three));
        System.out.println("tap-records-three=" + list(Path.of("/run/jvirt/network/taps")));
        awaitConsole(three, "JVIRT-GUEST-READY", 300);
        awaitConsole(four, "JVIRT-GUEST-READY", 300);
        // no DHCP server on this LAN: the guests get addresses by hand
        System.out.println("addr-three=" + guestOk(three, "killall udhcpc; ip addr add 10.64.0.13/24 dev eth0"));
        System.out.println("addr-four=" + guestOk(four, "killall udhcpc; ip addr add 10.64.0.14/24 dev eth0"));
        System.out.println("ping-three-four=" + guestOk(three, "ping -c 2 -W 5 10.64.0.14"));
        System.out.println("ping-four-host=" + guestOk(four, "ping -c 2 -W 5 10.64.0.1"));
        show("destroy-three", jvirsh("destroy", three));
        show("destroy-four", jvirsh("destroy", four));
        System.out.println("links-after-lan-guests=" + awaitNoTaps(30));
        show("net-destroy-lan", jvirsh("net-destroy", "lan"));
        System.out.println("links-after-lan=" + links());
        show("net-list-after-lan", jvirsh("net-list", "--all", "--name"));
        run("ip", "link", "delete", "jvtestbr9");
    }

    private static String domainXml(String name, String mac, Path kernel, Path initrd) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <interface type='network'>
                      <mac address='%s'/>
                      <source network='nat1'/>
                      <model type='virtio'/>
                    </interface>
                    <serial type='pty'><target port='0'/></serial>
                  </devices>
                </domain>
                """.formatted(name, kernel, initrd, mac);
    }

    /**
     * Runs {@code command} in the guest's shell over its console (jvirtd's console upgrade), up to
     * five times, and says whether it succeeded: the guest echoes a marker computed by its shell,
     * so the typed line's own echo never matches.
     */
    private static boolean guestOk(String domain, String command) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            int n = ++seq;
            String ok = "R" + n + "-" + (40 + 2);
            String bad = "R" + n + "-" + 1;
            String line = "(" + command + ") >/dev/null 2>&1 && echo R" + n + "-$((40+2)) || echo R" + n + "-$((0+1))\n";
            UnixHttpClient api = new UnixHttpClient(SOCKET);
            try (HttpResponse r = api.exchange("GET", "/1.0/domains/" + domain + "/console?mode=rw",
                    Map.of("Connection", "Upgrade", "Upgrade", "jvirt-console"), null)) {
                if (r.status() != 101) {
                    System.out.println("console-status-" + domain + "=" + r.status());
                    Thread.sleep(1000);
                    continue;
                }
                Thread drain = new Thread(() -> {
                    try (InputStream in = r.body()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (java.io.IOException e) {
                        // closed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                ConsoleFrameEncoder.write(r.output(), ConsoleFrame.data(line.getBytes(StandardCharsets.US_ASCII)));
                r.output().flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    String text = consoleText(domain);
                    if (text.contains(ok)) {
                        return true;
                    }
                    if (text.contains(bad)) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
            Thread.sleep(2000);
        }
        return false;
    }

    private static boolean awaitOutput(String[] args, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (jvirsh(args).out().contains(text)) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static JvirshRun awaitLeases(int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JvirshRun r = jvirsh("net-dhcp-leases", "nat1");
        while (System.nanoTime() < deadline) {
            r = jvirsh("net-dhcp-leases", "nat1");
            if (r.out().contains(MAC1) && r.out().contains(MAC2) && count == 2) {
                return r;
            }
            Thread.sleep(500);
        }
        return r;
    }

    private static String leaseIp(String table, String mac) {
        Matcher m = Pattern.compile(Pattern.quote(mac) + "\\s+ipv4\\s+([0-9.]+)/").matcher(table);
        return m.find() ? m.group(1) : "none";
    }

    private static String dnsmasqPid() throws Exception {
        String rec = Files.readString(Path.of("/run/jvirt/network/nat1.json"));
        Matcher m = Pattern.compile("\"dnsmasqPid\"\\s*:\\s*(\\d+)").matcher(rec);
        return m.find() ? m.group(1) : "none";
    }

    /** The network interfaces in this namespace, by name. */
    static List<String> links() throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : capture("ip", "-o", "link", "show").split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                out.add(f[1].replaceAll("@.*", ""));
            }
        }
        return out;
    }

    private static List<String> awaitNoTaps(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> l = links();
        while (l.stream().anyMatch(n -> n.startsWith("jvtap")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            l = links();
        }
        return l;
    }

    /**
     * Whether process {@code pid} still runs after up to {@code seconds}: an exited one reparented
     * to PID 1 stays a zombie until PID 1 reaps it, so a zombie counts as gone.
     */
    private static boolean awaitGone(String pid, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Path stat = Path.of("/proc", pid, "stat");
            String state;
            try {
                String s = Files.readString(stat);
                state = s.substring(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
            } catch (java.io.IOException e) {
                return false;
            }
            if (state.equals("Z") || state.equals("X")) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                return true;
            }
            Thread.sleep(200);
        }
    }

    /** The {@code -netdev} argument of the domain's QEMU, and what its descriptor 3 is. */
    private static String qemuNetdev(String domain) throws Exception {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                List<String> argv;
                try {
                    argv = List.of(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
                } catch (java.io.IOException e) {
                    continue;
                }
                int i = argv.indexOf("-netdev");
                if (argv.get(0).contains("qemu-system") && argv.contains("guest=" + domain + ",debug-threads=on") && i > 0) {
                    String fd3;
                    try {
                        fd3 = Files.readSymbolicLink(p.resolve("fd/3")).toString();
                    } catch (java.io.IOException e) {
                        fd3 = "none";
                    }
                    return argv.get(i + 1) + " fd3=" + fd3;
                }
            }
        }
        return "none";
    }

    private static List<String> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String capture(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

}
