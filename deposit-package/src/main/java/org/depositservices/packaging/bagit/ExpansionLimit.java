package org.depositservices.packaging.bagit;

/**
 * How much unpacking an archive may write: at most {@code ratio} times the archive's own size, and never more than
 * {@code maxBytes}. A real bag of PDFs and images expands to about its own size and one of text a few times it; an
 * archive bomb expands a thousand times or more, so a ratio stops it after little has been written, whatever the
 * archive's size, where a fixed limit would have to be as large as the largest bag.
 *
 * @param ratio    at most this many times the archive's size; 0 means no ratio (only {@code maxBytes})
 * @param maxBytes at most this many bytes, whatever the ratio allows
 */
public record ExpansionLimit(long ratio, long maxBytes) {
    /** Expands to 20 × the archive's size at most: well above what text compresses to, far below a bomb. */
    public static final long DEFAULT_RATIO = 20;
    /** And to 64 GiB at most: more than any deposit, less than a full disk. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024 * 1024;

    public ExpansionLimit {
        if (ratio < 0) {
            throw new IllegalArgumentException("the expansion ratio must be 0 (none) or more, not " + ratio);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the largest expanded size must be 0 bytes or more, not " + maxBytes);
        }
    }

    public static ExpansionLimit defaults() {
        return new ExpansionLimit(DEFAULT_RATIO, DEFAULT_MAX_BYTES);
    }

    /** A fixed limit of {@code maxBytes}, whatever the archive's size. */
    public static ExpansionLimit absolute(long maxBytes) {
        return new ExpansionLimit(0, maxBytes);
    }

    /** The bytes an archive of {@code archiveBytes} may expand to. */
    public long bytesFor(long archiveBytes) {
        if (ratio == 0) {
            return maxBytes;
        }
        long byRatio = archiveBytes > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : archiveBytes * ratio;
        return Math.min(byRatio, maxBytes);
    }

    /** Whether the ratio, rather than {@code maxBytes}, sets the limit for an archive of {@code archiveBytes}. */
    public boolean ratioApplies(long archiveBytes) {
        return ratio != 0 && bytesFor(archiveBytes) < maxBytes;
    }

    /** E.g. "1048576 bytes (20 × the archive's 52428 bytes)" or "68719476736 bytes (the largest expanded size)". */
    public String describe(long archiveBytes) {
        return bytesFor(archiveBytes) + " bytes (" + (ratioApplies(archiveBytes)
                ? ratio + " × the archive's " + archiveBytes + " bytes" : "the largest expanded size") + ")";
    }
}
