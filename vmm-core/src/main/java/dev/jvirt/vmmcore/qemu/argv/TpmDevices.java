package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Tpm;
import java.util.List;

/**
 * {@code <tpm>} as libvirt writes it: backend {@code emulator} is a {@code swtpm} the driver
 * starts on {@link dev.jvirt.vmmcore.qemu.GuestPaths#swtpmSocket} ({@code -chardev socket} +
 * {@code -tpmdev emulator}); {@code passthrough} is the host's TPM device
 * ({@code -tpmdev passthrough,path=}). The frontend is {@code tpm-tis} unless the model says
 * {@code tpm-crb}. TPM {@code n} is {@code tpmN}, its backend {@code tpm-tpmN}.
 */
final class TpmDevices {

    private TpmDevices() {}

    static DeviceSpec spec(BuildContext ctx, Tpm tpm, int index) {
        String id = "tpm" + index;
        String what = "<tpm> " + index;
        if (index > 0) {
            throw new CommandLineException(what, "only one TPM is supported");
        }
        String model = tpm.model() == null ? "tpm-tis" : tpm.model();
        if (!model.equals("tpm-tis") && !model.equals("tpm-crb")) {
            throw new CommandLineException("<tpm model='" + model + "'>", "is not supported on x86_64; use tpm-tis or tpm-crb");
        }
        String type = tpm.backendType() == null ? "" : tpm.backendType();
        String backendId = "tpm-" + id;
        List<Backend> backends;
        switch (type) {
            case "emulator" -> {
                String version = tpm.backendVersion() == null ? "2.0" : tpm.backendVersion();
                if (!version.equals("2.0") && !version.equals("1.2")) {
                    throw new CommandLineException("<tpm><backend version='" + version + "'>", "is not one of 1.2, 2.0");
                }
                if (version.equals("1.2") && model.equals("tpm-crb")) {
                    throw new CommandLineException("<tpm model='tpm-crb'>", "needs a TPM 2.0 backend (version='2.0')");
                }
                String chr = "chrtpm";
                String path = CharBackends.socketPath(ctx.paths.swtpmSocket(id).toString(), what);
                backends = List.of(new Backend.Chardev(chr, QemuOpts.of("socket").add("id", chr).add("path", path).build()),
                        new Backend.Tpmdev(backendId, QemuOpts.of("emulator").add("id", backendId).add("chardev", chr).build()));
            }
            case "passthrough" -> {
                String path = tpm.devicePath() == null ? "/dev/tpm0" : tpm.devicePath();
                backends = List.of(new Backend.Tpmdev(backendId, QemuOpts.of("passthrough").add("id", backendId).add("path", path).build()));
            }
            default -> throw new CommandLineException("<tpm><backend type='" + type + "'>", "is not supported; use emulator or passthrough");
        }
        ctx.requireDeviceType(model, what);
        ObjectNode dev = Json.object();
        dev.put("driver", model);
        dev.put("tpmdev", backendId);
        dev.put("id", id);
        return new DeviceSpec(id, backends, dev);
    }
}
