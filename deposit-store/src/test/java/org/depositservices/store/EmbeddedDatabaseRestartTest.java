package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseRestartTest {

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossARestart(@TempDir Path dir) {
        Path pgDir = dir.resolve("postgres");
        Submission s;
        try (Database db = Database.start(DatabaseSettings.embedded(pgDir))) {
            assertThat(db.isHealthy()).isTrue();
            s = new StateStore(db.dataSource(), Clock.systemUTC()).createSubmission(TestData.newSubmission(
                    List.of("local"), List.of(TestData.file("p.pdf", FileRole.MANUSCRIPT, null))), "test", null);
        }
        assertThat(pgDir.resolve("PG_VERSION")).exists();
        try (Database db = Database.start(DatabaseSettings.embedded(pgDir))) {
            Submission again = new StateStore(db.dataSource(), Clock.systemUTC()).findSubmission(s.id()).orElseThrow();
            assertThat(again.metadata()).isEqualTo(s.metadata());
            assertThat(again.files()).isEqualTo(s.files());
        }
    }
}
