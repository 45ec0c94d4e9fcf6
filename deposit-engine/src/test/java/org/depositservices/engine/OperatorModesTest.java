package org.depositservices.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.Submission;
import org.depositservices.packaging.Assemblers;
import org.depositservices.store.StatusEvent;
import org.depositservices.transport.TransportRegistry;
import org.depositservices.transport.config.Repositories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry and refresh modes, run beside a listening engine on the same database. */
class OperatorModesTest {
    private static final String REPOS = """
            "down": {"assembler": {"specification": "simple"},
                     "transport-config": {"protocol-binding": {"protocol": "flaky", "failures": "-1",
                         "baseDir": "REPO_DIR/down"}}},
            "dspace": {"assembler": {"specification": "simple"},
                       "deposit-config": {"mapping": {"http://dspace.org/state/archived": "accepted",
                                                      "http://dspace.org/state/withdrawn": "rejected",
                                                      "default-mapping": "submitted"}},
                       "transport-config": {"protocol-binding": {"protocol": "custodial",
                           "baseDir": "REPO_DIR/dspace"}}},
            "refusing": {"assembler": {"specification": "simple"},
                         "transport-config": {"protocol-binding": {"protocol": "refusing",
                             "baseDir": "REPO_DIR/refusing"}}},
            "strict": {"assembler": {"specification": "simple"},
                       "deposit-config": {"mapping": {"http://dspace.org/state/archived": "accepted"}},
                       "transport-config": {"protocol-binding": {"protocol": "custodial",
                           "baseDir": "REPO_DIR/strict"}}}""";

    @TempDir
    Path dir;

    EngineFixture fx;
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @AfterEach
    void close() throws Exception {
        fx.assertInvariants();
        fx.close();
    }

    OperatorModes modes() {
        return modes(fx.repositories, "test repositories.json");
    }

    /** The modes as run with {@code repositories}, read from {@code location}. */
    OperatorModes modes(Repositories repositories, String location) {
        RepositoryTargets targets = new RepositoryTargets(repositories, new TransportRegistry(fx.transports()),
                Assemblers.discover(Clock.systemUTC()));
        return EngineParts.build(fx.store, fx.content, targets, EngineFixture.fastSettings(), Clock.systemUTC(),
                new Random(1), new Deposit.AttemptOwner("mode-retry-test", "1")).operatorModes(location, "alice");
    }

    @Test
    void retryMovesAFailedDepositOnceTheRepositoryIsBackAndRecordsTheOperator() throws Exception {
        fx = new EngineFixture(dir, REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Down", "down");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(s.id(), DepositStatus.FAILED));
        Deposit failed = fx.store.findDepositsOfSubmission(s.id()).get(0);

        fx.flaky.repaired = true;
        OperatorModes.Summary summary = modes().retry(List.of("http://localhost:8080/api/deposits/" + failed.id()),
                out, OperatorModes.Progress.none());

        assertThat(summary.retryLine())
                .isEqualTo("1 retried, 1 accepted, 0 submitted, 0 unchanged, 0 failed, 0 errors");
        assertThat(summary.allDone()).isTrue();
        Deposit after = fx.store.findDeposit(failed.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(DepositStatus.ACCEPTED);
        assertThat(after.repositoryCopy().status()).isEqualTo(CopyStatus.COMPLETE);
        assertThat(fx.store.history(failed.id())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("operator:alice");
            assertThat(e.message()).contains("retried").contains("gave up after 3 attempts");
        });
        assertThat(fx.store.history(failed.id())).extracting(StatusEvent::toStatus).endsWith("RETRY", "ACCEPTED");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                fx.store.findSubmission(s.id()).orElseThrow().status() == AggregatedDepositStatus.ACCEPTED);
    }

