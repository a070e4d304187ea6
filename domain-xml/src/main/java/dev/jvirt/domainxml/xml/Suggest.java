package dev.jvirt.domainxml.xml;

import java.util.Collection;

/** "Did you mean" suggestions by edit distance. */
public final class Suggest {
    private Suggest() {}

    /** The candidate closest to {@code word}, or null when none is close enough. */
    public static String nearest(String word, Collection<String> candidates) {
        if (candidates == null || word == null) {
            return null;
        }
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        for (String c : candidates) {
            if (c.equals(word)) {
                continue;
            }
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDist || d == bestDist && better(word, c, best)) {
                bestDist = d;
                best = c;
            }
        }
        return bestDist <= limit ? best : null;
    }

    /** Tie-break, so that the answer does not depend on set iteration order: closer length, then alphabetical. */
    private static boolean better(String word, String c, String best) {
        int dc = Math.abs(c.length() - word.length());
        int db = Math.abs(best.length() - word.length());
        return dc < db || dc == db && c.compareTo(best) < 0;
    }

    /** Damerau-Levenshtein distance (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /** Shortens text for an error message. */
    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 40 ? one : one.substring(0, 37) + "...";
    }
}
