package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Audio;
import dev.jvirt.domainxml.domain.Sound;
import java.util.ArrayList;
import java.util.List;

/**
 * Sound cards and the audio backend they play into. QEMU runs as a daemon, so the backends are
 * {@code none} (the default, as libvirt's {@code <audio type='none'/>}) and {@code spice}; an
 * {@code -audiodev} is emitted when a sound card or a display needs one: as libvirt 9 does, a
 * guest with graphics and no {@code <audio>} gets one of type {@code spice} with SPICE, else
 * {@code none}, which VNC names. Card n is {@code sound<n>}, the
 * HDA codec on it {@code sound<n>-codec0}.
 */
final class SoundDevices {

    private SoundDevices() {}

    /** The {@code -audiodev} JSON when there are sound cards, else null; its id is {@link #audioId}. */
    static ObjectNode audiodev(BuildContext ctx) {
        if (!needsAudiodev(ctx)) {
            return null;
        }
        List<Audio> audios = ctx.def.devices().audios();
        if (audios.size() > 1) {
            throw new CommandLineException("<audio>", "only one audio backend is supported");
        }
        boolean spice = ctx.def.devices().graphics().stream().anyMatch(g -> "spice".equals(g.type()));
        String type = audios.isEmpty() || audios.get(0).type() == null ? (spice ? "spice" : "none") : audios.get(0).type();
        if (!type.equals("none") && !type.equals("spice")) {
            throw new CommandLineException("<audio type='" + type + "'>", "is not supported for a daemonized QEMU; use none or spice");
        }
        ObjectNode o = Json.object();
        o.put("id", audioId(ctx));
        o.put("driver", type);
        return o;
    }

    /** Whether there is an {@code -audiodev}: for sound cards, and for displays (VNC names it). */
    static boolean needsAudiodev(BuildContext ctx) {
        return !ctx.def.devices().sounds().isEmpty() || !ctx.def.devices().graphics().isEmpty()
                || !ctx.def.devices().audios().isEmpty();
    }

    static String audioId(BuildContext ctx) {
        List<Audio> audios = ctx.def.devices().audios();
        Integer id = audios.isEmpty() ? null : audios.get(0).id();
        return "audio" + (id == null ? 1 : id);
    }

    /** The card, and for HDA cards the codec behind it. */
    static List<DeviceSpec> specs(BuildContext ctx, Sound s, int index) {
        String id = "sound" + index;
        String model = s.model() == null ? "" : s.model();
        String what = "sound " + index + " (" + model + ")";
        ObjectNode dev = Json.object();
        List<DeviceSpec> out = new ArrayList<>();
        String driver = switch (model) {
            case "ich9" -> "ich9-intel-hda";
            case "ich6" -> "intel-hda";
            case "ac97" -> "AC97";
            case "usb" -> "usb-audio";
            default -> throw new CommandLineException(what, "model is not supported; use ich9, ich6, ac97 or usb");
        };
        dev.put("driver", driver);
        dev.put("id", id);
        if (model.equals("usb")) {
            dev.put("bus", ctx.controllers.usbBus(0, what));
            dev.put("audiodev", audioId(ctx));
        } else {
            ctx.placePci(dev, s.address(), what);
            if (model.equals("ac97")) {
                dev.put("audiodev", audioId(ctx));
            }
        }
        ctx.requireDeviceType(driver, what);
        out.add(DeviceSpec.of(id, dev));
        if (model.startsWith("ich")) {
            ObjectNode codec = Json.object();
            codec.put("driver", "hda-duplex");
            codec.put("id", id + "-codec0");
            codec.put("bus", id + ".0");
            codec.put("cad", 0);
            codec.put("audiodev", audioId(ctx));
            out.add(DeviceSpec.of(id + "-codec0", codec));
        }
        return out;
    }
}