    @Test
    void retryRefusesDepositsThatAreNotFailedAndSaysWhy() throws Exception {
        fx = new EngineFixture(dir, REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Fine", "local");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                fx.store.findSubmission(s.id()).orElseThrow().status() == AggregatedDepositStatus.ACCEPTED);
        String id = fx.store.findDepositsOfSubmission(s.id()).get(0).id();

        OperatorModes.Summary summary = modes().retry(List.of(id, "no-such-deposit"), out,
                OperatorModes.Progress.none());

        assertThat(summary.retryLine())
                .isEqualTo("0 retried, 0 accepted, 0 submitted, 0 unchanged, 0 failed, 2 errors");
        assertThat(summary.allDone()).isFalse();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains(id + ": is ACCEPTED")
                .contains("no-such-deposit: no such deposit");
        assertThat(fx.store.findDeposit(id).orElseThrow().status()).isEqualTo(DepositStatus.ACCEPTED);
    }

    @Test
    void refreshReadsCustodyAndMovesDepositAndCopyTogether() throws Exception {
        fx = new EngineFixture(dir, REPOS);
        EngineSettings noJobs = new EngineSettings(4, 4, "submission", "deposit",
                EngineFixture.fastSettings().retry(), Duration.ofMinutes(10), Duration.ofMillis(500),
                Duration.ofMinutes(10), false);
        fx.startEngine(noJobs);
        Submission a = fx.submit("Archived", "dspace");
        Submission w = fx.submit("Withdrawn", "dspace");
        Submission p = fx.submit("Pending", "dspace");
        for (Submission s : List.of(a, w, p)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(s.id(), DepositStatus.SUBMITTED));
        }
        String da = fx.store.findDepositsOfSubmission(a.id()).get(0).id();
        String dw = fx.store.findDepositsOfSubmission(w.id()).get(0).id();
        fx.custodial.states.put("custody:" + da, "http://dspace.org/state/archived");
        fx.custodial.states.put("custody:" + dw, "http://dspace.org/state/withdrawn");
        String dp = fx.store.findDepositsOfSubmission(p.id()).get(0).id();
        fx.custodial.states.put("custody:" + dp, "http://dspace.org/state/inreview");
        fx.custodial.words.put("custody:" + dw, "withdrawn by a curator: a duplicate of hdl:123/9");
        fx.custodial.words.put("custody:" + dp, "with reviewer Jane Roe since 2026-12-01");

        OperatorModes.Summary summary = modes().refresh(List.of(), out, OperatorModes.Progress.none());

        assertThat(summary.refreshLine()).isEqualTo("3 refreshed, 1 accepted, 1 rejected, 1 unchanged, 0 errors");
        Deposit accepted = fx.store.findDeposit(da).orElseThrow();
        assertThat(accepted.status()).isEqualTo(DepositStatus.ACCEPTED);
        assertThat(accepted.repositoryCopy().status()).isEqualTo(CopyStatus.COMPLETE);
        assertThat(accepted.repositoryCopy().accessUrl()).isEqualTo("http://repo.example/item/1");
        Deposit rejected = fx.store.findDeposit(dw).orElseThrow();
        assertThat(rejected.status()).isEqualTo(DepositStatus.REJECTED);
        assertThat(rejected.repositoryCopy().status()).isEqualTo(CopyStatus.REJECTED);
        assertThat(rejected.statusMessage()).as("the repository's reason is kept for the operator").isEqualTo(
                "repository state http://dspace.org/state/withdrawn: withdrawn by a curator: a duplicate of hdl:123/9");
        Deposit pending = fx.store.findDeposit(dp).orElseThrow();
        assertThat(pending.status()).isEqualTo(DepositStatus.SUBMITTED);
        assertThat(pending.statusMessage()).as("news while undecided is shown too").isEqualTo(
                "repository state http://dspace.org/state/inreview: with reviewer Jane Roe since 2026-12-01");
        assertThat(accepted.statusMessage()).isEqualTo("repository state http://dspace.org/state/archived");
        assertThat(fx.store.findSubmission(a.id()).orElseThrow().status()).isEqualTo(AggregatedDepositStatus.ACCEPTED);
        assertThat(fx.store.findSubmission(w.id()).orElseThrow().status()).isEqualTo(AggregatedDepositStatus.REJECTED);
    }

