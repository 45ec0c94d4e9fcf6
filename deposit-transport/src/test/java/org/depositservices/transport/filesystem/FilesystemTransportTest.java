package org.depositservices.transport.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.packaging.PackageStream;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.BytesPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemTransportTest {
    @TempDir
    Path dir;

    final FilesystemTransport transport = new FilesystemTransport();

    static RepositoryConfig config(Map<String, String> binding) {
        return new RepositoryConfig("local", "local", "simple", Map.of(), binding, List.of(), Map.of(), Map.of());
    }

    /** A package whose bytes are given, optionally failing after some of them (its source unreadable mid-write). */
    static PackageStream pkg(String name, byte[] bytes, int failAfter) {
        return failAfter >= 0 ? BytesPackage.failingAfter(name, bytes, failAfter) : BytesPackage.of(name, bytes);
    }

    List<Path> files(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.toList();
        }
    }

    @Test
    void writesThePackageAndConfirmsCustodyAtOnce() throws Exception {
        Path base = dir.resolve("repo");
        byte[] bytes = "package bytes".getBytes(StandardCharsets.UTF_8);
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString())))) {
            TransportResponse r = s.send(pkg("sub-1.zip", bytes, -1), new DepositAttempt("d", "sub-1", "t1", 1));
            assertThat(r.custody()).isEqualTo(TransportResponse.Custody.ACCEPTED);
            assertThat(r.accessUrl()).isEqualTo(base.resolve("sub-1.zip").toUri().toString());
        }
        assertThat(base.resolve("sub-1.zip")).hasBinaryContent(bytes);
        assertThat(files(base)).hasSize(1);
    }

    @Test
    void anUnreadableSourcePassesUnchangedAndLeavesNeitherTheFinalNameNorItsTemporaryFile() throws Exception {
        Path base = dir.resolve("repo");
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString())))) {
            assertThatThrownBy(() -> s.send(pkg("sub-1.zip", new byte[1000], 10),
                    new DepositAttempt("d", "sub-1", "t1", 1)))
                    .isInstanceOf(PackageSourceException.class)
                    .isNotInstanceOf(TransportException.class)
                    .hasMessageContaining("file '" + BytesPackage.SOURCE_FILE + "'")
                    .hasMessageContaining("cannot be read from the content store: source vanished")
                    .hasMessageNotContaining(base.toString())
                    .extracting(e -> ((PackageSourceException) e).kind())
                    .isEqualTo(PackageSourceException.Kind.UNREADABLE);
        }
        assertThat(files(base)).as("no sub-1.zip and no .sub-1.zip.t1.part").isEmpty();
    }

    @Test
    void aPackageWriterThatStopsIsTransientAndLeavesNeitherTheFinalNameNorItsTemporaryFile() throws Exception {
        Path base = dir.resolve("repo");
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString())))) {
            assertThatThrownBy(() -> s.send(BytesPackage.stoppingAfter("sub-1.zip", new byte[1000], 10),
                    new DepositAttempt("d", "sub-1", "t1", 1)))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessageContaining("writer interrupted");
        }
        assertThat(files(base)).as("no sub-1.zip and no .sub-1.zip.t1.part").isEmpty();
    }

    /** A temporary file as a write of {@code name} by attempt {@code token} leaves it, last modified {@code age} ago. */
    static Path part(Path base, String name, String token, Duration age) throws IOException {
        Path p = Files.writeString(Files.createDirectories(base).resolve("." + name + "." + token + ".part"), "half");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test
    void openingRemovesTemporaryFilesOlderThanTheMaximumAgeAndKeepsFreshOnes() throws Exception {
        Path base = dir.resolve("repo");
        Path stray = part(base, "sub-1.zip", "crashed", Duration.ofHours(25));
        // Perhaps another node's write in progress: it must survive.
        Path fresh = part(base, "sub-2.zip", "writing", Duration.ofMinutes(5));
        Path oldPackage = Files.writeString(base.resolve("sub-3.zip"), "delivered long ago");
        Files.setLastModifiedTime(oldPackage, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        Path oldPartDirectory = Files.createDirectories(base.resolve(".not-ours.part"));
        Files.setLastModifiedTime(oldPartDirectory, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

        transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString()))).close();

        assertThat(stray).doesNotExist();
        assertThat(fresh).exists();
        assertThat(oldPackage).exists();
        assertThat(oldPartDirectory).exists();
    }

    @Test
    void theMaximumAgeOfTemporaryFilesIsConfigurableAndADirectoryIsSweptOncePerTransport() throws Exception {
        Path base = dir.resolve("repo");
        Path threeHours = part(base, "sub-1.zip", "a", Duration.ofHours(3));
        Path oneHour = part(base, "sub-2.zip", "b", Duration.ofMinutes(60 - 5));
        RepositoryConfig twoHours = config(Map.of("protocol", "filesystem", "baseDir", base.toString(),
                "partMaxAgeHours", "2"));

        transport.open(twoHours).close();
        assertThat(threeHours).doesNotExist();
        assertThat(oneHour).exists();

        Path laterStray = part(base, "sub-4.zip", "c", Duration.ofHours(3));
        transport.open(twoHours).close();
        assertThat(laterStray).as("swept once per directory: this transport did it already").exists();
        new FilesystemTransport().open(twoHours).close();
        assertThat(laterStray).as("another process (a new transport) sweeps again").doesNotExist();
    }

    @Test
    void aBadMaximumAgeIsReportedByValidation() {
        for (String bad : List.of("0", "-3", "soon")) {
            assertThat(transport.validate(config(Map.of("protocol", "filesystem", "baseDir", dir.toString(),
                    "partMaxAgeHours", bad)))).containsExactly("local.transport-config.protocol-binding."
                    + "partMaxAgeHours: '" + bad + "' is not a whole number of hours of at least 1");
        }
    }

    /** What a new file in {@code directory} gets from the umask (and any default ACL): the oracle is touch(1). */
    static Set<PosixFilePermission> modeOfANewFileIn(Path directory) throws Exception {
        Path probe = directory.resolve("probe-" + System.nanoTime());
        Process touch = new ProcessBuilder("touch", probe.toString()).inheritIO().start();
        assertThat(touch.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(touch.exitValue()).isZero();
        try {
            return Files.getPosixFilePermissions(probe, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void aDeliveredPackageHasTheModeTheUmaskGivesANewFileThere() throws Exception {
        Path base = Files.createDirectories(dir.resolve("repo"));
        Set<PosixFilePermission> expected = modeOfANewFileIn(base);
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString(),
                "overwrite", "true")))) {
            s.send(pkg("sub-1.zip", "x".getBytes(), -1), new DepositAttempt("d", "sub-1", "t1", 1));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("sub-1.zip"))))
                    .isEqualTo(PosixFilePermissions.toString(expected));
            // A replaced package too: it is a new file, not the old one's mode.
            Files.setPosixFilePermissions(base.resolve("sub-1.zip"), PosixFilePermissions.fromString("rw-------"));
            s.send(pkg("sub-1.zip", "y".getBytes(), -1), new DepositAttempt("d", "sub-1", "t2", 2));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("sub-1.zip"))))
                    .isEqualTo(PosixFilePermissions.toString(expected));
        }
    }

    @Test
    void aRetryAfterDeliveryDoesNotWriteAgain() throws Exception {
        Path base = dir.resolve("repo");
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString())))) {
            s.send(pkg("sub-1.zip", first, -1), new DepositAttempt("d", "sub-1", "t1", 1));
            TransportResponse again = s.send(pkg("sub-1.zip", "second".getBytes(), -1),
                    new DepositAttempt("d", "sub-1", "t2", 2));
            assertThat(again.message()).contains("already delivered");
        }
        assertThat(base.resolve("sub-1.zip")).hasBinaryContent(first);
    }

    @Test
    void overwriteReplacesAnEarlierPackage() throws Exception {
        Path base = dir.resolve("repo");
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString(),
                "overwrite", "true")))) {
            s.send(pkg("sub-1.zip", "first".getBytes(), -1), new DepositAttempt("d", "sub-1", "t1", 1));
            s.send(pkg("sub-1.zip", "second".getBytes(), -1), new DepositAttempt("d", "sub-1", "t2", 2));
        }
        assertThat(base.resolve("sub-1.zip")).hasContent("second");
    }

    @Test
    void aMissingDirectoryIsRefusedWhenItMayNotBeCreated() {
        assertThatThrownBy(() -> transport.open(config(Map.of("protocol", "filesystem",
                "baseDir", dir.resolve("absent").toString(), "createIfMissing", "false"))))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("createIfMissing");
    }

    @Test
    void namesWithoutTheSubmissionIdArePrefixedWithIt() throws Exception {
        Path base = dir.resolve("repo");
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString())))) {
            s.send(pkg("package.zip", "x".getBytes(), -1), new DepositAttempt("d", "sub-9", "t1", 1));
        }
        assertThat(base.resolve("sub-9-package.zip")).exists();
    }
}
