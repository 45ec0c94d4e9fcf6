package org.depositservices.transport.sword;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SWORD error document ({@code sword:error}, profile section 12): which error (its {@code href}, e.g.
 * {@code http://purl.org/net/sword/error/ErrorChecksumMismatch}) and the server's words about it.
 */
record SwordErrorDocument(String href, String title, String summary, String verboseDescription, String treatment) {

    static final String ERROR_BASE = "http://purl.org/net/sword/error/";

    /** The error's short name: the last segment of a SWORD error IRI ("ErrorChecksumMismatch"), else the whole href. */
    String shortName() {
        if (href == null) {
            return null;
        }
        return href.startsWith(ERROR_BASE) ? href.substring(ERROR_BASE.length()) : href;
    }

    /** Reads an error body; empty when it is not a SWORD error document (an HTML error page, nothing at all). */
    static Optional<SwordErrorDocument> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            Document doc = SwordXml.parse(new ByteArrayInputStream(body));
            Element root = doc.getDocumentElement();
            if (!SwordXml.isSword(root, "error")) {
                return Optional.empty();
            }
            return Optional.of(new SwordErrorDocument(
                    SwordXml.attr(root, "href"),
                    SwordXml.childText(root, SwordXml.ATOM, "title").orElse(null),
                    SwordXml.childText(root, SwordXml.ATOM, "summary").orElse(null),
                    SwordXml.swordChildText(root, "verboseDescription").orElse(null),
                    SwordXml.swordChildText(root, "treatment").orElse(null)));
        } catch (SwordXml.MalformedException | IOException e) {
            return Optional.empty();
        }
    }
}
