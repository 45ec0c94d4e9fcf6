package org.depositservices.packaging.bagit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.TestArchives;
import org.depositservices.packaging.bagit.BagItPackageProvider;
import org.depositservices.packaging.bagit.BagReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where profiles come from: files, file: URIs, the class path, and (on loopback only) http. */
class BagItProfileLoaderTest {
    @TempDir
    Path temp;

    @Test
    void aProfileIsFoundByPathFileUriOrClassPathAndReadOnce() throws Exception {
        Path file = temp.resolve("consortial.json");
        try (InputStream in = getClass().getResourceAsStream("/bagit/profile/consortial-interchange.json")) {
            Files.copy(in, file);
        }
        BagItProfileLoader loader = BagItProfileLoader.localOnly();

        BagItProfile byPath = loader.load(file.toString());
        BagItProfile byUri = loader.load(file.toUri().toString());
        BagItProfile byResource = loader.load("classpath:bagit/profile/consortial-interchange.json");

        assertThat(byPath).isEqualTo(byUri).isEqualTo(byResource);
        assertThat(byPath.identifier()).isEqualTo(BagItProfilePackagingTest.CONSORTIAL_ID);
        // Read once: the file is gone, the profile is still known.
        Files.delete(file);
        assertThat(loader.load(file.toString())).isSameAs(byPath);
    }

    @Test
    void missingOversizedAndNetworkLocationsAreRefusedNamingThem() throws Exception {
        BagItProfileLoader loader = BagItProfileLoader.localOnly();
        Path big = Files.write(temp.resolve("big.json"), new byte[BagItProfileLoader.MAX_PROFILE_BYTES + 1]);

        assertThatThrownBy(() -> loader.load(temp.resolve("none.json").toString()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("none.json");
        assertThatThrownBy(() -> loader.load("classpath:bagit/profile/none.json"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("classpath:bagit/profile/none.json");
        assertThatThrownBy(() -> loader.load(big.toString()))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than");
        assertThatThrownBy(() -> loader.load("https://example.org/profile.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("does not use the network");
    }

    @Test
    void anIdentifierAloneIsFetchedOverHttpOnceAndTheBagDeclaresIt() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/profiles/p-v1.json";
        byte[] json = ("{\"BagIt-Profile-Info\": {\"BagIt-Profile-Identifier\": \"" + url + "\"},"
                + " \"Accept-BagIt-Version\": [\"1.0\"], \"Bag-Info\": {\"Contact-Email\": {\"required\": true}}}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/profiles/p-v1.json", exchange -> {
            requests.incrementAndGet();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders("application/json".equals(accept) ? 200 : 406, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        });
        server.start();
        try {
            BagItProfileLoader loader = new BagItProfileLoader(getClass().getClassLoader(), true,
                    Duration.ofSeconds(10));
            ArchivingAssembler bagit = new ArchivingAssembler(new BagItPackageProvider("test", loader),
                    Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC));
            PackageOptions options = PackageOptions.fromConfig(Map.of("profile", url));

            Path zip = TestArchives.write(bagit.assemble(Sample1.submission(), options), temp);
            bagit.assemble(Sample1.submission(), options);

            Path root = TestArchives.unzipTo(zip, temp.resolve("u")).resolve("bagit_2026-11-23_10-01-02_15");
            assertThat(new BagReader().read(root).info("BagIt-Profile-Identifier")).containsExactly(url);
            assertThat(requests.get()).as("fetched once for two packages and a write").isEqualTo(1);
            assertThatThrownBy(() -> loader.load(url.replace("p-v1", "p-v2")))
                    .isInstanceOf(IOException.class).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
