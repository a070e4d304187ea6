package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Os;
import java.util.ArrayList;
import java.util.List;

/**
 * The firmware: SeaBIOS by default; {@code <loader type='rom'>} as {@code -bios}; UEFI
 * ({@code <loader type='pflash'>}) as two raw block nodes, the code and the variables
 * ({@code <nvram>}), that {@code -machine pflash0=,pflash1=} names. Choosing a firmware for
 * {@code <os firmware='efi'>} and copying the variables template are the driver's (I/O).
 */
record Firmware(boolean pflash, boolean nvram, boolean secure, String biosPath, List<Backend> blockdevs) {

    static final String CODE_FORMAT = "pflash0-format";
    static final String VARS_FORMAT = "pflash1-format";

    static Firmware of(Os os) {
        if (os == null || os.loader() == null) {
            if (os != null && "efi".equals(os.firmware())) {
                throw new CommandLineException("<os firmware='efi'>",
                        "firmware autoselection is not done here; the driver must fill <loader> and <nvram>");
            }
            return new Firmware(false, false, false, null, List.of());
        }
        Os.Loader loader = os.loader();
        if (loader.path() == null) {
            throw new CommandLineException("<loader>", "has no path");
        }
        String type = loader.type() == null ? "rom" : loader.type();
        boolean secure = Boolean.TRUE.equals(loader.secure());
        if ("rom".equals(type)) {
            if (secure) {
                throw new CommandLineException("<loader secure='yes'>", "needs type='pflash'");
            }
            return new Firmware(false, false, false, loader.path(), List.of());
        }
        if (!"pflash".equals(type)) {
            throw new CommandLineException("<loader type='" + type + "'>", "is not supported; use pflash or rom");
        }
        boolean readonly = loader.readonly() == null || loader.readonly();
        String nvram = os.nvram() == null ? null : os.nvram().path();
        if (readonly && nvram == null) {
            throw new CommandLineException("<loader readonly='yes' type='pflash'>",
                    "needs an <nvram> path for the UEFI variables (the driver fills it when the definition has none)");
        }
        List<Backend> nodes = new ArrayList<>();
        nodes.add(new Backend.Blockdev(file(loader.path(), "pflash0-storage")));
        nodes.add(new Backend.Blockdev(raw(CODE_FORMAT, readonly, "pflash0-storage")));
        if (nvram != null) {
            nodes.add(new Backend.Blockdev(file(nvram, "pflash1-storage")));
            nodes.add(new Backend.Blockdev(raw(VARS_FORMAT, false, "pflash1-storage")));
        }
        return new Firmware(true, nvram != null, secure, null, nodes);
    }

    private static ObjectNode file(String path, String nodeName) {
        ObjectNode n = Json.object();
        n.put("driver", "file");
        n.put("filename", path);
        n.put("node-name", nodeName);
        n.put("auto-read-only", true);
        n.put("discard", "unmap");
        return n;
    }

    private static ObjectNode raw(String nodeName, boolean readOnly, String file) {
        ObjectNode n = Json.object();
        n.put("node-name", nodeName);
        n.put("read-only", readOnly);
        n.put("driver", "raw");
        n.put("file", file);
        return n;
    }
}
