package org.depositservices.packaging.nihms;

import static org.depositservices.packaging.XmlDocuments.newline;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.depositservices.model.Grant;
import org.depositservices.model.Issn;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.model.Text;
import org.depositservices.packaging.Doi;
import org.depositservices.packaging.XmlChars;
import org.depositservices.packaging.XmlDocuments;

/**
 * Writes {@code bulk_meta.xml}, root {@code manuscript-submit}, as the NIHMS bulk submission DTD (2022) defines it.
 *
 * <p>Mapping:
 * <ul>
 *   <li>{@code @embargo-months}: see {@link EmbargoMonths}; left out when the submission has no embargo end date
 *   (NIHMS then applies the journal's default);</li>
 *   <li>{@code @doi}: the bare DOI ({@link Doi#strip});</li>
 *   <li>{@code journal-meta}: {@code nlm-ta} when known, then each ISSN with a pubType ({@code Print} → print,
 *   {@code Electronic}/{@code Online} → electronic; ISSNs without a pubType are skipped, the DTD requires the type),
 *   then the journal name as {@code journal-title};</li>
 *   <li>{@code manuscript-title}: the publication title, as plain text;</li>
 *   <li>{@code contacts}: the submitter, as {@code person-type="reviewer"}: in NIHMS the reviewer is the person who
 *   approves the submission, which in a deposit made on someone's behalf is the submitter;</li>
 *   <li>{@code grants}: one {@code grant} per grant whose funder maps to a NIHMS code ({@link FunderMapping}), with
 *   the award number as {@code @id} and the PI when the PI has a last name; the same award and funder is written
 *   once; unmapped grants are left out, and so is {@code grants} when none remains.</li>
 * </ul>
 * {@code citation} is not written: the DTD requires a first page or elocation-id, which submissions do not carry.
 * No DOCTYPE is written (NIHMS does not need it, and a SYSTEM identifier would invite network look-ups).
 *
 * <p>Call {@link NihmsRequirements#check} first; this writer assumes the required fields are present. Stateless
 * and thread-safe.
 */
public final class NihmsBulkMetaWriter {

    private final FunderMapping funders;
    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    public NihmsBulkMetaWriter(FunderMapping funders) {
        this.funders = Objects.requireNonNull(funders, "funders");
    }

    /**
     * Writes bulk_meta.xml (UTF-8) to {@code out}, which is flushed but not closed.
     *
     * @param packagingDate the day (UTC) the package is made, the start of the embargo when the publication date is
     *                      not a full date
     * @throws IOException when {@code out} fails
     */
    public void write(SubmissionMetadata md, LocalDate packagingDate, OutputStream out) throws IOException {
        Publication p = md.publication();
        XmlDocuments.write(factory, out, "bulk_meta.xml", w -> {
            w.writeStartElement("manuscript-submit");
            if (md.embargoEndDate() != null) {
                w.writeAttribute("embargo-months", Integer.toString(
                        EmbargoMonths.of(md.embargoEndDate(), p == null ? null : p.publicationDate(), packagingDate)));
            }
            String doi = p == null ? null : Doi.strip(p.doi());
            if (doi != null) {
                w.writeAttribute("doi", XmlChars.clean(doi));
            }
            writeJournal(w, p == null ? null : p.journal());
            newline(w, 1);
            text(w, "manuscript-title", p == null || p.title() == null ? "" : p.title().trim());
            writeContacts(w, md.submitter());
            writeGrants(w, md);
        });
    }

    private static void writeJournal(XMLStreamWriter w, Journal j) throws XMLStreamException {
        newline(w, 1);
        w.writeStartElement("journal-meta");
        if (j != null) {
            if (!Text.isBlank(j.nlmta())) {
                newline(w, 2);
                text(w, "nlm-ta", j.nlmta().trim());
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Issn i : j.issns()) {
                if (i == null || Text.isBlank(i.issn()) || i.pubType() == null) {
                    continue;
                }
                String type = switch (i.pubType()) {
                    case PRINT -> "print";
                    case ELECTRONIC, ONLINE -> "electronic";
                };
                String value = i.issn().trim();
                if (seen.add(type + " " + value.toUpperCase(Locale.ROOT))) {
                    newline(w, 2);
                    w.writeStartElement("issn");
                    w.writeAttribute("issn-type", type);
                    w.writeCharacters(XmlChars.clean(value));
                    w.writeEndElement();
                }
            }
            if (!Text.isBlank(j.name())) {
                newline(w, 2);
                text(w, "journal-title", j.name().trim());
            }
        }
        newline(w, 1);
        w.writeEndElement();
    }

    private static void writeContacts(XMLStreamWriter w, Person submitter) throws XMLStreamException {
        newline(w, 1);
        w.writeStartElement("contacts");
        newline(w, 2);
        w.writeEmptyElement("person");
        w.writeAttribute("fname", attr(submitter.firstName()));
        w.writeAttribute("lname", attr(submitter.lastName()));
        w.writeAttribute("email", attr(submitter.email()));
        w.writeAttribute("person-type", "reviewer");
        newline(w, 1);
        w.writeEndElement();
    }

    private void writeGrants(XMLStreamWriter w, SubmissionMetadata md) throws XMLStreamException {
        Set<String> written = new LinkedHashSet<>();
        for (Grant g : md.grants()) {
            if (g == null) {
                continue;
            }
            NihmsFunder code = funders.codeOf(g.funder()).orElse(null);
            if (code == null) {
                continue;
            }
            String award = g.awardNumber() == null ? "" : g.awardNumber().trim();
            if (!written.add(code.code() + "\t" + award)) {
                continue;
            }
            if (written.size() == 1) {
                newline(w, 1);
                w.writeStartElement("grants");
            }
            newline(w, 2);
            Person pi = g.pi();
            boolean withPi = pi != null && !Text.isBlank(pi.lastName());
            if (withPi) {
                w.writeStartElement("grant");
            } else {
                w.writeEmptyElement("grant");
            }
            if (!award.isEmpty()) {
                w.writeAttribute("id", XmlChars.clean(award));
            }
            w.writeAttribute("funder", code.code());
            if (withPi) {
                newline(w, 3);
                w.writeEmptyElement("PI");
                w.writeAttribute("fname", attr(pi.firstName()));
                w.writeAttribute("lname", attr(pi.lastName()));
                if (!Text.isBlank(pi.email())) {
                    w.writeAttribute("email", attr(pi.email()));
                }
                newline(w, 2);
                w.writeEndElement();
            }
        }
        if (!written.isEmpty()) {
            newline(w, 1);
            w.writeEndElement();
        }
    }

    private static String attr(String s) {
        // attribute values are normalised by parsers anyway; make that explicit and keep the value on one line
        return s == null ? "" : XmlChars.clean(s).replaceAll("[\\t\\r\\n]+", " ").trim();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(XmlChars.clean(value));
        w.writeEndElement();
    }
}
