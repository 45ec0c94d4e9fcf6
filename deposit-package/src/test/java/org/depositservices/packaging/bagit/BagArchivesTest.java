package org.depositservices.packaging.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.TestArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking serialized bags received from others, safely. */
class BagArchivesTest {
    @TempDir
    Path temp;

    @Test
    void ourZipAndTarGzBagsUnpackToTheirBagDirectoryAndValidate() throws Exception {
        for (PackageOptions.Archive archive : List.of(PackageOptions.Archive.ZIP, PackageOptions.Archive.TAR)) {
            PackageOptions options = new PackageOptions(archive, archive == PackageOptions.Archive.TAR
                    ? PackageOptions.Compression.GZIP : null, List.of(ChecksumAlgorithm.SHA256), Map.of());
            PackageStream pkg = new ArchivingAssembler(new BagItPackageProvider(), Clock.systemUTC())
                    .assemble(Sample1.submission(), options);
            Path file = TestArchives.write(pkg, temp.resolve(archive.name()));

            Path root = new BagArchives(1L << 30).extract(file, temp.resolve(archive.name() + "-x"));

            assertThat(root.getFileName().toString()).isEqualTo(pkg.name().replaceAll("\\.(zip|tar\\.gz)$", ""));
            BagValidation v = new BagValidator().validate(root);
            assertThat(v.isValid()).as(v.report()).isTrue();
        }
    }

    @Test
    void anEntryClimbingOutOfTheTargetIsRefusedBeforeItIsWritten() throws Exception {
        Path zip = temp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("bag/bagit.txt"));
            out.write("BagIt-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("../../escaped.txt"));
            out.write(1);
        }
        Path target = temp.resolve("deep/target");

        assertThatThrownBy(() -> new BagArchives(1 << 20).extract(zip, target))
                .isInstanceOf(IOException.class).hasMessageContaining("../../escaped.txt")
                .hasMessageContaining("refused");
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
        assertThat(temp.resolve("deep/escaped.txt")).doesNotExist();
    }

    @Test
    void anArchiveExpandingBeyondTheLimitIsRefused() throws Exception {
        Path zip = temp.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("bag/data/zeros"));
            out.write(new byte[2 << 20]);
        }

        assertThatThrownBy(() -> new BagArchives(1 << 20).extract(zip, temp.resolve("t")))
                .isInstanceOf(IOException.class).hasMessageContaining("beyond the limit of 1048576 bytes");
    }

    @Test
    void somethingThatIsNotAnArchiveIsNamed() throws Exception {
        Path notArchive = Files.writeString(temp.resolve("bag.zip"), "hello");

        assertThatThrownBy(() -> new BagArchives(1 << 20).extract(notArchive, temp.resolve("t")))
                .hasMessageContaining("bag.zip is not a zip, tar or tar.gz archive");
    }
}
