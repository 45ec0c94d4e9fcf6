package org.depositservices.packaging;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Digests computed on a thread of their own, so that hashing runs on another core than the archive writing. The
 * writing thread hands over chunks from a fixed pool of reusable buffers ({@link #chunk()} then {@link #digest}),
 * or copies of its bytes ({@link #copy}); the lane updates each chunk's {@link Sink} in submission order and puts
 * the buffer back. Memory is bounded by the pool ({@code chunks × chunkSize}), whatever the data size: when the
 * lane falls behind, the writer waits for a free buffer.
 *
 * <p>Lifecycle: one lane per write, used by one writing thread, {@link #close()}d in a finally block. Results are
 * read through {@link #after}, which runs on the lane once every earlier chunk is digested. Failure contract: a
 * sink that throws fails the lane; the writer's next call, and every pending or later {@link #after}, throws an
 * {@link IOException} with that cause. {@link #close()} stops the lane and waits for it, abandoning pending work,
 * so no lane outlives a write, successful or not.
 *
 * <p>Lanes run on a shared pool of daemon threads, and buffers are made only as a write needs them: a deposit of a
 * few small files starts no thread and fills no megabytes, which at tens of packages a second is most of the cost.
 */
final class DigestLane implements AutoCloseable {
    static final int CHUNK = 64 * 1024;
    /** 16 × 64 KiB: 1 MiB per lane, enough to smooth out the two threads' different paces. */
    static final int CHUNKS = 16;

    /** What a lane feeds; called on the lane's thread only. */
    interface Sink {
        void update(byte[] b, int off, int len);
    }

    /** A chunk to digest (buffer set) or a result to compute once the chunks before it are (action set). */
    private record Task(Sink sink, byte[] buffer, int length, Supplier<?> action, CompletableFuture<Object> result) {
    }

    /** Threads for lanes, kept a minute after their last lane; a lane holds one for the whole write. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "digest-lane");
        t.setDaemon(true);
        return t;
    });

    private final String name;
    private final int chunkSize;
    private final int chunks;
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Task> tasks;
    private final Future<?> running;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private int made;
    private volatile boolean started;
    private volatile Throwable failure;

    /** Starts the lane on a pooled daemon thread, named {@code name} while it runs. */
    DigestLane(String name) {
        this(name, CHUNK, CHUNKS);
    }

    DigestLane(String name, int chunkSize, int chunks) {
        this.name = name;
        this.chunkSize = chunkSize;
        this.chunks = chunks;
        this.free = new ArrayBlockingQueue<>(chunks);
        // Room for every chunk plus as many results: the writer rarely waits on this queue rather than the pool.
        this.tasks = new ArrayBlockingQueue<>(2 * chunks);
        this.running = THREADS.submit(this::run);
    }

    /** A free buffer to fill and pass to {@link #digest}; waits while all are in use. */
    byte[] chunk() throws IOException {
        checkHealthy();
        byte[] spare = free.poll();
        if (spare != null) {
            return spare;
        }
        if (made < chunks) {
            // Only the writing thread makes buffers: no lock needed for the count.
            made++;
            return new byte[chunkSize];
        }
        try {
            byte[] b;
            // Bounded waits, so that a lane thread that died some unforeseen way cannot hang the writer.
            while ((b = free.poll(1, TimeUnit.SECONDS)) == null) {
                checkHealthy();
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the checksums of " + name);
        }
    }

    /** Digests {@code buffer[0, length)} into {@code sink} on the lane; the buffer must come from {@link #chunk()}. */
    void digest(Sink sink, byte[] buffer, int length) throws IOException {
        enqueue(new Task(sink, buffer, length, null, null));
    }

    /** Digests a copy of {@code b[off, off + len)}; {@code b} may be reused as soon as this returns. */
    void copy(Sink sink, byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            byte[] c = chunk();
            int n = Math.min(len, c.length);
            System.arraycopy(b, off, c, 0, n);
            digest(sink, c, n);
            off += n;
            len -= n;
        }
    }

    /** Runs {@code action} on the lane once every chunk submitted before is digested. */
    <T> CompletableFuture<T> after(Supplier<T> action) throws IOException {
        CompletableFuture<Object> result = new CompletableFuture<>();
        enqueue(new Task(null, null, 0, action, result));
        @SuppressWarnings("unchecked")
        CompletableFuture<T> typed = (CompletableFuture<T>) (CompletableFuture<?>) result;
        return typed;
    }

    /** Waits for a result of {@link #after}; a lane failure becomes an IOException. */
    static <T> T await(CompletableFuture<T> result, String what) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the checksums of " + what);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("computing the checksums of " + what + " failed: " + cause, cause);
        }
    }

    /** Stops the lane and waits for it; pending results fail. Idempotent. */
    @Override
    public void close() throws IOException {
        running.cancel(true);
        boolean interrupted = false;
        while (true) {
            try {
                if (running.isCancelled() && !started) {
                    break; // never ran: cancelled before a thread took it
                }
                stopped.await();
                break;
            } catch (InterruptedException e) {
                // The lane thread ends promptly once interrupted: finish joining, then restore our own flag.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(Task task) throws IOException {
        checkHealthy();
        try {
            while (!tasks.offer(task, 1, TimeUnit.SECONDS)) {
                checkHealthy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing bytes to the checksums of " + name);
        }
    }

    private void checkHealthy() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw new IOException("computing the checksums of " + name + " failed: " + f, f);
        }
        if (running.isDone()) {
            throw new IOException("the checksum thread " + name + " has stopped (closed or died); the write cannot"
                    + " go on");
        }
    }

    private void run() {
        started = true;
        Thread self = Thread.currentThread();
        String poolName = self.getName();
        self.setName(name);
        try {
            while (true) {
                Task t = tasks.take();
                if (t.buffer() != null) {
                    try {
                        if (failure == null) {
                            t.sink().update(t.buffer(), 0, t.length());
                        }
                    } catch (Throwable e) {
                        failure = e;
                    } finally {
                        // Never blocks: the pool has room for every buffer it lent out.
                        free.add(t.buffer());
                    }
                } else if (failure != null) {
                    t.result().completeExceptionally(failure);
                } else {
                    try {
                        t.result().complete(t.action().get());
                    } catch (Throwable e) {
                        failure = e;
                        t.result().completeExceptionally(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            // Closed: end here, failing whatever still waits for a result.
            CancellationException closed = new CancellationException("checksum lane " + name + " was closed");
            Task t;
            while ((t = tasks.poll()) != null) {
                if (t.result() != null) {
                    t.result().completeExceptionally(closed);
                }
            }
        } finally {
            self.setName(poolName);
            stopped.countDown();
        }
    }
}
