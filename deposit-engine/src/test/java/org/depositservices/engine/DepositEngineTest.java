package org.depositservices.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.depositservices.engine.messaging.Messages;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.Submission;
import org.depositservices.engine.intake.SubmissionIntake;
import org.depositservices.store.OutboxEvent;
import org.depositservices.store.StateStore;
import org.depositservices.store.StatusEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listen mode's engine end to end, on a real embedded PostgreSQL and a real embedded Artemis broker. */
class DepositEngineTest {
    private static final String FLAKY_REPOS = """
            "flaky2": {"assembler": {"specification": "simple"},
                       "transport-config": {"protocol-binding": {"protocol": "flaky", "failures": "2",
                           "baseDir": "REPO_DIR/flaky"}}},
            "down": {"assembler": {"specification": "simple"},
                     "transport-config": {"protocol-binding": {"protocol": "flaky", "failures": "-1",
                         "baseDir": "REPO_DIR/down"}}},
            "refusing": {"assembler": {"specification": "simple"},
                         "transport-config": {"protocol-binding": {"protocol": "refusing",
                             "baseDir": "REPO_DIR/refusing"}}},
            "crashy": {"assembler": {"specification": "simple"},
                       "transport-config": {"protocol-binding": {"protocol": "crashing",
                           "baseDir": "REPO_DIR/crashy"}}}""";

    @TempDir
    Path dir;

