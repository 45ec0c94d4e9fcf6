package org.depositservices.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Packaging memory does not grow with file size: a 256 MiB file is packaged in a JVM whose whole heap is 32 MiB.
 * (Anything that buffered a file, or the whole package, would die with OutOfMemoryError.)
 */
class BoundedMemoryTest {

    @Test
    void aFileEightTimesLargerThanTheHeapIsPackagedThroughOpen() throws Exception {
        long size = 256L * 1024 * 1024;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                BoundedMemoryMain.class.getName(), Long.toString(size))).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        long read = Long.parseLong(output.replaceAll("(?s).*read=(\\d+).*", "$1"));
        assertThat(read).isGreaterThan(size);
        assertThat(output).contains("size=" + read);
    }
}
