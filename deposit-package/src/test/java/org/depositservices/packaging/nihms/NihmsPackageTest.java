package org.depositservices.packaging.nihms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.packaging.Resource;
import org.depositservices.packaging.mets.PackagingFixture;
import org.depositservices.packaging.mets.PackagingFixture.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class NihmsPackageTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:07:05Z");
    static final NihmsOracle ORACLE = new NihmsOracle();
    static final PackageOptions NEI_IS_NIH = new PackageOptions(null, null, List.of(),
            Map.of("funder-mapping", Map.of("johnshopkins.edu:funder:300484", "nih")));

    @TempDir
    Path dir;

    final Assembler assembler = new ArchivingAssembler(new NihmsPackageProvider(), Clock.fixed(NOW, ZoneOffset.UTC));

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static SubmissionMetadata md(LocalDate embargoEnd) {
        return NihmsBulkMetaWriterTest.md("Soya & casein <vs> \"whey\" ✓", NihmsBulkMetaWriterTest.journal(),
                List.of(NihmsBulkMetaWriterTest.grant("R01EY026617", NihmsBulkMetaWriterTest.NEI),
                        NihmsBulkMetaWriterTest.grant("R01EY026618", NihmsBulkMetaWriterTest.IEI)),
                embargoEnd, "2018-09-12");
    }

    /**
     * Unpacks the tar.gz and checks what NIHMS relies on: every entry at the root; bulk_meta.xml valid against the
     * DTD; manifest.txt well-formed (bulk_meta first, labels, unique names) and listing exactly the other entries,
     * each user file with the type of its role; every user file byte for byte.
     */
    static Map<String, byte[]> assertGoodPackage(PackageStream pkg, byte[] tgz, List<Content> files)
            throws IOException {
        Map<String, byte[]> entries = PackagingFixture.untarGz(tgz);
        assertThat(entries.keySet()).allSatisfy(n -> assertThat(n).doesNotContain("/"));
        assertThat(entries).containsKeys("manifest.txt", "bulk_meta.xml");
        byte[] meta = entries.get("bulk_meta.xml");
        assertThat(ORACLE.errors(meta)).as("DTD errors in\n%s", new String(meta, StandardCharsets.UTF_8)).isEmpty();

        List<NihmsOracle.Line> lines = NihmsOracle.parseManifest(entries.get("manifest.txt"));
        List<String> listed = lines.stream().map(NihmsOracle.Line::fileName).toList();
        List<String> expected = new ArrayList<>(entries.keySet());
        expected.remove("manifest.txt");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);

        List<Resource> custodial = PackagingFixture.custodial(pkg);
        assertThat(custodial).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            Resource r = custodial.get(i);
            assertThat(entries.get(r.path())).as("bytes of '%s' packaged as '%s'", files.get(i).name(), r.path())
                    .isEqualTo(files.get(i).bytes());
            String type = lines.stream().filter(l -> l.fileName().equals(r.path())).findFirst().orElseThrow().type();
            assertThat(type).isEqualTo(NihmsFileType.of(files.get(i).role()).code());
        }
        assertThat(pkg.metadata().size()).isEqualTo(tgz.length);
        return entries;
    }

    @Test
    void fullSubmissionGivesAValidTarGzWithManifestAndBulkMeta() throws IOException {
        List<Content> files = List.of(
                new Content("figure 1.png", FileRole.FIGURE, "Figure 1: gut growth", new byte[] {1, 2}),
                new Content("Manuscript ü.docx", FileRole.MANUSCRIPT, "the manuscript", utf8("words")),
                new Content("table.ods", FileRole.TABLE, "Table\t1\nweights", utf8("t")),
                new Content("figure 2.png", FileRole.FIGURE, "Figure 1: gut growth", new byte[] {3}),
                new Content("empty supplement.txt", FileRole.SUPPLEMENTAL, null, new byte[0]));
        DepositSubmission s = PackagingFixture.submission(dir, "15", md(LocalDate.parse("2019-03-12")), files);
        PackageStream pkg = assembler.assemble(s, NEI_IS_NIH);
        assertThat(pkg.name()).isEqualTo("nihms-native-2017-07_2026-11-23_09-07-05_15.tar.gz");
        assertThat(pkg.mimeType()).isEqualTo("application/gzip");

        Map<String, byte[]> entries = assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
        assertThat(NihmsOracle.parseManifest(entries.get("manifest.txt"))).containsExactly(
                new NihmsOracle.Line("bulksub_meta_xml", "", "bulk_meta.xml"),
                new NihmsOracle.Line("manuscript", "the manuscript", "Manuscript ü.docx"),
                new NihmsOracle.Line("figure", "Figure 1: gut growth", "figure 1.png"),
                new NihmsOracle.Line("table", "Table 1 weights", "table.ods"),
                new NihmsOracle.Line("figure", "Figure 1: gut growth (2)", "figure 2.png"),
                new NihmsOracle.Line("supplement", "empty supplement.txt", "empty supplement.txt"));
        Document doc = NihmsOracle.parse(entries.get("bulk_meta.xml"));
        assertThat(doc.getDocumentElement().getAttribute("embargo-months")).isEqualTo("6");
        assertThat(NihmsBulkMetaWriterTest.attrs(doc, "grant", "id")).containsExactly("R01EY026617");
    }

    @Test
    void userFilesNamedLikeTheSpecsFilesAreRenamedAndListedByRole() throws IOException {
        List<Content> files = List.of(
                new Content("paper.pdf", FileRole.MANUSCRIPT, null, utf8("%PDF")),
                new Content("manifest.txt", FileRole.SUPPLEMENTAL, "theirs", utf8("this is a file with the same name")),
                new Content("bulk_meta.xml", FileRole.SUPPLEMENTAL, "theirs too", utf8("<x/>")),
                new Content("Manifest.TXT", FileRole.SUPPLEMENTAL, "shouting", utf8("!")));
        PackageStream pkg = assembler.assemble(PackagingFixture.submission(dir, "15", md(null), files), NEI_IS_NIH);
        Map<String, byte[]> entries = assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
        assertThat(new String(entries.get("manifest.txt"), StandardCharsets.UTF_8)).startsWith("bulksub_meta_xml\t");
        assertThat(new String(entries.get("bulk_meta.xml"), StandardCharsets.UTF_8)).contains("<manuscript-submit");
        assertThat(PackagingFixture.custodial(pkg)).extracting(Resource::path)
                .containsExactly("paper.pdf", "manifest-2.txt", "bulk_meta-2.xml", "Manifest-3.TXT");
        assertThat(pkg.metadata().renames()).containsKeys("manifest.txt", "bulk_meta.xml");
    }

    @Test
    void lineBreaksInNamesBecomeUnderscoresBecauseTheManifestIsOneLinePerFile() throws IOException {
        List<Content> files = List.of(
                new Content("paper.pdf", FileRole.MANUSCRIPT, null, utf8("%PDF")),
                new Content("two\nlines\r.txt", FileRole.SUPPLEMENTAL, "notes", utf8("x")),
                new Content("100% kept.txt", FileRole.SUPPLEMENTAL, "percent", utf8("y")));
        PackageStream pkg = assembler.assemble(PackagingFixture.submission(dir, "15", md(null), files), NEI_IS_NIH);
        Map<String, byte[]> entries = assertGoodPackage(pkg, PackagingFixture.write(pkg), files);

        assertThat(entries).containsKeys("two_lines_.txt", "100% kept.txt");
        assertThat(pkg.metadata().renames()).containsOnly(Map.entry("two\nlines\r.txt", "two_lines_.txt"));
        assertThat(pkg.metadata().renameReasons().get("two\nlines\r.txt"))
                .contains("NIHMS's manifest.txt lists one file per line");
    }

    @Test
    void requiredFieldsFailBeforeAnythingIsWrittenNamingTheJsonPath() throws IOException {
        List<Content> noManuscript = List.of(new Content("f.png", FileRole.FIGURE, null, utf8("x")));
        assertThatThrownBy(() -> assembler.assemble(PackagingFixture.submission(dir, "15", md(null), noManuscript),
                NEI_IS_NIH)).isInstanceOf(PackagingException.class)
                .satisfies(e -> assertThat(((PackagingException) e).field()).isEqualTo("files[role=manuscript]"));
        assertThatThrownBy(() -> assembler.assemble(PackagingFixture.submission(dir, "15", md(null),
                List.of(new Content("m.pdf", FileRole.MANUSCRIPT, null, utf8("x")))),
                new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE, List.of(), Map.of())))
                .isInstanceOf(PackagingException.class).hasMessageContaining("tar.gz");
        assertThatThrownBy(() -> assembler.assemble(PackagingFixture.submission(dir, "15", md(null),
                List.of(new Content("m.pdf", FileRole.MANUSCRIPT, null, utf8("x")))),
                new PackageOptions(null, null, List.of(), Map.of("funder-mapping", Map.of("k", "nsf")))))
                .isInstanceOf(PackagingException.class).hasMessageContaining("assembler.options.funder-mapping");
    }

    @Test
    void noGrantsNoAuthorsAndAFarEmbargoStillGiveAValidPackage() throws IOException {
        SubmissionMetadata md = NihmsBulkMetaWriterTest.md("t", NihmsBulkMetaWriterTest.journal(), List.of(),
                LocalDate.parse("2100-01-01"), null);
        List<Content> files = List.of(new Content("m.pdf", FileRole.MANUSCRIPT, null, utf8("x")));
        PackageStream pkg = assembler.assemble(PackagingFixture.submission(dir, "15", md, files), null);
        Map<String, byte[]> entries = assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
        Document doc = NihmsOracle.parse(entries.get("bulk_meta.xml"));
        assertThat(doc.getDocumentElement().getAttribute("embargo-months")).isEqualTo("12");
        assertThat(doc.getElementsByTagName("grants").getLength()).isZero();
    }

    @Test
    void seededRandomSubmissionsAlwaysGiveValidPackages() throws IOException {
        long seed = Long.getLong("packaging.seed", 20261124L);
        Random rnd = new Random(seed);
        for (int round = 0; round < 12; round++) {
            List<Content> files = PackagingFixture.randomFiles(rnd, 8, round % 4 == 0 ? 2 << 20 : 64 << 10);
            Path roundDir = Files.createDirectories(dir.resolve("r" + round));
            PackageStream pkg = assembler.assemble(PackagingFixture.submission(roundDir, "round-" + round,
                    md(LocalDate.parse("2019-01-01").plusMonths(rnd.nextInt(30))), files), NEI_IS_NIH);
            try {
                byte[] tgz = round % 3 == 0 ? PackagingFixture.readOpened(pkg) : PackagingFixture.write(pkg);
                assertGoodPackage(pkg, tgz, files);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", round " + round + ", files "
                        + files.stream().map(Content::name).toList() + ": " + e.getMessage(), e);
            }
        }
    }
}
