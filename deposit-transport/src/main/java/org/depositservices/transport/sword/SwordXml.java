package org.depositservices.transport.sword;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Namespace-aware, hardened DOM parsing of the small XML documents SWORD exchanges (service documents, receipts,
 * statements, error documents), and the few navigation helpers the parsers share.
 *
 * <p>Hardened: DOCTYPEs are refused outright, so neither external entities nor entity expansion bombs can reach
 * the parser; no external DTD or schema is ever fetched. SWORD documents never carry a DOCTYPE.
 */
final class SwordXml {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String APP = "http://www.w3.org/2007/app";
    /** The SWORD 2.0 terms namespace. */
    static final String SWORD = "http://purl.org/net/sword/terms/";
    /** Some servers and the profile's own examples still use the SWORD 1.3 namespace; read both. */
    static final String SWORD_LEGACY = "http://purl.org/net/sword/";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String STATE_SCHEME = "http://purl.org/net/sword/terms/state";
    static final String STATEMENT_REL = "http://purl.org/net/sword/terms/statement";

    private SwordXml() {
    }

    /** A document that is not well-formed XML, or is not the kind expected. */
    static final class MalformedException extends Exception {
        MalformedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Document parse(InputStream in) throws MalformedException, IOException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                // The default handler prints "[Fatal Error]" to stderr; the exception alone carries the news.
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(in);
        } catch (SAXException e) {
            throw new MalformedException("not well-formed XML (" + e.getMessage() + ")", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    static boolean is(Element e, String ns, String localName) {
        return e != null && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    static boolean isSword(Element e, String localName) {
        return is(e, SWORD, localName) || is(e, SWORD_LEGACY, localName);
    }

    /** Direct element children of {@code parent} with that name. */
    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, ns, localName)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Direct SWORD-namespace children (either namespace) with that local name. */
    static List<Element> swordChildren(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && isSword(e, localName)) {
                out.add(e);
            }
        }
        return out;
    }

    /** All descendant elements with that name, in document order. */
    static List<Element> descendants(Element root, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        var list = root.getElementsByTagNameNS(ns, localName);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** The trimmed text of the first such child, if any and not blank. */
    static Optional<String> childText(Element parent, String ns, String localName) {
        return children(parent, ns, localName).stream().map(SwordXml::text).filter(s -> !s.isEmpty()).findFirst();
    }

    static Optional<String> swordChildText(Element parent, String localName) {
        return swordChildren(parent, localName).stream().map(SwordXml::text).filter(s -> !s.isEmpty()).findFirst();
    }

    /** Text content with runs of white space collapsed (documents wrap long values over lines). */
    static String text(Element e) {
        String t = e.getTextContent();
        return t == null ? "" : t.trim().replaceAll("\\s+", " ");
    }

    /** An attribute value, trimmed; null when absent or blank. */
    static String attr(Element e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Resolves a possibly relative IRI from a document against the document's own URI. */
    static String resolve(URI base, String href) {
        if (href == null) {
            return null;
        }
        try {
            return base == null ? href : base.resolve(href.trim()).toString();
        } catch (IllegalArgumentException e) {
            return href.trim(); // Not a URI we can resolve; keep what the server wrote.
        }
    }

    /** One atom:link. */
    record Link(String rel, String href, String type) {
        /** The media type without white space, lower case: "application/atom+xml; type=feed" equals the spaceless form. */
        String normalizedType() {
            return type == null ? "" : type.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The atom:link children of {@code parent}, hrefs resolved against {@code base}. A missing rel is "alternate" (RFC 4287). */
    static List<Link> links(Element parent, URI base) {
        List<Link> out = new ArrayList<>();
        for (Element l : children(parent, ATOM, "link")) {
            String href = attr(l, "href");
            if (href != null) {
                String rel = attr(l, "rel");
                out.add(new Link(rel == null ? "alternate" : rel, resolve(base, href), attr(l, "type")));
            }
        }
        return out;
    }
}
