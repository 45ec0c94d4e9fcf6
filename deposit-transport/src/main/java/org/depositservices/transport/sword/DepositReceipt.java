package org.depositservices.transport.sword;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SWORD deposit receipt (an Atom entry): where the item's statement, splash page and edit IRI are.
 *
 * @param id          {@code atom:id}, if given
 * @param editIri     {@code link rel="edit"}: the item's Edit-IRI (or the Location header when the entry has none)
 * @param alternate   {@code link rel="alternate"}: the item's splash page
 * @param statements  {@code link rel="http://purl.org/net/sword/terms/statement"}, in document order
 * @param stateTerms  {@code atom:category} terms in the SWORD state scheme, when the receipt carries a state
 * @param treatment   {@code sword:treatment}
 */
record DepositReceipt(String id, String editIri, String alternate, List<SwordXml.Link> statements,
                      List<String> stateTerms, String treatment) {

    DepositReceipt {
        statements = List.copyOf(statements);
        stateTerms = List.copyOf(stateTerms);
    }

    /**
     * The statement to poll: the Atom feed serialisation when offered (that is what {@link SwordStatusProcessor}
     * reads best), else any Atom one, else the first (OAI-ORE RDF, which the processor also reads).
     */
    Optional<String> statementIri() {
        return statements.stream()
                .min(Comparator.comparingInt(DepositReceipt::preference))
                .map(SwordXml.Link::href);
    }

    private static int preference(SwordXml.Link l) {
        String t = l.normalizedType();
        if (t.equals("application/atom+xml;type=feed")) {
            return 0;
        }
        return t.contains("atom") ? 1 : 2;
    }

    /**
     * @param location the Location header of the response, used when the entry has no edit link
     * @throws SwordXml.MalformedException when the root is not atom:entry
     */
    static DepositReceipt from(Document doc, URI base, String location) throws SwordXml.MalformedException {
        Element root = doc.getDocumentElement();
        if (!SwordXml.is(root, SwordXml.ATOM, "entry")) {
            throw new SwordXml.MalformedException("not a SWORD deposit receipt: its root element is {"
                    + root.getNamespaceURI() + "}" + root.getLocalName() + ", not atom:entry", null);
        }
        // The edit link is the item's identity in SWORD; the Location header names the same IRI (profile 6.3.1).
        String edit = null;
        String alternate = null;
        List<SwordXml.Link> statements = new ArrayList<>();
        for (SwordXml.Link l : SwordXml.links(root, base)) {
            switch (l.rel()) {
                case "edit" -> edit = edit == null ? l.href() : edit;
                case "alternate" -> alternate = alternate == null ? l.href() : alternate;
                case SwordXml.STATEMENT_REL -> statements.add(l);
                default -> {
                    // edit-media, sword:add, originalDeposit, derivedResource: not needed to follow custody.
                }
            }
        }
        if (edit == null) {
            edit = location;
        }
        List<String> states = new ArrayList<>();
        for (Element c : SwordXml.children(root, SwordXml.ATOM, "category")) {
            if (SwordXml.STATE_SCHEME.equals(SwordXml.attr(c, "scheme")) && SwordXml.attr(c, "term") != null) {
                states.add(SwordXml.attr(c, "term"));
            }
        }
        return new DepositReceipt(
                SwordXml.childText(root, SwordXml.ATOM, "id").orElse(null),
                edit,
                alternate,
                statements,
                states,
                SwordXml.swordChildText(root, "treatment").orElse(null));
    }
}
