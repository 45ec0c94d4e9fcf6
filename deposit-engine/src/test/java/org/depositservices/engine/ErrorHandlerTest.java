package org.depositservices.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.RepositoryCopy;
import org.depositservices.model.Submission;
import org.depositservices.store.Database;
import org.depositservices.store.OutboxEvent;
import org.depositservices.store.StateStore;
import org.depositservices.store.TestData;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorHandlerTest {
    final Database db = TestPostgres.newDatabase();
    final StateStore store = new StateStore(db.dataSource(), Clock.systemUTC());
    final ErrorHandler handler = new ErrorHandler(store, new CriticalPath(CriticalPath.ConflictHandler.retryUpTo(3)));

    @AfterEach
    void close() {
        db.close();
    }

    private Deposit deposit() {
        Submission s = store.createSubmission(TestData.newSubmission(List.of("r"),
                List.of(TestData.file("p.pdf", FileRole.MANUSCRIPT, null))), "t", null);
        return store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "r")), "t").get(0);
    }

    @Test
    void anErrorNamingADepositFailsIt() {
        Deposit d = store.updateDeposit(deposit().withStatus(DepositStatus.SUBMITTED, null).withRepositoryCopy(
                new RepositoryCopy(UUID.randomUUID().toString(), 0, CopyStatus.IN_PROGRESS, null, List.of())), "t");
        handler.handle(new DepositServicesRuntimeException("cannot parse the statement", new IllegalStateException("bad xml"),
                DepositServicesRuntimeException.ResourceRef.deposit(d.id())));
        Deposit after = store.findDeposit(d.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(DepositStatus.FAILED);
        assertThat(after.statusMessage()).isEqualTo("cannot parse the statement: bad xml");
        assertThat(after.repositoryCopy()).isNull();
    }

    @Test
    void aTerminalDepositIsNeverOverwritten() {
        Deposit d = store.updateDeposit(deposit().withStatus(DepositStatus.REJECTED, "withdrawn"), "t");
        handler.handle(new DepositServicesRuntimeException("late error", null,
                DepositServicesRuntimeException.ResourceRef.deposit(d.id())));
        Deposit after = store.findDeposit(d.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(DepositStatus.REJECTED);
        assertThat(after.statusMessage()).isEqualTo("withdrawn");
    }

    @Test
    void aSubmissionWithDepositsIsFlaggedNotFailed() {
        Deposit d = deposit();
        handler.handle(new DepositServicesRuntimeException("boom", null,
                DepositServicesRuntimeException.ResourceRef.submission(d.submissionId())));
        Submission s = store.findSubmission(d.submissionId()).orElseThrow();
        assertThat(s.status()).isEqualTo(AggregatedDepositStatus.IN_PROGRESS);
        assertThat(s.needsAttention()).isTrue();
        assertThat(s.statusMessage()).isEqualTo("boom");
    }

    @Test
    void anErrorWithoutAResourceChangesNothing() {
        Deposit d = deposit();
        handler.handle(new IllegalStateException("just a bug"));
        assertThat(store.findDeposit(d.id()).orElseThrow().version()).isEqualTo(d.version());
    }

    @Test
    void theOutboxRelayRepublishesWhatACrashLeftUnmarked() {
        deposit();
        List<List<OutboxEvent>> published = new java.util.ArrayList<>();
        // publish, then "crash" before marking sent
        try {
            store.relayOutbox(10, events -> {
                published.add(events);
                throw new IllegalStateException("crash after publishing");
            });
        } catch (RuntimeException expected) {
            // the transaction rolled back
        }
        int again = store.relayOutbox(10, published::add);
        assertThat(again).isEqualTo(1);
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).isEqualTo(published.get(0));
        assertThat(store.relayOutbox(10, published::add)).isZero();
    }
}
