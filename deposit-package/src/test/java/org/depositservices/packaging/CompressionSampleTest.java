package org.depositservices.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whether a file of unknown type is worth deflating, judged from its head, without consuming it. */
class CompressionSampleTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void randomBytesAreNotWorthDeflatingAndTheStreamStillStartsAtItsFirstByte() throws Exception {
        byte[] random = new byte[MIB];
        new Random(1).nextBytes(random);
        try (CompressionSample sample = new CompressionSample();
             BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(random), 64 * 1024)) {
            assertThat(sample.worthDeflating(in, random.length)).isFalse();
            assertThat(in.readAllBytes()).isEqualTo(random);
        }
    }

    @Test
    void textAndStructuredBinaryAreWorthDeflating() throws Exception {
        byte[] text = "id,value\n".concat("12345,0.5\n".repeat(MIB / 10)).getBytes(StandardCharsets.US_ASCII);
        // Little-endian 32-bit counters: an uncompressed numeric array, compressible though not text.
        byte[] ints = new byte[MIB];
        for (int i = 0; i < ints.length / 4; i++) {
            ints[4 * i] = (byte) i;
            ints[4 * i + 1] = (byte) (i >>> 8);
        }
        try (CompressionSample sample = new CompressionSample()) {
            for (byte[] content : new byte[][] {text, ints}) {
                BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(content), 64 * 1024);
                assertThat(sample.worthDeflating(in, content.length)).isTrue();
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    @Test
    void smallFilesAreDeflatedWithoutSampling() throws Exception {
        byte[] random = new byte[(int) CompressionSample.MIN_SIZE - 1];
        new Random(2).nextBytes(random);
        try (CompressionSample sample = new CompressionSample()) {
            BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(random), 64 * 1024);
            assertThat(sample.worthDeflating(in, random.length)).isTrue();
            assertThat(in.readAllBytes()).isEqualTo(random);
        }
    }
}
