package org.depositservices.engine.critical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.depositservices.store.Database;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.StateStore;
import org.depositservices.store.TestData;
import org.depositservices.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two CriticalPaths race on one resource: from two threads, and from two "engines" with their own pools. */
class CriticalPathTest {
    DatabaseSettings settings;
    Database a;
    Database b;
    StateStore storeA;
    StateStore storeB;
    String depositId;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newDatabaseSettings();
        a = Database.start(settings);
        b = Database.start(settings);
        storeA = new StateStore(a.dataSource(), Clock.systemUTC());
        storeB = new StateStore(b.dataSource(), Clock.systemUTC());
        Submission s = storeA.createSubmission(TestData.newSubmission(List.of("r"),
                List.of(TestData.file("p.pdf", FileRole.MANUSCRIPT, null))), "t", null);
        depositId = storeA.startSubmission(s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(UUID.randomUUID().toString(), s.id(), "r")), "t").get(0).id();
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
    }

    /** Each racer appends its name to the deposit's message: with retries on conflict, no append is lost. */
    private List<CriticalResult<Deposit, String>> race(StateStore first, StateStore second, int rounds)
            throws Exception {
        CriticalPath path = new CriticalPath(CriticalPath.ConflictHandler.retryUpTo(50));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<List<CriticalResult<Deposit, String>>>> futures = new ArrayList<>();
        List<StateStore> stores = List.of(first, second);
        for (int k = 0; k < 2; k++) {
            StateStore store = stores.get(k);
            String me = k == 0 ? "A" : "B";
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<CriticalResult<Deposit, String>> results = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    results.add(path.perform(Resources.deposits(store, me), depositId, d -> true,
                            d -> CriticalPath.Change.write(d.withStatus(DepositStatus.RETRY,
                                    (d.statusMessage() == null ? "" : d.statusMessage()) + me), me),
                            (d, r) -> d.statusMessage().endsWith(r)));
                }
                return results;
            }));
        }
        List<CriticalResult<Deposit, String>> all = new ArrayList<>();
        for (var f : futures) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return all;
    }

    @Test
    void twoThreadsOnOneResourceLoseNoUpdate() throws Exception {
        List<CriticalResult<Deposit, String>> results = race(storeA, storeA, 25);
        assertThat(results).allMatch(CriticalResult::success);
        String message = storeA.findDeposit(depositId).orElseThrow().statusMessage();
        assertThat(message).hasSize(50);
        assertThat(message.chars().filter(c -> c == 'A').count()).isEqualTo(25);
        assertThat(message.chars().filter(c -> c == 'B').count()).isEqualTo(25);
    }

    @Test
    void twoEnginesWithTheirOwnConnectionsLoseNoUpdate() throws Exception {
        List<CriticalResult<Deposit, String>> results = race(storeA, storeB, 25);
        assertThat(results).allMatch(CriticalResult::success);
        Deposit d = storeB.findDeposit(depositId).orElseThrow();
        assertThat(d.statusMessage()).hasSize(50);
        assertThat(d.version()).isEqualTo(1 + 50);
    }

    @Test
    void withoutRetriesTheLoserSeesAConflictAndWritesNothing() throws Exception {
        CriticalPath noRetry = new CriticalPath(CriticalPath.ConflictHandler.retryUpTo(1));
        Deposit stale = storeA.findDeposit(depositId).orElseThrow();
        CriticalPath.Access<Deposit> staleReader = new CriticalPath.Access<>() {
            @Override
            public java.util.Optional<Deposit> read(String id) {
                return java.util.Optional.of(stale);
            }

            @Override
            public Deposit write(Deposit d) {
                return storeB.updateDeposit(d, "B");
            }
        };
        storeA.updateDeposit(stale.withStatus(DepositStatus.SUBMITTED, "A won"), "A");
        CriticalResult<Deposit, Void> r = noRetry.perform(staleReader, depositId, d -> true,
                d -> CriticalPath.Change.write(d.withStatus(DepositStatus.FAILED, "B"), null), (d, x) -> true);
        assertThat(r.outcome()).isEqualTo(CriticalResult.Outcome.CONFLICT);
        assertThat(storeA.findDeposit(depositId).orElseThrow().statusMessage()).isEqualTo("A won");
    }

    @Test
    void aFailedPreconditionWritesNothing() {
        CriticalPath path = new CriticalPath(CriticalPath.ConflictHandler.retryUpTo(3));
        long before = storeA.findDeposit(depositId).orElseThrow().version();
        CriticalResult<Deposit, Void> r = path.perform(Resources.deposits(storeA, "t"), depositId,
                d -> d.status() == DepositStatus.SUBMITTED,
                d -> CriticalPath.Change.write(d.withStatus(DepositStatus.FAILED, "x"), null), (d, x) -> true);
        assertThat(r.outcome()).isEqualTo(CriticalResult.Outcome.PRECONDITION_FAILED);
        assertThat(storeA.findDeposit(depositId).orElseThrow().version()).isEqualTo(before);
    }
}
