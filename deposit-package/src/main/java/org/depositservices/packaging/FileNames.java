package org.depositservices.packaging;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Turns names given by users into names that are safe inside a package on any operating system. */
public final class FileNames {
    /** Longest name kept, in UTF-8 bytes: most file systems allow 255; leave room for a "-N" counter. */
    static final int MAX_NAME_BYTES = 240;

    private FileNames() {
    }

    /**
     * A user's name made safe, and why it changed.
     *
     * @param name   the safe name
     * @param reason what was changed and why, for the rename record; null when {@code name} is the name given
     */
    public record Cleaned(String name, String reason) {
    }

    /**
     * One safe path segment for a user's file name: NFC-normalized (so a name typed on a Mac and on Linux is the
     * same), the last segment only (no directories can be smuggled in), control characters other than CR and LF
     * replaced by '_', trimmed, at most {@value #MAX_NAME_BYTES} bytes (the extension is kept), and never empty,
     * "." or "..". Everything else is kept: '%', spaces, accents, punctuation. CR and LF are kept because zip, tar,
     * and Linux and macOS file systems hold them and BagIt writes them percent-encoded; a spec whose own format
     * cannot hold them replaces them ({@link PackageProvider#fileName}).
     */
    public static String safeName(String name) {
        return clean(name).name();
    }

    /** {@link #safeName}, with the reason for each change. */
    public static Cleaned clean(String name) {
        String given = name == null ? "" : name;
        List<String> why = new ArrayList<>();
        String n = Normalizer.normalize(given, Normalizer.Form.NFC);
        if (!n.equals(given)) {
            why.add("normalized to Unicode NFC, so that a name typed on macOS (which writes NFD) and elsewhere is"
                    + " one name");
        }
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        if (slash >= 0) {
            n = n.substring(slash + 1);
            why.add("only the part after the last '/' or '\\' is kept: a name in a package is one name, not a"
                    + " path");
        }
        StringBuilder b = new StringBuilder(n.length());
        boolean control = false;
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c) && c != '\r' && c != '\n') {
                b.append('_');
                control = true;
            } else {
                b.appendCodePoint(c);
            }
        }
        if (control) {
            why.add("control characters (tab, NUL, escape, ...) became '_': NUL cannot be in a name anywhere,"
                    + " Windows takes none of them, and terminals act on them");
        }
        String stripped = b.toString().strip();
        if (!stripped.equals(b.toString())) {
            why.add("leading and trailing spaces were removed (Windows drops trailing ones)");
        }
        n = stripped;
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            why.add("'" + n + "' is not a file name; it became 'file'");
            n = "file";
        }
        String truncated = truncate(n);
        if (!truncated.equals(n)) {
            why.add("shortened to " + MAX_NAME_BYTES + " bytes of UTF-8 (most file systems allow 255), keeping"
                    + " the extension");
        }
        return new Cleaned(truncated, why.isEmpty() ? null : String.join("; ", why));
    }

    /** {@code name} with a counter before its extension: {@code Chart.jpg} → {@code Chart-2.jpg}. */
    public static String withCounter(String name, int counter) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return name + "-" + counter;
        }
        return name.substring(0, dot) + "-" + counter + name.substring(dot);
    }

    private static final DateTimeFormatter PACKAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    /**
     * A package's name without extension, PASS's shape: {@code <prefix>_<yyyy-MM-dd_HH-mm-ss>_<submission id>}, the
     * time as {@code time} gives it (to the second), the id made safe by {@link #safeToken}. The same submission and
     * time always give the same name, which is how a target recognises an earlier attempt's delivery.
     */
    public static String packageBaseName(String prefix, ZonedDateTime time, String submissionId) {
        return prefix + "_" + time.format(PACKAGE_TIME) + "_" + safeToken(submissionId);
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
