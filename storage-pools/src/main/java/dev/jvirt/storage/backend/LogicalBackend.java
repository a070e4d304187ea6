package dev.jvirt.storage.backend;

import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.BuildMode;
import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.PoolStateException;
import dev.jvirt.storage.exec.CommandResult;
import dev.jvirt.storage.exec.Commands;
import dev.jvirt.storage.exec.QemuImg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <pool type='logical'>}: an LVM volume group ({@code <source><name>}, else the pool's
 * name) over the {@code <device>}s. Build makes the PVs and the VG, start and stop (de)activate
 * its LVs, delete removes the VG and wipes the PV labels.
 */
public final class LogicalBackend implements PoolBackend {
    private final Commands commands;
    private final QemuImg qemuImg;
    private final Lvm lvm;

    public LogicalBackend(Commands commands, QemuImg qemuImg) {
        this.commands = commands;
        this.qemuImg = qemuImg;
        this.lvm = new Lvm(commands);
    }

    @Override
    public String type() {
        return "logical";
    }

    static String vg(StoragePool pool) {
        return pool.source() != null && pool.source().name() != null ? pool.source().name() : pool.name();
    }

    private static List<String> devices(StoragePool pool) {
        return pool.source() == null ? List.of() : pool.source().devices();
    }

    @Override
    public void build(StoragePool pool, BuildMode mode) {
        List<String> devs = devices(pool);
        if (devs.isEmpty()) {
            throw new InvalidStorageRequestException("pool '" + pool.name() + "' names no <device> to build volume group " + vg(pool) + " on");
        }
        for (String d : devs) {
            if (mode == BuildMode.NO_OVERWRITE) {
                CommandResult r = commands.run(FsBackend.probeArgv(d), Duration.ofSeconds(30));
                if (r.exit() == 0) {
                    throw new PoolStateException(d + " already holds " + r.stdout().strip() + "; pool-build --overwrite replaces it");
                }
            }
            List<String> pv = new ArrayList<>(List.of("pvcreate", "-y"));
            if (mode == BuildMode.OVERWRITE) {
                pv.add("-ff");
            }
            pv.add(d);
            commands.check(pv, "making " + d + " an LVM physical volume");
        }
        List<String> vg = new ArrayList<>(List.of("vgcreate", vg(pool)));
        vg.addAll(devs);
        commands.check(vg, "creating volume group " + vg(pool));
    }

    @Override
    public void start(StoragePool pool) {
        if (lvm.vgSpace(vg(pool)) == null) {
            throw new PoolStateException("volume group " + vg(pool) + " of pool '" + pool.name()
                    + "' is not there; build the pool first (jvirsh pool-build " + pool.name() + ")");
        }
        commands.check(List.of("vgchange", "-aly", vg(pool)), "activating volume group " + vg(pool));
    }

    @Override
    public void stop(StoragePool pool) {
        commands.check(List.of("vgchange", "-aln", vg(pool)), "deactivating volume group " + vg(pool));
    }

    @Override
    public void delete(StoragePool pool) {
        commands.check(List.of("vgremove", "-y", "-f", vg(pool)), "removing volume group " + vg(pool));
        for (String d : devices(pool)) {
            commands.check(List.of("pvremove", "-y", d), "wiping the LVM label of " + d);
        }
    }

    @Override
    public boolean isUp(StoragePool pool) {
        return lvm.vgSpace(vg(pool)) != null;
    }

    @Override
    public PoolSpace space(StoragePool pool) {
        long[] s = lvm.vgSpace(vg(pool));
        return s == null ? PoolSpace.NONE : new PoolSpace(s[0], s[0] - s[1], s[1]);
    }

    @Override
    public VolumeStore volumes(StoragePool pool) {
        return new LvmVolumeStore(vg(pool), lvm, commands, qemuImg);
    }
}
