package org.depositservices.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pipe behind {@link PackageStream#open()}: every byte in order, each side's end seen by the other. */
@Timeout(60) // a missed wake-up hangs a side: fail instead
class BoundedPipeTest {

    @Test
    void randomPiecesOnBothSidesArriveInOrderThroughASmallBuffer() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(data);
        // 1000 bytes of buffer against pieces up to 5000: both sides wait often, for room and for bytes.
        BoundedPipe pipe = new BoundedPipe(1000, "test");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            Random sizes = new Random(7);
            try {
                OutputStream out = pipe.sink();
                int off = 0;
                while (off < data.length) {
                    int n = Math.min(data.length - off, sizes.nextInt(5000));
                    if (n == 0) {
                        out.write(data[off++]);
                    } else {
                        out.write(data, off, n);
                        off += n;
                    }
                }
                pipe.finish();
            } catch (IOException e) {
                pipe.fail(e);
            }
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Random sizes = new Random(9);
        try (InputStream in = pipe.source()) {
            byte[] b = new byte[5000];
            while (true) {
                int want = sizes.nextInt(b.length);
                if (want == 0) {
                    int one = in.read();
                    if (one == -1) {
                        break;
                    }
                    received.write(one);
                    continue;
                }
                int n = in.read(b, 0, want);
                if (n == -1) {
                    break;
                }
                received.write(b, 0, n);
            }
        }
        writer.get(30, TimeUnit.SECONDS);
        assertThat(received.toByteArray()).isEqualTo(data);
    }

    @Test
    void aFewBytesAndTheEndReachAWaitingReader() throws Exception {
        // Fewer bytes than the half buffer that wakes a waiting reader: finishing must wake it.
        BoundedPipe pipe = new BoundedPipe(1024 * 1024, "test");
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = pipe.source()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        pipe.sink().write(new byte[] {1, 2, 3});
        pipe.finish();
        assertThat(reader.get(30, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    }

    @Test
    void bytesFromASlowWriterReachTheReaderBeforeTheWriterWritesMoreOrEnds() throws Exception {
        // A writer that has written a little and then waits (a slow source): the reader must get those bytes now,
        // not once half the buffer has filled, or a server waiting for the upload could give up.
        BoundedPipe pipe = new BoundedPipe(1024 * 1024, "test");
        CompletableFuture<Thread> reader = new CompletableFuture<>();
        CompletableFuture<Integer> firstRead = CompletableFuture.supplyAsync(() -> {
            reader.complete(Thread.currentThread());
            try {
                return pipe.source().read(new byte[100]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // Only once the reader waits for bytes: written before, they would be there when it first looks.
        Thread t = reader.get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("reader waiting").isLessThan(deadline);
            Thread.onSpinWait();
        }
        pipe.sink().write(new byte[] {1, 2, 3});
        assertThat(firstRead.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        pipe.finish();
    }

    @Test
    void aWriterFailureReachesTheReaderAndAClosedReaderStopsTheWriter() throws Exception {
        BoundedPipe failed = new BoundedPipe(1024, "pkg-a");
        failed.sink().write(new byte[10]);
        failed.fail(new IOException("disk gone"));
        assertThatThrownBy(() -> failed.source().read(new byte[10]))
                .isInstanceOf(IOException.class).hasMessageContaining("pkg-a").hasMessageContaining("disk gone");

        BoundedPipe closed = new BoundedPipe(1024, "pkg-b");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                // More than the buffer holds: the writer waits for room until the reader closes.
                closed.sink().write(new byte[4096]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        closed.source().close();
        assertThatThrownBy(() -> writer.get(30, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IOException.class).hasRootCauseMessage(
                        "the reader of package pkg-b closed it before the end; writing stopped");
    }
}
