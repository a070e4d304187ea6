package dev.jvirt.vmmcore;

import dev.jvirt.vmmcore.qemu.Firmwares;
import dev.jvirt.vmmcore.qemu.argv.FirmwareDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The UEFI firmware this host offers guests, as QEMU's firmware descriptors describe it
 * ({@code /etc/qemu/firmware}, {@code /usr/share/qemu/firmware}): what {@code <os firmware='efi'>}
 * can get, for domain capabilities. Read on each call (the descriptors are a few small files).
 */
public final class HostFirmware {
    private final Firmwares firmwares;

    private HostFirmware(Firmwares firmwares) {
        this.firmwares = firmwares;
    }

    /** The system's descriptors. */
    public static HostFirmware system() {
        return new HostFirmware(Firmwares.system(Path.of("/nonexistent"))); // no variables are made here
    }

    /** One UEFI build: its executable, whether it needs an NVRAM flash, whether it enforces Secure Boot. */
    public record Loader(String path, boolean pflash, boolean secureBoot) {
    }

    /**
     * The UEFI loaders for x86_64 machine {@code machine} (a concrete type, {@code pc-q35-7.2}), in
     * descriptor order, each path once: those whose descriptor's machine globs match it, and none
     * that needs SMM on a machine other than q35.
     */
    public List<Loader> uefiLoaders(String machine) {
        boolean q35 = machine.contains("q35");
        return firmwares.descriptors().stream()
                .filter(d -> d.interfaceTypes().contains("uefi") && d.executable() != null)
                .filter(d -> q35 || !d.features().contains("requires-smm"))
                .filter(d -> d.targets().stream().anyMatch(t -> t.architecture().equals("x86_64")
                        && t.machines().stream().anyMatch(g -> glob(g, machine))))
                .map(HostFirmware::loader).distinct().toList();
    }

    private static boolean glob(String glob, String machine) {
        return machine.matches(java.util.regex.Pattern.quote(glob).replace("*", "\\E.*\\Q"));
    }

    private static Loader loader(FirmwareDescriptor d) {
        return new Loader(Objects.requireNonNull(d.executable()), "flash".equals(d.device()),
                d.features().contains("secure-boot"));
    }
}
