package org.depositservices.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.MultipartConfigElement;
import java.nio.file.Path;
import org.apache.catalina.connector.Connector;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The limits as shipped, read from the running Tomcat and Spring: what {@link BadInputApiTest} proves with small
 * values holds for the defaults the README gives (512 MB a file, 2 MB the JSON, 1000 files, 255-byte names).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("no-engine")
class DefaultLimitsTest {
    @TempDir
    static Path data;

    static final DatabaseSettings DB = TestPostgres.newDatabaseSettings();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        ApiClient.register(r, () -> data, DB);
    }

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    UploadLimits limits;

    @Autowired
    MultipartConfigElement multipart;

    @Test
    void theShippedLimitsAreTheOnesTomcatAndTheMessagesUse() {
        assertThat(limits).isEqualTo(new UploadLimits(512L * 1024 * 1024, 2L * 1024 * 1024, 1000, 4096));
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getMaxPartCount()).as("files and the JSON part").isEqualTo(1001);
        assertThat((long) connector.getMaxPostSize()).as("JSON part without a filename").isEqualTo(limits.jsonBytes());
        assertThat((long) connector.getMaxPartHeaderSize()).isEqualTo(limits.partHeaderBytes());
        assertThat(multipart.getMaxFileSize()).isEqualTo(limits.fileBytes());
        assertThat(multipart.getMaxRequestSize()).as("no limit on the whole request").isEqualTo(-1);

        // what a 600 MB file is told
        assertThat(limits.fileTooLarge("big.bin")).isEqualTo(
                "file 'big.bin' is larger than the limit of 536870912 bytes (512 MB), set by PASS_DEPOSIT_MAX_FILE_SIZE");
        assertThat(limits.jsonTooLarge()).isEqualTo(
                "the submission JSON is larger than the limit of 2097152 bytes (2 MB), set by PASS_DEPOSIT_MAX_JSON_SIZE");
        assertThat(limits.tooManyFiles()).contains("more than 1000 files", "PASS_DEPOSIT_MAX_FILES");
        assertThat(limits.partHeadersTooLarge()).contains("4096 bytes (4 KB)", "255 bytes");
    }
}
