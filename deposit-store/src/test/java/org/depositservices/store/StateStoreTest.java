package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.RepositoryCopy;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateStoreTest {
    private Database db;
    private StateStore store;
    private StateStoreQueries queries;

    @BeforeEach
    void start() {
        db = TestPostgres.newDatabase();
        store = new StateStore(db.dataSource(), Clock.systemUTC());
        queries = new StateStoreQueries(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private Submission created() {
        return store.createSubmission(TestData.newSubmission(List.of("local", "dspace"), List.of(
                TestData.file("paper.pdf", FileRole.MANUSCRIPT, "ab/cd/abcd0000-0000-0000-0000-000000000000"),
                TestData.file("data.csv", FileRole.SUPPLEMENTAL, "ab/cd/abcd0000-0000-0000-0000-000000000001"))),
                "test", null);
    }

    @Test
    void aSubmissionRoundTripsWithItsMetadataFilesAndAReadyEvent() {
        Submission s = created();
        Submission read = store.findSubmission(s.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(AggregatedDepositStatus.NOT_STARTED);
        assertThat(read.metadata()).isEqualTo(TestData.metadata("On things"));
        assertThat(read.repositories()).containsExactly("local", "dspace");
        assertThat(read.files()).extracting(f -> f.name()).containsExactly("paper.pdf", "data.csv");
        assertThat(read.files()).containsExactlyElementsOf(s.files());
        assertThat(read.files().get(0).sha512()).startsWith("ddaf35a1");
        assertThat(read.files().get(0).crc32()).isEqualTo("352441c2");
        assertThat(queries.unsentEvents(10)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(OutboxEvent.Type.SubmissionReady);
            assertThat(e.resourceId()).isEqualTo(s.id());
        });
        assertThat(store.history(s.id())).extracting(StatusEvent::toStatus).containsExactly("NOT_STARTED");
    }

    @Test
    void aFileWithoutTheNewerDigestsReadsBackWithoutThem() {
        // As files stored before the sha512 and crc32 columns existed: packaging falls back to SHA-256 then.
        SubmissionFile old = new SubmissionFile("old.pdf", FileRole.MANUSCRIPT, null, "application/pdf", 3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "900150983cd24fb0d6963f7d28e17f72", "ab/cd/old");
        Submission s = store.createSubmission(TestData.newSubmission(List.of("local"), List.of(old)), "test", null);
        SubmissionFile read = store.findSubmission(s.id()).orElseThrow().files().get(0);
        assertThat(read).isEqualTo(old);
        assertThat(read.sha512()).isNull();
        assertThat(read.crc32()).isNull();
    }

    @Test
    void aStaleUpdateFailsAndWritesNothing() {
        Submission s = created();
        Submission first = store.updateSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null), "a");
        assertThat(first.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.updateSubmission(s.withStatus(AggregatedDepositStatus.FAILED, "x"), "b"))
                .isInstanceOf(UpdateConflictException.class)
                .hasMessageContaining(s.id());
        Submission now = store.findSubmission(s.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(AggregatedDepositStatus.IN_PROGRESS);
        assertThat(now.version()).isEqualTo(2);
    }

    @Test
    void twoConcurrentWritersOneWinsTheOtherConflictsAndNothingIsLost() throws Exception {
        Submission s = created();
        List<Deposit> ds = store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "local")), "t");
        Deposit read = ds.get(0);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Deposit> writerA = () -> {
                together.await(10, TimeUnit.SECONDS);
                return store.updateDeposit(read.withStatusRef("ref-from-A"), "A");
            };
            Callable<Deposit> writerB = () -> {
                together.await(10, TimeUnit.SECONDS);
                return store.updateDeposit(read.withStatus(DepositStatus.RETRY, "from B"), "B");
            };
            Future<Deposit> a = pool.submit(writerA);
            Future<Deposit> b = pool.submit(writerB);
            int wins = 0;
            int conflicts = 0;
            for (Future<Deposit> f : List.of(a, b)) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                    wins++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(UpdateConflictException.class);
                    conflicts++;
                }
            }
            assertThat(wins).isEqualTo(1);
            assertThat(conflicts).isEqualTo(1);
            // The loser re-reads and re-applies its change: both changes are then present.
            Deposit current = store.findDeposit(read.id()).orElseThrow();
            boolean aWon = "ref-from-A".equals(current.depositStatusRef());
            Deposit redone = aWon ? store.updateDeposit(current.withStatus(DepositStatus.RETRY, "from B"), "B")
                    : store.updateDeposit(current.withStatusRef("ref-from-A"), "A");
            assertThat(redone.depositStatusRef()).isEqualTo("ref-from-A");
            assertThat(redone.status()).isEqualTo(DepositStatus.RETRY);
            assertThat(redone.version()).isEqualTo(read.version() + 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void startingASubmissionTwiceKeepsOneDepositPerRepository() {
        Submission s = created();
        Submission inProgress = s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null);
        List<Deposit> first = store.startSubmission(inProgress, List.of(
                Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "local"),
                Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "dspace")), "t");
        Submission again = store.findSubmission(s.id()).orElseThrow();
        List<Deposit> second = store.startSubmission(again, List.of(
                Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "local"),
                Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "dspace")), "t");
        assertThat(second).extracting(Deposit::id).containsExactlyInAnyOrderElementsOf(
                first.stream().map(Deposit::id).toList());
        assertThat(store.findDepositsOfSubmission(s.id())).hasSize(2);
    }

    @Test
    void aDepositThatEndsWritesItsCopyAndOneOutboxEventAnIntermediateMoveNone() {
        Submission s = created();
        queries.markSent(queries.unsentEvents(10).stream().map(OutboxEvent::id).toList());
        Deposit d = store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "local")), "t").get(0);
        Deposit submitted = store.updateDeposit(d.withStatus(DepositStatus.SUBMITTED, null)
                .withRepositoryCopy(new RepositoryCopy(UUID.randomUUID().toString(), 0, CopyStatus.IN_PROGRESS,
                        "http://repo/item/1", List.of("hdl:1/2"))), "engine");
        assertThat(submitted.repositoryCopy().status()).isEqualTo(CopyStatus.IN_PROGRESS);
        assertThat(submitted.repositoryCopy().externalIds()).containsExactly("hdl:1/2");
        assertThat(queries.unsentEvents(10)).as("SUBMITTED cannot change the submission: not announced").isEmpty();

        // same status again: no event
        Deposit same = store.updateDeposit(submitted.withStatusRef("statement"), "engine");
        assertThat(queries.unsentEvents(10)).isEmpty();

        Deposit accepted = store.updateDeposit(same.withStatus(DepositStatus.ACCEPTED, null)
                .withRepositoryCopy(same.repositoryCopy().withStatus(CopyStatus.COMPLETE)), "engine");
        assertThat(accepted.repositoryCopy().status()).isEqualTo(CopyStatus.COMPLETE);
        assertThat(accepted.repositoryCopy().version()).isEqualTo(2);
        assertThat(queries.unsentEvents(10)).extracting(OutboxEvent::type)
                .containsExactly(OutboxEvent.Type.DepositStatus);
        assertThat(store.history(d.id())).extracting(StatusEvent::toStatus).containsExactly("SUBMITTED", "ACCEPTED");

        // a stale write is refused and leaves no event behind
        assertThatThrownBy(() -> store.updateDeposit(same.withStatus(DepositStatus.FAILED, "late"), "x"))
                .isInstanceOf(UpdateConflictException.class);
        assertThat(queries.unsentEvents(10)).hasSize(1);
        assertThat(store.findDeposit(d.id()).orElseThrow().status()).isEqualTo(DepositStatus.ACCEPTED);
    }

    @Test
    void listsSubmissionsByStatusAndPage() {
        for (int i = 0; i < 5; i++) {
            created();
        }
        Submission s = created();
        store.updateSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null), "t");
        Page<Submission> notStarted = store.listSubmissions(AggregatedDepositStatus.NOT_STARTED, null, 0, 3);
        assertThat(notStarted.total()).isEqualTo(5);
        assertThat(notStarted.items()).hasSize(3);
        assertThat(store.listSubmissions(AggregatedDepositStatus.NOT_STARTED, null, 1, 3).items()).hasSize(2);
        assertThat(store.listSubmissions(AggregatedDepositStatus.IN_PROGRESS, null, 0, 3).items())
                .extracting(Submission::id).containsExactly(s.id());
        assertThat(store.listSubmissions(null, null, 0, 100).total()).isEqualTo(6);
    }
}
