package dev.jvirt.virshcompat.format;

import java.util.List;

/** Joins words into one shell line, single-quoting those a shell would split or expand. */
public final class ShellWords {

    private ShellWords() {
    }

    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder(512);
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    static String quote(String w) {
        if (!w.isEmpty() && isPlain(w)) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }

    private static boolean isPlain(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || ",._+:@%/=-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
