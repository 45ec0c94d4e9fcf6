package org.depositservices.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.depositservices.model.FileRole;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageMetadata;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.packaging.PackageStream;
import org.depositservices.transport.filesystem.FilesystemTarget;
import org.depositservices.transport.ftp.FtpTarget;
import org.depositservices.transport.sftp.SftpTarget;
import org.depositservices.transport.sword.SwordTarget;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure contract for our own side (see {@link Transport}): when a submission file cannot be read from the
 * content store while its package is written, every transport lets the {@link PackageSourceException} that
 * packaging raised reach the caller of {@code send} as it is, and leaves nothing at the target. Each case runs a
 * real simple-zip package, whose file source fails in one way, through a real target; then, as the control, the
 * retry with the file readable again delivers the whole package through the same session.
 */
class SourceFaultMatrixTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    private static final String SUBMISSION = "sub-41";
    private static final String MANUSCRIPT = "manuscript.pdf";
    private static final String SUPPLEMENT = "supplement.csv";
    /** Large enough that the fault strikes after many buffers of the package have reached the target. */
    private static final int MANUSCRIPT_SIZE = 1_500_000;
    private static final int UNREADABLE_AFTER = 700_000;
    private static final int DAMAGED_SIZE = 1_000_000;
    private static final Map<String, byte[]> CONTENT = content();

    @TempDir
    Path dir;

    enum Target {
        FILESYSTEM, FTP, SFTP, SWORD;

        TargetFixture start(Path dir) throws Exception {
            return switch (this) {
                case FILESYSTEM -> FilesystemTarget.start(dir);
                case FTP -> FtpTarget.start(dir, CLOCK);
                case SFTP -> SftpTarget.start(dir, CLOCK);
                case SWORD -> SwordTarget.start(dir);
            };
        }
    }

    /** What is wrong with the stored copy of one file, made by the file source as a content store would fail. */
    enum Fault {
        /** The second file is gone, after the whole first one went out. */
        MISSING(PackageSourceException.Kind.MISSING, SUPPLEMENT),
        /** Reading the first file fails part way through (a disk error). */
        UNREADABLE(PackageSourceException.Kind.UNREADABLE, MANUSCRIPT),
        /** The first file ends before the size recorded when it was stored. */
        DAMAGED(PackageSourceException.Kind.DAMAGED, MANUSCRIPT);

        final PackageSourceException.Kind kind;
        final String file;

        Fault(PackageSourceException.Kind kind, String file) {
            this.kind = kind;
            this.file = file;
        }

        InputStream open(SubmissionFile f) throws IOException {
            byte[] bytes = CONTENT.get(f.name());
            if (!f.name().equals(file)) {
                return new ByteArrayInputStream(bytes);
            }
            return switch (this) {
                case MISSING -> throw new NoSuchFileException("/var/lib/deposit/content/" + f.location());
                case UNREADABLE -> new FailingAfter(bytes, UNREADABLE_AFTER);
                case DAMAGED -> new ByteArrayInputStream(bytes, 0, DAMAGED_SIZE);
            };
        }

        /** What the message says about the stored copy. */
        String wording() {
            return switch (this) {
                case MISSING -> "is missing from the content store";
                case UNREADABLE -> "cannot be read from the content store";
                // The size check's wording does not name the content store (PackageSourceException.damaged).
                case DAMAGED -> "has only " + DAMAGED_SIZE + " of the " + MANUSCRIPT_SIZE
                        + " bytes recorded when it was stored: the stored copy is damaged";
            };
        }
    }

    static Stream<Arguments> everyTransportAndFault() {
        return Stream.of(Target.values()).flatMap(t -> Stream.of(Fault.values()).map(f -> Arguments.of(t, f)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyTransportAndFault")
    void aSourceFaultPassesUnchangedAndLeavesNothingAtTheTarget(Target target, Fault fault) throws Exception {
        try (TargetFixture fixture = target.start(dir);
             TransportSession session = fixture.transport().open(fixture.config())) {
            WatchedPackage broken = new WatchedPackage(assemble(fault::open));

            Throwable thrown = catchThrowable(() -> session.send(broken, attempt("tok-1", 1)));

            assertThat(broken.raised).as("what packaging raised").isInstanceOf(PackageSourceException.class);
            assertThat(broken.handedOver).as("bytes the transport took before the fault")
                    .isGreaterThan(512 * 1024);
            assertThat(thrown).as("what send threw").isSameAs(broken.raised).isNotInstanceOf(TransportException.class)
                    .hasMessageContaining("file '" + fault.file + "'").hasMessageContaining(SUBMISSION)
                    .hasMessageContaining(fault.wording());
            PackageSourceException source = (PackageSourceException) thrown;
            assertThat(source.kind()).isEqualTo(fault.kind);
            assertThat(source.fileName()).isEqualTo(fault.file);
            assertThat(fixture.traces()).as("what %s left behind", target).isEmpty();

            // The control: the retry, the file readable again, delivers the whole package through the same session.
            PackageStream good = assemble(f -> new ByteArrayInputStream(CONTENT.get(f.name())));
            byte[] expected = written(assemble(f -> new ByteArrayInputStream(CONTENT.get(f.name()))));
            TransportResponse r = session.send(good, attempt("tok-2", 2));

            assertThat(r.custody()).isIn(TransportResponse.Custody.ACCEPTED, TransportResponse.Custody.SUBMITTED);
            assertThat(fixture.traces()).as("what %s holds after the retry", target)
                    .singleElement().asString().contains(good.name()).doesNotContain(".part").doesNotContain("spool");
            byte[] arrived = fixture.delivered(good.name());
            assertThat(arrived).as("the package at the target, against one written here").isEqualTo(expected);
            assertThat(entries(arrived)).containsEntry(MANUSCRIPT, CONTENT.get(MANUSCRIPT))
                    .containsEntry(SUPPLEMENT, CONTENT.get(SUPPLEMENT)).containsKey("metadata.json");
        }
    }

    private static DepositAttempt attempt(String token, int number) {
        return new DepositAttempt("dep-41", SUBMISSION, token, number);
    }

    /** A real simple-zip package of the submission, its files read through {@code source}. */
    private static PackageStream assemble(DepositSubmission.FileSource source) {
        List<SubmissionFile> files = List.of(file(MANUSCRIPT, FileRole.MANUSCRIPT, "application/pdf"),
                file(SUPPLEMENT, FileRole.SUPPLEMENTAL, "text/csv"));
        SubmissionMetadata metadata = new SubmissionMetadata(new Person("Ada", "Byron", "ada@example.edu"),
                new Publication("On the analytical engine", "Notes on a machine.", "10.1234/ae.1843", "1", "2",
                        "1843-10-01", new Journal("Scientific Memoirs", "Sci Mem", "R. and J. E. Taylor", List.of())),
                List.of(), List.of(), null);
        return Assemblers.discover(CLOCK).require("simple")
                .assemble(new DepositSubmission(SUBMISSION, metadata, files, source), null);
    }

    /** As the content store records a file: its size and digests when it was stored. */
    private static SubmissionFile file(String name, FileRole role, String mimeType) {
        byte[] bytes = CONTENT.get(name);
        return new SubmissionFile(name, role, null, mimeType, bytes.length, hex(ChecksumAlgorithm.SHA256, bytes),
                hex(ChecksumAlgorithm.MD5, bytes), "content/" + SUBMISSION + "/" + name);
    }

    private static Map<String, byte[]> content() {
        byte[] manuscript = new byte[MANUSCRIPT_SIZE];
        new Random(41).nextBytes(manuscript);
        StringBuilder csv = new StringBuilder("sample,reading\n");
        for (int i = 0; csv.length() < 400_000; i++) {
            csv.append("s").append(i).append(',').append(i * 37 % 1000).append('\n');
        }
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(MANUSCRIPT, manuscript);
        m.put(SUPPLEMENT, csv.toString().getBytes(StandardCharsets.UTF_8));
        return Map.copyOf(m);
    }

    private static String hex(ChecksumAlgorithm algorithm, byte[] bytes) {
        MessageDigest md = algorithm.newDigest();
        return HexFormat.of().formatHex(md.digest(bytes));
    }

    private static byte[] written(PackageStream pkg) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pkg.writeTo(out);
        return out.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** A stored file whose reads fail with an I/O error once {@code limit} bytes were read. */
    private static final class FailingAfter extends InputStream {
        private final byte[] bytes;
        private final int limit;
        private int pos;

        FailingAfter(byte[] bytes, int limit) {
            this.bytes = bytes;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= limit) {
                throw new IOException("Input/output error");
            }
            int n = Math.min(len, Math.min(limit, bytes.length) - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /**
     * The package as the transport is given it, unchanged; it notes what its write threw and how many bytes it had
     * handed to the transport's stream by then, so the test knows the fault struck mid-delivery.
     */
    private static final class WatchedPackage implements PackageStream {
        private final PackageStream pkg;
        volatile Throwable raised;
        volatile long handedOver;

        WatchedPackage(PackageStream pkg) {
            this.pkg = pkg;
        }

        @Override
        public String name() {
            return pkg.name();
        }

        @Override
        public String spec() {
            return pkg.spec();
        }

        @Override
        public String mimeType() {
            return pkg.mimeType();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            long[] count = {0};
            OutputStream counting = new FilterOutputStream(out) {
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
            };
            try {
                pkg.writeTo(counting);
            } catch (IOException | RuntimeException e) {
                raised = e;
                handedOver = count[0];
                throw e;
            }
        }

        @Override
        public InputStream open() throws IOException {
            return pkg.open();
        }

        @Override
        public PackageMetadata metadata() {
            return pkg.metadata();
        }
    }
}