    @Test
    void refreshCountsAnUnreachableRepositoryAsAnError() throws Exception {
        fx = new EngineFixture(dir, REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Unknown yet", "dspace");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(s.id(), DepositStatus.SUBMITTED));
        OperatorModes.Summary summary = modes().refresh(List.of(), out, OperatorModes.Progress.none());
        assertThat(summary.errors()).as(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("not available yet");
    }

    @Test
    void anUnknownRepositoryStateFailsTheDepositWithWhatToFixAndRefreshRecoversIt() throws Exception {
        fx = new EngineFixture(dir, REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission s = fx.submit("Strange state", "strict");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(s.id(), DepositStatus.SUBMITTED));
        String id = fx.store.findDepositsOfSubmission(s.id()).get(0).id();
        fx.custodial.states.put("custody:" + id, "http://dspace.org/state/limbo");

        OperatorModes.Summary first = modes().refresh(List.of(), out, OperatorModes.Progress.none());
        assertThat(first.errors()).isEqualTo(1);
        Deposit failed = fx.store.findDeposit(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(DepositStatus.FAILED);
        assertThat(failed.statusMessage()).contains("custody check failed")
                .contains("http://dspace.org/state/limbo").contains("strict.deposit-config.mapping");
        assertThat(failed.repositoryCopy()).isNull();

        // It reached the repository: retry would deposit a second copy, so it is refused with the way out.
        OperatorModes.Summary retry = modes().retry(List.of(id), out, OperatorModes.Progress.none());
        assertThat(retry.errors()).isEqualTo(1);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("use refresh, not retry");
        assertThat(fx.custodial.states).hasSize(1);

        // The repository later archives it (or the operator adds the state to the mapping): refresh recovers it.
        fx.custodial.states.put("custody:" + id, "http://dspace.org/state/archived");
        OperatorModes.Summary again = modes().refresh(List.of(id), out, OperatorModes.Progress.none());
        assertThat(again.refreshLine()).isEqualTo("1 refreshed, 1 accepted, 0 rejected, 0 unchanged, 0 errors");
        Deposit accepted = fx.store.findDeposit(id).orElseThrow();
        assertThat(accepted.status()).isEqualTo(DepositStatus.ACCEPTED);
        assertThat(accepted.repositoryCopy().status()).isEqualTo(CopyStatus.COMPLETE);
        assertThat(fx.store.findSubmission(s.id()).orElseThrow().status()).isEqualTo(AggregatedDepositStatus.ACCEPTED);
    }

    @Test
    void aRetryThatFailsAgainIsCountedFailedNotRetriedSuccessfully() throws Exception {
        fx = new EngineFixture(dir, REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission down = fx.submit("Still down", "down");
        Submission refused = fx.submit("Still refused", "refusing");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(down.id(), DepositStatus.FAILED)
                && fx.allDeposits(refused.id(), DepositStatus.FAILED));
        String downId = fx.store.findDepositsOfSubmission(down.id()).get(0).id();
        String refusedId = fx.store.findDepositsOfSubmission(refused.id()).get(0).id();

        // Neither repository was fixed: the transient one goes back to RETRY, the permanent one to FAILED.
        OperatorModes.Summary summary = modes().retry(List.of(downId, refusedId), out, OperatorModes.Progress.none());

        assertThat(summary.retryLine())
                .isEqualTo("2 retried, 0 accepted, 0 submitted, 0 unchanged, 2 failed, 0 errors");
        assertThat(summary.allDone()).isFalse();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(downId + ": RETRY - attempt 1 of 3 failed").contains(refusedId + ": FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(down.id(), DepositStatus.FAILED));
    }

    @Test
    void aModeWhoseConfigurationLacksTheRepositoryRefusesToTouchTheDepositAndNamesTheConfiguration()
            throws Exception {
        fx = new EngineFixture(dir, REPOS);
        fx.startEngine(EngineFixture.fastSettings());
        Submission down = fx.submit("Down", "down");
        Submission pending = fx.submit("Pending", "dspace");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.allDeposits(down.id(), DepositStatus.FAILED)
                && fx.allDeposits(pending.id(), DepositStatus.SUBMITTED));
        Deposit failed = fx.store.findDepositsOfSubmission(down.id()).get(0);
        Deposit submitted = fx.store.findDepositsOfSubmission(pending.id()).get(0);
        int failedHistory = fx.store.history(failed.id()).size();
        int submittedHistory = fx.store.history(submitted.id()).size();
        fx.flaky.repaired = true;
        fx.custodial.states.put("custody:" + submitted.id(), "http://dspace.org/state/archived");
        // The mode read another repositories.json: only "local" is in it.
        Repositories other = Repositories.parse("file:/etc/deposit/other.json", """
                {"local": {"assembler": {"specification": "simple"},
                           "transport-config": {"protocol-binding": {"protocol": "filesystem",
                               "baseDir": "%s"}}}}""".formatted(dir.resolve("elsewhere")), k -> null,
                fx.transports(), spec -> true);
        OperatorModes modes = modes(other, "https://ops:secret@config.example/other.json");

        OperatorModes.Summary retry = modes.retry(List.of(), out, OperatorModes.Progress.none());
        OperatorModes.Summary refresh = modes.refresh(List.of(), out, OperatorModes.Progress.none());

        assertThat(retry.retryLine())
                .isEqualTo("0 retried, 0 accepted, 0 submitted, 0 unchanged, 0 failed, 1 errors");
        assertThat(refresh.refreshLine()).isEqualTo("0 refreshed, 0 accepted, 0 rejected, 0 unchanged, 1 errors");
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(failed.id() + ": its repository 'down' is not in the repositories.json this"
                + " mode read (https://***@config.example/other.json); not touched")
                .contains(submitted.id() + ": its repository 'dspace' is not in").doesNotContain("secret");
        Deposit stillFailed = fx.store.findDeposit(failed.id()).orElseThrow();
        assertThat(stillFailed.version()).isEqualTo(failed.version());
        assertThat(stillFailed.statusMessage()).isEqualTo(failed.statusMessage());
        assertThat(fx.store.history(failed.id())).hasSize(failedHistory);
        assertThat(fx.store.findDeposit(submitted.id()).orElseThrow().version()).isEqualTo(submitted.version());
        assertThat(fx.store.history(submitted.id())).hasSize(submittedHistory);
        assertThat(fx.flaky.calls.get(failed.id()).get()).isEqualTo(3);
    }
}
