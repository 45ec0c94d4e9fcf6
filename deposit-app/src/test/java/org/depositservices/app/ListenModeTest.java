package org.depositservices.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.depositservices.model.StatusInvariants;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.StateStore;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The listen mode as the README shows it: the example submission from examples/ is posted and, on the default
 * repositories.json with the embedded broker, ends ACCEPTED with a COMPLETE copy and a package in data/repository.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListenModeTest {
    @TempDir
    static Path data;

    static final DatabaseSettings DB = TestPostgres.newDatabaseSettings();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("pass.deposit.data-dir", () -> data.toString());
        r.add("pass.deposit.database.url", DB::url);
        r.add("pass.deposit.database.user", DB::user);
        TestCredentials.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    StateStore store;

    @Test
    void theExampleSubmissionIsDepositedIntoTheLocalRepository() throws Exception {
        String id = ExampleSubmission.post(port, "local");
        JsonNode s = ExampleSubmission.awaitSettled(port, id);
        assertThat(s.get("aggregatedDepositStatus").asString()).as(s.toString()).isEqualTo("ACCEPTED");
        JsonNode deposit = s.get("deposits").get(0);
        assertThat(deposit.get("repository").asString()).isEqualTo("local");
        assertThat(deposit.get("depositStatus").asString()).isEqualTo("ACCEPTED");
        assertThat(deposit.get("repositoryCopy").get("copyStatus").asString()).isEqualTo("COMPLETE");
        Path pkg = Path.of(URI.create(deposit.get("repositoryCopy").get("accessUrl").asString()));
        assertThat(pkg.getParent()).isEqualTo(data.resolve("repository").toAbsolutePath().normalize());
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).anyMatch(n -> n.endsWith("manuscript.pdf"));
        }
        assertThat(StatusInvariants.check(store.findSubmission(id).orElseThrow(), store.findDepositsOfSubmission(id)))
                .isEmpty();
    }
}
