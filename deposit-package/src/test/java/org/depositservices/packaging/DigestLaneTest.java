package org.depositservices.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionFile;
import org.depositservices.packaging.simple.SimpleZipPackageProvider;
import org.junit.jupiter.api.Test;

/** The digest threads of a write: same checksums as one thread, failures surface, no thread outlives a write. */
class DigestLaneTest {

    @Test
    void laneChecksumsEqualASingleThreadedPassOverRandomBytes() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 123];
        new Random(11).nextBytes(data);
        List<ChecksumAlgorithm> all = List.of(ChecksumAlgorithm.values());
        Checksums viaLane = new Checksums(all);
        Map<ChecksumAlgorithm, String> result;
        // Small, odd-sized pieces and a small pool: many waits for a free buffer, chunks split across copies.
        try (DigestLane lane = new DigestLane("test-lane", 4096, 3)) {
            Random sizes = new Random(3);
            int off = 0;
            while (off < data.length) {
                int n = Math.min(data.length - off, 1 + sizes.nextInt(10_000));
                lane.copy(viaLane, data, off, n);
                off += n;
            }
            result = DigestLane.await(lane.after(viaLane::finish), "test data");
        }
        assertThat(result).isEqualTo(Checksums.of(data, all));
    }

    @Test
    void aSinkThatFailsOnTheLaneFailsTheWriterAndPendingResults() throws Exception {
        DigestLane.Sink broken = (b, off, len) -> {
            throw new IllegalStateException("digest exploded");
        };
        try (DigestLane lane = new DigestLane("test-lane", 1024, 2)) {
            lane.copy(broken, new byte[100], 0, 100);
            // The failure surfaces from after() itself or from its result, whichever comes once the lane has failed.
            assertThatThrownBy(() -> DigestLane.await(lane.after(() -> "never"), "test data"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("digest exploded").hasRootCauseMessage("digest exploded");
            assertThatThrownBy(() -> lane.copy(broken, new byte[10], 0, 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("test-lane")
                    .hasRootCauseMessage("digest exploded");
        }
    }

    @Test
    void closingALaneStopsItsThreadAndFailsWhatWaits() throws Exception {
        DigestLane lane = new DigestLane("test-lane-closed", 1024, 2);
        lane.close();
        assertThat(threadsNamed("test-lane-closed")).isEmpty();
        assertThatThrownBy(lane::chunk).isInstanceOf(IOException.class).hasMessageContaining("stopped");
    }

    @Test
    void packageChecksumsAreThoseOfTheBytesWrittenAndNoDigestThreadOutlivesTheWrite() throws Exception {
        long size = 3L * 1024 * 1024 + 7;
        SubmissionFile f = new SubmissionFile("data.bin", FileRole.SUPPLEMENTAL, null, null, size, null, null, "k");
        DepositSubmission s = new DepositSubmission("lanes", null, List.of(f, new SubmissionFile("b.pdf",
                FileRole.SUPPLEMENTAL, null, null, size, null, null, "k2")), x -> new GeneratedInputStream(size, 5));
        Assembler assembler = new ArchivingAssembler(new SimpleZipPackageProvider(),
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T10:01:02Z"), java.time.ZoneOffset.UTC),
                new TikaMediaTypeDetector(), Thread::new);
        PackageStream pkg = assembler.assemble(s, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pkg.writeTo(out);

        byte[] bytes = out.toByteArray();
        assertThat(pkg.metadata().size()).isEqualTo(bytes.length);
        assertThat(pkg.metadata().checksums())
                .isEqualTo(Checksums.of(bytes, List.copyOf(pkg.metadata().checksums().keySet())));
        assertThat(pkg.metadata().resources()).filteredOn(r -> !r.supplemental())
                .hasSize(2).allSatisfy(r -> assertThat(r.size()).isEqualTo(size));
        assertThat(threadsNamed("digest " + pkg.name())).isEmpty();

        // A caller's stream that breaks midway: the write fails with its error and still leaves no thread behind.
        OutputStream breaking = new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1024 * 1024) {
                    throw new IOException("disk full");
                }
            }
        };
        PackageStream again = assembler.assemble(s, null);
        assertThatThrownBy(() -> again.writeTo(breaking)).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(threadsNamed("digest " + again.name())).isEmpty();
        assertThatThrownBy(again::metadata).isInstanceOf(IllegalStateException.class);
    }

    /** Live threads whose name contains {@code part}; lanes are joined on close, so none may remain. */
    private static List<Thread> threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains(part)).toList();
    }
}
