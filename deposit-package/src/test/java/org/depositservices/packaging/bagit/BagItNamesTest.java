package org.depositservices.packaging.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gov.loc.repository.bagit.verify.BagVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.depositservices.model.FileRole;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.TestArchives;
import org.depositservices.packaging.mets.PackagingFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's file names survive BagIt: '%', CR and LF are kept and percent-encoded in the manifests as RFC 8493
 * says; only what a package or common file systems cannot hold is changed, and each change is recorded with why.
 */
class BagItNamesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC);
    private static final String BAG = "bagit_2026-11-23_10-01-02_names";

    private final Assembler bagit = new ArchivingAssembler(new BagItPackageProvider(), CLOCK);

    @TempDir
    Path temp;

    @Test
    void namesWithPercentCrAndLfAreKeptAndEncodedInTheManifestsAndOurValidatorFindsEveryFile() throws Exception {
        DepositSubmission s = submission("données brutes 100%.bin", "line\nbreak.txt", "carriage\rreturn.txt",
                "already%25encoded.txt", "tab\there.txt", "Chart.jpg", "chart.JPG", "dir/inner.txt");
        PackageStream pkg = bagit.assemble(s, null);
        Path zip = TestArchives.write(pkg, temp);

        assertThat(pkg.metadata().renames()).containsOnly(Map.entry("tab\there.txt", "tab_here.txt"),
                Map.entry("chart.JPG", "chart-2.JPG"), Map.entry("dir/inner.txt", "inner.txt"));
        assertThat(pkg.metadata().renameReasons()).containsOnlyKeys(pkg.metadata().renames().keySet());
        assertThat(pkg.metadata().renameReasons().get("tab\there.txt")).contains("control characters");
        assertThat(pkg.metadata().renameReasons().get("chart.JPG"))
                .contains("'chart.JPG' is taken, ignoring case, by files[5] 'Chart.jpg'");
        assertThat(pkg.metadata().renameReasons().get("dir/inner.txt")).contains("after the last '/'");

        Path bag = new BagArchives(1L << 30).extract(zip, temp.resolve("x"));
        assertThat(bag.getFileName().toString()).isEqualTo(BAG);
        String manifest = Files.readString(bag.resolve("manifest-sha512.txt"));
        assertThat(manifest).contains("  data/données brutes 100%25.bin\n", "  data/line%0Abreak.txt\n",
                "  data/carriage%0Dreturn.txt\n", "  data/already%2525encoded.txt\n", "  data/tab_here.txt\n");
        for (int i = 0; i < s.files().size(); i++) {
            String name = pkg.metadata().renames().getOrDefault(s.files().get(i).name(), s.files().get(i).name());
            assertThat(bag.resolve("data").resolve(name)).as("payload file %s", name)
                    .hasBinaryContent(content(i));
        }
        BagValidation v = new BagValidator().validate(bag);
        assertThat(v.problems()).as(v.report()).isEmpty();
        assertThat(v.bag().payloadManifests().get(0).entries()).containsKeys("data/données brutes 100%.bin",
                "data/line\nbreak.txt", "data/carriage\rreturn.txt", "data/already%25encoded.txt");
    }

    @Test
    void aTarGzUnpackedBySystemTarValidatesWithTheUsersNames() throws Exception {
        assumeTrue(TestArchives.hasSystemTar(), "no tar on this machine");
        DepositSubmission s = submission("données brutes 100%.bin", "line\nbreak.txt");
        PackageOptions tgz = new PackageOptions(PackageOptions.Archive.TAR, PackageOptions.Compression.GZIP,
                List.of(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.MD5), Map.of());
        PackageStream pkg = bagit.assemble(s, tgz);
        Path bag = TestArchives.untarTo(TestArchives.write(pkg, temp), temp.resolve("t")).resolve(BAG);

        assertThat(pkg.metadata().renames()).isEmpty();
        assertThat(bag.resolve("data/données brutes 100%.bin")).hasBinaryContent(content(0));
        assertThat(bag.resolve("data/line\nbreak.txt")).hasBinaryContent(content(1));
        BagValidation v = new BagValidator().validate(bag);
        assertThat(v.problems()).as(v.report()).isEmpty();
    }

    @Test
    void theLibraryOfCongressVerifierAcceptsLineBreaksAndAccentsInNames() throws Exception {
        DepositSubmission s = submission("données brutes.bin", "line\nbreak.txt", "carriage\rreturn.txt",
                "Núñez résumé (final).txt");
        PackageStream pkg = bagit.assemble(s, null);
        Path bag = TestArchives.unzipTo(TestArchives.write(pkg, temp), temp.resolve("u")).resolve(BAG);

        assertThat(pkg.metadata().renames()).isEmpty();
        verifyWithLibraryOfCongress(bag);
    }

    @Test
    void theLibraryOfCongressVerifier520DoesNotDecodePercent25() throws Exception {
        // bagit-java decodes %0A and %0D only (LibraryOfCongress/bagit-java#139), so it looks for a file named
        // "100%25.bin". docs/packaging.md tells receivers so; when a release decodes it, this test says so.
        DepositSubmission s = submission("100%.bin");
        PackageStream pkg = bagit.assemble(s, null);
        Path bag = TestArchives.unzipTo(TestArchives.write(pkg, temp), temp.resolve("u")).resolve(BAG);

        assertThat(new BagValidator().validate(bag).isValid()).isTrue();
        assertThatThrownBy(() -> verifyWithLibraryOfCongress(bag)).hasMessageContaining("100%25.bin");
    }

    private DepositSubmission submission(String... names) throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        List<PackagingFixture.Content> files = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            files.add(new PackagingFixture.Content(names[i], i == 0 ? FileRole.MANUSCRIPT : FileRole.SUPPLEMENTAL,
                    null, content(i)));
        }
        return PackagingFixture.submission(store, "names", null, files);
    }

    private static byte[] content(int i) {
        return ("content of file " + i + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void verifyWithLibraryOfCongress(Path bag) throws Exception {
        gov.loc.repository.bagit.domain.Bag loc = new gov.loc.repository.bagit.reader.BagReader().read(bag);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(loc, false);
        }
    }
}
