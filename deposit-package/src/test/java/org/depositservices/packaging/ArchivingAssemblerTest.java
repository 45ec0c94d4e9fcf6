package org.depositservices.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionFile;
import org.depositservices.packaging.mets.PackagingFixture;
import org.depositservices.packaging.simple.SimpleZipPackageProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive machinery every spec shares, seen through the simple zip spec and a small NIHMS-like spec. */
class ArchivingAssemblerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC);

    private final List<Thread> writers = new CopyOnWriteArrayList<>();
    private final Assembler simple = new ArchivingAssembler(new SimpleZipPackageProvider(), CLOCK,
            new TikaMediaTypeDetector(), r -> {
                Thread t = new Thread(r, "test-package-writer");
                t.setDaemon(true);
                writers.add(t);
                return t;
            });

    @TempDir
    Path temp;

    @Test
    void simpleZipHoldsTheUsersFilesAndMetadataJsonAtItsTop() throws Exception {
        PackageStream pkg = simple.assemble(Sample1.submission(), null);
        Map<String, byte[]> entries = TestArchives.unzip(TestArchives.write(pkg, temp));

        assertThat(pkg.name()).isEqualTo("simple_2026-11-23_10-01-02_15.zip");
        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(Sample1.filesDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                expected.add(f.getFileName().toString());
                assertThat(entries.get(f.getFileName().toString())).isEqualTo(Files.readAllBytes(f));
            }
        }
        // and metadata.json, the record of what the package holds (MetadataJsonTest checks its content)
        expected.add("metadata.json");
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        // the whole package's checksum is SHA-256 whatever the files' algorithms (here md5 and sha256)
        assertThat(pkg.metadata().checksums()).containsOnlyKeys(ChecksumAlgorithm.SHA256);
        assertThat(pkg.metadata().resources()).allSatisfy(r ->
                assertThat(r.checksums()).containsOnlyKeys(ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA256));
    }

    @Test
    void namesThatWouldCollideOrEscapeAreMadeSafeAndReported() throws Exception {
        DepositSubmission s = submission(
                file("Chart.jpg", "1"), file("chart.JPG", "2"), file("../../etc/passwd", "3"),
                file("a\nb.txt", "4"), file("Chart.jpg", "5"), file("..", "6"));
        PackageStream pkg = simple.assemble(s, null);
        Map<String, byte[]> entries = TestArchives.unzip(TestArchives.write(pkg, temp));

        // A line feed is kept: zip holds it, and so do Linux and macOS file systems.
        assertThat(entries.keySet()).containsExactly("Chart.jpg", "chart-2.JPG", "passwd", "a\nb.txt", "Chart-3.jpg",
                "file", "metadata.json");
        assertThat(new String(entries.get("Chart-3.jpg"), StandardCharsets.UTF_8)).isEqualTo("5");
        assertThat(pkg.metadata().renames()).containsOnly(Map.entry("chart.JPG", "chart-2.JPG"),
                Map.entry("../../etc/passwd", "passwd"), Map.entry("Chart.jpg", "Chart-3.jpg"),
                Map.entry("..", "file"));
        assertThat(pkg.metadata().renameReasons()).containsOnlyKeys(pkg.metadata().renames().keySet());
        assertThat(pkg.metadata().renameReasons().get("../../etc/passwd")).contains("after the last '/'");
        assertThat(pkg.metadata().renameReasons().get("..")).contains("'..' is not a file name");
    }

    @Test
    void aUserFileNamedLikeASpecFileIsRenamedAndBothArePackaged() throws Exception {
        // Like NIHMS: the spec writes manifest.txt at the top, and sample1 has a user file of that name.
        Assembler nihmsLike = new ArchivingAssembler(new ManifestAtTopProvider(), CLOCK);
        PackageStream pkg = nihmsLike.assemble(Sample1.submission(), null);
        Map<String, byte[]> entries = TestArchives.unzip(TestArchives.write(pkg, temp));

        assertThat(new String(entries.get("manifest.txt"), StandardCharsets.UTF_8)).startsWith("files: 8");
        assertThat(entries.get("manifest-2.txt"))
                .isEqualTo(Files.readAllBytes(Sample1.filesDir().resolve("manifest.txt")));
        assertThat(pkg.metadata().renames()).containsExactly(Map.entry("manifest.txt", "manifest-2.txt"));
        assertThat(new String(entries.get("manifest.txt"), StandardCharsets.UTF_8))
                .contains("manifest-2.txt SUPPLEMENTAL text/plain");
    }

    @Test
    void invalidOptionsAndFilesAreRefusedWhenAssemblingNamingTheField() {
        DepositSubmission sample = Sample1.submission();
        assertField(() -> simple.assemble(sample, options(PackageOptions.Archive.NONE, null)),
                "assembler.options.archive");
        assertField(() -> simple.assemble(sample, options(PackageOptions.Archive.ZIP,
                PackageOptions.Compression.GZIP)), "assembler.options.compression");
        assertField(() -> simple.assemble(submission(), null), "files");
        SubmissionFile noSize = new SubmissionFile("a.txt", FileRole.MANUSCRIPT, null, null, -1, null, null, "a");
        assertField(() -> simple.assemble(new DepositSubmission("x", null, List.of(noSize), f -> null), null),
                "files[0].size");
    }

    @Test
    void aStoredFileWhoseBytesNoLongerMatchItsChecksumFailsThePackageNamingIt() {
        byte[] bytes = "the manuscript".getBytes(StandardCharsets.UTF_8);
        SubmissionFile f = new SubmissionFile("paper.txt", FileRole.MANUSCRIPT, null, null, bytes.length,
                "0".repeat(64), null, "k");
        PackageStream pkg = simple.assemble(new DepositSubmission("s", null, List.of(f),
                x -> new ByteArrayInputStream(bytes)), null);

        assertThatThrownBy(() -> pkg.writeTo(OutputStream.nullOutputStream()))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("paper.txt").hasMessageContaining("damaged")
                .extracting(e -> ((PackagingException) e).field()).isEqualTo("files[0]");
    }

    @Test
    void aStoredFileOfAnotherSizeThanRecordedFailsThePackageForZipAndTar() {
        for (PackageOptions.Archive archive : List.of(PackageOptions.Archive.ZIP, PackageOptions.Archive.TAR)) {
            for (int recorded : new int[] {5, 50}) {
                SubmissionFile f = new SubmissionFile("data.bin", FileRole.SUPPLEMENTAL, null, null, recorded, null,
                        null, "k");
                PackageStream pkg = simple.assemble(new DepositSubmission("s", null, List.of(f),
                        x -> new ByteArrayInputStream(new byte[20])), options(archive, null));
                assertThatThrownBy(() -> pkg.writeTo(OutputStream.nullOutputStream()))
                        .as("%s recorded %d", archive, recorded)
                        .isInstanceOf(PackagingException.class)
                        .hasMessageContaining("data.bin").hasMessageContaining(recorded + " bytes recorded")
                        .extracting(e -> ((PackagingException) e).field()).isEqualTo("files[0].size");
            }
        }
    }

    @Test
    void aFileTheStoreCannotFindFailsTheWriteWithAPackageSourceExceptionNamingFileAndLocation() {
        DepositSubmission sample = Sample1.submission();
        DepositSubmission lost = new DepositSubmission(sample.id(), sample.metadata(), sample.files(), f -> {
            if (f.name().equals("Figure1.tif")) {
                throw new NoSuchFileException("/store/" + f.location());
            }
            return sample.source().open(f);
        });
        PackageStream pkg = simple.assemble(lost, null);

        // Our store's failure, in a type of its own that transports let pass and the engine alone judges.
        assertThatThrownBy(() -> pkg.writeTo(OutputStream.nullOutputStream()))
                .isInstanceOf(PackageSourceException.class)
                .hasMessageContaining("Figure1.tif").hasMessageContaining("location Figure1.tif")
                .hasMessageContaining("submission 15").hasMessageContaining("missing from the content store")
                .extracting(e -> ((PackageSourceException) e).kind()).isEqualTo(PackageSourceException.Kind.MISSING);
        assertThatThrownBy(pkg::metadata).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(pkg.name()).hasMessageContaining("not been written");
    }

    @Test
    void openedPackageReportsAWriteFailureToItsReader() throws Exception {
        SubmissionFile f = new SubmissionFile("big.bin", FileRole.SUPPLEMENTAL, null, null, 3_000_000, "0".repeat(64),
                null, "k");
        PackageStream pkg = simple.assemble(new DepositSubmission("s", null, List.of(f),
                x -> new GeneratedInputStream(3_000_000, 1)), null);

        try (InputStream in = pkg.open()) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("big.bin")
                    .hasCauseInstanceOf(PackagingException.class);
        }
    }

    @Test
    void closingAnOpenedPackageEarlyStopsItsWriter() throws Exception {
        long size = 16L * 1024 * 1024;
        SubmissionFile f = new SubmissionFile("big.bin", FileRole.SUPPLEMENTAL, null, null, size, null, null, "k");
        PackageStream pkg = simple.assemble(new DepositSubmission("s", null, List.of(f),
                x -> new GeneratedInputStream(size, 7)), null);

        InputStream in = pkg.open();
        assertThat(in.read(new byte[1000])).isPositive();
        in.close();

        Thread writer = writers.get(0);
        writer.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(writer.isAlive()).as("writer thread still running after the reader closed").isFalse();
        assertThatThrownBy(pkg::metadata).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mediaTypeIsDetectedFromContentAndFallsBackToTheDeclaredOne() throws Exception {
        byte[] pdf = Files.readAllBytes(Sample1.filesDir().resolve("ilford panf.pdf"));
        byte[] unknown = new byte[] {1, 2, 3, 4};
        List<SubmissionFile> files = List.of(
                // declared text/plain in PASS's sample, but the bytes are a PDF
                new SubmissionFile("ilford panf.pdf", FileRole.SUPPLEMENTAL, null, "text/plain", pdf.length, null,
                        null, "pdf"),
                new SubmissionFile("weird.xyz123", FileRole.SUPPLEMENTAL, null, "application/x-thing",
                        unknown.length, null, null, "u"));
        PackageStream pkg = simple.assemble(new DepositSubmission("s", null, files,
                f -> new ByteArrayInputStream(f.location().equals("pdf") ? pdf : unknown)), null);
        pkg.writeTo(OutputStream.nullOutputStream());

        assertThat(pkg.metadata().resources()).filteredOn(r -> !r.supplemental())
                .extracting(Resource::path, Resource::mimeType).containsExactly(
                tuple("ilford panf.pdf", "application/pdf"),
                tuple("weird.xyz123", "application/x-thing"));
    }

    @Test
    void tarKeepsLongAndNonAsciiNamesForTheSystemTar() throws Exception {
        assumeTrue(TestArchives.hasSystemTar(), "no tar command");
        String longName = "a-very-long-file-name-".repeat(8) + "éñ.txt";
        DepositSubmission s = submission(file(longName, "x"), file("plain.txt", "y"));
        PackageStream pkg = simple.assemble(s, options(PackageOptions.Archive.TAR, PackageOptions.Compression.NONE));
        Path tar = TestArchives.write(pkg, temp);

        assertThat(pkg.mimeType()).isEqualTo("application/x-tar");
        assertThat(TestArchives.tarList(tar)).containsExactly(longName, "plain.txt", "metadata.json");
        Path out = TestArchives.untarTo(tar, temp.resolve("x"));
        assertThat(out.resolve(longName)).hasContent("x");
    }

    @Test
    void zipDeflatesTextButDoesNotDeflateAlreadyCompressedMediaAgain() throws Exception {
        Path zip = TestArchives.write(simple.assemble(Sample1.submission(), null), temp);
        Path older = TestArchives.write(simple.assemble(Sample1.submissionWithOlderDigests(), null),
                Files.createDirectories(temp.resolve("older")));

        try (ZipFile z = new ZipFile(zip.toFile()); ZipFile o = new ZipFile(older.toFile())) {
            // The store recorded the JPEG's CRC-32: stored as is, which needs the CRC in the local header.
            ZipEntry jpeg = z.getEntry("Chart.jpg");
            assertThat(jpeg.getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(jpeg.getCompressedSize()).isEqualTo(jpeg.getSize());
            assertThat(jpeg.getCrc()).isEqualTo(Long.parseLong(Sample1.crc32(Sample1.filesDir()
                    .resolve("Chart.jpg")), 16));
            ZipEntry doc = z.getEntry("Sample2.doc");
            assertThat(doc.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(doc.getCompressedSize()).isLessThan(doc.getSize() / 2);
            // No CRC recorded (stored before the store kept one): level 0 wraps the bytes in stored deflate
            // blocks, a few bytes of framing and no compression work.
            ZipEntry olderJpeg = o.getEntry("Chart.jpg");
            assertThat(olderJpeg.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(olderJpeg.getCompressedSize()).isBetween(jpeg.getSize(), jpeg.getSize() + 100);
        }
        // A streaming reader, which sees only local headers, reads both packages back byte for byte.
        for (Path p : List.of(zip, older)) {
            Map<String, byte[]> streamed = TestArchives.unzip(p);
            try (Stream<Path> files = Files.list(Sample1.filesDir())) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    assertThat(streamed.get(f.getFileName().toString())).as("%s in %s", f.getFileName(), p)
                            .isEqualTo(Files.readAllBytes(f));
                }
            }
        }
    }

    @Test
    void filesOfUnknownTypeAreDeflatedOnlyWhenTheirFirstBytesCompress() throws Exception {
        int mib = 1024 * 1024;
        byte[] csv = "12345,0.5\n".repeat(mib / 10).getBytes(StandardCharsets.US_ASCII);
        String crc = PackagingFixture.crc32(new GeneratedInputStream(mib, 5).readAllBytes());
        // Both named .bin: the type says nothing, the content decides.
        SubmissionFile random = new SubmissionFile("random.bin", FileRole.SUPPLEMENTAL, null, null, mib, null,
                null, "r", null, crc);
        SubmissionFile randomNoCrc = new SubmissionFile("random-older.bin", FileRole.SUPPLEMENTAL, null, null, mib,
                null, null, "r");
        SubmissionFile table = new SubmissionFile("table.bin", FileRole.SUPPLEMENTAL, null, null, csv.length, null,
                null, "t");
        DepositSubmission s = new DepositSubmission("s", null, List.of(random, randomNoCrc, table),
                f -> f.location().equals("r") ? new GeneratedInputStream(mib, 5) : new ByteArrayInputStream(csv));

        Path zip = TestArchives.write(simple.assemble(s, null), temp);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("random.bin").getMethod()).isEqualTo(ZipEntry.STORED);
            // Without a recorded CRC the entry is deflated (at level 0, which its size cannot show: deflate at any
            // level falls back to stored blocks for random bytes).
            ZipEntry older = z.getEntry("random-older.bin");
            assertThat(older.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(older.getCompressedSize()).isBetween((long) mib, mib + 1024L);
            ZipEntry t = z.getEntry("table.bin");
            assertThat(t.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(t.getCompressedSize()).isLessThan(csv.length / 10);
        }
        Map<String, byte[]> back = TestArchives.unzip(zip);
        assertThat(back.get("table.bin")).isEqualTo(csv);
        assertThat(back.get("random.bin")).isEqualTo(new GeneratedInputStream(mib, 5).readAllBytes());
        assertThat(back.get("random-older.bin")).isEqualTo(back.get("random.bin"));

        // tar.gz likewise: the random files pass through at level 0, the table shrinks.
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        simple.assemble(s, options(PackageOptions.Archive.TAR, PackageOptions.Compression.GZIP)).writeTo(tgz);
        assertThat(tgz.size()).isBetween(2 * mib, 2 * mib + csv.length / 10);
    }

    @Test
    void aStoredEntryWhoseBytesDoNotHaveTheRecordedCrcFailsThePackageNamingTheFile() {
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
        SubmissionFile f = new SubmissionFile("paper.pdf", FileRole.MANUSCRIPT, null, "application/pdf", pdf.length,
                PackagingFixture.hex("SHA-256", pdf), PackagingFixture.hex("MD5", pdf), "k",
                PackagingFixture.hex("SHA-512", pdf), "0badc0de");
        PackageStream pkg = simple.assemble(new DepositSubmission("s", null, List.of(f),
                x -> new ByteArrayInputStream(pdf)), null);

        assertThatThrownBy(() -> pkg.writeTo(OutputStream.nullOutputStream()))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("paper.pdf").hasMessageContaining("CRC-32").hasMessageContaining("0badc0de")
                .extracting(e -> ((PackagingException) e).field()).isEqualTo("files[0]");
    }

    @Test
    void aRecordedDigestTheManifestsComputeAnywayIsTheOneChecked() {
        byte[] bytes = "the manuscript".getBytes(StandardCharsets.UTF_8);
        String sha256 = PackagingFixture.hex("SHA-256", bytes);
        String md5 = PackagingFixture.hex("MD5", bytes);
        String wrongSha512 = "0".repeat(128);
        SubmissionFile f = new SubmissionFile("paper.txt", FileRole.MANUSCRIPT, null, null, bytes.length, sha256,
                md5, "k", wrongSha512, null);
        PackageOptions sha512 = new PackageOptions(PackageOptions.Archive.ZIP, null,
                List.of(ChecksumAlgorithm.SHA512), Map.of());
        PackageOptions sha256Only = new PackageOptions(PackageOptions.Archive.ZIP, null,
                List.of(ChecksumAlgorithm.SHA256), Map.of());
        DepositSubmission s = new DepositSubmission("s", null, List.of(f), x -> new ByteArrayInputStream(bytes));

        // A SHA-512 manifest checks the recorded SHA-512, which is wrong here ...
        assertThatThrownBy(() -> simple.assemble(s, sha512).writeTo(OutputStream.nullOutputStream()))
                .isInstanceOf(PackagingException.class).hasMessageContaining("paper.txt")
                .hasMessageContaining("sha512 is now").hasMessageContaining(wrongSha512);
        // ... a SHA-256 manifest checks the recorded SHA-256, which is right.
        assertThatCode(() -> simple.assemble(s, sha256Only).writeTo(OutputStream.nullOutputStream()))
                .doesNotThrowAnyException();
    }

    @Test
    void aRecordedDigestTheManifestsDoNotComputeIsCheckedAsWell() {
        byte[] bytes = "the manuscript".getBytes(StandardCharsets.UTF_8);
        // Stored before SHA-512 was recorded, and damaged since: SHA-256 is computed for the check alone.
        SubmissionFile f = new SubmissionFile("paper.txt", FileRole.MANUSCRIPT, null, null, bytes.length,
                "1".repeat(64), PackagingFixture.hex("MD5", bytes), "k");
        PackageOptions sha512 = new PackageOptions(PackageOptions.Archive.ZIP, null,
                List.of(ChecksumAlgorithm.SHA512), Map.of());
        PackageStream pkg = simple.assemble(new DepositSubmission("s", null, List.of(f),
                x -> new ByteArrayInputStream(bytes)), sha512);

        assertThatThrownBy(() -> pkg.writeTo(OutputStream.nullOutputStream()))
                .isInstanceOf(PackagingException.class).hasMessageContaining("paper.txt")
                .hasMessageContaining("sha256 is now " + PackagingFixture.hex("SHA-256", bytes));
    }

    @Test
    void theFixityDigestIsOneThePackageComputesElseTheCheapestRecorded() {
        SubmissionFile all = new SubmissionFile("a", FileRole.MANUSCRIPT, null, null, 1, "AA", "bb", "k", "cc",
                "00000000");
        SubmissionFile md5Only = new SubmissionFile("a", FileRole.MANUSCRIPT, null, null, 1, null, "bb", "k");
        SubmissionFile none = new SubmissionFile("a", FileRole.MANUSCRIPT, null, null, 1, " ", null, "k");

        assertThat(ArchivingPackageStream.Fixity.of(all, List.of(ChecksumAlgorithm.SHA512)))
                .isEqualTo(new ArchivingPackageStream.Fixity(ChecksumAlgorithm.SHA512, "cc"));
        assertThat(ArchivingPackageStream.Fixity.of(all, List.of(ChecksumAlgorithm.SHA1, ChecksumAlgorithm.MD5)))
                .isEqualTo(new ArchivingPackageStream.Fixity(ChecksumAlgorithm.MD5, "bb"));
        assertThat(ArchivingPackageStream.Fixity.of(all, List.of(ChecksumAlgorithm.SHA1)))
                .as("recorded hex is compared in lower case")
                .isEqualTo(new ArchivingPackageStream.Fixity(ChecksumAlgorithm.SHA256, "aa"));
        assertThat(ArchivingPackageStream.Fixity.of(md5Only, List.of(ChecksumAlgorithm.SHA512)))
                .isEqualTo(new ArchivingPackageStream.Fixity(ChecksumAlgorithm.MD5, "bb"));
        assertThat(ArchivingPackageStream.Fixity.of(none, List.of(ChecksumAlgorithm.SHA512))).isNull();
    }

    @Test
    void packageAlgorithmsAreConfiguredApartFromTheFilesAlgorithms() throws Exception {
        PackageOptions options = PackageOptions.fromConfig(Map.of("algorithms", "sha512",
                "package-algorithms", List.of("md5", "sha1")));
        PackageStream pkg = simple.assemble(Sample1.submission(), options);
        Path zip = TestArchives.write(pkg, temp);

        assertThat(pkg.metadata().checksums()).containsOnlyKeys(ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA1)
                .containsEntry(ChecksumAlgorithm.MD5, Sample1.hex("MD5", zip))
                .containsEntry(ChecksumAlgorithm.SHA1, Sample1.hex("SHA-1", zip));
        assertThat(PackagingFixture.custodial(pkg)).allSatisfy(r ->
                assertThat(r.checksums()).containsOnlyKeys(ChecksumAlgorithm.SHA512));
        assertThatThrownBy(() -> PackageOptions.fromConfig(Map.of("package-algorithms", "crc32")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("package-algorithms: ")
                .hasMessageContaining("crc32");
    }

    @Test
    void tarGzSwitchingDeflateLevelsBetweenFilesStaysValidAndDeterministic() throws Exception {
        int mib = 1024 * 1024;
        byte[] text = "All work and no play makes Jack a dull boy.\n".repeat(mib / 44).getBytes(StandardCharsets.UTF_8);
        SubmissionFile pdf = new SubmissionFile("scan.pdf", FileRole.MANUSCRIPT, null, null, mib, null, null, "r");
        SubmissionFile txt = new SubmissionFile("notes.txt", FileRole.SUPPLEMENTAL, null, null, text.length, null,
                null, "t");
        DepositSubmission s = new DepositSubmission("s", null, List.of(pdf, txt), f -> f.location().equals("r")
                ? new GeneratedInputStream(mib, 5) : new ByteArrayInputStream(text));
        PackageStream pkg = simple.assemble(s, options(PackageOptions.Archive.TAR, PackageOptions.Compression.GZIP));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        pkg.writeTo(first);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        pkg.writeTo(second);

        // The "PDF" goes through at level 0, the text at the default level (the speed gain shows in the benchmark);
        // the text still shrinks to almost nothing, and the whole is one gzip member that unpacks completely.
        assertThat(first.size()).isBetween(mib, mib + 64 * 1024);
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(first.toByteArray()))) {
            assertThat(in.readAllBytes().length).isGreaterThan(mib + text.length);
        }
    }

    @Test
    void writingIntoAStreamDoesNotCloseIt() throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        simple.assemble(Sample1.submission(), null).writeTo(sink);

        assertThat(closed[0]).isFalse();
        assertThat(sink.size()).isPositive();
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(PackagingException.class)
                .satisfies(e -> assertThat(((PackagingException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.getMessage()).contains(field.replaceAll("\\[.*", "")));
    }

    private static PackageOptions options(PackageOptions.Archive archive, PackageOptions.Compression compression) {
        return new PackageOptions(archive, compression, List.of(), Map.of());
    }

    private static SubmissionFile file(String name, String content) {
        return new SubmissionFile(name, FileRole.SUPPLEMENTAL, null, null,
                content.getBytes(StandardCharsets.UTF_8).length, null, null, content);
    }

    /** Files whose location is their content. */
    private static DepositSubmission submission(SubmissionFile... files) {
        return new DepositSubmission("s-1", null, List.of(files),
                f -> new ByteArrayInputStream(f.location().getBytes(StandardCharsets.UTF_8)));
    }

    /** A spec that, like NIHMS, writes its own manifest.txt at the top of the package. */
    private static final class ManifestAtTopProvider implements PackageProvider {
        @Override
        public String spec() {
            return "urn:test:manifest-at-top";
        }

        @Override
        public String shortName() {
            return "top";
        }

        @Override
        public PackageOptions defaults() {
            return new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE,
                    List.of(ChecksumAlgorithm.SHA256), Map.of());
        }

        @Override
        public Set<String> supplementalPaths(PackageContext context) {
            return Set.of("manifest.txt");
        }

        @Override
        public String custodialPath(PackageContext context, String fileName) {
            return fileName;
        }

        @Override
        public List<SupplementalResource> supplementalResources(PackageContext context, List<PackagedFile> files) {
            StringBuilder b = new StringBuilder("files: " + files.size() + "\n");
            for (PackagedFile f : files) {
                b.append(f.packagedName()).append(' ').append(f.file().role()).append(' ')
                        .append(f.resource().mimeType()).append('\n');
            }
            return List.of(SupplementalResource.text("manifest.txt", "text/plain", b.toString()));
        }
    }
}
