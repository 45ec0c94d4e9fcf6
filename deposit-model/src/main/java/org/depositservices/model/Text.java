package org.depositservices.model;

import java.util.StringJoiner;

/** Small string helpers the records share. */
public final class Text {
    private Text() {
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Joins the parts that are not blank, trimmed, with {@code separator}. */
    public static String joinNonBlank(String separator, String... parts) {
        StringJoiner j = new StringJoiner(separator);
        for (String p : parts) {
            if (!isBlank(p)) {
                j.add(p.trim());
            }
        }
        return j.toString();
    }
}
