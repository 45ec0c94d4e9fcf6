package org.depositservices.packaging;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** Turns names given by users into names that are safe inside a package on any operating system. */
public final class FileNames {
    /** Longest name kept, in UTF-8 bytes: most file systems allow 255; leave room for a "-N" counter. */
    static final int MAX_NAME_BYTES = 240;

    private FileNames() {
    }

    /**
     * One safe path segment for a user's file name: NFC-normalized (so a name typed on a Mac and on Linux is the
     * same), the last segment only (no directories can be smuggled in), control characters replaced by '_', trimmed,
     * at most {@value #MAX_NAME_BYTES} bytes (the extension is kept), and never empty, "." or "..".
     */
    public static String safeName(String name) {
        String n = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append('_');
            } else {
                b.appendCodePoint(c);
            }
        });
        n = b.toString().strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            n = "file";
        }
        return truncate(n);
    }

    /** {@code name} with a counter before its extension: {@code Chart.jpg} → {@code Chart-2.jpg}. */
    public static String withCounter(String name, int counter) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return name + "-" + counter;
        }
        return name.substring(0, dot) + "-" + counter + name.substring(dot);
    }

    /** A token for file names: letters, digits, '.', '_' and '-' kept, anything else becomes '-'. */
    public static String safeToken(String s) {
        if (s == null || s.isBlank()) {
            return "unnamed";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.strip().toCharArray()) {
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            b.append(ok ? c : '-');
        }
        String t = b.toString();
        return t.startsWith(".") ? "-" + t.substring(1) : t;
    }

    private static String truncate(String n) {
        if (n.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return n;
        }
        int dot = n.lastIndexOf('.');
        String ext = dot > 0 && n.length() - dot <= 16 ? n.substring(dot) : "";
        String stem = n.substring(0, n.length() - ext.length());
        int budget = MAX_NAME_BYTES - ext.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > budget) {
                break;
            }
            b.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return b + ext;
    }
}
