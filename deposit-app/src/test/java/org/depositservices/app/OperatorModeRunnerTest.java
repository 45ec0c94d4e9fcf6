package org.depositservices.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.depositservices.store.Database;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.store.TestData;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry mode as the jar runs it: its summary line and exit status, on a real database and repository. */
class OperatorModeRunnerTest {
    @TempDir
    Path data;

    final DatabaseSettings db = TestPostgres.newDatabaseSettings();
    Database database;
    StateStore store;
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @BeforeEach
    void open() {
        database = Database.start(db);
        store = new StateStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A deposit into {@code repositoryKey} that FAILED, as listen leaves one its repository refused. */
    private Deposit failedDeposit(String repositoryKey) throws Exception {
        FileContentStore content = new FileContentStore(data.resolve("files"));
        FileContentStore.StoredContent c = content.store(new ByteArrayInputStream(
                "%PDF-1.4 on things".getBytes(StandardCharsets.US_ASCII)), 0);
        SubmissionFile f = new SubmissionFile("paper.pdf", FileRole.MANUSCRIPT, "the paper", "application/pdf",
                c.size(), c.sha256(), c.md5(), c.location(), c.sha512(), c.crc32());
        Submission s = store.createSubmission(TestData.newSubmission(List.of(repositoryKey), List.of(f)), "test",
                null);
        Deposit d = store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(Deposit.idFor(s.id(), repositoryKey), s.id(), repositoryKey)), "test")
                .get(0);
        return store.updateDeposit(d.withAttempt(1, "first").withStatus(DepositStatus.FAILED,
                "directory does not exist and createIfMissing is false"), "test");
    }

    private Path repositoriesJson(String key, Path baseDir) throws Exception {
        Path file = data.resolve(key + "-repositories.json");
        Files.writeString(file, """
                {"%s": {"assembler": {"specification": "simple"},
                        "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "%s",
                                                                  "createIfMissing": "false"}}}}"""
                .formatted(key, baseDir));
        return file;
    }

    private int retry(Path repositories, String... refs) {
        buffer.reset();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        String[] args = new String[4 + refs.length];
        args[0] = "--pass.deposit.data-dir=" + data;
        args[1] = "--pass.deposit.database.url=" + db.url();
        args[2] = "--pass.deposit.database.user=" + db.user();
        args[3] = "--pass.deposit.repository.configuration=file:" + repositories;
        for (int i = 0; i < refs.length; i++) {
            args[4 + i] = "--uri=" + refs[i];
        }
        return OperatorModeRunner.run("retry", args, out, out);
    }

    private String lastLine() {
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aRetryThatFailsAgainIsCountedFailedAndExitsNonZeroAndOneThatWorksExitsZero() throws Exception {
        Path repo = data.resolve("repository");
        Path config = repositoriesJson("archive", repo);
        Deposit d = failedDeposit("archive");

        assertThat(retry(config, d.id())).as(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(lastLine()).isEqualTo("1 retried, 0 accepted, 0 submitted, 0 unchanged, 1 failed,"
                + " 0 errors");
        assertThat(store.findDeposit(d.id()).orElseThrow().status()).isEqualTo(DepositStatus.FAILED);

        Files.createDirectories(repo);
        assertThat(retry(config, d.id())).as(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        assertThat(lastLine()).isEqualTo("1 retried, 1 accepted, 0 submitted, 0 unchanged, 0 failed,"
                + " 0 errors");
        assertThat(store.findDeposit(d.id()).orElseThrow().status()).isEqualTo(DepositStatus.ACCEPTED);
        try (var packages = Files.list(repo)) {
            assertThat(packages.filter(p -> !p.getFileName().toString().startsWith("."))).hasSize(1);
        }
    }

    @Test
    void aDepositWhoseRepositoryTheModesConfigurationLacksIsLeftUntouchedAndTheConfigurationNamed()
            throws Exception {
        Path config = repositoriesJson("other", data.resolve("repository"));
        Deposit d = failedDeposit("archive");

        assertThat(retry(config)).as(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(1);

        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains(d.id() + ": its repository 'archive' is not in"
                + " the repositories.json this mode read (file:" + config + "); not touched");
        assertThat(lastLine()).isEqualTo("0 retried, 0 accepted, 0 submitted, 0 unchanged, 0 failed,"
                + " 1 errors");
        Deposit after = store.findDeposit(d.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(d.version());
        assertThat(after.statusMessage()).isEqualTo(d.statusMessage());
    }
}
