package org.depositservices.transport.sword;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Values of the SWORD deposit headers that need care: Packaging, Content-Disposition and Slug. */
final class SwordHeaders {

    static final String METS_DSPACE_SIP = "http://purl.org/net/sword/package/METSDSpaceSIP";
    static final String BAGIT = "http://purl.org/net/sword/package/BagIt";
    static final String SIMPLE_ZIP = "http://purl.org/net/sword/package/SimpleZip";
    static final String BINARY = "http://purl.org/net/sword/package/Binary";

    /** Our short spec names → the SWORD packaging IRIs servers advertise in sword:acceptPackaging. */
    private static final Map<String, String> PACKAGING = Map.of(
            "dspace-mets", METS_DSPACE_SIP,
            "bagit", BAGIT,
            "simple", SIMPLE_ZIP,
            "binary", BINARY);

    private SwordHeaders() {
    }

    /** The Packaging header for a package spec: the IRI for a known short name, else the spec id as it is. */
    static String packaging(String spec) {
        if (spec == null || spec.isBlank()) {
            return BINARY;
        }
        String s = spec.trim();
        return PACKAGING.getOrDefault(s.toLowerCase(Locale.ROOT), s);
    }

    /**
     * {@code attachment; filename="..."} with an ASCII fallback, plus RFC 6266 / RFC 8187 {@code filename*} when the
     * name is not plain ASCII (the SWORD profile asks for an ASCII filename; servers that read filename* get the
     * real one).
     */
    static String contentDisposition(String name) {
        String n = name == null || name.isBlank() ? "package" : name.replaceAll("[\\r\\n]", "");
        StringBuilder ascii = new StringBuilder();
        boolean plain = true;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                ascii.append('_');
                plain = false;
            } else if (c == '"' || c == '\\') {
                ascii.append('\\').append(c);
            } else {
                ascii.append(c);
            }
        }
        String header = "attachment; filename=\"" + ascii + "\"";
        return plain ? header : header + "; filename*=UTF-8''" + percentEncode(n, true);
    }

    /** The Slug header (AtomPub 9.7): UTF-8, percent-encoding anything outside printable ASCII and '%'. */
    static String slug(String id) {
        return percentEncode(id, false);
    }

    /**
     * @param attrChar true to keep only RFC 8187 attr-chars (for filename*), false to keep printable ASCII (Slug)
     */
    private static String percentEncode(String s, boolean attrChar) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = attrChar ? isAttrChar(c) : c > 0x20 && c < 0x7f && c != '%';
            if (keep) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
