package dev.jvirt.virshcompat.format;

import java.util.Locale;
import java.util.Map;

/**
 * virsh send-key's default codeset, Linux's key names ({@code KEY_LEFTALT}, {@code KEY_A}; as in
 * linux/input-event-codes.h), turned into the QEMU qcodes that QMP's send-key takes. Names whose
 * qcode is the name itself in lower case ({@code KEY_A} → {@code a}, {@code KEY_F1} → {@code f1},
 * {@code KEY_TAB} → {@code tab}) need no entry; null for a name jvirsh does not know.
 */
public final class LinuxKeys {
    private static final Map<String, String> DIFFERENT = Map.ofEntries(
            Map.entry("LEFTCTRL", "ctrl"), Map.entry("RIGHTCTRL", "ctrl_r"), Map.entry("LEFTALT", "alt"),
            Map.entry("RIGHTALT", "alt_r"), Map.entry("LEFTSHIFT", "shift"), Map.entry("RIGHTSHIFT", "shift_r"),
            Map.entry("LEFTMETA", "meta_l"), Map.entry("RIGHTMETA", "meta_r"), Map.entry("ENTER", "ret"),
            Map.entry("SPACE", "spc"), Map.entry("PAGEUP", "pgup"), Map.entry("PAGEDOWN", "pgdn"),
            Map.entry("LEFTBRACE", "bracket_left"), Map.entry("RIGHTBRACE", "bracket_right"),
            Map.entry("APOSTROPHE", "apostrophe"), Map.entry("GRAVE", "grave_accent"), Map.entry("102ND", "less"),
            Map.entry("CAPSLOCK", "caps_lock"), Map.entry("NUMLOCK", "num_lock"), Map.entry("SCROLLLOCK", "scroll_lock"),
            Map.entry("COMPOSE", "menu"), Map.entry("KPENTER", "kp_enter"), Map.entry("KPPLUS", "kp_add"),
            Map.entry("KPMINUS", "kp_subtract"), Map.entry("KPASTERISK", "kp_multiply"), Map.entry("KPSLASH", "kp_divide"),
            Map.entry("KPDOT", "kp_decimal"));
    private static final java.util.Set<String> SAME = java.util.Set.of("esc", "minus", "equal", "backspace", "tab",
            "semicolon", "backslash", "comma", "dot", "slash", "sysrq", "home", "end", "up", "down", "left", "right",
            "insert", "delete", "pause", "power", "sleep", "wake", "mute", "print");

    private LinuxKeys() {
    }

    /** The qcode of Linux key name {@code name} (with or without KEY_), or null. */
    public static String qcode(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        n = n.startsWith("KEY_") ? n.substring(4) : n;
        String different = DIFFERENT.get(n);
        if (different != null) {
            return different;
        }
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.matches("[a-z0-9]") || lower.matches("f([1-9]|1[0-9]|2[0-4])") || lower.matches("kp[0-9]")
                || SAME.contains(lower)) {
            return lower.startsWith("kp") && lower.length() == 3 ? "kp_" + lower.charAt(2) : lower;
        }
        return null;
    }
}
