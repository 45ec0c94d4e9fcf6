package org.depositservices.packaging;

/** Removes what XML 1.0 cannot carry, so user text never makes a document ill-formed (mets.xml, bulk_meta.xml). */
public final class XmlChars {

    private XmlChars() {
    }

    /** Drops control characters other than tab, CR, LF; lone surrogates; U+FFFE and U+FFFF. */
    public static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    sb.append(c).append(s.charAt(++i));
                }
            } else if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
