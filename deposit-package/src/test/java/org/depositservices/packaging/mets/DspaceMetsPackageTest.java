package org.depositservices.packaging.mets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.packaging.Resource;
import org.depositservices.packaging.mets.PackagingFixture.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class DspaceMetsPackageTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:07:05Z");
    static final MetsOracle ORACLE = new MetsOracle();

    @TempDir
    Path dir;

    final Assembler assembler = new ArchivingAssembler(new DspaceMetsPackageProvider(), Clock.fixed(NOW, ZoneOffset.UTC));

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Unpacks the zip and checks everything an operator relies on: mets.xml at the root, last, valid against the
     * METS schema and the profile's structural rules, listing exactly the user's files with their real sizes and
     * MD5s; each user file byte for byte at the path the package metadata gives.
     */
    static Map<String, byte[]> assertGoodPackage(PackageStream pkg, byte[] zip, List<Content> files)
            throws IOException {
        Map<String, byte[]> entries = PackagingFixture.unzip(zip);
        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(names).last().isEqualTo("mets.xml");
        assertThat(names).allSatisfy(n -> assertThat(n).doesNotContain("/"));
        byte[] mets = entries.get("mets.xml");
        assertThat(ORACLE.errors(mets)).as("schema errors in\n%s", new String(mets, StandardCharsets.UTF_8)).isEmpty();

        Map<String, byte[]> userEntries = new LinkedHashMap<>(entries);
        userEntries.remove("mets.xml");
        Document doc = MetsOracle.parse(mets);
        assertThat(MetsStructure.problems(doc, userEntries)).isEmpty();

        List<Resource> custodial = PackagingFixture.custodial(pkg);
        assertThat(custodial).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            Resource r = custodial.get(i);
            assertThat(entries.get(r.path())).as("bytes of '%s' packaged as '%s'", files.get(i).name(), r.path())
                    .isEqualTo(files.get(i).bytes());
            assertThat(MetsStructure.files(doc).get(r.path()).md5())
                    .isEqualTo(PackagingFixture.hex("MD5", files.get(i).bytes()));
            assertThat(MetsHref.isLiteral(r.path())).as("DSpace looks '%s' up literally", r.path()).isTrue();
        }
        assertThat(pkg.metadata().size()).isEqualTo(zip.length);
        assertThat(pkg.metadata().checksums()).containsOnlyKeys(ChecksumAlgorithm.SHA256)
                .containsEntry(ChecksumAlgorithm.SHA256, PackagingFixture.hex("SHA-256", zip));
        return entries;
    }

    @Test
    void awkwardNamesRoundTripAndMetsDescribesTheRealBytes() throws IOException {
        List<Content> files = List.of(
                new Content("manuscript.docx", FileRole.MANUSCRIPT, "the manuscript", utf8("words")),
                new Content("ilford panf.pdf", FileRole.SUPPLEMENTAL, "with a space", utf8("%PDF-1.4\n")),
                new Content("Ünïcödé 日本.png", FileRole.FIGURE, null, new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
                new Content("empty.txt", FileRole.SUPPLEMENTAL, null, new byte[0]),
                new Content("1.csv", FileRole.TABLE, null, utf8("a,b\n1,2\n")));
        SubmissionMetadata md = DspaceMetsWriterTest.full("Title & <more>", LocalDate.parse("2027-05-01"));
        DepositSubmission s = PackagingFixture.submission(dir, "sub/15", md, files);
        PackageStream pkg = assembler.assemble(s, null);

        assertThat(pkg.name()).isEqualTo("dspace-mets_2026-11-23_09-07-05_sub-15.zip");
        assertThat(pkg.mimeType()).isEqualTo("application/zip");
        assertThat(pkg.spec()).isEqualTo("http://purl.org/net/sword/package/METSDSpaceSIP");
        Map<String, byte[]> entries = assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
        assertThat(entries.keySet()).containsExactly("manuscript.docx", "ilford panf.pdf", "Ünïcödé 日本.png",
                "empty.txt", "1.csv", "mets.xml");
        Document doc = MetsOracle.parse(entries.get("mets.xml"));
        assertThat(doc.getDocumentElement().getAttribute("OBJID")).isEqualTo("sub/15");
        assertThat(MetsStructure.elements(doc, "metsHdr").get(0).getAttribute("CREATEDATE"))
                .isEqualTo("2026-11-23T09:07:05Z");
        assertThat(MetsStructure.elements(doc, "dmdSec")).hasSize(2);
        assertThat(MetsStructure.files(doc).get("ilford panf.pdf").mimeType()).isEqualTo("application/pdf");
    }

    @Test
    void theStreamOpenedForReadingIsTheSamePackage() throws IOException {
        List<Content> files = List.of(new Content("a.pdf", FileRole.MANUSCRIPT, null, utf8("%PDF-1.4 a")));
        PackageStream pkg = assembler.assemble(PackagingFixture.submission(dir, "15",
                DspaceMetsWriterTest.full("t", null), files), null);
        byte[] read = PackagingFixture.readOpened(pkg);
        assertGoodPackage(pkg, read, files);
        assertThat(PackagingFixture.write(pkg)).isEqualTo(read);
    }

    @Test
    void aUserFileNamedMetsXmlIsRenamedAndListed() throws IOException {
        List<Content> files = List.of(
                new Content("paper.pdf", FileRole.MANUSCRIPT, null, utf8("%PDF")),
                new Content("mets.xml", FileRole.SUPPLEMENTAL, null, utf8("<not>the real mets</not>")),
                new Content("METS.XML", FileRole.SUPPLEMENTAL, null, utf8("<shouting/>")));
        PackageStream pkg = assembler.assemble(PackagingFixture.submission(dir, "15",
                DspaceMetsWriterTest.full("t", null), files), null);
        Map<String, byte[]> entries = assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
        assertThat(new String(entries.get("mets.xml"), StandardCharsets.UTF_8)).contains("DSpace METS SIP Profile");
        List<String> userPaths = PackagingFixture.custodial(pkg).stream().map(Resource::path).toList();
        assertThat(userPaths).doesNotContain("mets.xml").doesNotHaveDuplicates().hasSize(3);
        assertThat(userPaths.get(1)).isEqualTo("mets-2.xml");
        assertThat(pkg.metadata().renames()).containsKey("mets.xml");
    }

    @Test
    void namesAnHrefWouldHaveToEncodeGetUnderscoresSoDspaceFindsThem() throws IOException {
        List<Content> files = List.of(
                new Content("50% [final] #2?.pdf", FileRole.MANUSCRIPT, null, utf8("one")),
                new Content("50_ _final_ _2_.pdf", FileRole.SUPPLEMENTAL, null, utf8("two")));
        PackageStream pkg = assembler.assemble(PackagingFixture.submission(dir, "15",
                DspaceMetsWriterTest.full("t", null), files), null);
        Map<String, byte[]> entries = assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
        assertThat(entries.keySet()).contains("50_ _final_ _2_.pdf");
        assertThat(PackagingFixture.custodial(pkg)).extracting(Resource::path).doesNotHaveDuplicates();
        // The change is recorded, with DSpace's reason.
        assertThat(pkg.metadata().renames()).containsEntry("50% [final] #2?.pdf", "50_ _final_ _2_.pdf");
        assertThat(pkg.metadata().renameReasons().get("50% [final] #2?.pdf"))
                .contains("DSpace finds each file by its mets.xml href");
    }

    @Test
    void whatTheSpecNeedsIsCheckedBeforeAnythingIsWritten() throws IOException {
        List<Content> files = List.of(new Content("a.pdf", FileRole.MANUSCRIPT, null, utf8("a")));
        SubmissionMetadata untitled = new SubmissionMetadata(null, null, null, null, null);
        DepositSubmission s = PackagingFixture.submission(dir, "15", untitled, files);
        assertThatThrownBy(() -> assembler.assemble(s, null)).isInstanceOf(PackagingException.class)
                .satisfies(e -> assertThat(((PackagingException) e).field()).isEqualTo("publication.title"));

        DepositSubmission ok = PackagingFixture.submission(dir, "16", DspaceMetsWriterTest.full("t", null), files);
        assertThatThrownBy(() -> assembler.assemble(ok, new PackageOptions(null, null,
                List.of(ChecksumAlgorithm.SHA256), Map.of()))).isInstanceOf(PackagingException.class)
                .hasMessageContaining("add md5 to assembler.options.algorithms");
        assertThatThrownBy(() -> assembler.assemble(ok, new PackageOptions(PackageOptions.Archive.TAR, null,
                List.of(), Map.of()))).isInstanceOf(PackagingException.class)
                .hasMessageContaining("DSpace METS SIP is a zip");
        assertThatThrownBy(() -> assembler.assemble(ok, new PackageOptions(null, null, List.of(),
                Map.of("embargo-lift-field", "nope")))).isInstanceOf(PackagingException.class)
                .hasMessageContaining("assembler.options.embargo-lift-field");
    }

    @Test
    void extraAlgorithmsAreFineAsLongAsMd5IsAmongThem() throws IOException {
        List<Content> files = List.of(new Content("a.pdf", FileRole.MANUSCRIPT, null, utf8("a")));
        PackageStream pkg = assembler.assemble(PackagingFixture.submission(dir, "15",
                DspaceMetsWriterTest.full("t", null), files),
                new PackageOptions(null, null, List.of(ChecksumAlgorithm.SHA512, ChecksumAlgorithm.MD5), Map.of()));
        assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
    }

    @Test
    void seededRandomSubmissionsAlwaysGiveValidPackages() throws IOException {
        long seed = Long.getLong("packaging.seed", 20261123L);
        Random rnd = new Random(seed);
        for (int round = 0; round < 12; round++) {
            List<Content> files = PackagingFixture.randomFiles(rnd, 8, round % 4 == 0 ? 2 << 20 : 64 << 10);
            Path roundDir = dir.resolve("r" + round);
            java.nio.file.Files.createDirectories(roundDir);
            PackageStream pkg = assembler.assemble(PackagingFixture.submission(roundDir, "round-" + round,
                    DspaceMetsWriterTest.full("Round " + round + " ✓ & <ok>", LocalDate.parse("2027-01-01")), files),
                    null);
            try {
                assertGoodPackage(pkg, PackagingFixture.write(pkg), files);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", round " + round + ", files "
                        + files.stream().map(Content::name).toList() + ": " + e.getMessage(), e);
            }
        }
    }
}
