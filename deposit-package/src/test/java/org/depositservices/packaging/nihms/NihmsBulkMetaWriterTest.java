package org.depositservices.packaging.nihms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.depositservices.model.Funder;
import org.depositservices.model.Grant;
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

class NihmsBulkMetaWriterTest {

    static final NihmsOracle ORACLE = new NihmsOracle();
    static final LocalDate TODAY = LocalDate.parse("2026-03-04");
    static final Funder NEI = new Funder("National Eye Institute", "johnshopkins.edu:funder:300484");
    static final Funder IEI = new Funder("International Eye Institute", "johnshopkins.edu:funder:300293");
    static final FunderMapping NEI_IS_NIH = FunderMapping.fromSpecOptions(
            Map.of("funder-mapping", Map.of("johnshopkins.edu:funder:300484", "nih")));

    static Journal journal() {
        return new Journal("Food & Function", "Food Funct", "RSC",
                List.of(new Issn("2042-6496", IssnPubType.PRINT), new Issn("2042-650X", IssnPubType.ONLINE)));
    }

    static SubmissionMetadata md(String title, Journal journal, List<Grant> grants, LocalDate embargoEnd,
                                 String publicationDate) {
        return new SubmissionMetadata(new Person("Suzanne", "Vega", "suzannev@jhu.edu"),
                new Publication(title, "abstract", "https://doi.org/10.1039/c7fo01251a", "9", "1", publicationDate,
                        journal),
                List.of(), grants, embargoEnd);
    }

    static Grant grant(String award, Funder funder) {
        return new Grant(award, funder, new Person("Suzanne", "Vega", "suzannev@jhu.edu"),
                List.of(new Person("John", "Doe", "jd@jhu.edu")));
    }

