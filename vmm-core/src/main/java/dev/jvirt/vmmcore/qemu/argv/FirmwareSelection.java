package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Os;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code <os firmware='efi'>} without a {@code <loader>}: the firmware chosen as libvirt chooses
 * it, the first descriptor in file-name order that is UEFI on flash, runs this machine type on
 * x86_64, and has every {@code <firmware><feature enabled='yes'>} and none of the
 * {@code enabled='no'} ones. The definition comes back with {@code <loader readonly='yes'
 * type='pflash'>} (secure when the firmware requires SMM) and {@code <nvram>} with the
 * descriptor's template, at {@code NVRAM_DIR/NAME_VARS.fd} unless the definition names a path.
 * Pure: the descriptors are read, and the variables copied, by the caller.
 */
public final class FirmwareSelection {

    private FirmwareSelection() {}

    /**
     * @param machine the machine type the guest runs (resolved: {@code pc-q35-7.2}, not {@code q35})
     * @throws CommandLineException when no firmware fits
     */
    public static Domain select(Domain def, String machine, List<FirmwareDescriptor> descriptors, Path nvramDir) {
        Os os = def.os();
        if (os == null || !"efi".equals(os.firmware()) || os.loader() != null) {
            return def;
        }
        for (FirmwareDescriptor d : descriptors) {
            if (fits(d, os, machine)) {
                boolean smm = d.features().contains("requires-smm");
                Os.Loader loader = new Os.Loader(true, smm ? Boolean.TRUE : null, "pflash", d.executable());
                String nvramPath = os.nvram() != null && os.nvram().path() != null ? os.nvram().path()
                        : nvramDir.resolve(def.name() + "_VARS.fd").toString();
                String template = os.nvram() != null && os.nvram().template() != null ? os.nvram().template() : d.nvramTemplate();
                Os filled = new Os(os.firmware(), os.type(), os.arch(), os.machine(), loader, new Os.Nvram(template, nvramPath),
                        os.kernel(), os.initrd(), os.cmdline(), os.bootDevices(), os.bootMenu(), os.bios(), os.smbiosMode(),
                        os.firmwareFeatures());
                return def.withOs(filled);
            }
        }
        StringBuilder wanted = new StringBuilder("UEFI for ").append(machine);
        for (Os.FirmwareFeature f : os.firmwareFeatures()) {
            wanted.append(Boolean.FALSE.equals(f.enabled()) ? ", without " : ", with ").append(f.name());
        }
        throw new CommandLineException("<os firmware='efi'>", "no firmware descriptor offers " + wanted
                + " (" + descriptors.size() + " descriptors read; install Debian's ovmf)");
    }

    private static boolean fits(FirmwareDescriptor d, Os os, String machine) {
        if (!d.interfaceTypes().contains("uefi") || !"flash".equals(d.device()) || d.nvramTemplate() == null) {
            return false;
        }
        boolean target = d.targets().stream().anyMatch(t -> "x86_64".equals(t.architecture())
                && t.machines().stream().anyMatch(glob -> glob(glob).matcher(machine).matches()));
        if (!target) {
            return false;
        }
        for (Os.FirmwareFeature f : os.firmwareFeatures()) {
            boolean has = d.features().contains(f.name());
            if (has != !Boolean.FALSE.equals(f.enabled())) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
