package dev.jvirt.vmmcore;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one UUID normaliser: a domain's UUID is compared, looked up and claimed by its
 * {@link #key} (32 lower-case hex digits), so any case and dashes or none name the same domain.
 */
public final class Uuids {
    private static final Pattern ANY_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    /** Whether {@code text} is a UUID in any case, with its four dashes or none. */
    public static boolean isUuid(String text) {
        return text != null && ANY_FORM.matcher(text).matches();
    }

    /** Whether {@code text} is a UUID written as 8-4-4-4-12 hex digits (what QEMU's {@code -uuid} takes). */
    public static boolean isCanonical(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }

    /** The comparison key of a UUID: dashes dropped, lower case. */
    public static String key(String uuid) {
        return uuid.replace("-", "").toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }
}