    static byte[] write(FunderMapping funders, SubmissionMetadata md) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new NihmsBulkMetaWriter(funders).write(md, TODAY, out);
        byte[] xml = out.toByteArray();
        assertThat(ORACLE.errors(xml)).as("DTD errors in\n%s", new String(xml, StandardCharsets.UTF_8)).isEmpty();
        return xml;
    }

    @Test
    void theOracleRejectsWhatTheDtdForbids() {
        String bad = "<?xml version=\"1.0\"?>\n<manuscript-submit embargo-months=\"13\"><journal-meta><issn>1</issn>"
                + "</journal-meta><manuscript-title>t</manuscript-title><contacts/></manuscript-submit>";
        List<String> errors = ORACLE.errors(bad.getBytes(StandardCharsets.UTF_8));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("embargo-months"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("issn-type"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("contacts"));
    }

    @Test
    void fullSubmissionMapsEveryField() throws IOException {
        SubmissionMetadata md = md("Soya & casein <vs> \"whey\" ✓", journal(),
                List.of(grant("R01EY026617", NEI), grant("R01EY026618", IEI)), LocalDate.parse("2019-03-12"),
                "2018-09-12");
        Document doc = NihmsOracle.parse(write(NEI_IS_NIH, md));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("embargo-months")).isEqualTo("6");
        assertThat(root.getAttribute("doi")).isEqualTo("10.1039/c7fo01251a");
        assertThat(texts(doc, "nlm-ta")).containsExactly("Food Funct");
        assertThat(attrs(doc, "issn", "issn-type")).containsExactly("print", "electronic");
        assertThat(texts(doc, "issn")).containsExactly("2042-6496", "2042-650X");
        assertThat(texts(doc, "journal-title")).containsExactly("Food & Function");
        assertThat(texts(doc, "manuscript-title")).containsExactly("Soya & casein <vs> \"whey\" ✓");
        Element person = (Element) doc.getElementsByTagName("person").item(0);
        assertThat(person.getAttribute("fname")).isEqualTo("Suzanne");
        assertThat(person.getAttribute("lname")).isEqualTo("Vega");
        assertThat(person.getAttribute("email")).isEqualTo("suzannev@jhu.edu");
        assertThat(person.getAttribute("person-type")).isEqualTo("reviewer");
        // only the grant whose funder is mapped
        assertThat(attrs(doc, "grant", "id")).containsExactly("R01EY026617");
        assertThat(attrs(doc, "grant", "funder")).containsExactly("nih");
        assertThat(attrs(doc, "PI", "lname")).containsExactly("Vega");
        assertThat(doc.getElementsByTagName("citation").getLength()).isZero();
    }

    @Test
    void noGrantsOrNoMappedGrantsLeaveOutTheGrantsElement() throws IOException {
        for (SubmissionMetadata md : List.of(md("t", journal(), List.of(), null, null),
                md("t", journal(), List.of(grant("X1", IEI)), null, null))) {
            Document doc = NihmsOracle.parse(write(NEI_IS_NIH, md));
            assertThat(doc.getElementsByTagName("grants").getLength()).isZero();
        }
        Document unmapped = NihmsOracle.parse(write(FunderMapping.none(),
                md("t", journal(), List.of(grant("R01", NEI)), null, null)));
        assertThat(unmapped.getElementsByTagName("grant").getLength()).isZero();
    }

    @Test
    void aGrantWithoutPiOrAwardNumberIsStillValidAndDuplicatesAreWrittenOnce() throws IOException {
        List<Grant> grants = List.of(new Grant(null, NEI, null, null), grant("R01", NEI), grant("R01", NEI),
                new Grant("R02", NEI, new Person(null, null, null), null));
        Document doc = NihmsOracle.parse(write(NEI_IS_NIH, md("t", journal(), grants, null, null)));
        assertThat(attrs(doc, "grant", "id")).containsExactly("", "R01", "R02");
        assertThat(doc.getElementsByTagName("PI").getLength()).isEqualTo(1);
    }

    @Test
    void journalWithOnlyAnIssnOrOnlyAnNlmtaIsValid() throws IOException {
        Journal issnOnly = new Journal(null, null, null, List.of(new Issn("1234-5678", IssnPubType.ELECTRONIC),
                new Issn("9999-9999", null)));
        Document a = NihmsOracle.parse(write(NEI_IS_NIH, md("t", issnOnly, List.of(), null, null)));
        assertThat(texts(a, "nlm-ta")).isEmpty();
        assertThat(texts(a, "issn")).as("an ISSN without pubType cannot be typed, so it is left out")
                .containsExactly("1234-5678");
        Journal nlmtaOnly = new Journal(null, "J Test", null, List.of());
        Document b = NihmsOracle.parse(write(NEI_IS_NIH, md("t", nlmtaOnly, List.of(), null, null)));
        assertThat(texts(b, "nlm-ta")).containsExactly("J Test");
        assertThat(texts(b, "issn")).isEmpty();
    }

    @Test
    void embargoMonthsAreLeftOutWithoutAnEmbargoZeroInThePastAndClampedFarAhead() throws IOException {
        assertThat(NihmsOracle.parse(write(NEI_IS_NIH, md("t", journal(), List.of(), null, "2018-09-12")))
                .getDocumentElement().hasAttribute("embargo-months")).isFalse();
        assertThat(NihmsOracle.parse(write(NEI_IS_NIH, md("t", journal(), List.of(), LocalDate.parse("2018-06-30"),
                "2018-09-12"))).getDocumentElement().getAttribute("embargo-months")).isEqualTo("0");
        assertThat(NihmsOracle.parse(write(NEI_IS_NIH, md("t", journal(), List.of(), LocalDate.parse("2099-01-01"),
                null))).getDocumentElement().getAttribute("embargo-months")).isEqualTo("12");
    }

    @Test
    void textXmlCannotCarryIsDroppedAndAttributesStayOnOneLine() throws IOException {
        SubmissionMetadata md = new SubmissionMetadata(new Person("Ann\tMarie", "O'Brien\n", "a@b.c"),
                new Publication("bell\u0007 title \uD83D\uDE00", null, "doi:10.1/x", null, null, null, journal()),
                List.of(), List.of(), null);
        Document doc = NihmsOracle.parse(write(NEI_IS_NIH, md));
        assertThat(texts(doc, "manuscript-title")).containsExactly("bell title \uD83D\uDE00");
        assertThat(attrs(doc, "person", "fname")).containsExactly("Ann Marie");
        assertThat(attrs(doc, "person", "lname")).containsExactly("O'Brien");
        assertThat(doc.getDocumentElement().getAttribute("doi")).isEqualTo("10.1/x");
    }

    @Test
    void funderMappingOptionIsCheckedAndNamed() {
        assertThatThrownBy(() -> FunderMapping.fromSpecOptions(Map.of("funder-mapping", Map.of("k", "nsf"))))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("assembler.options.funder-mapping[\"k\"]")
                .hasMessageContaining("nih, ahrq");
        assertThatThrownBy(() -> FunderMapping.fromSpecOptions(Map.of("funder-mapping", "nih")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("must be an object");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", 3);
        assertThatThrownBy(() -> FunderMapping.fromSpecOptions(Map.of("funder-mapping", nested)))
                .isInstanceOf(PackagingException.class).hasMessageContaining("funder code string");
        assertThat(FunderMapping.fromSpecOptions(Map.of("funder-mapping", Map.of("k", "HHMI")))
                .codeOf(new Funder("x", "k"))).contains(NihmsFunder.HHMI);
    }

    static List<String> texts(Document doc, String name) {
        NodeList nl = doc.getElementsByTagName(name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(nl.item(i).getTextContent());
        }
        return out;
    }

    static List<String> attrs(Document doc, String name, String attr) {
        NodeList nl = doc.getElementsByTagName(name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(((Element) nl.item(i)).getAttribute(attr));
        }
        return out;
    }
}
