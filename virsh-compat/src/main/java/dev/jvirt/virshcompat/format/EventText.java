package dev.jvirt.virshcompat.format;

import dev.jvirt.api.Domains;
import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.Locale;

/** Events worded as virsh's event and qemu-monitor-event print them. */
public final class EventText {

    /** The kinds {@code event --list} prints; jvirtd's "rebooted" is virsh's "reboot", the rest are "lifecycle". */
    public static final String[] KINDS = {"lifecycle", "reboot"};

    private EventText() {
    }

    public static boolean isKind(String kind) {
        return "lifecycle".equals(kind) || "reboot".equals(kind);
    }

    public static String kindOf(Domains.Event e) {
        return "rebooted".equals(e.event()) ? "reboot" : "lifecycle";
    }

    /** "event 'lifecycle' for domain 'web1': Started Booted", or "event 'reboot' for domain 'web1'". */
    public static String domainEvent(Domains.Event e, boolean timestamp) {
        StringBuilder sb = new StringBuilder(80);
        if (timestamp) {
            sb.append(orEmpty(e.timestamp())).append(": ");
        }
        String kind = kindOf(e);
        sb.append("event '").append(kind).append("' for domain '").append(e.domain()).append('\'');
        if ("lifecycle".equals(kind)) {
            sb.append(": ").append(capitalize(orEmpty(e.event()))).append(' ').append(capitalize(detail(e)));
        }
        return sb.toString();
    }

    /**
     * The detail in virsh's word: jvirtd's is the state's reason, and a domain suspended by the
     * user (paused (user)) is libvirt's "Suspended Paused" event.
     */
    private static String detail(Domains.Event e) {
        return "suspended".equals(e.event()) && "user".equals(e.detail()) ? "paused" : orEmpty(e.detail());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** "event SHUTDOWN at 1700000000.123456 for domain 'web1': {...}" ("<null>" without data). */
    public static String qmpEvent(String domain, JsonObject e, boolean pretty, boolean timestamp) {
        String at = "";
        if (e.has("timestamp") && e.raw("timestamp") instanceof java.util.Map) {
            JsonObject t = e.object("timestamp");
            at = String.format(Locale.ROOT, "%d.%06d", t.number("seconds", 0), t.number("microseconds", 0));
        }
        Object data = e.raw("data");
        String text = data == null ? "<null>" : pretty ? JsonPretty.format(data) : Json.toText(data);
        return (timestamp ? at + ": " : "") + "event " + e.string("event") + " at " + at + " for domain '" + domain + "': " + text;
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        String words = s.replace('-', ' ').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
