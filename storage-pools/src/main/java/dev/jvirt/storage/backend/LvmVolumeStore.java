package dev.jvirt.storage.backend;

import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.NoSuchVolumeException;
import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.VolumeNames;
import dev.jvirt.storage.exec.Commands;
import dev.jvirt.storage.exec.ImageInfo;
import dev.jvirt.storage.exec.QemuImg;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Volumes as LVs of a volume group, raw only. New volumes are thin when the VG has a thin pool
 * (the first one lvs lists), thick otherwise; a linked clone of a thin LV is a thin snapshot.
 * Paths are {@code /dev/VG/LV}, which LVM makes as links to {@code /dev/dm-N}: the LV's name,
 * checked, is what keeps a write inside the VG.
 */
public final class LvmVolumeStore implements VolumeStore {
    private final String vg;
    private final Lvm lvm;
    private final Commands commands;
    private final QemuImg qemuImg;

    public LvmVolumeStore(String vg, Lvm lvm, Commands commands, QemuImg qemuImg) {
        this.vg = vg;
        this.lvm = lvm;
        this.commands = commands;
        this.qemuImg = qemuImg;
    }

    private List<Lvm.Lv> volumesAndPools() {
        return lvm.lvs(vg);
    }

    private Lvm.Lv lv(String name) {
        VolumeNames.check(name);
        return volumesAndPools().stream().filter(l -> l.name().equals(name) && !l.isThinPool()).findFirst()
                .orElseThrow(() -> new NoSuchVolumeException("no LV '" + name + "' in volume group " + vg));
    }

    @Override
    public List<String> list() {
        return volumesAndPools().stream().filter(l -> !l.isThinPool()).map(Lvm.Lv::name)
                .filter(n -> VolumeNames.problem(n) == null).sorted().toList();
    }

    @Override
    public boolean exists(String name) {
        VolumeNames.check(name);
        return volumesAndPools().stream().anyMatch(l -> l.name().equals(name));
    }

    @Override
    public Path existing(String name) {
        lv(name);
        return Path.of("/dev", vg, name);
    }

    @Override
    public String type() {
        return "block";
    }

    @Override
    public String onlyFormat() {
        return "raw";
    }

    @Override
    public ImageInfo describe(String name) {
        Lvm.Lv l = lv(name);
        long alloc = l.isThin() ? (long) (l.size() * l.dataPercent() / 100) : l.size();
        List<dev.jvirt.storage.BackingImage> chain = l.origin() == null ? List.of()
                : List.of(new dev.jvirt.storage.BackingImage(Path.of("/dev", vg, l.origin()).toString(), "raw"));
        return new ImageInfo("raw", l.size(), alloc, chain);
    }

    @Override
    public void create(NewVolume v, LongConsumer perMille, BooleanSupplier cancelled) {
        if (!"raw".equals(v.format())) {
            throw new InvalidStorageRequestException("a logical pool holds raw volumes only, not " + v.format());
        }
        if (exists(v.name())) {
            throw new InvalidStorageRequestException("volume '" + v.name() + "' already exists in volume group " + vg);
        }
        if (v.backingPath() != null) {
            String origin = v.backingPath().getFileName().toString();
            if (!lv(origin).isThin()) {
                throw new InvalidStorageRequestException("a linked clone in a logical pool is a thin snapshot; '" + origin
                        + "' is not a thin LV (use a full clone)");
            }
            lvm.check(Lvm.snapshotArgv(vg, v.name(), origin), "making thin snapshot " + v.name() + " of " + origin);
            return;
        }
        String thinPool = volumesAndPools().stream().filter(Lvm.Lv::isThinPool).map(Lvm.Lv::name).findFirst().orElse(null);
        long size = v.capacity() >= 0 ? v.capacity() : qemuImg.info(v.copyFrom(), v.copyFromFormat()).virtualSize();
        lvm.check(Lvm.lvcreateArgv(vg, v.name(), size, thinPool), "creating LV " + v.name() + " in volume group " + vg);
        if (v.copyFrom() != null) {
            try {
                qemuImg.convert(v.copyFrom(), v.copyFromFormat(), existing(v.name()), "raw", true, perMille, cancelled);
            } catch (RuntimeException e) {
                delete(v.name());
                throw e;
            }
        }
    }

    @Override
    public void resize(String name, String format, long bytes, boolean shrink) {
        lv(name);
        lvm.check(Lvm.lvresizeArgv(vg, name, bytes), "resizing LV " + name);
    }

    @Override
    public void delete(String name) {
        lv(name);
        lvm.check(Lvm.lvremoveArgv(vg, name), "removing LV " + name);
    }

    @Override
    public FileChannel openWrite(String name, boolean discard) {
        return open(name, StandardOpenOption.WRITE);
    }

    @Override
    public FileChannel openRead(String name) {
        return open(name, StandardOpenOption.READ);
    }

    private FileChannel open(String name, StandardOpenOption option) {
        Path p = existing(name);
        try {
            Path real = p.toRealPath();
            if (!real.toString().startsWith("/dev/dm-")) {
                throw new InvalidStorageRequestException(p + " does not lead to a device-mapper device but to " + real);
            }
            return FileChannel.open(real, option);
        } catch (IOException e) {
            throw new StorageException("cannot open " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long storedLength(String name) {
        return lv(name).size();
    }

    @Override
    public boolean readsZeroAfterDiscard() {
        return false;
    }

    @Override
    public void discardAll(String name) {
        commands.check(List.of("blkdiscard", existing(name).toString()), "discarding LV " + name, Duration.ofMinutes(10));
    }

    @Override
    public int cleanLeftovers() {
        return 0;
    }
}
