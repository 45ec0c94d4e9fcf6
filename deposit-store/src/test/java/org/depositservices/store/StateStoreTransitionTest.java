package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.RepositoryCopy;
import org.depositservices.model.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store refuses the status moves the status enums forbid (docs/status-model.md), and then writes nothing. */
class StateStoreTransitionTest {
    private static final String ENGINE = "engine:deposit-task";

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

    private Submission submission() {
        return store.createSubmission(TestData.newSubmission(List.of("local"),
                List.of(TestData.file("paper.pdf", FileRole.MANUSCRIPT, "ab/cd/paper"))), "api:alice", null);
    }

    /** A deposit not yet attempted, of a submission IN_PROGRESS. */
    private Deposit deposit() {
        Submission s = submission();
        return store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "local")), "engine:submission")
                .get(0);
    }

    private Deposit accepted() {
        Deposit d = deposit();
        return store.updateDeposit(d.withStatus(DepositStatus.ACCEPTED, "archived").withRepositoryCopy(
                new RepositoryCopy(UUID.randomUUID().toString(), 0, CopyStatus.COMPLETE, "http://repo/item/1",
                        List.of("hdl:1/2"))), ENGINE);
    }

    private Deposit failed() {
        return store.updateDeposit(deposit().withStatus(DepositStatus.FAILED, "refused: 403"), ENGINE);
    }

    /** Marks every event so far sent, so that a test sees only the events its own writes make. */
    private void outboxSeen() {
        queries.markSent(queries.unsentEvents(100).stream().map(OutboxEvent::id).toList());
    }

    /** Runs a write the store must refuse and checks that the deposit, its history and the outbox are untouched. */
    private IllegalTransitionException refusedAndNothingStored(Deposit stored, Runnable write) {
        outboxSeen();
        List<StatusEvent> history = store.history(stored.id());
        Throwable t = catchThrowable(write::run);
        assertThat(t).isInstanceOf(IllegalTransitionException.class);
        assertThat(store.findDeposit(stored.id())).hasValue(stored);
        assertThat(store.history(stored.id())).isEqualTo(history);
        assertThat(queries.unsentEvents(100)).isEmpty();
        return (IllegalTransitionException) t;
    }

    @Test
    void theEngineMayNotRetryAnAcceptedDepositAndNothingIsStored() {
        Deposit d = accepted();
        IllegalTransitionException e = refusedAndNothingStored(d, () -> store.updateDeposit(
                d.withStatus(DepositStatus.RETRY, "again?").withRepositoryCopy(null), ENGINE));
        assertThat(e.getMessage()).isEqualTo("deposit " + d.id() + " may not move from ACCEPTED to RETRY:"
                + " refused for engine:deposit-task (automation); nothing was written");
        assertThat(e.resourceType()).isEqualTo("deposit");
        assertThat(e.resourceId()).isEqualTo(d.id());
        assertThat(e.from()).isEqualTo("ACCEPTED");
        assertThat(e.to()).isEqualTo("RETRY");
        assertThat(e.actor()).isEqualTo(ENGINE);
    }

    @Test
    void theEngineMayNotResubmitAFailedDepositAndNothingIsStored() {
        Deposit d = failed();
        IllegalTransitionException e = refusedAndNothingStored(d, () -> store.updateDeposit(
                d.withStatus(DepositStatus.SUBMITTED, "sent").withStatusRef("http://repo/statement/1"),
                "engine:custody"));
        assertThat(e.getMessage()).contains(d.id(), "from FAILED to SUBMITTED", "engine:custody", "automation");
    }

    @Test
    void anyActorNotNamedOperatorIsAutomation() {
        Deposit d = failed();
        for (String actor : List.of("api:alice", "test", "operator", "Operator:bob")) {
            refusedAndNothingStored(d, () -> store.updateDeposit(d.withStatus(DepositStatus.RETRY, "x"), actor));
        }
    }

    @Test
    void anOperatorMayRetryAFailedDepositWhichIsRecordedAndAnnounced() {
        Deposit d = failed();
        outboxSeen();
        Deposit retried = store.updateDeposit(d.withStatus(DepositStatus.RETRY, "operator retry of a FAILED deposit"),
                "operator:retry");
        assertThat(retried.status()).isEqualTo(DepositStatus.RETRY);
        assertThat(store.history(d.id())).last().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("operator:retry");
            assertThat(e.fromStatus()).isEqualTo("FAILED");
            assertThat(e.toStatus()).isEqualTo("RETRY");
        });
        assertThat(queries.unsentEvents(100)).extracting(OutboxEvent::type)
                .containsExactly(OutboxEvent.Type.DepositStatus);
        // and the engine carries on from RETRY as from any retry
        assertThat(store.updateDeposit(retried.withStatus(DepositStatus.FAILED, "refused again"), ENGINE).status())
                .isEqualTo(DepositStatus.FAILED);
    }

    @Test
    void anOperatorMayNotReopenAnAcceptedDepositNorUnattemptAFailedOne() {
        Deposit d = accepted();
        IllegalTransitionException e = refusedAndNothingStored(d, () -> store.updateDeposit(
                d.withStatus(DepositStatus.RETRY, "again").withRepositoryCopy(null), "operator:alice"));
        assertThat(e.getMessage()).isEqualTo("deposit " + d.id() + " may not move from ACCEPTED to RETRY:"
                + " refused for operator:alice (an operator action); nothing was written");

        Deposit f = failed();
        e = refusedAndNothingStored(f, () -> store.updateDeposit(f.withStatus(null, null), "operator:alice"));
        assertThat(e.getMessage()).contains("from FAILED to no status");
    }

    @Test
    void aDepositNeverGoesBackToNotYetAttempted() {
        Deposit d = accepted();
        IllegalTransitionException e = refusedAndNothingStored(d, () -> store.updateDeposit(
                d.withStatus(null, null).withRepositoryCopy(null), ENGINE));
        assertThat(e.from()).isEqualTo("ACCEPTED");
        assertThat(e.to()).isNull();
    }

    @Test
    void aDepositNotYetAttemptedMayStartAsAnyStatus() {
        for (DepositStatus first : DepositStatus.values()) {
            assertThat(store.updateDeposit(deposit().withStatus(first, "first"), ENGINE).status()).isEqualTo(first);
        }
    }

    @Test
    void theSameStatusAgainIsNoTransition() {
        Deposit retry = store.updateDeposit(deposit().withStatus(DepositStatus.RETRY, "attempt 1 failed"), ENGINE);
        Deposit again = store.updateDeposit(retry.withStatus(DepositStatus.RETRY, "attempt 2 failed"), ENGINE);
        assertThat(again.statusMessage()).isEqualTo("attempt 2 failed");

        Deposit failed = failed();
        assertThat(store.updateDeposit(failed.withStatus(DepositStatus.FAILED, "custody check failed: x"),
                "engine:custody").statusMessage()).isEqualTo("custody check failed: x");

        Deposit accepted = accepted();
        assertThat(store.updateDeposit(accepted.withStatusRef("http://repo/statement/1"), ENGINE).version())
                .isEqualTo(accepted.version() + 1);
    }

    @Test
    void aCompleteCopyMayNotGoBackInProgress() {
        Deposit d = accepted();
        IllegalTransitionException e = refusedAndNothingStored(d, () -> store.updateDeposit(
                d.withRepositoryCopy(d.repositoryCopy().withStatus(CopyStatus.IN_PROGRESS)), ENGINE));
        assertThat(e.getMessage()).isEqualTo("repository copy of deposit " + d.id()
                + " may not move from COMPLETE to IN_PROGRESS: refused for engine:deposit-task (automation);"
                + " nothing was written");
    }

    @Test
    void aStaleWriteIsAConflictEvenWhenItsMoveWouldBeRefused() {
        Deposit d = deposit();
        store.updateDeposit(d.withStatus(DepositStatus.ACCEPTED, null), ENGINE);
        assertThatThrownBy(() -> store.updateDeposit(d.withStatus(DepositStatus.RETRY, "late"), ENGINE))
                .isInstanceOf(UpdateConflictException.class);
    }

    @Test
    void theEngineMayNotReopenAnAcceptedSubmissionAndNothingIsStored() {
        Submission s = store.updateSubmission(submission().withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                "engine:submission");
        Submission done = store.updateSubmission(s.withStatus(AggregatedDepositStatus.ACCEPTED, null),
                "engine:deposit");
        List<StatusEvent> history = store.history(s.id());
        assertThatThrownBy(() -> store.updateSubmission(done.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                "engine:deposit"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("submission " + s.id() + " may not move from ACCEPTED to IN_PROGRESS: refused for"
                        + " engine:deposit (automation); nothing was written");
        assertThat(store.findSubmission(s.id())).hasValue(done);
        assertThat(store.history(s.id())).isEqualTo(history);

        // an operator may re-open it (AggregatedDepositStatus.canOperatorMoveTo), but not turn it REJECTED
        assertThatThrownBy(() -> store.updateSubmission(done.withStatus(AggregatedDepositStatus.REJECTED, null),
                "operator:alice")).isInstanceOf(IllegalTransitionException.class);
        assertThat(store.updateSubmission(done.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                "operator:alice").status()).isEqualTo(AggregatedDepositStatus.IN_PROGRESS);
    }

    @Test
    void aRefusedStartCreatesNoDeposits() {
        Submission s = submission();
        outboxSeen();
        assertThatThrownBy(() -> store.startSubmission(s.withStatus(AggregatedDepositStatus.ACCEPTED, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "local")), "engine:submission"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("from NOT_STARTED to ACCEPTED");
        assertThat(store.findSubmission(s.id())).hasValue(s);
        assertThat(store.findDepositsOfSubmission(s.id())).isEmpty();
        assertThat(queries.unsentEvents(100)).isEmpty();
    }

    @Test
    void aCrashLeftStateIsWrittenOnlyThroughTheTestQueries() {
        Deposit d = accepted();
        Deposit lost = queries.overwriteDeposit(new Deposit(d.id(), d.version(), d.submissionId(),
                d.repositoryKey(), null, null, null, null, 1, "lost-token", null, d.createdAt(), d.updatedAt()));
        assertThat(lost.status()).isNull();
        assertThat(lost.repositoryCopy()).isNull();
        assertThat(lost.version()).isEqualTo(d.version() + 1);
        assertThat(store.history(d.id())).extracting(StatusEvent::toStatus).containsExactly("ACCEPTED");
    }
}
