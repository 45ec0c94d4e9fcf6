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
import org.depositservices.store.OutboxEvent;
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
                             "baseDir": "REPO_DIR/refusing"}}}""";

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
        fx.store.updateDeposit(new Deposit(delivered.id(), delivered.version(), delivered.submissionId(),
                delivered.repositoryKey(), null, null, null, null, 1, "lost-token", null, delivered.createdAt(),
                delivered.updatedAt()), "test");

        assertThat(engine.depositTask().run(delivered.id())).isEqualTo(DepositTask.Outcome.ACCEPTED);

        Deposit again = fx.store.findDeposit(delivered.id()).orElseThrow();
        assertThat(again.statusMessage()).contains("already delivered");
        assertThat(again.repositoryCopy().accessUrl()).isEqualTo(delivered.repositoryCopy().accessUrl());
        assertThat(packagesIn(dir.resolve("repository"))).hasSize(1);
    }
}
