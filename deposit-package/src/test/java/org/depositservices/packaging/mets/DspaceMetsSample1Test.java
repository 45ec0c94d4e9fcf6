package org.depositservices.packaging.mets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.depositservices.model.SubmissionFile;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.Resource;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.TestArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The corpus's PASS sample1 as a DSpace METS SIP, checked against the METS schema and the real files. */
class DspaceMetsSample1Test {

    @TempDir
    Path dir;

    @Test
    void sample1MakesAValidSipWhoseMetsDescribesEveryFileExactly() throws IOException {
        DepositSubmission s = Sample1.submission();
        PackageStream pkg = new ArchivingAssembler(new DspaceMetsPackageProvider(),
                Clock.fixed(Instant.parse("2026-11-23T09:07:05Z"), ZoneOffset.UTC)).assemble(s, null);
        Path zip = TestArchives.write(pkg, dir);
        Map<String, byte[]> entries = TestArchives.unzip(zip);

        byte[] mets = entries.remove("mets.xml");
        assertThat(new MetsOracle().errors(mets)).isEmpty();
        Document doc = MetsOracle.parse(mets);
        assertThat(MetsStructure.problems(doc, entries)).isEmpty();

        // every user file, byte for byte, under its own name (no name clashes with mets.xml in sample1)
        assertThat(entries).hasSize(s.files().size());
        for (SubmissionFile f : s.files()) {
            assertThat(entries.get(f.name())).as(f.name())
                    .isEqualTo(Files.readAllBytes(Sample1.filesDir().resolve(f.location())));
        }
        assertThat(entries).containsKeys("ilford panf.pdf", "manifest.txt", "bulk_meta.xml", "Figure1.tif");
        assertThat(entries.get("Figure1.tif")).isEmpty();
        assertThat(MetsStructure.files(doc).get("Figure1.tif").md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(pkg.metadata().resources()).filteredOn(r -> !r.supplemental()).extracting(Resource::path)
                .containsExactlyElementsOf(s.files().stream().map(SubmissionFile::name).toList());

        String title = "Specific protein supplementation using soya, casein or whey differentially affects regional"
                + " gut growth and luminal growth factor bioactivity in rats; implications for the treatment of gut"
                + " injury and stimulating repair";
        assertThat(DspaceMetsWriterTest.text(doc, DspaceMetsWriter.DC_NS, "title")).containsExactly(title);
        assertThat(DspaceMetsWriterTest.text(doc, DspaceMetsWriter.DC_NS, "creator")).hasSize(6)
                .startsWith("Tania Marchbank");
        assertThat(DspaceMetsWriterTest.text(doc, DspaceMetsWriter.DC_NS, "identifier"))
                .containsExactly("https://doi.org/10.1039/c7fo01251a");
        assertThat(DspaceMetsWriterTest.text(doc, DspaceMetsWriter.DCTERMS_NS, "bibliographicCitation").get(0))
                .contains("(2018). " + title + ". Food & Function, 9(1). https://doi.org/10.1039/c7fo01251a");
        Map<String, String> mimeTypes = new LinkedHashMap<>();
        MetsStructure.files(doc).forEach((p, f) -> mimeTypes.put(p, f.mimeType()));
        assertThat(mimeTypes).containsEntry("ilford panf.pdf", "application/pdf").containsEntry("Figure2.png",
                "image/png");
        assertThat(new String(mets, StandardCharsets.UTF_8)).contains("xlink:href=\"ilford panf.pdf\"");
    }
}
