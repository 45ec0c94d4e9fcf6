package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine wakes its outbox relay from the store's commits: the listener runs after every commit that wrote an
 * event, once it is visible to the relay, and not for writes that announce nothing or were refused.
 */
class OutboxCommitListenerTest {
    private Database db;
    private StateStore store;
    private StateStoreQueries queries;
    private final AtomicInteger woken = new AtomicInteger();
    private final AtomicInteger unsentWhenWoken = new AtomicInteger(-1);
    private final Runnable listener = () -> {
        woken.incrementAndGet();
        unsentWhenWoken.set(queries.unsentEvents(100).size());
    };

    @BeforeEach
    void start() {
        db = TestPostgres.newDatabase();
        store = new StateStore(db.dataSource(), Clock.systemUTC());
        queries = new StateStoreQueries(db.dataSource(), Clock.systemUTC());
        store.onOutboxCommit(listener);
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void aCommitThatWroteAnEventWakesTheListenerAfterItIsVisible() {
        Submission s = created();
        assertThat(woken).as("SubmissionReady written").hasValue(1);
        assertThat(unsentWhenWoken).as("the event was committed when the listener ran").hasValue(1);

        Deposit d = store.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "local")), "engine:submission")
                .get(0);
        assertThat(woken).as("starting writes no event").hasValue(1);

        Deposit claimed = store.updateDeposit(d.withAttempt(1, "t"), "engine:deposit-task");
        assertThat(woken).as("a claim changes no status: no event").hasValue(1);

        Deposit retry = store.updateDeposit(claimed.withStatus(DepositStatus.RETRY, "down"), "engine:deposit-task");
        assertThat(woken).as("RETRY cannot change the submission: not announced").hasValue(1);

        Deposit accepted = store.updateDeposit(retry.withStatus(DepositStatus.ACCEPTED, "in"), "engine:deposit-task");
        assertThat(woken).as("the deposit ended: announced").hasValue(2);
        assertThat(unsentWhenWoken).hasValue(2);
        assertThatThrownBy(() -> store.updateDeposit(accepted.withStatus(DepositStatus.RETRY, "again"),
                "engine:deposit-task")).isInstanceOf(IllegalTransitionException.class);
        assertThat(woken).as("the refused move is not").hasValue(2);

        // Another listener's removal leaves this one in place; its own removal stops it.
        store.removeOutboxCommit(() -> { });
        created();
        assertThat(woken).hasValue(3);
        store.removeOutboxCommit(listener);
        created();
        assertThat(woken).as("removed: not called").hasValue(3);
    }

    private Submission created() {
        return store.createSubmission(TestData.newSubmission(List.of("local"),
                List.of(TestData.file("paper.pdf", FileRole.MANUSCRIPT, "ab/cd/paper"))), "api:alice", null);
    }
}
