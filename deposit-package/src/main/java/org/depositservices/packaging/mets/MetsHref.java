package org.depositservices.packaging.mets;

import java.nio.charset.StandardCharsets;

/**
 * The {@code xlink:href} of a file's {@code FLocat}: its path inside the zip.
 *
 * <p>DSpace resolves the href with {@code ZipFile.getEntry(href)}, without decoding it, and names the bitstream
 * after it. So the href must equal the entry name wherever XLink allows that: XLink takes spaces, non-ASCII and a
 * few other characters literally (it escapes them itself, XLink 1.0 §5.4). Only characters whose literal form would
 * change the meaning of a URI reference or make it invalid are percent-encoded here: {@code % # ? [ ]} and control
 * characters. A path containing one of those would not be found by DSpace, so the DSpace METS assembler gives such
 * files another name first ({@link #isLiteral(String)} tells which).
 */
public final class MetsHref {

    private MetsHref() {
    }

    /** The href for a path in the package. */
    public static String of(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (needsEncoding(c)) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** True when {@link #of} leaves the path unchanged, so DSpace finds the zip entry by its href. */
    public static boolean isLiteral(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (needsEncoding(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsEncoding(char c) {
        return c == '%' || c == '#' || c == '?' || c == '[' || c == ']' || c < 0x20 || c == 0x7F
                || c >= 0x80 && c <= 0x9F;
    }
}
