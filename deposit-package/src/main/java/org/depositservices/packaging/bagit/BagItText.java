package org.depositservices.packaging.bagit;

import java.util.Locale;

/** The text rules of BagIt tag files (RFC 8493 section 2), shared by the writer and the reader. */
final class BagItText {
    private BagItText() {
    }

    /**
     * One metadata element, {@code Label: value} and a line feed. A value spanning lines is folded: each further line
     * starts with two spaces, so readers join it back to the element.
     */
    static String element(String label, String value) {
        String[] lines = value.strip().split("\r\n|\r|\n");
        StringBuilder b = new StringBuilder(label).append(": ").append(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                b.append("\n  ").append(lines[i].strip());
            }
        }
        return b.append('\n').toString();
    }

    /** A manifest or fetch path as BagIt 1.0 writes it: only CR, LF and '%' are percent-encoded. */
    static String encodePath(String path) {
        StringBuilder b = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            switch (c) {
                case '%' -> b.append("%25");
                case '\n' -> b.append("%0A");
                case '\r' -> b.append("%0D");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Undoes {@link #encodePath}: only %0A, %0D and %25 (any case) are decoded; any other '%' is a literal, as it was
     * in every BagIt version before 1.0.
     */
    static String decodePath(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                String code = path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT);
                char decoded = switch (code) {
                    case "0A" -> '\n';
                    case "0D" -> '\r';
                    case "25" -> '%';
                    default -> 0;
                };
                if (decoded != 0) {
                    b.append(decoded);
                    i += 2;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
