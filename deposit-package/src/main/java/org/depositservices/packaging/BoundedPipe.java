package org.depositservices.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A fixed-size ring buffer between one writer thread and one reader thread. Unlike {@code PipedInputStream} it does
 * not depend on which threads are alive: the writer ends with {@link #finish()} or {@link #fail}, the reader with
 * {@code close()}, and each side learns of the other's end at its next call.
 *
 * <p>A side that waits is woken once half the buffer is ready for it (bytes for the reader, room for the writer) or
 * the other side ends, not after every transfer: a transport reading 8 KiB at a time would otherwise cost two
 * context switches per 8 KiB. A waiting reader also looks again every {@value #READER_POLL_MS} ms, so that bytes
 * from a slow writer (a slow file source) still flow at once rather than after half a buffer, which a remote
 * server waiting for the upload might not wait for.
 */
final class BoundedPipe {
    static final long READER_POLL_MS = 20;

    private final byte[] ring;
    private final String name;
    /** Bytes (for a waiting reader) or room (for a waiting writer) that wake the waiting side. */
    private final int batch;
    private boolean readerWaiting;
    private boolean writerWaiting;
    private int start;
    private int count;
    private boolean writerDone;
    private boolean readerClosed;
    private Throwable failure;

    BoundedPipe(int capacity, String name) {
        this.ring = new byte[capacity];
        this.name = name;
        this.batch = Math.max(1, capacity / 2);
    }

    /** The writer's end. Closing it does nothing: the writer calls {@link #finish()} or {@link #fail}. */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                put(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                put(b, off, len);
            }
        };
    }

    /** The reader's end. */
    InputStream source() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = take(one, 0, 1);
                return n == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return take(b, off, len);
            }

            @Override
            public int available() {
                synchronized (BoundedPipe.this) {
                    return count;
                }
            }

            @Override
            public void close() {
                synchronized (BoundedPipe.this) {
                    readerClosed = true;
                    BoundedPipe.this.notifyAll();
                }
            }
        };
    }

    /** The writer wrote everything: the reader sees end of stream once the buffer is drained. */
    synchronized void finish() {
        writerDone = true;
        notifyAll();
    }

    /** The writer failed: the reader's next read throws an IOException with this cause. */
    synchronized void fail(Throwable cause) {
        if (!writerDone) {
            failure = cause;
            writerDone = true;
            notifyAll();
        }
    }

    private synchronized void put(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            while (count == ring.length && !readerClosed) {
                writerWaiting = true;
                try {
                    await(0);
                } finally {
                    writerWaiting = false;
                }
            }
            if (readerClosed) {
                throw new IOException("the reader of package " + name + " closed it before the end; writing stopped");
            }
            int end = (start + count) % ring.length;
            int n = Math.min(len, Math.min(ring.length - count, ring.length - end));
            System.arraycopy(b, off, ring, end, n);
            count += n;
            off += n;
            len -= n;
            if (readerWaiting && count >= batch) {
                notifyAll();
            }
        }
    }

    private synchronized int take(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (count == 0 && !writerDone && !readerClosed) {
            readerWaiting = true;
            try {
                await(READER_POLL_MS);
            } finally {
                readerWaiting = false;
            }
        }
        if (readerClosed) {
            throw new IOException("package " + name + " stream is closed");
        }
        if (failure != null) {
            // A broken package is useless: report at once, even if bytes are still buffered.
            throw new IOException("writing package " + name + " failed: " + failure.getMessage(), failure);
        }
        if (count == 0) {
            return -1;
        }
        int n = Math.min(len, Math.min(count, ring.length - start));
        System.arraycopy(ring, start, b, off, n);
        start = (start + n) % ring.length;
        count -= n;
        if (writerWaiting && ring.length - count >= batch) {
            notifyAll();
        }
        return n;
    }

    /** Waits for a notification, or at most {@code millis} ms unless 0. */
    private void await(long millis) throws InterruptedIOException {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming package " + name);
        }
    }
}
