package org.depositservices.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.engine.intake.IncomingFile;
import org.depositservices.engine.intake.SubmissionIntake;
import org.depositservices.engine.messaging.EmbeddedBroker;
import org.depositservices.engine.messaging.JmsMessaging;
import org.depositservices.model.FileRole;
import org.depositservices.model.StatusInvariants;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionRequest;
import org.depositservices.packaging.Assemblers;
import org.depositservices.store.Database;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.store.StateStoreQueries;
import org.depositservices.store.TestData;
import org.depositservices.store.TestPostgres;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportRegistry;
import org.depositservices.transport.config.Repositories;

/**
 * A real embedded PostgreSQL database, a real embedded Artemis broker, a content store and a repository
 * directory, plus any number of engines on them.
 */
final class EngineFixture implements AutoCloseable {
    final Path dir;
    final DatabaseSettings dbSettings = TestPostgres.newDatabaseSettings();
    final Database db = Database.start(dbSettings);
    final StateStore store = new StateStore(db.dataSource(), Clock.systemUTC());
    final StateStoreQueries queries = new StateStoreQueries(db.dataSource(), Clock.systemUTC());
    final FileContentStore content;
    final EmbeddedBroker broker;
    final TestTransports.Counting counting = new TestTransports.Counting();
    final TestTransports.Flaky flaky = new TestTransports.Flaky("flaky");
    final TestTransports.Flaky refusing = new TestTransports.Flaky("refusing");
    final TestTransports.Custodial custodial = new TestTransports.Custodial();
    final TestTransports.Crashing crashing = new TestTransports.Crashing();
    final TestTransports.Resuming resuming = new TestTransports.Resuming();
    final Repositories repositories;
    final SubmissionIntake intake;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    EngineFixture(Path dir, String extraRepositories) {
        this.dir = dir;
        this.content = new FileContentStore(dir.resolve("files"));
        this.broker = EmbeddedBroker.start(dir.resolve("broker"), 0);
        String json = """
                {"local": {"assembler": {"specification": "simple"},
                           "transport-config": {"protocol-binding": {"protocol": "filesystem",
                               "baseDir": "%s"}}}%s}""".formatted(dir.resolve("repository"),
                extraRepositories == null ? "" : "," + extraRepositories.replace("REPO_DIR",
                        dir.resolve("repository").toString()));
        this.repositories = Repositories.parse("test", json, k -> null, transports(),
                s -> Assemblers.discover(Clock.systemUTC()).find(s).isPresent());
        this.intake = new SubmissionIntake(store, content, k -> repositories.find(k).isPresent(), 0);
    }

    List<Transport> transports() {
        return List.of(counting, flaky, refusing, custodial, crashing, resuming);
    }

    static EngineSettings fastSettings() {
        return EngineSettings.defaults().withRetry(new RetryPolicy(Duration.ofMillis(50), 2.0,
                Duration.ofMillis(400), 3));
    }

    /** Starts an engine with its own database pool and broker connection, as a second node would have. */
    DepositEngine startEngine(EngineSettings settings) throws Exception {
        DepositEngine engine = newEngine(settings);
        engine.start();
        return engine;
    }

    /** An engine as {@link #startEngine} makes it, not started: no listeners, no scheduler. */
    DepositEngine newEngine(EngineSettings settings) {
        Database ownPool = Database.start(dbSettings);
        StateStore ownStore = new StateStore(ownPool.dataSource(), Clock.systemUTC());
        JmsMessaging jms = new JmsMessaging(broker.connectionFactory(), null, null, settings.submissionQueue(),
                settings.depositQueue());
        RepositoryTargets targets = new RepositoryTargets(repositories, new TransportRegistry(transports()),
                Assemblers.discover(Clock.systemUTC()));
        DepositEngine engine = new DepositEngine(settings, ownStore, content, targets, jms, Clock.systemUTC());
        closeables.add(ownPool);
        closeables.add(engine);
        return engine;
    }

    Submission submit(String title, String... repositoryKeys) throws IOException {
        return submit(intake, title, repositoryKeys);
    }

    /** Submits through {@code via} (e.g. an intake on a store whose clock is set back). */
    Submission submit(SubmissionIntake via, String title, String... repositoryKeys) throws IOException {
        SubmissionRequest r = new SubmissionRequest(List.of(repositoryKeys), TestData.metadata(title).submitter(),
                TestData.metadata(title).publication(), TestData.metadata(title).authors(),
                TestData.metadata(title).grants(), TestData.metadata(title).embargoEndDate(),
                List.of(new SubmissionRequest.FileEntry("paper.pdf", FileRole.MANUSCRIPT, "the paper"),
                        new SubmissionRequest.FileEntry("data.csv", FileRole.SUPPLEMENTAL, "the data")),
                List.of("covid"));
        byte[] pdf = ("%PDF-1.4 " + title).getBytes(StandardCharsets.US_ASCII);
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII);
        return via.accept(r, List.of(
                new IncomingFile("paper.pdf", "application/pdf", () -> new ByteArrayInputStream(pdf)),
                new IncomingFile("data.csv", "text/csv", () -> new ByteArrayInputStream(csv))), "test");
    }

    /** True when the submission has deposits and every one of them is in {@code status}. */
    boolean allDeposits(String submissionId, org.depositservices.model.DepositStatus status) {
        List<org.depositservices.model.Deposit> ds = store.findDepositsOfSubmission(submissionId);
        return !ds.isEmpty() && ds.stream().allMatch(d -> d.status() == status);
    }

    /** PASS's status invariants hold for every submission. */
    void assertInvariants() {
        for (String id : queries.allSubmissionIds()) {
            Submission s = store.findSubmission(id).orElseThrow();
            assertThat(StatusInvariants.check(s, store.findDepositsOfSubmission(id))).as("invariants of " + id)
                    .isEmpty();
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        broker.close();
        db.close();
    }
}
