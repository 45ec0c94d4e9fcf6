package org.depositservices.transport.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.depositservices.packaging.PackageMetadata;
import org.depositservices.packaging.PackageStream;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemTransportTest {
    @TempDir
    Path dir;

    final FilesystemTransport transport = new FilesystemTransport();

    static RepositoryConfig config(Map<String, String> binding) {
        return new RepositoryConfig("local", "local", "simple", Map.of(), binding, List.of(), Map.of(), Map.of());
    }

    /** A package whose bytes are given, optionally failing after some of them (a crash mid-write). */
    static PackageStream pkg(String name, byte[] bytes, int failAfter) {
        return new PackageStream() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String spec() {
                return "simple";
            }

            @Override
            public String mimeType() {
                return "application/zip";
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                if (failAfter >= 0) {
                    out.write(bytes, 0, failAfter);
                    throw new IOException("source vanished");
                }
                out.write(bytes);
            }

            @Override
            public InputStream open() {
                throw new UnsupportedOperationException();
            }

            @Override
            public PackageMetadata metadata() {
                return null;
            }
        };
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
    void aCrashMidWriteLeavesNoFileUnderTheFinalName() throws Exception {
        Path base = dir.resolve("repo");
        try (TransportSession s = transport.open(config(Map.of("protocol", "filesystem", "baseDir", base.toString())))) {
            assertThatThrownBy(() -> s.send(pkg("sub-1.zip", new byte[1000], 10),
                    new DepositAttempt("d", "sub-1", "t1", 1))).hasMessageContaining("source vanished");
        }
        assertThat(files(base)).isEmpty();
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
