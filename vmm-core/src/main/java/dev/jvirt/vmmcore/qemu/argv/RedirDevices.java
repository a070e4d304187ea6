package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Redirdev;
import java.util.List;

/**
 * {@code <redirdev bus='usb'>}: USB redirection over SPICE ({@code type='spicevmc'}, chardev
 * {@code spicevmc,name=usbredir}) or a TCP connection ({@code type='tcp'}), as a
 * {@code usb-redir} on the USB controller. Redirection {@code n} is {@code redirN}, its
 * chardev {@code charredirN}.
 */
final class RedirDevices {

    private RedirDevices() {}

    static DeviceSpec spec(BuildContext ctx, Redirdev r, int index) {
        String id = "redir" + index;
        String what = "<redirdev> " + index;
        if (r.bus() != null && !"usb".equals(r.bus())) {
            throw new CommandLineException("<redirdev bus='" + r.bus() + "'>", "is not supported; use bus='usb'");
        }
        String chr = "char" + id;
        String type = r.type() == null ? "" : r.type();
        QemuOpts opts = switch (type) {
            case "spicevmc" -> {
                if (ctx.def.devices().graphics().stream().noneMatch(g -> "spice".equals(g.type()))) {
                    throw new CommandLineException("<redirdev type='spicevmc'>", "needs a <graphics type='spice'>");
                }
                yield QemuOpts.of("spicevmc").add("id", chr).add("name", "usbredir");
            }
            case "tcp" -> {
                if (r.sourceHost() == null || r.sourceService() == null) {
                    throw new CommandLineException("<redirdev type='tcp'>", "needs <source mode='connect' host='…' service='…'/>");
                }
                yield QemuOpts.of("socket").add("id", chr).add("host", r.sourceHost()).add("port", r.sourceService());
            }
            default -> throw new CommandLineException("<redirdev type='" + type + "'>", "is not supported; use spicevmc or tcp");
        };
        ctx.requireDeviceType("usb-redir", what);
        ObjectNode dev = Json.object();
        dev.put("driver", "usb-redir");
        dev.put("chardev", chr);
        dev.put("id", id);
        int ctrl = r.address() instanceof Address.Usb u && u.bus() != null ? u.bus() : 0;
        dev.put("bus", ctx.controllers.usbBus(ctrl, what));
        if (r.address() instanceof Address.Usb u && u.port() != null) {
            dev.put("port", u.port());
        }
        if (r.bootOrder() != null) {
            dev.put("bootindex", r.bootOrder());
        }
        return new DeviceSpec(id, List.of(new Backend.Chardev(chr, opts.build())), dev);
    }
}
