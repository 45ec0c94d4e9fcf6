package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A deposit's checkpoint (what its transport created at the target and has not finished) is written only by the
 * attempt holding the deposit, survives a failed attempt for the next one, and is gone once the deposit is delivered.
 */
class StateStoreCheckpointTest {
    private static final String ENGINE = "engine:deposit-task";

    private Database db;
    private StateStore store;

    @BeforeEach
    void start() {
        db = TestPostgres.newDatabase();
        store = new StateStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    /** A deposit claimed by attempt {@code token}. */
    private Deposit claimed(String token) {
        Submission s = store.createSubmission(TestData.newSubmission(List.of("dspace"),
                List.of(TestData.file("paper.pdf", FileRole.MANUSCRIPT, "ab/cd/paper"))), "api:alice", null);
        Deposit d = store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "dspace")), "engine:submission")
                .get(0);
        return store.updateDeposit(d.withAttempt(1, token), ENGINE);
    }

    @Test
    void onlyTheAttemptHoldingTheDepositRecordsAndTheNextAttemptReadsIt() {
        Deposit d = claimed("token-1");
        assertThat(store.findCheckpoint(d.id())).isEmpty();

        assertThat(store.recordCheckpoint(d.id(), "token-1", "workspaceitem 17")).isTrue();
        assertThat(store.recordCheckpoint(d.id(), "token-1", "workspaceitem 17, 2 files")).isTrue();
        assertThat(store.recordCheckpoint(d.id(), "someone-else", "workspaceitem 99")).isFalse();
        assertThat(store.findCheckpoint(d.id())).contains("workspaceitem 17, 2 files");

        // the attempt fails; the next one (a new token) reads what the first left and may write its own
        Deposit retry = store.updateDeposit(d.withStatus(DepositStatus.RETRY, "timed out"), ENGINE);
        Deposit second = store.updateDeposit(retry.withAttempt(2, "token-2"), ENGINE);
        assertThat(store.findCheckpoint(d.id())).contains("workspaceitem 17, 2 files");
        assertThat(store.recordCheckpoint(d.id(), "token-1", "stale")).isFalse();
        assertThat(store.recordCheckpoint(d.id(), "token-2", "workspaceitem 17, in workflow")).isTrue();

        store.updateDeposit(second.withStatus(DepositStatus.SUBMITTED, "in review").withRepositoryCopy(
                new RepositoryCopy(UUID.randomUUID().toString(), 0, CopyStatus.IN_PROGRESS, null, List.of())),
                ENGINE);
        assertThat(store.findCheckpoint(d.id())).isEmpty();
    }
}
