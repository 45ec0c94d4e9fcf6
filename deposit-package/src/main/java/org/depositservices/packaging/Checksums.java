package org.depositservices.packaging;

import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Several digests fed from one pass over the bytes, with a byte count. Not thread-safe: one per stream, fed by one
 * thread at a time (the writer's, or a {@link DigestLane}'s).
 */
final class Checksums implements DigestLane.Sink {
    private final List<ChecksumAlgorithm> algorithms;
    private final MessageDigest[] digests;
    private long count;

    Checksums(List<ChecksumAlgorithm> algorithms) {
        this.algorithms = List.copyOf(algorithms);
        this.digests = new MessageDigest[this.algorithms.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = this.algorithms.get(i).newDigest();
        }
    }

    @Override
    public void update(byte[] b, int off, int len) {
        for (MessageDigest d : digests) {
            d.update(b, off, len);
        }
        count += len;
    }

    long count() {
        return count;
    }

    /** The hex digests; resets them. */
    Map<ChecksumAlgorithm, String> finish() {
        Map<ChecksumAlgorithm, String> out = new EnumMap<>(ChecksumAlgorithm.class);
        for (int i = 0; i < digests.length; i++) {
            out.put(algorithms.get(i), HexFormat.of().formatHex(digests[i].digest()));
        }
        return out;
    }

    static Map<ChecksumAlgorithm, String> of(byte[] content, List<ChecksumAlgorithm> algorithms) {
        Checksums c = new Checksums(algorithms);
        c.update(content, 0, content.length);
        return c.finish();
    }
}
