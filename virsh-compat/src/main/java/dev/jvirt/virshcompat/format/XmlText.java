package dev.jvirt.virshcompat.format;

/** XML escaping for the small device XML jvirsh writes from options (attach-disk): every value escaped. */
public final class XmlText {
    private XmlText() {
    }

    /** A quoted attribute value: {@code 'a&amp;b'}. */
    public static String attr(String v) {
        return "'" + text(v).replace("'", "&apos;").replace("\"", "&quot;") + "'";
    }

    /** Character data. */
    public static String text(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        throw new IllegalArgumentException("a control character cannot be in XML: " + (int) c);
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
