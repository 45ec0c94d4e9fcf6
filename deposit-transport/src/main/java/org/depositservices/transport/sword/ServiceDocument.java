package org.depositservices.transport.sword;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a SWORD service document says: the collections the authenticated user (and On-Behalf-Of user) may deposit
 * into, with the packaging each accepts, and the server's upload limit.
 *
 * <p>Only collections listed directly are read; nested service documents ({@code sword:service}) are not followed,
 * since DSpace lists its collections directly.
 *
 * @param maxUploadSizeKb {@code sword:maxUploadSize}, in kB as the profile says, when the server gives one
 */
record ServiceDocument(URI location, List<Collection> collections, OptionalLong maxUploadSizeKb) {

    ServiceDocument {
        collections = List.copyOf(collections);
    }

    /**
     * One {@code app:collection}.
     *
     * @param acceptPackaging the {@code sword:acceptPackaging} values; empty means the server declared none
     */
    record Collection(String href, String title, List<String> acceptPackaging, boolean mediation) {
        Collection {
            acceptPackaging = List.copyOf(acceptPackaging);
        }

        /**
         * Whether the collection takes that packaging. Matches the IRI exactly, or by its last path segment, since
         * early servers wrote short names ("METSDSpaceSIP") where the profile now asks for the IRI.
         */
        boolean accepts(String packaging) {
            String shortName = lastSegment(packaging);
            return acceptPackaging.stream().anyMatch(p -> p.equals(packaging) || lastSegment(p).equals(shortName));
        }

        private static String lastSegment(String iri) {
            String s = iri.endsWith("/") ? iri.substring(0, iri.length() - 1) : iri;
            return s.substring(s.lastIndexOf('/') + 1);
        }
    }

    /** The collection whose IRI is {@code href} (a trailing slash does not matter), if listed. */
    Optional<Collection> collection(String href) {
        String want = stripSlash(href);
        return collections.stream().filter(c -> stripSlash(c.href()).equals(want)).findFirst();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * @throws SwordXml.MalformedException when the root is not {@code app:service}
     */
    static ServiceDocument from(Document doc, URI location) throws SwordXml.MalformedException {
        Element root = doc.getDocumentElement();
        if (!SwordXml.is(root, SwordXml.APP, "service")) {
            throw new SwordXml.MalformedException("not a SWORD service document: its root element is {"
                    + root.getNamespaceURI() + "}" + root.getLocalName() + ", not app:service", null);
        }
        OptionalLong max = OptionalLong.empty();
        Optional<String> maxText = SwordXml.swordChildText(root, "maxUploadSize");
        if (maxText.isPresent()) {
            try {
                max = OptionalLong.of(Long.parseLong(maxText.get()));
            } catch (NumberFormatException e) {
                // The profile says it MUST be an integer; a server that breaks that gets no limit enforced by us.
            }
        }
        List<Collection> collections = new ArrayList<>();
        for (Element c : SwordXml.descendants(root, SwordXml.APP, "collection")) {
            String href = SwordXml.attr(c, "href");
            if (href == null) {
                continue;
            }
            List<String> packaging = new ArrayList<>();
            for (Element p : SwordXml.swordChildren(c, "acceptPackaging")) {
                String v = SwordXml.text(p);
                if (!v.isEmpty()) {
                    packaging.add(v);
                }
            }
            String title = SwordXml.childText(c, SwordXml.ATOM, "title").orElse(null);
            boolean mediation = SwordXml.swordChildText(c, "mediation").map("true"::equalsIgnoreCase).orElse(false);
            collections.add(new Collection(SwordXml.resolve(location, href), title, packaging, mediation));
        }
        return new ServiceDocument(location, collections, max);
    }
}
