package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Os;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.domainxml.domain.Seclabel;
import dev.jvirt.vmmcore.qemu.argv.DeviceIds;
import dev.jvirt.vmmcore.qemu.argv.LaunchOptions;
import dev.jvirt.vmmcore.qemu.argv.NetBackend;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.security.QemuUser;
import java.util.ArrayList;
import java.util.List;

/**
 * A running guest's definition as libvirt's live XML has it: the machine type QEMU runs (the
 * alias resolved, {@code pc} → {@code pc-i440fx-7.2}), the {@code <emulator>} that runs it, each
 * NIC's TAP as its {@code <target dev>}, and
 * when QEMU runs as another user ({@code -runas}, system mode) the DAC {@code <seclabel>} with
 * that user's uid and gid. The command line is the same for either definition.
 */
final class LiveDefinition {

    private LiveDefinition() {
    }

    static Domain of(Domain def, HostCapabilities caps, List<String> argv, LaunchOptions options) {
        String emulator = argv.isEmpty() ? null : argv.get(0);
        Domain d = def;
        List<NetInterface> nics = new ArrayList<>(d.devices().interfaces());
        boolean tapped = false;
        for (int i = 0; i < nics.size(); i++) {
            NetBackend b = options.netBackends().get(DeviceIds.net(i));
            String ifname = b instanceof NetBackend.TapName tap ? tap.ifname() : b instanceof NetBackend.TapFd fd ? fd.ifname() : null;
            if (ifname != null && nics.get(i).targetDev() == null) {
                nics.set(i, nics.get(i).withTargetDev(ifname));
                tapped = true;
            }
        }
        if (tapped) {
            Devices.Builder b = d.devices().toBuilder();
            b.interfaces = nics;
            d = d.withDevices(b.build());
        }
        Os os = d.os();
        if (os != null && os.machine() != null) {
            d = d.withOs(os.withMachine(caps.resolveMachine(os.machine())));
        }
        if (d.devices().emulator() == null && emulator != null) {
            d = d.withDevices(d.devices().withEmulator(emulator));
        }
        int runas = argv.indexOf("-runas");
        if (runas >= 0 && runas + 1 < argv.size() && d.seclabels().stream().noneMatch(s -> "dac".equals(s.model()))) {
            QemuUser user = QemuUser.lookup(argv.get(runas + 1));
            if (user != null) {
                String label = "+" + user.uid() + ":+" + user.gid();
                List<Seclabel> labels = new ArrayList<>(d.seclabels());
                labels.add(new Seclabel("dynamic", "dac", true, label, label, null));
                d = d.withSeclabels(labels);
            }
        }
        return d;
    }
}
