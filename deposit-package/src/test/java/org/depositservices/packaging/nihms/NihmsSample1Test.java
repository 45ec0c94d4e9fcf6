package org.depositservices.packaging.nihms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.depositservices.model.Funder;
import org.depositservices.model.Grant;
import org.depositservices.model.Person;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.Resource;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.TestArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The corpus's PASS sample1 as a NIHMS bulk submission: its user files named manifest.txt and bulk_meta.xml must
 * not replace the package's own, and the grants and embargo of sample1.json (which the shared fixture leaves out)
 * are added here as PASS sent them.
 */
class NihmsSample1Test {

    static final Instant NOW = Instant.parse("2026-11-23T09:07:05Z");

    @TempDir
    Path dir;

    /** Sample1 with the grants of sample1.json (funders 11 and 12, PI user 2) and its Embargo-end-date. */
    static DepositSubmission withGrantsAndEmbargo(DepositSubmission s) {
        Person pi = new Person("Suzanne", "Vega", "suzannev@jhu.edu");
        List<Person> coPis = List.of(new Person("John", "Doe", "jd@jhu.edu"),
                new Person("Robert", "Smith", "bobsmith@jhu.edu"));
        Funder nei = new Funder("National Eye Institute", "johnshopkins.edu:funder:300484");
        Funder iei = new Funder("International Eye Institute", "johnshopkins.edu:funder:300293");
        SubmissionMetadata m = s.metadata();
        SubmissionMetadata md = new SubmissionMetadata(m.submitter(), m.publication(), m.authors(),
                List.of(new Grant("R01EY026617", nei, pi, coPis), new Grant("R01EY026618", iei, pi, coPis)),
                LocalDate.parse("2018-06-30"));
        return new DepositSubmission(s.id(), md, s.files(), s.source());
    }

    @Test
    void sample1MakesAValidPackageThatOtherToolsCanUnpack() throws IOException {
        assumeTrue(TestArchives.hasSystemTar(), "needs the system's tar as an independent reader");
        DepositSubmission s = withGrantsAndEmbargo(Sample1.submission());
        PackageStream pkg = new ArchivingAssembler(new NihmsPackageProvider(), Clock.fixed(NOW, ZoneOffset.UTC))
                .assemble(s, new PackageOptions(null, null, List.of(),
                        Map.of("funder-mapping", Map.of("johnshopkins.edu:funder:300484", "nih"))));
        // hour 09, minutes 07: PASS would have written the month (11) where the minutes go
        assertThat(pkg.name()).isEqualTo("nihms-native-2017-07_2026-11-23_09-07-05_15.tar.gz");
        Path tgz = TestArchives.write(pkg, dir);
        Path out = TestArchives.untarTo(tgz, dir.resolve("unpacked"));

        byte[] meta = Files.readAllBytes(out.resolve("bulk_meta.xml"));
        assertThat(new NihmsOracle().errors(meta)).isEmpty();
        Document doc = NihmsOracle.parse(meta);
        assertThat(doc.getDocumentElement().getAttribute("embargo-months"))
                .as("embargo ended before the 2018-09-12 publication").isEqualTo("0");
        assertThat(doc.getDocumentElement().getAttribute("doi")).isEqualTo("10.1039/c7fo01251a");
        assertThat(NihmsBulkMetaWriterTest.texts(doc, "nlm-ta")).containsExactly("Food Funct");
        assertThat(NihmsBulkMetaWriterTest.attrs(doc, "grant", "id")).containsExactly("R01EY026617");
        assertThat(NihmsBulkMetaWriterTest.attrs(doc, "person", "email")).containsExactly("suzannev@jhu.edu");

        List<NihmsOracle.Line> lines = NihmsOracle.parseManifest(Files.readAllBytes(out.resolve("manifest.txt")));
        assertThat(lines.get(0)).isEqualTo(new NihmsOracle.Line("bulksub_meta_xml", "", "bulk_meta.xml"));
        assertThat(lines.get(1).type()).isEqualTo("manuscript");
        assertThat(lines.get(1).fileName()).isEqualTo("Sample2.doc");
        assertThat(lines).hasSize(s.files().size() + 1);

        List<Resource> custodial = pkg.metadata().resources().stream().filter(r -> !r.supplemental()).toList();
        for (int i = 0; i < s.files().size(); i++) {
            SubmissionFile f = s.files().get(i);
            String packaged = custodial.get(i).path();
            assertThat(Files.readAllBytes(out.resolve(packaged))).as(f.name())
                    .isEqualTo(Files.readAllBytes(Sample1.filesDir().resolve(f.location())));
            assertThat(lines).anySatisfy(l -> assertThat(l.fileName()).isEqualTo(packaged));
        }
        assertThat(pkg.metadata().renames()).containsEntry("manifest.txt", "manifest-2.txt")
                .containsEntry("bulk_meta.xml", "bulk_meta-2.xml");
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).hasSize(s.files().size() + 2)
                    .contains("ilford panf.pdf", "manifest-2.txt", "bulk_meta-2.xml", "Figure1.tif");
        }
    }
}