    EngineFixture fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.assertInvariants();
            fx.close();
        }
    }

    private Submission awaitStatus(String id, AggregatedDepositStatus status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> fx.store.findSubmission(id).orElseThrow().status() == status);
        return fx.store.findSubmission(id).orElseThrow();
    }

    private List<Path> packagesIn(Path p) throws Exception {
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void aSubmissionIsDepositedAndAcceptedWithACompleteCopy() throws Exception {
        fx = new EngineFixture(dir, null);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Full flow", "local");

        awaitStatus(s.id(), AggregatedDepositStatus.ACCEPTED);
        Deposit d = fx.store.findDepositsOfSubmission(s.id()).get(0);
        assertThat(d.status()).isEqualTo(DepositStatus.ACCEPTED);
        assertThat(d.repositoryCopy().status()).isEqualTo(CopyStatus.COMPLETE);
        assertThat(d.repositoryCopy().accessUrl()).startsWith("file:");
        Path pkg = Path.of(URI.create(d.repositoryCopy().accessUrl()));
        assertThat(pkg).exists().startsWith(dir.resolve("repository"));
        assertThat(pkg.getFileName().toString()).contains(s.id());
        assertThat(packagesIn(dir.resolve("repository"))).containsExactly(pkg);
        // the package holds the user's bytes
        try (var zip = new java.util.zip.ZipFile(pkg.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName).toList())
                    .anyMatch(n -> n.endsWith("paper.pdf")).anyMatch(n -> n.endsWith("data.csv"));
        }
        assertThat(fx.store.history(s.id())).extracting(StatusEvent::toStatus)
                .containsExactly("NOT_STARTED", "IN_PROGRESS", "ACCEPTED");
        // the submission's tags reach the transport (SWORD turns them into collection hints)
        assertThat(fx.counting.tags.get(d.id())).containsExactly("covid");
    }

    @Test
    void theSameMessageDeliveredThreeTimesGivesOneDepositPerRepositoryAndOnePackage() throws Exception {
        fx = new EngineFixture(dir, null);
        Submission s = fx.submit("Three times", "local");
        // The relay will publish it once; we publish the same PASS message three more times, before any engine runs.
        try (Connection c = fx.broker.connectionFactory().createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue("submission"));
            for (int i = 0; i < 3; i++) {
                TextMessage m = session.createTextMessage(Messages.body(OutboxEvent.Type.SubmissionReady, s.id()));
                m.setStringProperty("type", "SubmissionReady");
                producer.send(m);
            }
        }
        fx.startEngine(EngineFixture.fastSettings());
        awaitStatus(s.id(), AggregatedDepositStatus.ACCEPTED);
        List<Deposit> deposits = fx.store.findDepositsOfSubmission(s.id());
        assertThat(deposits).hasSize(1);
        assertThat(fx.counting.sends.get(deposits.get(0).id()).get()).isEqualTo(1);
        assertThat(packagesIn(dir.resolve("repository"))).hasSize(1);
    }

    @Test
    void twoEnginesOnOneDatabaseAndBrokerProcess200SubmissionsWithoutDuplicates() throws Exception {
        fx = new EngineFixture(dir, null);
        fx.startEngine(EngineFixture.fastSettings());
        fx.startEngine(EngineFixture.fastSettings());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(fx.submit("Paper " + i, "local").id());
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> ids.stream()
                .allMatch(id -> fx.store.findSubmission(id).orElseThrow().status().isTerminal()));
        for (String id : ids) {
            assertThat(fx.store.findSubmission(id).orElseThrow().status()).isEqualTo(AggregatedDepositStatus.ACCEPTED);
            assertThat(fx.store.findDepositsOfSubmission(id)).hasSize(1);
        }
        assertThat(fx.counting.sends).hasSize(200);
        assertThat(fx.counting.sends.values()).allMatch(n -> n.get() == 1);
        assertThat(packagesIn(dir.resolve("repository"))).hasSize(200);
    }

    @Test
    void aTransportFailingTransientlyTwiceEndsAcceptedAfterTwoRetries() throws Exception {
        fx = new EngineFixture(dir, FLAKY_REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Flaky", "flaky2");
        awaitStatus(s.id(), AggregatedDepositStatus.ACCEPTED);
        Deposit d = fx.store.findDepositsOfSubmission(s.id()).get(0);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(fx.flaky.calls.get(d.id()).get()).isEqualTo(3);
        List<StatusEvent> history = fx.store.history(d.id());
        assertThat(history).extracting(StatusEvent::toStatus).containsExactly("RETRY", "RETRY", "ACCEPTED");
        assertThat(history.get(0).message()).contains("attempt 1 of 3 failed").contains("connection refused");
        assertThat(history.get(1).message()).contains("attempt 2 of 3 failed");
    }

    @Test
    void aPermanentFailureEndsFailedWithItsMessage() throws Exception {
        fx = new EngineFixture(dir, FLAKY_REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Refused", "refusing", "local");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.store.findSubmission(s.id()).orElseThrow()
                .needsAttention());
        Submission after = fx.store.findSubmission(s.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(AggregatedDepositStatus.IN_PROGRESS);
        assertThat(after.statusMessage()).contains("refusing=FAILED").contains("local=ACCEPTED");
        Deposit refused = fx.store.findDepositsOfSubmission(s.id()).stream()
                .filter(d -> d.repositoryKey().equals("refusing")).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(DepositStatus.FAILED);
        assertThat(refused.statusMessage()).contains("HTTP 401").contains("auth-realms");
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.repositoryCopy()).isNull();
    }

    @Test
    void aTransportThatStaysDownEndsFailedWhenRetriesRunOut() throws Exception {
        fx = new EngineFixture(dir, FLAKY_REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Down", "down");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(s.id(), DepositStatus.FAILED));
        Deposit d = fx.store.findDepositsOfSubmission(s.id()).get(0);
        assertThat(d.statusMessage()).startsWith("gave up after 3 attempts").contains("connection refused");
        assertThat(fx.flaky.calls.get(d.id()).get()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.store.findSubmission(s.id()).orElseThrow()
                .needsAttention());
    }

    @Test
    void aSubmissionWhoseBytesAreMissingFailsWithTheReason() throws Exception {
        fx = new EngineFixture(dir, null);
        Submission s = fx.submit("Lost bytes", "local");
        fx.content.delete(s.files().get(1).location());
        fx.startEngine(EngineFixture.fastSettings());
        Submission failed = awaitStatus(s.id(), AggregatedDepositStatus.FAILED);
        assertThat(failed.statusMessage()).contains("data.csv").contains("missing");
        assertThat(fx.store.findDepositsOfSubmission(s.id())).isEmpty();
    }

    @Test
    void anAttemptWhoseResultWasLostInACrashIsRecognisedNotSentAgain() throws Exception {
        fx = new EngineFixture(dir, null);
        DepositEngine engine = fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Crash", "local");
        awaitStatus(s.id(), AggregatedDepositStatus.ACCEPTED);
        Deposit delivered = fx.store.findDepositsOfSubmission(s.id()).get(0);
        // As if the node died after the package was written but before ACCEPTED was recorded.
        fx.queries.overwriteDeposit(new Deposit(delivered.id(), delivered.version(), delivered.submissionId(),
                delivered.repositoryKey(), null, null, null, null, 1, "lost-token", null, delivered.createdAt(),
                delivered.updatedAt()));

        assertThat(engine.depositTask().run(delivered.id())).isEqualTo(DepositTask.AttemptResult.ACCEPTED);

        Deposit again = fx.store.findDeposit(delivered.id()).orElseThrow();
        assertThat(again.statusMessage()).contains("already delivered");
        assertThat(again.repositoryCopy().accessUrl()).isEqualTo(delivered.repositoryCopy().accessUrl());
        assertThat(packagesIn(dir.resolve("repository"))).hasSize(1);
    }

    @Test
    void aDepositMadeAgainAfterALostCommitKeepsItsIdAndPackageNameAndIsNotDeliveredTwice() throws Exception {
        fx = new EngineFixture(dir, null);
        DepositEngine engine = fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Redone", "local");
        awaitStatus(s.id(), AggregatedDepositStatus.ACCEPTED);
        Deposit first = fx.store.findDepositsOfSubmission(s.id()).get(0);
        // As if every commit after the submission's was lost (the package had been written): no deposit row, the
        // submission NOT_STARTED again, so processing it makes a new incarnation of the same deposit.
        try (java.sql.Connection c = fx.db.dataSource().getConnection();
             java.sql.PreparedStatement del = c.prepareStatement("DELETE FROM deposit WHERE submission_id = ?");
             java.sql.PreparedStatement reset = c.prepareStatement("UPDATE submission SET status = 'NOT_STARTED',"
                     + " status_message = NULL, needs_attention = FALSE, version = version + 1 WHERE id = ?")) {
            del.setString(1, s.id());
            assertThat(del.executeUpdate()).isEqualTo(1);
            reset.setString(1, s.id());
            assertThat(reset.executeUpdate()).isEqualTo(1);
        }
        // Package names carry seconds: the new row must be made in a later second than the first one was.
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> java.time.Instant.now().getEpochSecond() > first.createdAt().getEpochSecond());

        engine.submissionProcessor().process(s.id());

        awaitStatus(s.id(), AggregatedDepositStatus.ACCEPTED);
        Deposit second = fx.store.findDepositsOfSubmission(s.id()).get(0);
        assertThat(second.createdAt()).isAfter(first.createdAt());
        assertThat(second.id()).isEqualTo(first.id()).isEqualTo(Deposit.idFor(s.id(), "local"));
        assertThat(second.repositoryCopy().accessUrl()).isEqualTo(first.repositoryCopy().accessUrl());
        assertThat(second.statusMessage()).contains("already delivered");
        assertThat(fx.counting.sends.get(first.id()).get()).isEqualTo(2);
        assertThat(packagesIn(dir.resolve("repository"))).hasSize(1);
    }

    @Test
    void aRestartedNodeRetakesItsOwnInterruptedAttemptAtOnceAndLeavesAnotherNodesToItsLease() throws Exception {
        fx = new EngineFixture(dir, FLAKY_REPOS);
        EngineSettings nodeA = EngineFixture.fastSettings().withNodeId("node-a");
        EngineSettings nodeB = EngineFixture.fastSettings().withNodeId("node-b")
                .withAttemptLease(Duration.ofSeconds(4));

        DepositEngine a1 = fx.startEngine(nodeA);
        Submission sa = fx.submit("Node A's", "crashy");
        Deposit inFlightA = awaitCrashedAttempt(sa.id(), 1);
        a1.close();
        assertThat(inFlightA.attemptOwner()).isEqualTo(a1.owner());

        DepositEngine b1 = fx.startEngine(nodeB);
        Submission sb = fx.submit("Node B's", "crashy");
        Deposit inFlightB = awaitCrashedAttempt(sb.id(), 2);
        b1.close();
        assertThat(inFlightB.attemptOwner()).isEqualTo(b1.owner());

        fx.crashing.crash = false;
        DepositEngine a2 = fx.startEngine(nodeA);
        assertThat(a2.owner().node()).isEqualTo("node-a");
        assertThat(a2.owner().incarnation()).isNotEqualTo(a1.owner().incarnation());

        // A's attempt: taken up by A's next incarnation at once, not 10 minutes later.
        awaitStatus(sa.id(), AggregatedDepositStatus.ACCEPTED);
        Deposit doneA = fx.store.findDepositsOfSubmission(sa.id()).get(0);
        assertThat(doneA.attempts()).isEqualTo(2);
        assertThat(doneA.attemptOwner()).isNull();
        List<StatusEvent> historyA = fx.store.history(doneA.id());
        assertThat(historyA).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("engine:restart");
            assertThat(e.message()).contains("interrupted").contains("node-a")
                    .contains(a1.owner().incarnation()).contains(a2.owner().incarnation());
        });
        assertThat(historyA.get(historyA.size() - 1).at()).isBefore(inFlightA.nextAttemptAt());

        // B's attempt: B may still be sending it, so A takes it over only when its lease has run out.
        awaitStatus(sb.id(), AggregatedDepositStatus.ACCEPTED);
        Deposit doneB = fx.store.findDepositsOfSubmission(sb.id()).get(0);
        assertThat(doneB.attempts()).isEqualTo(2);
        List<StatusEvent> historyB = fx.store.history(doneB.id());
        assertThat(historyB).noneSatisfy(e -> assertThat(e.actor()).isEqualTo("engine:restart"));
        assertThat(historyB.get(historyB.size() - 1).toStatus()).isEqualTo("ACCEPTED");
        assertThat(historyB.get(historyB.size() - 1).at()).isAfterOrEqualTo(inFlightB.nextAttemptAt());
        assertThat(packagesIn(dir.resolve("repository").resolve("crashy"))).hasSize(2);
    }

    /** Waits for the crashing transport's {@code crashes}th crash, on {@code submissionId}'s deposit. */
    private Deposit awaitCrashedAttempt(String submissionId, int crashes) {
        // the crash is expected: it ends its worker thread, it must not fail the wait
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> fx.crashing.crashes.get() == crashes);
        Deposit d = fx.store.findDepositsOfSubmission(submissionId).get(0);
        assertThat(d.status()).isNull();
        assertThat(d.attemptToken()).isNotNull();
        assertThat(d.nextAttemptAt()).isAfter(java.time.Instant.now());
        return d;
    }

    @Test
    void theSweepPicksUpASubmissionWhoseMessageWasLostAndLeavesAYoungOneAlone() throws Exception {
        fx = new EngineFixture(dir, null);
        Submission lost = fx.submit(intakeAnHourAgo(), "Lost message", "local");
        Submission young = fx.submit("Just received", "local");
        // No message reaches the broker: as if a stray client had consumed them.
        fx.queries.markSent(fx.queries.unsentEvents(100).stream().map(OutboxEvent::id).toList());

        DepositEngine engine = fx.startEngine(EngineFixture.fastSettings()
                .withReconcile(Duration.ofMinutes(5), Duration.ofMillis(200)));

        awaitStatus(lost.id(), AggregatedDepositStatus.ACCEPTED);
        assertThat(fx.store.history(lost.id())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("engine:reconcile");
            assertThat(e.message()).contains("reconciliation sweep");
        });
        // Every sweep so far also saw the young one; one more, run here, finds nothing to do.
        assertThat(engine.reconcile()).isEqualTo(new DepositEngine.Reconciled(0, 0));
        assertThat(fx.store.findSubmission(young.id()).orElseThrow().status())
                .isEqualTo(AggregatedDepositStatus.NOT_STARTED);
        assertThat(fx.store.findDepositsOfSubmission(young.id())).isEmpty();
        assertThat(packagesIn(dir.resolve("repository"))).hasSize(1);
    }

    @Test
    void theSweepOffersADepositNeverAttemptedLongAfterItWasMadeAndLeavesAYoungOneAlone() throws Exception {
        fx = new EngineFixture(dir, null);
        StateStore hourAgo = storeAnHourAgo();
        Submission stalled = fx.submit(intakeAnHourAgo(), "Lost dispatch", "local");
        Submission young = fx.submit("Just started", "local");
        // Both started, their deposits never dispatched (the node died right after the commit).
        hourAgo.startSubmission(stalled.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(Deposit.idFor(stalled.id(), "local"), stalled.id(), "local")), "test");
        fx.store.startSubmission(young.withStatus(AggregatedDepositStatus.IN_PROGRESS, null),
                List.of(Deposit.newDeposit(Deposit.idFor(young.id(), "local"), young.id(), "local")), "test");
        // Not started: neither the scheduler nor a listener runs, only the sweep called here.
        DepositEngine engine = fx.newEngine(EngineFixture.fastSettings());

        assertThat(engine.reconcile()).isEqualTo(new DepositEngine.Reconciled(0, 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(stalled.id(), DepositStatus.ACCEPTED));
        Deposit untouched = fx.store.findDepositsOfSubmission(young.id()).get(0);
        assertThat(untouched.status()).isNull();
        assertThat(untouched.attempts()).isZero();
        assertThat(fx.counting.sends).containsOnlyKeys(Deposit.idFor(stalled.id(), "local"));
    }

    private StateStore storeAnHourAgo() {
        return new StateStore(fx.db.dataSource(),
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-1)));
    }

    /** An intake on a store an hour behind: what it stores was received an hour ago. */
    private SubmissionIntake intakeAnHourAgo() {
        return new SubmissionIntake(storeAnHourAgo(), fx.content, k -> fx.repositories.find(k).isPresent(), 0);
    }
}
