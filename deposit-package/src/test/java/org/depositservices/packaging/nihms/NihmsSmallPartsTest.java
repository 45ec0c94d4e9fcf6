package org.depositservices.packaging.nihms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.depositservices.model.FileRole;
import org.depositservices.model.Issn;
import org.depositservices.model.IssnPubType;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.Doi;
import org.depositservices.packaging.PackagingException;
import org.junit.jupiter.api.Test;

class NihmsSmallPartsTest {

    @Test
    void doiLosesResolverAndDoiPrefixes() {
        assertThat(Doi.strip("https://doi.org/10.1039/c7fo01251a")).isEqualTo("10.1039/c7fo01251a");
        assertThat(Doi.strip(" HTTP://DX.DOI.ORG/10.1/x ")).isEqualTo("10.1/x");
        assertThat(Doi.strip("doi:10.1/x")).isEqualTo("10.1/x");
        assertThat(Doi.strip("DOI: https://doi.org/10.1/x")).isEqualTo("10.1/x");
        assertThat(Doi.strip("10.1/x")).isEqualTo("10.1/x");
        assertThat(Doi.strip("  ")).isNull();
        assertThat(Doi.strip(null)).isNull();
    }

    @Test
    void packageNameHasHourThenMinutesInUtc() {
        // 09:07 on 23 November: PASS would have written 09-11 (the month) instead of 09-07
        assertThat(NihmsPackageName.baseName("nihms-native-2017-07", Instant.parse("2026-11-23T09:07:05Z"), "15"))
                .isEqualTo("nihms-native-2017-07_2026-11-23_09-07-05_15");
        assertThat(NihmsPackageName.baseName("nihms-native-2017-07", Instant.parse("2026-01-02T23:59:59Z"),
                "https://pass/sub/1 2")).isEqualTo("nihms-native-2017-07_2026-01-02_23-59-59_https---pass-sub-1-2");
    }

    @Test
    void manifestPutsBulkMetaFirstCleansAndDedupesLabels() throws IOException {
        NihmsManifest m = new NihmsManifest("bulk_meta.xml");
        m.add(NihmsFileType.MANUSCRIPT, null, "manuscript.docx");
        m.add(NihmsFileType.FIGURE, "Figure\t1\nlegend", "fig 1.png");
        m.add(NihmsFileType.FIGURE, "Figure 1 legend", "fig 2.png");
        m.add(NihmsFileType.FIGURE, "  ", "ünïcödé fig.tif");
        m.add(NihmsFileType.TABLE, "Figure 1 legend", "table.ods");
        m.add(NihmsFileType.SUPPLEMENT, null, "manifest-2.txt");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        List<NihmsOracle.Line> lines = NihmsOracle.parseManifest(out.toByteArray());
        assertThat(lines).containsExactly(
                new NihmsOracle.Line("bulksub_meta_xml", "", "bulk_meta.xml"),
                new NihmsOracle.Line("manuscript", "", "manuscript.docx"),
                new NihmsOracle.Line("figure", "Figure 1 legend", "fig 1.png"),
                new NihmsOracle.Line("figure", "Figure 1 legend (2)", "fig 2.png"),
                new NihmsOracle.Line("figure", "ünïcödé fig.tif", "ünïcödé fig.tif"),
                new NihmsOracle.Line("table", "Figure 1 legend", "table.ods"),
                new NihmsOracle.Line("supplement", "manifest-2.txt", "manifest-2.txt"));
    }

    @Test
    void manifestRefusesNamesThatWouldBreakItsLines() {
        NihmsManifest m = new NihmsManifest("bulk_meta.xml");
        m.add(NihmsFileType.MANUSCRIPT, null, "a.pdf");
        assertThatThrownBy(() -> m.add(NihmsFileType.FIGURE, "x", "a\tb.png"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a\tb.png");
        assertThatThrownBy(() -> m.add(NihmsFileType.FIGURE, "x", "dir/b.png"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.add(NihmsFileType.FIGURE, "x", "a.pdf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already lists");
        assertThatThrownBy(() -> NihmsOracle.parseManifest("manuscript\t\ta.pdf\n".getBytes()))
                .as("the oracle itself insists on bulk_meta first").isInstanceOf(AssertionError.class);
    }

    static DepositSubmission submission(SubmissionMetadata md, FileRole... roles) {
        List<SubmissionFile> files = new java.util.ArrayList<>();
        for (FileRole r : roles) {
            files.add(new SubmissionFile(r + ".bin", r, null, null, 1, null, null, "loc"));
        }
        return new DepositSubmission("15", md, files, f -> null);
    }

    static SubmissionMetadata md(Person submitter, String title, Journal journal) {
        return new SubmissionMetadata(submitter, new Publication(title, null, null, null, null, null, journal),
                List.of(), List.of(), null);
    }

    static final Person SUBMITTER = new Person("Suzanne", "Vega", "suzannev@jhu.edu");
    static final Journal JOURNAL = new Journal("J", "J Test", null, List.of());

    @Test
    void eachMissingRequiredFieldIsNamedByItsJsonPath() {
        assertThat(field(submission(md(SUBMITTER, "t", JOURNAL), FileRole.FIGURE, FileRole.SUPPLEMENTAL)))
                .isEqualTo("files[role=manuscript]");
        assertThat(field(submission(md(SUBMITTER, " ", JOURNAL), FileRole.MANUSCRIPT)))
                .isEqualTo("publication.title");
        assertThat(field(submission(md(SUBMITTER, "t", null), FileRole.MANUSCRIPT)))
                .isEqualTo("publication.journal.nlmta");
        assertThat(field(submission(md(SUBMITTER, "t", new Journal("J", " ", null,
                List.of(new Issn("1234-5678", null)))), FileRole.MANUSCRIPT)))
                .as("an ISSN without pubType cannot stand in for the NLM TA").isEqualTo("publication.journal.nlmta");
        assertThat(field(submission(md(new Person("S", "V", null), "t", JOURNAL), FileRole.MANUSCRIPT)))
                .isEqualTo("submitter.email");
        assertThat(field(submission(md(null, "t", JOURNAL), FileRole.MANUSCRIPT))).isEqualTo("submitter.email");
        assertThat(field(submission(md(new Person("S", null, "s@x"), "t", JOURNAL), FileRole.MANUSCRIPT)))
                .isEqualTo("submitter.lastName");
    }

    @Test
    void everythingMissingIsNamedInOneMessage() {
        assertThatThrownBy(() -> NihmsRequirements.check(submission(md(null, null, null), FileRole.FIGURE)))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("nihms-native-2017-07 package needs files[role=manuscript]")
                .hasMessageContaining("publication.title")
                .hasMessageContaining("publication.journal.nlmta (or publication.journal.issns[]")
                .hasMessageContaining("submitter.email");
    }

    @Test
    void aJournalWithJustATypedIssnIsEnough() {
        NihmsRequirements.check(submission(md(SUBMITTER, "t", new Journal(null, null, null,
                List.of(new Issn("1234-5678", IssnPubType.PRINT)))), FileRole.MANUSCRIPT));
    }

    static String field(DepositSubmission s) {
        try {
            NihmsRequirements.check(s);
        } catch (PackagingException e) {
            return e.field();
        }
        return null;
    }
}
