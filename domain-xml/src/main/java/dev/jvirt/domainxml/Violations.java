package dev.jvirt.domainxml;

import dev.jvirt.domainxml.xml.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects {@link Violation}s while a validator walks a definition; shared checking helpers. */
public final class Violations {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private final List<Violation> list = new ArrayList<>();

    /** Adds a violation with unknown source position. */
    public void add(ViolationKind kind, String path, String message) {
        list.add(new Violation(kind, path, 0, 0, message));
    }

    /** The violations found so far. */
    public List<Violation> list() {
        return List.copyOf(list);
    }

    /** {@code base/name[i+1]} when there are several, {@code base/name} when there is one. */
    public static String indexed(String base, String name, int i, int size) {
        return size > 1 ? base + "/" + name + "[" + (i + 1) + "]" : base + "/" + name;
    }

    /** Checks that a value, when present, is one of the allowed words. */
    public void oneOf(String value, Set<String> allowed, String path, String what) {
        if (value != null && !allowed.contains(value)) {
            String s = Suggest.nearest(value, allowed);
            add(ViolationKind.UNKNOWN_VALUE, path, "unknown " + what + " '" + value + "'"
                    + (s != null ? " (did you mean '" + s + "'?)" : " (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
        }
    }

    /** Checks that a value is present. */
    public boolean required(Object value, String path, String what) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            add(ViolationKind.MISSING, path, "missing " + what);
            return false;
        }
        return true;
    }

    /** Checks a UUID: 32 hex digits, optionally dashed 8-4-4-4-12. */
    public void uuid(String uuid, String path) {
        if (uuid != null && !UUID.matcher(uuid).matches()) {
            add(ViolationKind.UUID, path, "malformed UUID '" + uuid + "' (expected 8-4-4-4-12 hex digits)");
        }
    }

    /** Checks a MAC: six hex pairs, unicast, not all zeros. Returns true when well-formed. */
    public boolean mac(String mac, String path) {
        if (mac == null) {
            return false;
        }
        if (!MAC.matcher(mac).matches()) {
            add(ViolationKind.MAC, path, "malformed MAC address '" + mac + "' (expected six hex pairs like 52:54:00:12:34:56)");
            return false;
        }
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        if ((first & 1) != 0) {
            add(ViolationKind.MAC, path, "MAC address '" + mac + "' is multicast; a NIC needs a unicast address (even first octet)");
            return false;
        }
        if (mac.equals("00:00:00:00:00:00")) {
            add(ViolationKind.MAC, path, "MAC address 00:00:00:00:00:00 is not usable");
            return false;
        }
        return true;
    }

    /** Checks an object name: not empty, no '/', no control characters, not '.' or '..'. */
    public void name(String name, String path, String what) {
        if (name == null || name.isEmpty()) {
            add(ViolationKind.MISSING, path, "missing " + what + " name");
            return;
        }
        if (name.indexOf('/') >= 0) {
            add(ViolationKind.NAME, path, what + " name '" + name + "' must not contain '/'");
        } else if (name.equals(".") || name.equals("..")) {
            add(ViolationKind.NAME, path, what + " name must not be '.' or '..'");
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            add(ViolationKind.NAME, path, what + " name must not contain control characters");
        } else if (name.length() > 200) {
            add(ViolationKind.NAME, path, what + " name is longer than 200 characters");
        }
    }

    /** Checks that a path, when present, is absolute. */
    public void absolute(String p, String path, String what) {
        if (p != null && !p.startsWith("/")) {
            add(ViolationKind.RANGE, path, what + " '" + p + "' must be an absolute path");
        }
    }

    /** Checks an integer range when the value is present. */
    public void range(Number v, long min, long max, String path, String what) {
        if (v != null && (v.longValue() < min || v.longValue() > max)) {
            add(ViolationKind.RANGE, path, what + " " + v + " is out of range [" + min + ", " + max + "]");
        }
    }
}
