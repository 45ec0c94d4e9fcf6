package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What crashes leave in the content store is removed; what belongs to a submission, or may still, is kept. */
class FileContentStoreCleanUpTest {

    @TempDir
    Path dir;

    @Test
    void uploadsAreReadableOnlyByTheServicesUser() throws IOException {
        FileContentStore content = new FileContentStore(dir.resolve("files"));
        FileContentStore.StoredContent c = content.store(bytes("private"), 0);
        Path file = dir.resolve("files").resolve(c.location());
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(file.getParent().getParent())).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("files").resolve("tmp"))).isEqualTo("rwx------");
    }

    @Test
    void oldPartialUploadsAndUnreferencedFilesGoWhileReferencedAndYoungOnesStay() throws IOException {
        FileContentStore content = new FileContentStore(dir.resolve("files"));
        try (Database db = TestPostgres.newDatabase()) {
            StateStore store = new StateStore(db.dataSource(), Clock.systemUTC());
            FileContentStore.StoredContent kept = content.store(bytes("a submission's file"), 0);
            SubmissionFile f = TestData.file("p.pdf", FileRole.MANUSCRIPT, kept.location());
            Submission s = store.createSubmission(TestData.newSubmission(List.of("local"), List.of(f)), "test", null);
            FileContentStore.StoredContent orphan = content.store(bytes("stored, but its submission never committed"), 0);
            FileContentStore.StoredContent young = content.store(bytes("an upload whose submission is being saved"), 0);
            Path tmp = dir.resolve("files").resolve("tmp");
            Path oldPart = Files.writeString(tmp.resolve("0000-old.part"), "killed mid-upload");
            Path freshPart = Files.writeString(tmp.resolve("0000-fresh.part"), "upload in progress");
            Instant longAgo = Instant.now().minus(Duration.ofDays(2));
            for (Path p : List.of(fileOf(kept), fileOf(orphan), oldPart)) {
                Files.setLastModifiedTime(p, FileTime.from(longAgo));
            }

            FileContentStore.CleanUp result = content.cleanUp(Duration.ofHours(24), store::referencedLocations);

            assertThat(result).isEqualTo(new FileContentStore.CleanUp(1, 1));
            assertThat(oldPart).doesNotExist();
            assertThat(freshPart).exists();
            assertThat(content.exists(orphan.location())).isFalse();
            assertThat(content.exists(young.location())).as("too young to judge").isTrue();
            assertThat(content.exists(kept.location())).isTrue();
            try (InputStream in = content.open(store.findSubmission(s.id()).orElseThrow().files().get(0).location())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a submission's file");
            }
        }
    }

    private Path fileOf(FileContentStore.StoredContent c) {
        return dir.resolve("files").resolve(c.location());
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
