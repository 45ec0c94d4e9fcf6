package org.depositservices.transport.remote;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.PackageMetadata;
import org.depositservices.packaging.PackageStream;
import org.depositservices.testkit.Corpus;

/**
 * A test package: the files of the corpus's PASS sample1 (../shared/corpus/pass/sample1) zipped in name order
 * with fixed timestamps, so every write gives the same bytes (as a retry of one attempt must). The files on disk
 * are the oracle: tests compare what reached the server with them, entry by entry.
 */
public final class CorpusPackage implements PackageStream {

    private static final long FIXED_TIME = 1_700_000_000_000L;
    /** The submission a {@link #sample1FailingAfter} package names in its PackageSourceException. */
    public static final String SUBMISSION_ID = "sample1";

    private final String name;
    private final List<Path> files;
    private final long failAfterBytes;
    private volatile PackageMetadata metadata;

    private CorpusPackage(String name, List<Path> files, long failAfterBytes) {
        this.name = name;
        this.files = files;
        this.failAfterBytes = failAfterBytes;
    }

    public static List<Path> sample1Files() {
        try (Stream<Path> s = Files.list(Corpus.resolve("pass/sample1"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CorpusPackage sample1(String name) {
        return new CorpusPackage(name, sample1Files(), -1);
    }

    /**
     * Like {@link #sample1} but, after {@code bytes} bytes, reading a submission file fails as packaging reports it
     * when the content store cannot read a file: a PackageSourceException of kind UNREADABLE naming that file.
     */
    public static CorpusPackage sample1FailingAfter(String name, long bytes) {
        return new CorpusPackage(name, sample1Files(), bytes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String spec() {
        return "simple-zip";
    }

    @Override
    public String mimeType() {
        return "application/zip";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        MessageDigest sha256 = ChecksumAlgorithm.SHA256.newDigest();
        long[] count = {0};
        OutputStream counting = new FilterOutputStream(new DigestOutputStream(out, sha256)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                count[0] += len;
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller's stream stays open
            }
        };
        long read = 0;
        try (ZipOutputStream zip = new ZipOutputStream(counting)) {
            byte[] buf = new byte[8192];
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                ZipEntry e = new ZipEntry(f.getFileName().toString());
                e.setTime(FIXED_TIME);
                zip.putNextEntry(e);
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        read += n;
                        if (failAfterBytes >= 0 && read > failAfterBytes) {
                            throw SourceFailures.reading(SUBMISSION_ID, f.getFileName().toString(), i,
                                    new IOException("simulated unreadable source"));
                        }
                        zip.write(buf, 0, n);
                    }
                }
                zip.closeEntry();
            }
        }
        metadata = new PackageMetadata(name, spec(), mimeType(), count[0],
                Map.of(ChecksumAlgorithm.SHA256, HexFormat.of().formatHex(sha256.digest())), List.of(), Map.of());
    }

    @Override
    public InputStream open() throws IOException {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (out) {
                writeTo(out);
            } catch (IOException | RuntimeException e) {
                // the reader sees a closed pipe
            }
        }, "corpus-package-writer");
        writer.setDaemon(true);
        writer.start();
        return in;
    }

    @Override
    public PackageMetadata metadata() {
        return metadata;
    }
}
