package org.depositservices.transport.sword;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB package deposited by a child JVM limited to a 128 MiB heap, to a JDK HTTP server that digests and counts
 * the body without keeping it (WireMock would buffer it). Proves the package is streamed, never held in memory,
 * that Content-Length and Content-MD5 describe exactly the bytes that arrived, and that the spool file is deleted.
 *
 * <p>Tagged "large": it runs in the normal suite (about 20-40 s on 2 cores, 2 GiB of temporary disk);
 * {@code -Dsword.large.bytes=...} shrinks it while developing.
 */
@Tag("large")
class LargePackageStreamingTest {

    static final String COLLECTION = "/swordv2/collection/big";
    private static final long SIZE = Long.getLong("sword.large.bytes", 2L << 30);
    private static final String CHILD_HEAP = "-Xmx128m";
    private static final long HEAP_LIMIT = 128L << 20;

    @TempDir
    Path dir;

    @Test
    void a_2_GiB_package_streams_with_bounded_heap_and_arrives_intact() throws Exception {
        Map<String, String> received = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext(SwordFixtures.SERVICE_DOC, ex -> reply(ex, 200, "application/atomserv+xml",
                SwordFixtures.serviceDocument(base, null).replace("/swordv2/collection/123456789/2", COLLECTION)));
        server.createContext(COLLECTION, ex -> {
            // Digest and count as the bytes arrive: nothing of the body is kept.
            MessageDigest md5 = org.depositservices.packaging.ChecksumAlgorithm.MD5.newDigest();
            long count = 0;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = ex.getRequestBody()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md5.update(buf, 0, n);
                    count += n;
                }
            }
            received.put("md5", HexFormat.of().formatHex(md5.digest()));
            received.put("count", Long.toString(count));
            received.put("Content-MD5", String.valueOf(ex.getRequestHeaders().getFirst("Content-MD5")));
            received.put("Content-Length", String.valueOf(ex.getRequestHeaders().getFirst("Content-Length")));
            ex.getResponseHeaders().add("Location", base + SwordFixtures.EDIT);
            reply(ex, 201, "application/atom+xml;type=entry", SwordFixtures.receipt(base));
        });
        server.start();
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Path log = dir.resolve("child.log");
        long started = System.nanoTime();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process child = new ProcessBuilder(java, CHILD_HEAP, "-cp", cp, LargeDepositMain.class.getName(), base,
                    spool.toString(), Long.toString(SIZE))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = child.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                child.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(finished).as("child finished within 5 minutes; output:%n%s", output).isTrue();
            assertThat(child.exitValue()).as("child exit value; output:%n%s", output).isZero();

            Matcher m = Pattern.compile("RESULT md5=(\\w+) size=(\\d+) peakHeap=(\\d+) maxHeap=(\\d+) ref=(\\S+)")
                    .matcher(output);
            assertThat(m.find()).as("RESULT line in:%n%s", output).isTrue();
            String generated = m.group(1);
            long peakHeap = Long.parseLong(m.group(3));

            assertThat(Long.parseLong(m.group(2))).isEqualTo(SIZE);
            assertThat(received.get("count")).isEqualTo(Long.toString(SIZE));
            assertThat(received.get("Content-Length")).isEqualTo(Long.toString(SIZE));
            assertThat(received.get("md5")).as("what arrived is what was generated").isEqualTo(generated);
            assertThat(received.get("Content-MD5")).isEqualTo(generated);
            assertThat(m.group(5)).isEqualTo(base + SwordFixtures.ATOM_STATEMENT);
            // The proof of streaming is that the child finished at all: its heap cannot hold even a tenth of the
            // package. This checks the limit really applied.
            assertThat(Long.parseLong(m.group(4))).as("max heap of the depositing JVM").isLessThanOrEqualTo(HEAP_LIMIT);
            assertThat(SwordFixtures.filesIn(spool)).as("spool file deleted").isEmpty();
            System.out.printf("large SWORD deposit: %d MiB in %d s, child peak heap %d MiB (limit %s)%n",
                    SIZE >> 20, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), peakHeap >> 20,
                    CHILD_HEAP);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
