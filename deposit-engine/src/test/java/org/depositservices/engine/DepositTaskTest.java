package org.depositservices.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.depositservices.packaging.Assemblers;
import org.depositservices.transport.TransportRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one attempt of the deposit task records. A stored file that cannot be read when its deposit is attempted is
 * judged here alone, the same whichever transport was reading: gone or damaged FAILS the deposit (no retry brings it
 * back), an I/O error on our disk is RETRY; the message names the file and says our content store, not the
 * repository, is at fault. An operator's retry is recorded by its claim, so a retry that claims nothing records
 * nothing.
 */
class DepositTaskTest {
    @TempDir
    Path dir;

    EngineFixture fx;

    @AfterEach
    void close() throws Exception {
        fx.assertInvariants();
        fx.close();
    }

    /** A submission started (its deposit created, not attempted), with its stored data.csv changed by {@code harm}. */
    private Deposit startedWith(String title, Harm harm) throws Exception {
        Submission s = fx.submit(title, "local");
        List<String> dispatched = new ArrayList<>();
        new SubmissionProcessor(fx.store, fx.content, new CriticalPath(CriticalPath.ConflictHandler.retryUpTo(5)),
                dispatched::add).process(s.id());
        assertThat(dispatched).hasSize(1);
        SubmissionFile csv = s.files().stream().filter(f -> f.name().equals("data.csv")).findFirst().orElseThrow();
        harm.apply(fx.content.baseDirectory().resolve(csv.location()));
        return fx.store.findDeposit(dispatched.get(0)).orElseThrow();
    }

    @FunctionalInterface
    interface Harm {
        void apply(Path stored) throws Exception;
    }

    private DepositTask task() {
        RepositoryTargets targets = new RepositoryTargets(fx.repositories, new TransportRegistry(fx.transports()),
                Assemblers.discover(Clock.systemUTC()));
        return EngineParts.build(fx.store, fx.content, targets, EngineFixture.fastSettings(), Clock.systemUTC(),
                new Random(1), new Deposit.AttemptOwner("task-test", "1")).task();
    }

    private DepositTask.AttemptResult attempt(Deposit d) {
        return task().run(d.id());
    }

    @Test
    void anOperatorRetryIsRecordedByItsClaimAndARetryThatClaimsNothingRecordsNothing() throws Exception {
        fx = new EngineFixture(dir, null);
        Deposit d = startedWith("retried", p -> { });
        assertThat(attempt(d)).isEqualTo(DepositTask.AttemptResult.ACCEPTED);
        int before = fx.store.history(d.id()).size();

        assertThat(task().retryNow(d.id(), "bob")).as("an ACCEPTED deposit is not claimed")
                .isEqualTo(DepositTask.AttemptResult.NOT_DUE);
        assertThat(fx.store.history(d.id())).hasSize(before).noneMatch(e -> e.actor().contains("bob"));

        Deposit failed = startedWith("gone again", Files::delete);
        assertThat(attempt(failed)).isEqualTo(DepositTask.AttemptResult.FAILED);
        task().retryNow(failed.id(), "bob");
        assertThat(fx.store.history(failed.id())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("operator:bob");
            assertThat(e.fromStatus()).isEqualTo("FAILED");
            assertThat(e.toStatus()).isEqualTo("RETRY");
            assertThat(e.message()).startsWith("operator bob retried the deposit (was FAILED: file 'data.csv'");
        });
    }

    @Test
    void aFileGoneFromTheStoreFailsTheDepositAndBlamesTheStore() throws Exception {
        fx = new EngineFixture(dir, null);
        Deposit d = startedWith("gone", Files::delete);

        assertThat(attempt(d)).isEqualTo(DepositTask.AttemptResult.FAILED);
        Deposit after = fx.store.findDeposit(d.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(DepositStatus.FAILED);
        assertThat(after.statusMessage()).startsWith("file 'data.csv' (files[1], location ")
                .contains("is missing from the content store")
                .endsWith("(our content store's failure, not local's)");
        assertThat(delivered()).as("nothing left in the repository").isEmpty();
    }

    private List<Path> delivered() throws Exception {
        Path repo = dir.resolve("repository");
        if (!Files.exists(repo)) {
            return List.of();
        }
        try (var files = Files.walk(repo)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aDamagedFileFailsTheDepositAndSaysToUploadItAgain() throws Exception {
        fx = new EngineFixture(dir, null);
        Deposit d = startedWith("damaged", p -> Files.writeString(p, "a,b\n1,2\n3,4,5\n"));

        assertThat(attempt(d)).isEqualTo(DepositTask.AttemptResult.FAILED);
        assertThat(fx.store.findDeposit(d.id()).orElseThrow().statusMessage())
                .startsWith("file 'data.csv' of submission ").contains("the stored copy is damaged")
                .contains("upload it again").endsWith("(our content store's failure, not local's)");
        assertThat(delivered()).as("nothing left in the repository").isEmpty();
    }

    @Test
    void aFileThatCannotBeReadNowIsRetried() throws Exception {
        fx = new EngineFixture(dir, null);
        // A directory where the file was: opening it for reading fails with an I/O error, even for root.
        Deposit d = startedWith("unreadable", p -> {
            Files.delete(p);
            Files.createDirectory(p);
        });

        assertThat(attempt(d)).isEqualTo(DepositTask.AttemptResult.RETRY);
        assertThat(fx.store.findDeposit(d.id()).orElseThrow().statusMessage())
                .startsWith("attempt 1 of 3 failed: file 'data.csv' (files[1], location ")
                .contains("cannot be read from the content store")
                .contains("(our content store's failure, not local's); next attempt at ");
    }

    @Test
    void whatAnAttemptRecordedAtTheTargetIsGivenToTheNextAttemptAndForgottenOnDelivery() throws Exception {
        fx = new EngineFixture(dir, """
                "rest": {"transport-config": {"protocol-binding": {"protocol": "resuming"}}}""");
        Submission s = fx.submit("resumed", "rest");
        List<String> dispatched = new ArrayList<>();
        new SubmissionProcessor(fx.store, fx.content, new CriticalPath(CriticalPath.ConflictHandler.retryUpTo(5)),
                dispatched::add).process(s.id());
        String id = dispatched.get(0);

        assertThat(task().run(id)).isEqualTo(DepositTask.AttemptResult.RETRY);
        assertThat(fx.store.findCheckpoint(id)).contains("item-1");
        // due again after the backoff; the second attempt is handed what the first recorded
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> task().run(id) == DepositTask.AttemptResult.SUBMITTED);

        assertThat(fx.resuming.itemsCreated).as("one item at the target").hasValue(1);
        assertThat(fx.resuming.seenRecorded).containsEntry(id + "#1", "(nothing)").containsEntry(id + "#2", "item-1");
        Deposit d = fx.store.findDeposit(id).orElseThrow();
        assertThat(d.status()).isEqualTo(DepositStatus.SUBMITTED);
        assertThat(d.statusMessage()).isEqualTo("finished item-1");
        assertThat(fx.store.findCheckpoint(id)).as("nothing left to resume once delivered").isEmpty();
    }
}
