package org.depositservices.packaging.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.PackageMetadata;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.TestArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BagIt packages of the corpus's PASS sample, checked by the Library of Congress's own verifier (gov.loc bagit-java)
 * after unpacking with the JDK's zip reader or the system's tar, by checksums computed here from the corpus files,
 * and by our validator.
 */
class BagItPackageTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC);
    private static final PackageOptions SHA512_AND_MD5 =
            new PackageOptions(null, null, List.of(ChecksumAlgorithm.SHA512, ChecksumAlgorithm.MD5), Map.of());

    private final Assembler bagit = new ArchivingAssembler(new BagItPackageProvider(), CLOCK);

    @TempDir
    Path temp;

    @Test
    void sampleBagIsValidForTheLibraryOfCongressVerifierAndCarriesEveryFileUnderItsName() throws Exception {
        PackageStream pkg = bagit.assemble(Sample1.submission(), SHA512_AND_MD5);
        Path zip = TestArchives.write(pkg, temp);

        Path bag = TestArchives.unzipTo(zip, temp.resolve("unzipped")).resolve("bagit_2026-11-23_10-01-02_15");
        assertThat(pkg.name()).isEqualTo("bagit_2026-11-23_10-01-02_15.zip");
        verifyWithLibraryOfCongress(bag);
        assertThat(new BagValidator().validate(bag).problems()).isEmpty();

        try (Stream<Path> files = Files.list(Sample1.filesDir())) {
            for (Path original : (Iterable<Path>) files::iterator) {
                Path packaged = bag.resolve("data").resolve(original.getFileName().toString());
                assertThat(packaged).as("payload file for %s", original.getFileName()).exists();
                assertThat(Files.readAllBytes(packaged)).isEqualTo(Files.readAllBytes(original));
            }
        }
        // User files named like NIHMS's manifest.txt and bulk_meta.xml stay as they are: they live in data/.
        assertThat(pkg.metadata().renames()).isEmpty();
    }

    @Test
    void filesStoredWithOnlySha256AndMd5RecordedMakeTheSameValidBag() throws Exception {
        // No recorded SHA-512 or CRC-32: the SHA-256 is re-checked on the side and compressed files are deflated
        // at level 0 instead of stored; the bag's contents are the same.
        PackageStream older = bagit.assemble(Sample1.submissionWithOlderDigests(), null);
        Path zip = TestArchives.write(older, temp.resolve("older"));
        Path bag = TestArchives.unzipTo(zip, temp.resolve("unzipped")).resolve("bagit_2026-11-23_10-01-02_15");
        verifyWithLibraryOfCongress(bag);
        assertThat(new BagValidator().validate(bag).problems()).isEmpty();

        Map<String, byte[]> now = TestArchives.unzip(TestArchives.write(bagit.assemble(Sample1.submission(), null),
                temp.resolve("now")));
        assertThat(TestArchives.unzip(zip)).containsOnlyKeys(now.keySet()).allSatisfy((name, bytes) ->
                assertThat(bytes).as(name).isEqualTo(now.get(name)));
    }

    @Test
    void manifestsListTheChecksumsOfTheOriginalFiles() throws Exception {
        Path zip = TestArchives.write(bagit.assemble(Sample1.submission(), SHA512_AND_MD5), temp);
        Map<String, byte[]> entries = TestArchives.unzip(zip);
        String root = "bagit_2026-11-23_10-01-02_15/";

        String sha512 = new String(entries.get(root + "manifest-sha512.txt"), StandardCharsets.UTF_8);
        String md5 = new String(entries.get(root + "manifest-md5.txt"), StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(Sample1.filesDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertThat(sha512).contains(Sample1.hex("SHA-512", f) + "  data/" + f.getFileName() + "\n");
                assertThat(md5).contains(Sample1.hex("MD5", f) + "  data/" + f.getFileName() + "\n");
            }
        }
        assertThat(sha512.lines()).hasSize(8);
        // bagit.txt comes first, so a streaming reader knows at once it has a bag.
        assertThat(entries.keySet().iterator().next()).isEqualTo(root + "bagit.txt");
        assertThat(entries.get(root + "bagit.txt"))
                .isEqualTo("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bagInfoDescribesTheSubmissionWithPayloadOxumAsOctetsDotFileCount() throws Exception {
        Path zip = TestArchives.write(bagit.assemble(Sample1.submission(), null), temp);
        Path bag = TestArchives.unzipTo(zip, temp.resolve("u")).resolve("bagit_2026-11-23_10-01-02_15");

        long octets = 0;
        try (Stream<Path> files = Files.list(Sample1.filesDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                octets += Files.size(f);
            }
        }
        gov.loc.repository.bagit.domain.Bag loc = new gov.loc.repository.bagit.reader.BagReader().read(bag);
        // PASS wrote count.bytes here; RFC 8493 wants octets.streamcount.
        assertThat(loc.getMetadata().get("Payload-Oxum")).containsExactly(octets + ".8");
        assertThat(loc.getMetadata().get("Contact-Name")).containsExactly("Suzanne Vega");
        assertThat(loc.getMetadata().get("Contact-Email")).containsExactly("suzannev@jhu.edu");
        assertThat(loc.getMetadata().get("Contact-Phone")).isNull();
        assertThat(loc.getMetadata().get("External-Identifier")).containsExactly("15");
        assertThat(loc.getMetadata().get("Bagging-Date")).containsExactly("2026-11-23");
        assertThat(loc.getMetadata().get("External-Description").get(0)).startsWith("Specific protein supplementation");
        assertThat(loc.getPayLoadManifests()).extracting(m -> m.getAlgorithm().getBagitName())
                .containsExactly("sha512");
        verifyWithLibraryOfCongress(bag);
    }

    @Test
    void bagInfoOptionAddsOrganizationElementsAndReplacesDefaults() throws Exception {
        Map<String, Object> bagInfo = Map.of(
                "Source-Organization", "Johns Hopkins University",
                "Contact-Phone", "+1 410-555-0100",
                "contact-email", "deposits@jhu.edu",
                "Internal-Sender-Description", List.of("first line\nsecond line", "another"));
        PackageOptions options = PackageOptions.fromConfig(Map.of("bag-info", bagInfo));
        Path zip = TestArchives.write(bagit.assemble(Sample1.submission(), options), temp);
        Path bag = TestArchives.unzipTo(zip, temp.resolve("u")).resolve("bagit_2026-11-23_10-01-02_15");

        Bag read = new BagReader().read(bag);
        assertThat(read.info("Source-Organization")).containsExactly("Johns Hopkins University");
        assertThat(read.info("Contact-Phone")).containsExactly("+1 410-555-0100");
        assertThat(read.info("Contact-Email")).containsExactly("deposits@jhu.edu");
        assertThat(read.info("Internal-Sender-Description")).containsExactly("first line second line", "another");
        verifyWithLibraryOfCongress(bag);
    }

    @Test
    void computedBagInfoElementsCannotBeSetByOptions() {
        PackageOptions options = PackageOptions.fromConfig(Map.of("bag-info", Map.of("Payload-Oxum", "1.1")));

        assertThatThrownBy(() -> bagit.assemble(Sample1.submission(), options))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("computed")
                .extracting(e -> ((PackagingException) e).field())
                .isEqualTo("assembler.options.bag-info.Payload-Oxum");
        assertThatThrownBy(() -> bagit.assemble(Sample1.submission(),
                PackageOptions.fromConfig(Map.of("bag-info", Map.of("Bad: label", "x")))))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("must not");
    }

    @Test
    void tarGzBagUnpacksWithTheSystemTarAndIsValid() throws Exception {
        assumeTrue(TestArchives.hasSystemTar(), "no tar command on this machine");
        PackageOptions options = new PackageOptions(PackageOptions.Archive.TAR, PackageOptions.Compression.GZIP,
                List.of(ChecksumAlgorithm.SHA256), Map.of());
        PackageStream pkg = bagit.assemble(Sample1.submission(), options);
        Path tgz = TestArchives.write(pkg, temp);

        assertThat(pkg.name()).endsWith(".tar.gz");
        assertThat(pkg.mimeType()).isEqualTo("application/gzip");
        Path bag = TestArchives.untarTo(tgz, temp.resolve("untarred")).resolve("bagit_2026-11-23_10-01-02_15");
        verifyWithLibraryOfCongress(bag);
        assertThat(Files.readAllBytes(bag.resolve("data/ilford panf.pdf")))
                .isEqualTo(Files.readAllBytes(Sample1.filesDir().resolve("ilford panf.pdf")));
    }

    @Test
    void metadataGivesTheSizeAndChecksumsOfTheBytesWrittenAndEveryFileInTheBag() throws Exception {
        PackageOptions options = new PackageOptions(null, null, SHA512_AND_MD5.algorithms(),
                List.of(ChecksumAlgorithm.SHA512, ChecksumAlgorithm.MD5), Map.of());
        PackageStream pkg = bagit.assemble(Sample1.submission(), options);
        Path zip = TestArchives.write(pkg, temp);
        PackageMetadata m = pkg.metadata();

        assertThat(m.size()).isEqualTo(Files.size(zip));
        assertThat(m.checksums()).containsOnlyKeys(ChecksumAlgorithm.SHA512, ChecksumAlgorithm.MD5)
                .containsEntry(ChecksumAlgorithm.SHA512, Sample1.hex("SHA-512", zip))
                .containsEntry(ChecksumAlgorithm.MD5, Sample1.hex("MD5", zip));
        assertThat(m.spec()).isEqualTo(BagItPackageProvider.SPEC);
        assertThat(m.mimeType()).isEqualTo("application/zip");
        assertThat(m.resources()).filteredOn(r -> !r.supplemental()).hasSize(8);
        assertThat(m.resources()).filteredOn(r -> r.supplemental()).extracting(r -> r.path().replaceAll(".*/", ""))
                .containsExactlyInAnyOrder("bagit.txt", "bag-info.txt", "metadata.json", "manifest-sha512.txt",
                        "manifest-md5.txt", "tagmanifest-sha512.txt", "tagmanifest-md5.txt");
        assertThat(m.resources()).filteredOn(r -> r.path().endsWith("/Chart.jpg")).singleElement()
                .satisfies(r -> {
                    assertThat(r.mimeType()).isEqualTo("image/jpeg");
                    assertThat(r.checksums().get(ChecksumAlgorithm.SHA512))
                            .isEqualTo(Sample1.hex("SHA-512", Sample1.filesDir().resolve("Chart.jpg")));
                });
    }

    @Test
    void theSamePackageWrittenTwiceOrReadThroughOpenIsTheSameBytes() throws Exception {
        PackageStream pkg = bagit.assemble(Sample1.submission(), null);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        pkg.writeTo(first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        pkg.writeTo(second);
        byte[] read;
        try (InputStream in = pkg.open()) {
            read = in.readAllBytes();
        }

        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(read).isEqualTo(first.toByteArray());
        assertThat(pkg.metadata().size()).isEqualTo(first.size());
    }

    private static void verifyWithLibraryOfCongress(Path bag) throws Exception {
        gov.loc.repository.bagit.domain.Bag loc = new gov.loc.repository.bagit.reader.BagReader().read(bag);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(loc, false);
        }
    }
}
