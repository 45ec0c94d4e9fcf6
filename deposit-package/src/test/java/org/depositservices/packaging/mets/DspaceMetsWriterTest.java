package org.depositservices.packaging.mets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.depositservices.model.Author;
import org.depositservices.model.Issn;
import org.depositservices.model.IssnPubType;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.PackagingException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DspaceMetsWriterTest {

    static final Instant CREATED = Instant.parse("2026-03-04T05:06:07.891Z");
    static final MetsOracle ORACLE = new MetsOracle();

    static SubmissionMetadata full(String title, LocalDate embargoEnd) {
        Journal journal = new Journal("Food & Function", "Food Funct", "Royal Society of Chemistry (RSC)",
                List.of(new Issn("2042-6496", IssnPubType.PRINT), new Issn("2042-650X", IssnPubType.ONLINE)));
        Publication pub = new Publication(title, "An abstract with <tags> & \"quotes\" and ünïcödé ✓",
                "https://doi.org/10.1039/c7fo01251a", "9", "1", "2018-09-12", journal);
        return new SubmissionMetadata(new Person("Suzanne", "Vega", "suzannev@jhu.edu"), pub,
                List.of(new Author("Tania Marchbank", "http://orcid.org/0000-0003-2076-9098", null),
                        new Author("Nikki Mandir", null, null), new Author("Raymond J. Playford", null, null)),
                List.of(), embargoEnd);
    }

    /** Content files with real bytes, keyed by their path in the package. */
    static Map<String, byte[]> contents() {
        Map<String, byte[]> c = new LinkedHashMap<>();
        c.put("manuscript.docx", "the manuscript".getBytes(StandardCharsets.UTF_8));
        c.put("ilford panf.pdf", "%PDF-1.4 pretend".getBytes(StandardCharsets.UTF_8));
        c.put("1 figure ü & <x>.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        c.put("empty.txt", new byte[0]);
        return c;
    }

    static List<MetsFile> listed(Map<String, byte[]> contents) {
        List<MetsFile> files = new ArrayList<>();
        contents.forEach((path, bytes) -> files.add(new MetsFile(path, bytes.length, MetsStructure.md5(bytes),
                path.endsWith(".pdf") ? "application/pdf" : null)));
        return files;
    }

    static byte[] write(DspaceMetsOptions options, SubmissionMetadata md, List<MetsFile> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DspaceMetsWriter(options).write("submission-15", md, files, CREATED, out);
        return out.toByteArray();
    }

    static void assertValid(byte[] xml, Map<String, byte[]> contents) {
        assertThat(ORACLE.errors(xml)).as("schema errors in\n%s", new String(xml, StandardCharsets.UTF_8)).isEmpty();
        assertThat(MetsStructure.problems(MetsOracle.parse(xml), contents)).isEmpty();
    }

    @Test
    void theOracleAcceptsTheDspaceExampleAndRejectsABrokenDocument() throws IOException {
        byte[] example = Files.readAllBytes(ORACLE.corpus().resolve("mets/example-dspace-sword-mets.xml"));
        assertThat(ORACLE.errors(example)).isEmpty();

        // an ID starting with a digit, as PASS wrote them, is not an xs:ID
        byte[] badId = new String(example, StandardCharsets.UTF_8).replace("sword-mets-file-1", "1-file")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ORACLE.errors(badId)).anySatisfy(e -> assertThat(e).contains("1-file"));

        // dmdSec after fileSec is a schema error as well
        String s = new String(example, StandardCharsets.UTF_8);
        int dmdStart = s.indexOf("<dmdSec");
        int dmdEnd = s.indexOf("</dmdSec>") + "</dmdSec>".length();
        String moved = s.substring(0, dmdStart) + s.substring(dmdEnd).replace("</fileSec>",
                "</fileSec>" + s.substring(dmdStart, dmdEnd));
        assertThat(ORACLE.errors(moved.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @Test
    void theOracleNeverResolvesAnythingButTheLocalXlinkSchema() {
        MetsOracle oracle = new MetsOracle();
        assertThatThrownBy(() -> oracle.resolver().resolveResource(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI, "urn:x", null,
                "http://example.org/other.xsd", null)).hasMessageContaining("never reach the network");
        byte[] anyValid = "<mets xmlns='http://www.loc.gov/METS/'><structMap><div/></structMap></mets>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(oracle.errors(anyValid)).as("a reach for the network fails every later validation")
                .anySatisfy(e -> assertThat(e).contains("reached for the network"));
    }

    @Test
    void fullSubmissionGivesAValidSipWithEveryFileChecksummed() throws IOException {
        Map<String, byte[]> contents = contents();
        byte[] xml = write(DspaceMetsOptions.DEFAULTS, full("A title", LocalDate.parse("2027-01-31")),
                listed(contents));
        assertValid(xml, contents);

        Document doc = MetsOracle.parse(xml);
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("OBJID")).isEqualTo("submission-15");
        assertThat(root.getAttribute("LABEL")).isEqualTo("A title");
        Element hdr = MetsStructure.elements(doc, "metsHdr").get(0);
        assertThat(hdr.getAttribute("CREATEDATE")).isEqualTo("2026-03-04T05:06:07Z");
        assertThat(MetsStructure.elements(doc, "name").get(0).getTextContent()).isEqualTo("Deposit Services");

        Map<String, MetsStructure.ListedFile> files = MetsStructure.files(doc);
        assertThat(files.keySet()).containsExactlyElementsOf(contents.keySet());
        assertThat(files.get("ilford panf.pdf").mimeType()).isEqualTo("application/pdf");
        assertThat(files.get("empty.txt").mimeType()).isEqualTo("application/octet-stream");
        assertThat(files.get("empty.txt").md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        // file IDs come from a counter, not from names such as "1 figure ü & <x>.png"
        assertThat(files.values()).extracting(MetsStructure.ListedFile::id)
                .containsExactly("file-1", "file-2", "file-3", "file-4");
    }

    @Test
    void hrefIsTheLiteralZipEntryNameSoDspaceFindsIt() throws IOException {
        Map<String, byte[]> contents = contents();
        Document doc = MetsOracle.parse(write(DspaceMetsOptions.DEFAULTS, full("t", null), listed(contents)));
        List<String> hrefs = new ArrayList<>();
        NodeList locs = doc.getElementsByTagNameNS(DspaceMetsWriter.METS_NS, "FLocat");
        for (int i = 0; i < locs.getLength(); i++) {
            hrefs.add(((Element) locs.item(i)).getAttributeNS(DspaceMetsWriter.XLINK_NS, "href"));
        }
        assertThat(hrefs).containsExactly("manuscript.docx", "ilford panf.pdf", "1 figure ü & <x>.png", "empty.txt");
    }

    @Test
    void charactersThatChangeAUrisMeaningArePercentEncodedAndStillValid() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("50% [draft] #2?.pdf", new byte[] {1, 2, 3});
        byte[] xml = write(DspaceMetsOptions.DEFAULTS, full("t", null), listed(contents));
        assertValid(xml, contents);
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("xlink:href=\"50%25 %5Bdraft%5D %232%3F.pdf\"");
        assertThat(MetsHref.isLiteral("50% [draft] #2?.pdf")).isFalse();
        assertThat(MetsHref.isLiteral("ilford panf ü.pdf")).isTrue();
    }

    @Test
    void dublinCoreCarriesTitleAbstractAuthorsPublisherDoiAndCitation() throws IOException {
        String title = "Soya & casein <vs> \"whey\" — ünïcödé ✓";
        Document doc = MetsOracle.parse(write(DspaceMetsOptions.DEFAULTS, full(title, null), listed(contents())));
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "title")).containsExactly(title);
        assertThat(doc.getDocumentElement().getAttribute("LABEL")).isEqualTo(title);
        assertThat(text(doc, DspaceMetsWriter.DCTERMS_NS, "abstract"))
                .containsExactly("An abstract with <tags> & \"quotes\" and ünïcödé ✓");
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "creator"))
                .containsExactly("Tania Marchbank", "Nikki Mandir", "Raymond J. Playford");
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "publisher")).containsExactly("Royal Society of Chemistry (RSC)");
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "identifier")).containsExactly("https://doi.org/10.1039/c7fo01251a");
        assertThat(text(doc, DspaceMetsWriter.DCTERMS_NS, "issued")).containsExactly("2018-09-12");
        assertThat(text(doc, DspaceMetsWriter.DCTERMS_NS, "bibliographicCitation")).containsExactly(
                "Tania Marchbank, Nikki Mandir, Raymond J. Playford. (2018). " + title
                        + ". Food & Function, 9(1). https://doi.org/10.1039/c7fo01251a");
        Element mdWrap = (Element) MetsStructure.elements(doc, "dmdSec").get(0)
                .getElementsByTagNameNS(DspaceMetsWriter.METS_NS, "mdWrap").item(0);
        assertThat(mdWrap.getAttribute("MDTYPE")).isEqualTo("DC");
        Element qdc = (Element) doc.getElementsByTagNameNS(DspaceMetsWriter.DCTERMS_NS, "qualifieddc").item(0);
        assertThat(qdc).as("DSpace's QDC crosswalk wants a qualifieddc root").isNotNull();
    }

    @Test
    void embargoInTheFutureAddsADimSectionWithTermsAndLiftDate() throws IOException {
        byte[] xml = write(DspaceMetsOptions.DEFAULTS, full("t", LocalDate.parse("2027-06-30")), listed(contents()));
        assertValid(xml, contents());
        Document doc = MetsOracle.parse(xml);
        List<Element> dmds = MetsStructure.elements(doc, "dmdSec");
        assertThat(dmds).extracting(e -> e.getAttribute("ID")).containsExactly("dmd-qdc", "dmd-dim");
        Element dimWrap = (Element) dmds.get(1).getElementsByTagNameNS(DspaceMetsWriter.METS_NS, "mdWrap").item(0);
        assertThat(dimWrap.getAttribute("MDTYPE")).isEqualTo("OTHER");
        assertThat(dimWrap.getAttribute("OTHERMDTYPE")).isEqualTo("DIM");
        assertThat(dimFields(doc)).containsExactly("local.embargo.terms=2027-06-30", "local.embargo.lift=2027-06-30");
        Element firstDiv = MetsStructure.elements(doc, "div").get(0);
        assertThat(firstDiv.getAttribute("DMDID")).isEqualTo("dmd-qdc dmd-dim");
    }

    @Test
    void embargoEndingTodayOrEarlierIsNoEmbargo() throws IOException {
        for (LocalDate end : List.of(LocalDate.parse("2026-03-04"), LocalDate.parse("2018-06-30"))) {
            Document doc = MetsOracle.parse(write(DspaceMetsOptions.DEFAULTS, full("t", end), listed(contents())));
            assertThat(MetsStructure.elements(doc, "dmdSec")).hasSize(1);
            assertThat(MetsStructure.elements(doc, "div").get(0).getAttribute("DMDID")).isEqualTo("dmd-qdc");
        }
    }

    @Test
    void embargoFieldsFollowTheRepositorysDspaceConfiguration() throws IOException {
        DspaceMetsOptions options = DspaceMetsOptions.fromSpecOptions(Map.of(
                "embargo-terms-field", "dc.embargo.terms", "embargo-lift-field", "dc.date.available",
                "agent-name", "JHU Deposit"));
        Document doc = MetsOracle.parse(write(options, full("t", LocalDate.parse("2030-01-01")), listed(contents())));
        assertThat(dimFields(doc)).containsExactly("dc.embargo.terms=2030-01-01", "dc.date.available=2030-01-01");
        assertThat(MetsStructure.elements(doc, "name").get(0).getTextContent()).isEqualTo("JHU Deposit");
    }

    @Test
    void badEmbargoFieldOptionNamesTheOption() {
        assertThatThrownBy(() -> DspaceMetsOptions.fromSpecOptions(Map.of("embargo-lift-field", "lift")))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("assembler.options.embargo-lift-field")
                .hasMessageContaining("schema.element");
        assertThatThrownBy(() -> DspaceMetsOptions.fromSpecOptions(Map.of("agent-name", 42)))
                .isInstanceOf(PackagingException.class).hasMessageContaining("assembler.options.agent-name");
    }

    @Test
    void missingOptionalFieldsLeaveNoEmptyElements() throws IOException {
        SubmissionMetadata bare = new SubmissionMetadata(null, new Publication("Only a title", null, null, null,
                null, "May 2015", null), List.of(), List.of(), null);
        Map<String, byte[]> contents = contents();
        byte[] xml = write(DspaceMetsOptions.DEFAULTS, bare, listed(contents));
        assertValid(xml, contents);
        Document doc = MetsOracle.parse(xml);
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "creator")).isEmpty();
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "identifier")).isEmpty();
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "publisher")).isEmpty();
        assertThat(text(doc, DspaceMetsWriter.DCTERMS_NS, "abstract")).isEmpty();
        assertThat(text(doc, DspaceMetsWriter.DCTERMS_NS, "issued")).as("'May 2015' is no W3CDTF date").isEmpty();
        assertThat(text(doc, DspaceMetsWriter.DCTERMS_NS, "bibliographicCitation")).containsExactly("Only a title.");
    }

    @Test
    void noPublicationAtAllStillGivesAValidDocument() throws IOException {
        SubmissionMetadata none = new SubmissionMetadata(null, null, null, null, null);
        byte[] xml = write(DspaceMetsOptions.DEFAULTS, none, List.of());
        assertThat(ORACLE.errors(xml)).isEmpty();
        assertThat(MetsStructure.problems(MetsOracle.parse(xml), Map.of())).isEmpty();
    }

    @Test
    void charactersXmlCannotCarryAreDropped() throws IOException {
        String title = "bell\u0007 and \uD800 lone surrogate and emoji \uD83D\uDE00";
        byte[] xml = write(DspaceMetsOptions.DEFAULTS, full(title, null), listed(contents()));
        assertThat(ORACLE.errors(xml)).isEmpty();
        assertThat(text(MetsOracle.parse(xml), DspaceMetsWriter.DC_NS, "title"))
                .containsExactly("bell and  lone surrogate and emoji \uD83D\uDE00");
    }

    @Test
    void manyAuthorsAreCutInTheCitationButAllListed() throws IOException {
        List<Author> authors = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            authors.add(new Author("Author " + i, null, null));
        }
        SubmissionMetadata md = new SubmissionMetadata(null, new Publication("T", null, "doi:10.1/x", null, null,
                "2020", null), authors, null, null);
        Document doc = MetsOracle.parse(write(DspaceMetsOptions.DEFAULTS, md, List.of()));
        assertThat(text(doc, DspaceMetsWriter.DC_NS, "creator")).hasSize(12);
        assertThat(text(doc, DspaceMetsWriter.DCTERMS_NS, "bibliographicCitation").get(0))
                .startsWith("Author 1, Author 2").contains("Author 10, et al. (2020). T. https://doi.org/10.1/x")
                .doesNotContain("Author 11");
    }

    static List<String> text(Document doc, String ns, String name) {
        NodeList nl = doc.getElementsByTagNameNS(ns, name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(nl.item(i).getTextContent());
        }
        return out;
    }

    static List<String> dimFields(Document doc) {
        NodeList nl = doc.getElementsByTagNameNS(DspaceMetsWriter.DIM_NS, "field");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            String q = e.getAttribute("qualifier");
            out.add(e.getAttribute("mdschema") + "." + e.getAttribute("element") + (q.isEmpty() ? "" : "." + q)
                    + "=" + e.getTextContent());
        }
        return out;
    }
}
