package org.depositservices.packaging;

import java.io.InputStream;
import java.util.Random;

/**
 * {@code size} bytes made on the fly: a large file without disk or heap. The bytes repeat a 1 MiB random block,
 * which deflate (32 KiB window) cannot compress, so they behave like the PDFs and images of real deposits.
 */
public final class GeneratedInputStream extends InputStream {
    private static final int BLOCK = 1024 * 1024;
    private final long size;
    private final byte[] block = new byte[BLOCK];
    private long position;

    public GeneratedInputStream(long size, long seed) {
        this.size = size;
        new Random(seed).nextBytes(block);
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        return block[(int) (position++ % BLOCK)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int at = (int) (position % BLOCK);
        int n = (int) Math.min(Math.min(len, size - position), BLOCK - at);
        System.arraycopy(block, at, b, off, n);
        position += n;
        return n;
    }
}
