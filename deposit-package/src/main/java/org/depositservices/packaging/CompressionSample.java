package org.depositservices.packaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.zip.Deflater;

/**
 * Decides from a file's first bytes whether deflating it is worth the CPU, for files whose media type does not say
 * (see {@link CompressedMediaTypes}): compressed data in a format Tika does not know (HDF5 with compressed chunks,
 * .zst, .npz, encrypted files, ...) costs deflate as much time as text does and comes out no smaller, so a package of
 * such files would take many times longer than one of PDFs for nothing.
 *
 * <p>The head of the file ({@value #SAMPLE} bytes) is deflated at the fastest level; unless it shrinks to at most
 * {@value #WORTHWHILE_PERCENT} % of its size, the file is treated as already compressed. Files smaller than
 * {@value #MIN_SIZE} bytes are not sampled: deflating them costs little either way. The sample costs a few per cent of
 * deflating the file, and is read through the stream's buffer, so the file is still read once. A file whose head
 * is incompressible but whose rest is not loses some compression, never correctness.
 *
 * <p>One sample per write, used by the writing thread only; {@link #close()} frees the deflater's native memory.
 */
final class CompressionSample implements AutoCloseable {
    static final int SAMPLE = 32 * 1024;
    static final long MIN_SIZE = 256 * 1024;
    static final int WORTHWHILE_PERCENT = 95;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] head = new byte[SAMPLE];
    private final byte[] out = new byte[SAMPLE];

    /**
     * Whether the rest of {@code in} (of {@code size} bytes) is worth deflating; {@code in} is left where it was.
     * {@code in}'s buffer must hold at least {@value #SAMPLE} bytes, so that the sample is not read twice.
     */
    boolean worthDeflating(BufferedInputStream in, long size) throws IOException {
        if (size < MIN_SIZE) {
            return true;
        }
        in.mark(SAMPLE);
        int n = in.readNBytes(head, 0, SAMPLE);
        in.reset();
        long limit = (long) n * WORTHWHILE_PERCENT / 100;
        deflater.reset();
        deflater.setInput(head, 0, n);
        deflater.finish();
        long deflated = 0;
        while (!deflater.finished()) {
            deflated += deflater.deflate(out);
            if (deflated > limit) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
