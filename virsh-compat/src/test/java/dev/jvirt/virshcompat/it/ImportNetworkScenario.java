package dev.jvirt.virshcompat.it;

import static dev.jvirt.virshcompat.it.SystemJvirtd.awaitConsole;
import static dev.jvirt.virshcompat.it.SystemJvirtd.consoleText;
import static dev.jvirt.virshcompat.it.SystemJvirtd.jvirsh;
import static dev.jvirt.virshcompat.it.SystemJvirtd.prepareNamespace;
import static dev.jvirt.virshcompat.it.SystemJvirtd.show;
import static dev.jvirt.virshcompat.it.SystemJvirtd.startJvirtd;

import dev.jvirt.virshcompat.JvirshRun;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by {@link LibvirtImportIT} in namespaces of its own ({@link SystemModeNamespace}): a
 * system-mode jvirtd imports one domain with its network and pool (its volume copied into
 * jvirt's default pool: --move-disks) from the private libvirt outside (its socket is a file both namespaces see), starts the network and the domain, and
 * waits for the tiny guest to boot and for its DHCP lease from the imported network. Arguments: {@code URI DOMAIN NETWORK MAC WORKDIR}.
 */
public final class ImportNetworkScenario {

    private ImportNetworkScenario() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String domain = args[1];
        String network = args[2];
        String mac = args[3];
        Path work = Path.of(args[4]);
        prepareNamespace();
        Process daemon = startJvirtd(work, 1);
        try {
            show("import", jvirsh("import", "--from", uri, domain, "--networks", "--pools", "--move-disks"));
            show("net-start", jvirsh("net-start", network));
            show("start", jvirsh("start", domain));
            System.out.println("booted=" + awaitConsole(domain, "JVIRT-GUEST-READY", 240));
            System.out.println("guest-disk=" + consoleText(domain).contains("JVIRT-GUEST-DISK vda"));
            // udhcpc keeps asking in the background after its first quick tries: wait for the lease
            JvirshRun leases = jvirsh("net-dhcp-leases", network);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!leases.out().contains(mac) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                leases = jvirsh("net-dhcp-leases", network);
            }
            show("net-dhcp-leases", leases);
            Matcher m = Pattern.compile(Pattern.quote(mac) + "\\s+ipv4\\s+([0-9.]+)/").matcher(leases.out());
            System.out.println("guest-ip=" + (m.find() ? m.group(1) : "<none>"));
            show("domblklist", jvirsh("domblklist", domain));
            show("destroy", jvirsh("destroy", domain));
            show("net-destroy", jvirsh("net-destroy", network));
            System.out.println("scenario-done=1");
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
