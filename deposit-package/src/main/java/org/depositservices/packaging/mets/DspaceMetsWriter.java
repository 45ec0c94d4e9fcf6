package org.depositservices.packaging.mets;

import static org.depositservices.packaging.XmlDocuments.newline;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.depositservices.model.Author;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.model.Text;
import org.depositservices.packaging.Doi;
import org.depositservices.packaging.XmlChars;
import org.depositservices.packaging.XmlDocuments;

/**
 * Writes the {@code mets.xml} of a DSpace METS SIP (profile "DSpace METS SIP Profile 1.0", as DSpace's
 * {@code DSpaceMETSIngester} reads it over SWORD).
 *
 * <p>Layout, in the order METS requires: {@code metsHdr}; a {@code dmdSec} of qualified Dublin Core
 * ({@code MDTYPE="DC"}, root {@code qualifieddc}, which DSpace's QDC crosswalk expects); when the item is embargoed,
 * a second {@code dmdSec} of DIM ({@code MDTYPE="OTHER" OTHERMDTYPE="DIM"}) carrying the embargo terms and lift
 * date; a {@code fileSec} with one {@code fileGrp USE="CONTENT"}; a {@code structMap} whose first {@code div} names
 * every dmdSec in {@code DMDID} (DSpace reads the item's metadata from there) and holds one {@code div} with an
 * {@code fptr} per file.
 *
 * <p>Why two dmdSecs with different GROUPIDs: DSpace crosswalks the preferred dmdSec (DC) and then every dmdSec
 * whose GROUPID differs from it; equal or missing GROUPIDs would silently drop the embargo.
 *
 * <p>Every ID is generated from a fixed prefix and a counter ({@code file-1}, {@code div-file-1}, ...), never from a
 * file name, so each is a valid {@code xs:ID}. Text is stripped of characters XML 1.0 cannot carry.
 *
 * <p>The writer is stateless and thread-safe.
 */
public final class DspaceMetsWriter {

    public static final String METS_NS = "http://www.loc.gov/METS/";
    public static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    public static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    public static final String DCTERMS_NS = "http://purl.org/dc/terms/";
    public static final String DIM_NS = "http://www.dspace.org/xmlns/dspace/dim";
    public static final String PROFILE = "DSpace METS SIP Profile 1.0";

    /** IDs of the sections, fixed so that tests and operators can find them. */
    public static final String DMD_QDC = "dmd-qdc";
    public static final String DMD_DIM = "dmd-dim";

    private static final Pattern W3CDTF = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
    private static final DateTimeFormatter CREATEDATE = DateTimeFormatter.ISO_INSTANT;

