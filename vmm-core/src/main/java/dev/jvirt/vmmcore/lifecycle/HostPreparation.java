package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.vmmcore.host.NetworkBackend;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.host.StorageBackend;
import dev.jvirt.vmmcore.qemu.SpicePorts;
import dev.jvirt.vmmcore.qemu.argv.DeviceIds;
import dev.jvirt.vmmcore.qemu.argv.LaunchOptions;
import dev.jvirt.vmmcore.qemu.argv.NetBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 2 of a start, the host side: every device a registered backend serves gets its resource
 * (a TAP for a network or bridge interface, a path for a volume disk), each recorded in the
 * start's {@link HostSetup} with its release, so a failed start gives them back newest first.
 * Devices no backend serves are left as they are: the command line then says what they lack.
 */
final class HostPreparation {
    private final HostBackends backends;

    HostPreparation(HostBackends backends) {
        this.backends = backends;
    }

    /**
     * What the host phase gives the command line: the definition with volumes resolved to their
     * paths (the live definition keeps the volumes), the launch options with the TAPs, and what
     * the guest's teardown releases.
     */
    record Host(Domain resolved, LaunchOptions options, List<Prepared.Release> releases,
                Map<String, Prepared.Release> volumeReleases, Map<Integer, Integer> inherit) {
        Host {
            releases = List.copyOf(releases);
            volumeReleases = Map.copyOf(volumeReleases);
            inherit = Map.copyOf(inherit);
        }
    }

    Host prepare(StartPlan plan, HostSetup setup) {
        Domain def = SpicePorts.assign(plan.definition());
        List<Prepared.Release> releases = new ArrayList<>();
        LaunchOptions options = LaunchOptions.defaults();
        List<NetInterface> nics = def.devices().interfaces();
        Map<Integer, Integer> inherit = new LinkedHashMap<>(); // TAP descriptors QEMU inherits, at 3, 4, ...
        for (int i = 0; i < nics.size(); i++) {
            NetInterface nic = nics.get(i);
            Optional<NetworkBackend> backend = backends.network(nic.type());
            if (backend.isPresent()) {
                String id = DeviceIds.net(i);
                String what = "interface " + id + " (type " + nic.type() + ", source "
                        + (nic.sourceNetwork() != null ? nic.sourceNetwork() : nic.sourceBridge()) + ")";
                Prepared<NetworkBackend.Tap> tap = take(def.name(), what, setup, releases,
                        () -> backend.get().prepare(def.name(), id, nic));
                NetworkBackend.Tap t = tap.value();
                if (t.fd() >= 0) {
                    int fd = 3 + inherit.size();
                    inherit.put(t.fd(), fd);
                    Integer vhost = null;
                    if (t.vhostFd() >= 0) {
                        vhost = 3 + inherit.size();
                        inherit.put(t.vhostFd(), vhost);
                    }
                    options = options.withNetBackend(id, new NetBackend.TapFd(fd, vhost, t.ifname()));
                } else {
                    options = options.withNetBackend(id, new NetBackend.TapName(t.ifname()));
                }
            }
        }
        Optional<StorageBackend> storage = backends.storage();
        if (storage.isEmpty()) {
            return new Host(def, options, releases, Map.of(), inherit);
        }
        List<Disk> disks = new ArrayList<>();
        java.util.Map<String, Prepared.Release> volumeReleases = new java.util.HashMap<>();
        for (Disk d : def.devices().disks()) {
            Disk.Source s = d.source();
            if (s == null || s.pool() == null || s.volume() == null) {
                disks.add(d);
                continue;
            }
            String what = "disk '" + (d.target() == null ? "?" : d.target().dev()) + "' (volume '" + s.volume()
                    + "' of pool '" + s.pool() + "')";
            List<Prepared.Release> one = new ArrayList<>(1);
            Prepared<StorageBackend.Volume> v = take(def.name(), what, setup, one,
                    () -> storage.get().prepare(def.name(), s.pool(), s.volume()));
            if (d.target() != null && d.target().dev() != null && !volumeReleases.containsKey(d.target().dev())) {
                volumeReleases.put(d.target().dev(), v.release()); // by target: a detach gives it back
            } else {
                releases.addAll(one);
            }
            disks.add(resolved(d, v.value()));
        }
        Devices.Builder b = def.devices().toBuilder();
        b.disks = disks;
        return new Host(def.withDevices(b.build()), options, releases, volumeReleases, inherit);
    }

    private interface Preparation<T> {
        Prepared<T> prepare() throws Exception;
    }

    private static <T> Prepared<T> take(String domain, String what, HostSetup setup, List<Prepared.Release> releases,
                                        Preparation<T> preparation) {
        Prepared<T> p;
        try {
            p = preparation.prepare();
        } catch (StartFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new StartFailedException(domain, "cannot prepare " + what + ": " + e.getMessage(), e);
        }
        setup.done("prepare " + what, p.release()::release);
        releases.add(p.release());
        return p;
    }

    /** The volume disk as the command line takes it: a file or block disk on the volume's path. */
    static Disk resolved(Disk d, StorageBackend.Volume v) {
        Disk.Source s = d.source();
        Disk.Source source = new Disk.Source(v.block() ? null : v.path(), v.block() ? v.path() : null, null, null,
                null, s.startupPolicy());
        Disk.Driver drv = d.driver();
        if (v.format() != null) {
            drv = drv == null ? new Disk.Driver("qemu", v.format(), null, null, null, null, null, null, null)
                    : new Disk.Driver(drv.name(), drv.type() == null ? v.format() : drv.type(), drv.cache(), drv.io(),
                    drv.discard(), drv.detectZeroes(), drv.iothread(), drv.queues(), drv.errorPolicy());
        }
        return new Disk(v.block() ? "block" : "file", d.device(), drv, source, d.backingStore(), d.target(),
                d.readonly(), d.shareable(), d.serial(), d.bootOrder(), d.address(), d.io());
    }
}
