package org.depositservices.transport.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.depositservices.packaging.ChecksumAlgorithm;

/** Checks a file that reached a server against the corpus files it was made from, independently of the transport. */
public final class PackageOracle {

    private PackageOracle() {
    }

    /** The file is a zip whose entries are exactly the corpus sample1 files, byte for byte (by SHA-256). */
    public static void assertHoldsSample1(Path received) throws IOException {
        Map<String, String> expected = new HashMap<>();
        for (Path f : CorpusPackage.sample1Files()) {
            try (InputStream in = Files.newInputStream(f)) {
                expected.put(f.getFileName().toString(), sha256(in));
            }
        }
        Map<String, String> actual = new HashMap<>();
        try (ZipFile zip = new ZipFile(received.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    actual.put(e.getName(), sha256(in));
                }
            }
        }
        assertThat(actual).as("entries of %s against the corpus files", received).isEqualTo(expected);
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = ChecksumAlgorithm.SHA256.newDigest();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** Every regular file under {@code root}, as paths relative to it with '/' separators. */
    public static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
