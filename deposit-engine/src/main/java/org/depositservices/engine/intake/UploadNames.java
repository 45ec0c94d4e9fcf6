package org.depositservices.engine.intake;

import java.nio.charset.StandardCharsets;

/** What makes a file name unsafe to carry into packages and repositories. */
public final class UploadNames {
    /** The longest name ext4, XFS, btrfs, ZFS and APFS hold (in bytes); NTFS holds 255 UTF-16 units, never fewer. */
    public static final int MAX_NAME_BYTES = 255;

    private UploadNames() {
    }

    /** Why {@code name} is not acceptable as a file name, or null when it is. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "file name is missing";
        }
        if (name.contains("/") || name.contains("\\")) {
            return "file name '" + printable(name) + "' contains a path separator";
        }
        if (name.equals(".") || name.contains("..")) {
            return "file name '" + printable(name) + "' contains '..'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return "file name '" + printable(name) + "' contains a control character";
            }
            if (isBidiControl(c)) {
                // "invoice<U+202E>fdp.exe" is shown as "invoiceexe.pdf": a name must read as what it is
                return "file name '" + printable(name) + "' contains the bidirectional control character "
                        + String.format("U+%04X", (int) c) + ", which makes a name display as another";
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            return "file name is " + bytes + " bytes of UTF-8, longer than the limit of " + MAX_NAME_BYTES
                    + " bytes most file systems hold";
        }
        return null;
    }

    /** Unicode's Bidi_Control characters: marks, embeddings, overrides and isolates. */
    static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** {@code s} with control and bidirectional characters escaped, so a message shows the name as it is. */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isISOControl(c) || isBidiControl(c) ? String.format("\\u%04x", (int) c)
                    : String.valueOf(c));
        }
        return b.toString();
    }
}