    private final DspaceMetsOptions options;
    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    public DspaceMetsWriter(DspaceMetsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Writes mets.xml (UTF-8) to {@code out}, which is flushed but not closed.
     *
     * @param objectId the submission's id, written as OBJID
     * @param created  when the package is made; also decides whether the embargo is still in force
     * @param files    the content files in the order they should appear; their paths must be distinct
     * @throws IOException when {@code out} fails
     */
    public void write(String objectId, SubmissionMetadata metadata, List<MetsFile> files, Instant created,
                      OutputStream out) throws IOException {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(created, "created");
        List<String> dmdIds = new ArrayList<>(List.of(DMD_QDC));
        boolean embargoed = isEmbargoed(metadata.embargoEndDate(), created);
        if (embargoed) {
            dmdIds.add(DMD_DIM);
        }
        XmlDocuments.write(factory, out, "mets.xml", w -> {
            w.setDefaultNamespace(METS_NS);
            w.setPrefix("xlink", XLINK_NS);
            w.setPrefix("xsi", XSI_NS);
            w.writeStartElement(METS_NS, "mets");
            w.writeDefaultNamespace(METS_NS);
            w.writeNamespace("xlink", XLINK_NS);
            w.writeNamespace("xsi", XSI_NS);
            w.writeAttribute(XSI_NS, "schemaLocation", METS_NS + " http://www.loc.gov/standards/mets/mets.xsd");
            w.writeAttribute("ID", "mets-1");
            if (!Text.isBlank(objectId)) {
                w.writeAttribute("OBJID", XmlChars.clean(objectId));
            }
            String title = metadata.title();
            w.writeAttribute("LABEL", Text.isBlank(title) ? "DSpace Item" : XmlChars.clean(title.trim()));
            w.writeAttribute("PROFILE", PROFILE);

            writeHeader(w, created);
            writeQdc(w, metadata);
            if (embargoed) {
                writeDim(w, metadata.embargoEndDate());
            }
            writeFileSec(w, files);
            writeStructMap(w, files, dmdIds);
        });
    }

    /**
     * An embargo is in force when its end date is after the day (UTC) the package is made; an end date today or in
     * the past means the item is open, and no embargo is sent (DSpace would lift it at once anyway).
     */
    public static boolean isEmbargoed(LocalDate embargoEndDate, Instant created) {
        return embargoEndDate != null && embargoEndDate.isAfter(LocalDate.ofInstant(created, ZoneOffset.UTC));
    }

    private void writeHeader(XMLStreamWriter w, Instant created) throws XMLStreamException {
        newline(w, 1);
        w.writeStartElement(METS_NS, "metsHdr");
        w.writeAttribute("CREATEDATE", CREATEDATE.format(created.truncatedTo(ChronoUnit.SECONDS)));
        newline(w, 2);
        w.writeStartElement(METS_NS, "agent");
        w.writeAttribute("ROLE", "CREATOR");
        w.writeAttribute("TYPE", "OTHER");
        w.writeAttribute("OTHERTYPE", "SOFTWARE");
        newline(w, 3);
        element(w, METS_NS, "name", options.agentName());
        newline(w, 2);
        w.writeEndElement();
        newline(w, 1);
        w.writeEndElement();
    }

    private void writeQdc(XMLStreamWriter w, SubmissionMetadata md) throws XMLStreamException {
        startDmd(w, DMD_QDC, "DC", null, "Qualified Dublin Core");
        w.setPrefix("dc", DC_NS);
        w.setPrefix("dcterms", DCTERMS_NS);
        newline(w, 4);
        // DSpace's QDC crosswalk accepts any namespace for this root; dcterms is what DSpace itself writes
        w.writeStartElement(DCTERMS_NS, "qualifieddc");
        w.writeNamespace("dcterms", DCTERMS_NS);
        w.writeNamespace("dc", DC_NS);
        Publication p = md.publication();
        if (p != null) {
            dc(w, DC_NS, "title", p.title());
            dc(w, DCTERMS_NS, "abstract", p.abstractText());
        }
        for (Author a : md.authors()) {
            if (a != null) {
                // DSpace's QDC crosswalk maps dc:creator to dc.contributor.author
                dc(w, DC_NS, "creator", a.name());
            }
        }
        if (p != null) {
            if (p.journal() != null) {
                dc(w, DC_NS, "publisher", p.journal().publisher());
            }
            String date = p.publicationDate() == null ? null : p.publicationDate().trim();
            if (date != null && W3CDTF.matcher(date).matches()) {
                // only dates DSpace can parse; anything else stays in the citation
                dc(w, DCTERMS_NS, "issued", date);
            }
            String doi = Doi.strip(p.doi());
            if (doi != null) {
                dc(w, DC_NS, "identifier", Doi.RESOLVER + doi);
            }
            dc(w, DCTERMS_NS, "bibliographicCitation", BibliographicCitation.of(p, md.authors()));
        }
        newline(w, 4);
        w.writeEndElement();
        endDmd(w);
    }

    private void writeDim(XMLStreamWriter w, LocalDate embargoEnd) throws XMLStreamException {
        startDmd(w, DMD_DIM, "OTHER", "DIM", "DSpace embargo");
        w.setPrefix("dim", DIM_NS);
        newline(w, 4);
        w.writeStartElement(DIM_NS, "dim");
        w.writeNamespace("dim", DIM_NS);
        String date = embargoEnd.toString();
        dimField(w, options.embargoTermsField(), date);
        if (!options.embargoLiftField().equals(options.embargoTermsField())) {
            dimField(w, options.embargoLiftField(), date);
        }
        newline(w, 4);
        w.writeEndElement();
        endDmd(w);
    }

    private static void dimField(XMLStreamWriter w, DimField f, String value) throws XMLStreamException {
        newline(w, 5);
        w.writeStartElement(DIM_NS, "field");
        w.writeAttribute("mdschema", f.schema());
        w.writeAttribute("element", f.element());
        if (f.qualifier() != null) {
            w.writeAttribute("qualifier", f.qualifier());
        }
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void startDmd(XMLStreamWriter w, String id, String mdType, String otherMdType, String label)
            throws XMLStreamException {
        newline(w, 1);
        w.writeStartElement(METS_NS, "dmdSec");
        w.writeAttribute("ID", id);
        // distinct GROUPIDs make DSpace crosswalk every dmdSec, not just the preferred one
        w.writeAttribute("GROUPID", "group-" + id);
        newline(w, 2);
        w.writeStartElement(METS_NS, "mdWrap");
        w.writeAttribute("LABEL", label);
        w.writeAttribute("MIMETYPE", "text/xml");
        w.writeAttribute("MDTYPE", mdType);
        if (otherMdType != null) {
            w.writeAttribute("OTHERMDTYPE", otherMdType);
        }
        newline(w, 3);
        w.writeStartElement(METS_NS, "xmlData");
    }

    private static void endDmd(XMLStreamWriter w) throws XMLStreamException {
        newline(w, 3);
        w.writeEndElement(); // xmlData
        newline(w, 2);
        w.writeEndElement(); // mdWrap
        newline(w, 1);
        w.writeEndElement(); // dmdSec
    }

    private static void writeFileSec(XMLStreamWriter w, List<MetsFile> files) throws XMLStreamException {
        newline(w, 1);
        w.writeStartElement(METS_NS, "fileSec");
        newline(w, 2);
        w.writeStartElement(METS_NS, "fileGrp");
        w.writeAttribute("ID", "filegrp-content");
        w.writeAttribute("USE", "CONTENT");
        int n = 0;
        for (MetsFile f : files) {
            n++;
            newline(w, 3);
            w.writeStartElement(METS_NS, "file");
            w.writeAttribute("ID", fileId(n));
            w.writeAttribute("MIMETYPE", Text.isBlank(f.mimeType()) ? "application/octet-stream"
                    : XmlChars.clean(f.mimeType().trim()));
            w.writeAttribute("SIZE", Long.toString(f.size()));
            w.writeAttribute("CHECKSUM", f.md5());
            w.writeAttribute("CHECKSUMTYPE", "MD5");
            newline(w, 4);
            w.writeEmptyElement(METS_NS, "FLocat");
            w.writeAttribute("LOCTYPE", "URL");
            w.writeAttribute(XLINK_NS, "href", XmlChars.clean(MetsHref.of(f.path())));
            newline(w, 3);
            w.writeEndElement();
        }
        newline(w, 2);
        w.writeEndElement();
        newline(w, 1);
        w.writeEndElement();
    }

    private static void writeStructMap(XMLStreamWriter w, List<MetsFile> files, List<String> dmdIds)
            throws XMLStreamException {
        newline(w, 1);
        w.writeStartElement(METS_NS, "structMap");
        w.writeAttribute("ID", "structmap-1");
        w.writeAttribute("LABEL", "DSpace CONTENT bundle structure");
        w.writeAttribute("TYPE", "LOGICAL");
        newline(w, 2);
        w.writeStartElement(METS_NS, "div");
        w.writeAttribute("ID", "div-item");
        w.writeAttribute("DMDID", String.join(" ", dmdIds));
        w.writeAttribute("TYPE", "DSpace Item");
        for (int n = 1; n <= files.size(); n++) {
            newline(w, 3);
            w.writeStartElement(METS_NS, "div");
            w.writeAttribute("ID", "div-" + fileId(n));
            w.writeAttribute("TYPE", "File");
            newline(w, 4);
            w.writeEmptyElement(METS_NS, "fptr");
            w.writeAttribute("FILEID", fileId(n));
            newline(w, 3);
            w.writeEndElement();
        }
        newline(w, 2);
        w.writeEndElement();
        newline(w, 1);
        w.writeEndElement();
    }

    /** The ID of the n-th file (1-based) in fileSec. */
    public static String fileId(int n) {
        return "file-" + n;
    }

    private static void dc(XMLStreamWriter w, String ns, String name, String value) throws XMLStreamException {
        if (Text.isBlank(value)) {
            return;
        }
        newline(w, 5);
        element(w, ns, name, value.trim());
    }

    private static void element(XMLStreamWriter w, String ns, String name, String value) throws XMLStreamException {
        w.writeStartElement(ns, name);
        w.writeCharacters(XmlChars.clean(value));
        w.writeEndElement();
    }
}
