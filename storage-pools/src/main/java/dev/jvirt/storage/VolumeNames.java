package dev.jvirt.storage;

/**
 * Checks a volume name before it comes near a path or a command line: not empty, no path
 * separator, not {@code .}/{@code ..}, not hidden (a leading {@code .} is jvirt's own temporary
 * files), no leading {@code -} (it would read as an option), no control characters.
 */
public final class VolumeNames {
    private static final int MAX = 255;

    private VolumeNames() {}

    /** Returns the name when it is acceptable; otherwise says what is wrong with it. */
    public static String check(String name) {
        String why = problem(name);
        if (why != null) {
            throw new InvalidStorageRequestException("invalid volume name '" + printable(name) + "': " + why);
        }
        return name;
    }

    /** What is wrong with the name, or null. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return name.startsWith("/") ? "an absolute path is not a volume name" : "it must not contain a path separator";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'.' and '..' are not volume names";
        }
        if (name.startsWith(".")) {
            return "names starting with '.' are reserved for jvirt's temporary files";
        }
        if (name.startsWith("-")) {
            return "it must not start with '-' (it would read as an option)";
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "it must not contain control characters";
        }
        if (name.length() > MAX) {
            return "it is longer than " + MAX + " characters";
        }
        return null;
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
