package org.depositservices.transport.sword;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SWORD statement (profile section 11): the item's state on the server, and where it can be seen.
 *
 * <p>Two serialisations are read:
 * <ul>
 *   <li>Atom feed: state from the feed's {@code atom:category scheme="http://purl.org/net/sword/terms/state"}
 *   (what DSpace writes) or a feed-level {@code sword:state href="..."} (the profile's example); states of
 *   {@code atom:entry} children are not the item's and are ignored.</li>
 *   <li>OAI-ORE RDF/XML: {@code sword:state rdf:resource="..."}.</li>
 * </ul>
 *
 * @param states    every state term the statement gives, in document order, without duplicates
 * @param splash    the item's splash page ({@code link rel="alternate"} of the feed), if given
 * @param handle    a handle ({@code hdl:prefix/suffix}) read from a DSpace splash or hdl.handle.net link, if any
 */
record SwordStatement(List<State> states, String splash, String handle) {

    /** One state term and the server's description of it. */
    record State(String term, String description) {
    }

    SwordStatement {
        states = List.copyOf(states);
    }

    // DSpace splash pages are <base>/handle/<prefix>/<suffix>; handle proxies are hdl.handle.net/<prefix>/<suffix>.
    private static final Pattern HANDLE = Pattern.compile(
            "^https?://(?:[^/]+/(?:.*/)?handle/|(?:hdl\\.handle\\.net|handle\\.net)/)(\\d+(?:\\.\\d+)*/[^/?#\\s]+)");

    /** The handle in a URL such as {@code https://host/handle/123456789/3}, if it is one. */
    static String handleFrom(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = HANDLE.matcher(url.trim());
        return m.find() ? "hdl:" + m.group(1) : null;
    }

    /**
     * @throws SwordXml.MalformedException when the document is neither an Atom feed nor RDF
     */
    static SwordStatement from(Document doc, URI base) throws SwordXml.MalformedException {
        Element root = doc.getDocumentElement();
        if (SwordXml.is(root, SwordXml.ATOM, "feed")) {
            return fromAtom(root, base);
        }
        if (SwordXml.is(root, SwordXml.RDF, "RDF")) {
            return fromRdf(root);
        }
        throw new SwordXml.MalformedException("not a SWORD statement: its root element is {" + root.getNamespaceURI()
                + "}" + root.getLocalName() + ", not atom:feed or rdf:RDF", null);
    }

    private static SwordStatement fromAtom(Element feed, URI base) {
        Set<String> seen = new LinkedHashSet<>();
        List<State> states = new ArrayList<>();
        for (Element c : SwordXml.children(feed, SwordXml.ATOM, "category")) {
            String term = SwordXml.attr(c, "term");
            if (SwordXml.STATE_SCHEME.equals(SwordXml.attr(c, "scheme")) && term != null && seen.add(term)) {
                String text = SwordXml.text(c);
                states.add(new State(term, text.isEmpty() ? SwordXml.attr(c, "label") : text));
            }
        }
        for (Element s : SwordXml.swordChildren(feed, "state")) {
            String term = SwordXml.attr(s, "href");
            if (term != null && seen.add(term)) {
                states.add(new State(term, SwordXml.swordChildText(s, "stateDescription").orElse(null)));
            }
        }
        String splash = null;
        String handle = null;
        for (SwordXml.Link l : SwordXml.links(feed, base)) {
            if (splash == null && l.rel().equals("alternate")) {
                splash = l.href();
            }
            if (handle == null) {
                handle = handleFrom(l.href());
            }
        }
        return new SwordStatement(states, splash, handle);
    }

    private static SwordStatement fromRdf(Element rdf) {
        Set<String> seen = new LinkedHashSet<>();
        List<Element> stateElements = new ArrayList<>(SwordXml.descendants(rdf, SwordXml.SWORD, "state"));
        stateElements.addAll(SwordXml.descendants(rdf, SwordXml.SWORD_LEGACY, "state"));
        List<State> states = new ArrayList<>();
        for (Element s : stateElements) {
            String term = s.getAttributeNS(SwordXml.RDF, "resource");
            if (term != null && !term.isBlank() && seen.add(term.trim())) {
                states.add(new State(term.trim(), describe(rdf, term.trim())));
            }
        }
        return new SwordStatement(states, null, null);
    }

    /** The sword:stateDescription of the rdf:Description about that state term, if any. */
    private static String describe(Element rdf, String term) {
        for (Element d : SwordXml.descendants(rdf, SwordXml.RDF, "Description")) {
            if (term.equals(d.getAttributeNS(SwordXml.RDF, "about").trim())) {
                return SwordXml.swordChildText(d, "stateDescription").orElse(null);
            }
        }
        return null;
    }
}
