package org.depositservices.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.engine.critical.CriticalResult;
import org.depositservices.engine.critical.Resources;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.RepositoryCopy;
import org.depositservices.model.Submission;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.transport.Checkpoint;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportRequest;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to deposit one Deposit, in three steps:
 * <ol>
 *   <li><b>claim</b> (a CriticalPath): a deposit never attempted, or RETRY and due, gets a new attempt token, a
 *       lease and its owner (this node and incarnation); racing workers on any node see the claim and stop — the
 *       store's version decides who won;</li>
 *   <li><b>send</b>: package through the repository's Assembler, send through its Transport (which, given the same
 *       token or an earlier one, first checks whether the package already arrived). The package's time, and so its
 *       name, is the submission's creation: every attempt, and every incarnation of the deposit row, makes a
 *       package of the same name;</li>
 *   <li><b>record</b> (a CriticalPath, only if the claim is still ours): SUBMITTED with an IN_PROGRESS copy, or
 *       ACCEPTED with a COMPLETE copy; RETRY with the next attempt time for a transient failure; FAILED for a
 *       permanent one or when the retries run out. The message says why.</li>
 * </ol>
 */
public final class DepositTask {
    private static final Logger LOG = LoggerFactory.getLogger(DepositTask.class);
    private static final String ACTOR = "engine:deposit-task";

    private final StateStore store;
    private final FileContentStore content;
    private final RepositoryTargets targets;
    private final CriticalPath critical;
    private final RetryPolicy retry;
    private final Duration lease;
    private final Clock clock;
    private final RandomGenerator random;
    private final Deposit.AttemptOwner owner;

    /** @param owner recorded on every claim (node and incarnation); null records none (only the lease protects) */
    public DepositTask(StateStore store, FileContentStore content, RepositoryTargets targets, CriticalPath critical,
                       RetryPolicy retry, Duration lease, Clock clock, RandomGenerator random,
                       Deposit.AttemptOwner owner) {
        this.store = store;
        this.content = content;
        this.targets = targets;
        this.critical = critical;
        this.retry = retry;
        this.lease = lease;
        this.clock = clock;
        this.random = random;
        this.owner = owner;
    }

    /** What one call did, for logs, tests and the modes. */
    public enum AttemptResult { NOT_DUE, SUBMITTED, ACCEPTED, RETRY, FAILED, LOST_CLAIM }

    /** Attempts the deposit if it is due; does nothing otherwise. */
    public AttemptResult run(String depositId) {
        return attempt(depositId, null);
    }

    /**
     * An operator's explicit retry (the {@code retry} mode): a FAILED or RETRY deposit is attempted now, whatever
     * its due time; the retry counter starts again. The claim itself records, in the same transaction, that
     * {@code operator} retried it and what it was: a claim lost to another worker records nothing.
     */
    public AttemptResult retryNow(String depositId, String operator) {
        return attempt(depositId, Objects.requireNonNull(operator, "operator"));
    }

    /** @param operator the operator retrying it now, or null for the engine's own due attempt */
    private AttemptResult attempt(String depositId, String operator) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        boolean byOperator = operator != null;
        CriticalResult<Deposit, Void> claim = critical.perform(Resources.deposits(store, byOperator
                        ? "operator:" + operator : ACTOR), depositId,
                // The operator's claim makes it RETRY; the engine's takes a deposit never attempted, or RETRY and due.
                d -> byOperator ? DepositStatus.canOperatorMove(d.status(), DepositStatus.RETRY)
                        : (d.status() == null || d.status() == DepositStatus.RETRY)
                        && (d.nextAttemptAt() == null || !d.nextAttemptAt().isAfter(now)),
                d -> {
                    Deposit claimed = d.withAttempt(byOperator ? 1 : d.attempts() + 1, token)
                            .withNextAttemptAt(now.plus(lease)).withAttemptOwner(owner);
                    if (byOperator) {
                        claimed = claimed.withStatus(DepositStatus.RETRY, "operator " + operator
                                + " retried the deposit (was " + d.status() + ": " + d.statusMessage() + ")");
                    }
                    return CriticalPath.Change.write(claimed, null);
                },
                (d, x) -> token.equals(d.attemptToken()));
        if (!claim.success()) {
            LOG.debug("Deposit {} not attempted: {}", depositId, claim.outcome());
            return claim.outcome() == CriticalResult.Outcome.CONFLICT ? AttemptResult.LOST_CLAIM
                    : AttemptResult.NOT_DUE;
        }
        Deposit d = claim.resource();
        Result result = send(d);
        return record(d, token, result);
    }

    /** What sending gave: a response, or a failure with its message and whether it is transient. */
    private record Result(TransportResponse response, String failure, boolean transientFailure) {
    }

    private Result send(Deposit d) {
        Submission s = store.findSubmission(d.submissionId()).orElse(null);
        if (s == null) {
            return new Result(null, "its submission " + d.submissionId() + " no longer exists", false);
        }
        RepositoryTargets.Target target;
        try {
            target = targets.target(d.repositoryKey());
        } catch (IllegalArgumentException e) {
            return new Result(null, e.getMessage(), false);
        }
        // A file that cannot be read from our store is a PackageSourceException wherever it is read.
        DepositSubmission ds = new DepositSubmission(s.id(), s.metadata(), s.files(),
                PackageSourceException.guard(s.id(), s.files(), f -> content.open(f.location())));
        // Not the deposit row's creation: a row made again after a lost commit must name its package the same.
        Instant packageTime = s.createdAt();
        try {
            PackageStream pkg = target.packaging().map(a -> a.assemble(ds, target.options(), packageTime))
                    .orElse(null);
            String name = pkg != null ? pkg.name() : target.unpackagedName(s.id(), packageTime);
            DepositAttempt attempt = new DepositAttempt(d.id(), s.id(), d.attemptToken(), d.attempts(),
                    s.metadata().tags(), name);
            try (TransportSession session = target.transport().open(target.config())) {
                TransportResponse r = session.send(new TransportRequest(pkg, ds, attempt, checkpoint(d)));
                LOG.info("Deposit {} of submission {} sent to {}: {}", d.id(), s.id(), d.repositoryKey(),
                        r.message());
                return new Result(r, null, false);
            }
        } catch (PackageSourceException e) {
            return sourceFailure(e, d);
        } catch (PackagingException e) {
            return new Result(null, "cannot build the " + target.spec() + " package: " + e.getMessage(),
                    false);
        } catch (TransportException e) {
            Optional<PackageSourceException> source = PackageSourceException.find(e);
            return source.isPresent() ? sourceFailure(source.get(), d)
                    : new Result(null, e.getMessage(), e.isTransient());
        } catch (RuntimeException e) {
            Optional<PackageSourceException> source = PackageSourceException.find(e);
            if (source.isPresent()) {
                return sourceFailure(source.get(), d);
            }
            LOG.error("Deposit {} failed unexpectedly", d.id(), e);
            return new Result(null, "unexpected error: " + e, false);
        }
    }

    /**
     * The deposit's checkpoint in the store: read only if the transport asks (most never do), written only while
     * this attempt still holds the deposit.
     */
    private Checkpoint checkpoint(Deposit d) {
        return new Checkpoint() {
            @Override
            public Optional<String> recorded() {
                return store.findCheckpoint(d.id());
            }

            @Override
            public void record(String state) throws TransientTransportException {
                boolean ours;
                try {
                    ours = store.recordCheckpoint(d.id(), d.attemptToken(), state);
                } catch (RuntimeException e) {
                    throw new TransientTransportException("could not record the deposit's progress in our store ("
                            + e.getMessage() + "); stopped before going on at " + d.repositoryKey(), e);
                }
                if (!ours) {
                    throw new TransientTransportException("attempt " + d.attempts() + " lost its claim on the"
                            + " deposit to another; stopped before going on at " + d.repositoryKey());
                }
            }
        };
    }

    /**
     * The one place a stored file that cannot be read is judged, whichever transport was reading: gone or damaged
     * is permanent (the user must send it again), an I/O error on our disk is worth another attempt. The message
     * says it is our store, not the repository, at fault.
     */
    private static Result sourceFailure(PackageSourceException e, Deposit d) {
        return new Result(null, e.getMessage() + " (our content store's failure, not " + d.repositoryKey() + "'s)",
                e.kind() == PackageSourceException.Kind.UNREADABLE);
    }

    /** The status an attempt's result gives its deposit (the attempt count is the claim's). */
    private DepositStatus statusAfter(Deposit claimed, Result result) {
        if (result.response() != null) {
            return result.response().custody() == TransportResponse.Custody.ACCEPTED ? DepositStatus.ACCEPTED
                    : DepositStatus.SUBMITTED;
        }
        return result.transientFailure() && retry.mayRetryAfter(claimed.attempts()) ? DepositStatus.RETRY
                : DepositStatus.FAILED;
    }

    private AttemptResult record(Deposit claimed, String token, Result result) {
        Instant now = clock.instant();
        // Only if the claim is still ours and the enum lets the deposit move to what the result says.
        DepositStatus outcome = statusAfter(claimed, result);
        CriticalResult<Deposit, AttemptResult> r = critical.perform(Resources.deposits(store, ACTOR), claimed.id(),
                d -> token.equals(d.attemptToken()) && DepositStatus.canMove(d.status(), outcome),
                read -> {
                    // the outcome is recorded: no attempt is in flight any more
                    Deposit d = read.withAttemptOwner(null);
                    if (result.response() != null) {
                        TransportResponse tr = result.response();
                        boolean accepted = tr.custody() == TransportResponse.Custody.ACCEPTED;
                        String copyId = d.repositoryCopy() == null ? UUID.randomUUID().toString()
                                : d.repositoryCopy().id();
                        long copyVersion = d.repositoryCopy() == null ? 0 : d.repositoryCopy().version();
                        RepositoryCopy copy = new RepositoryCopy(copyId, copyVersion,
                                accepted ? CopyStatus.COMPLETE : CopyStatus.IN_PROGRESS, tr.accessUrl(),
                                tr.externalIds());
                        Deposit next = d.withStatus(accepted ? DepositStatus.ACCEPTED : DepositStatus.SUBMITTED,
                                        tr.message())
                                .withStatusRef(tr.depositStatusRef()).withRepositoryCopy(copy).withNextAttemptAt(null);
                        return CriticalPath.Change.write(next,
                                accepted ? AttemptResult.ACCEPTED : AttemptResult.SUBMITTED);
                    }
                    if (result.transientFailure() && retry.mayRetryAfter(d.attempts())) {
                        Instant next = now.plus(retry.delayAfter(d.attempts(), random));
                        String msg = "attempt " + d.attempts() + " of " + retry.maxAttempts() + " failed: "
                                + result.failure() + "; next attempt at " + next;
                        return CriticalPath.Change.write(d.withStatus(DepositStatus.RETRY, msg).withNextAttemptAt(next)
                                .withRepositoryCopy(null), AttemptResult.RETRY);
                    }
                    String msg = result.transientFailure()
                            ? "gave up after " + d.attempts() + " attempts: " + result.failure()
                            : result.failure();
                    return CriticalPath.Change.write(d.withStatus(DepositStatus.FAILED, msg).withNextAttemptAt(null)
                            .withRepositoryCopy(null), AttemptResult.FAILED);
                },
                (d, o) -> true);
        if (!r.success()) {
            LOG.warn("Deposit {}: the result of attempt {} was not recorded ({}); {}", claimed.id(), token,
                    r.outcome(), result.response() != null ? "the package was delivered" : result.failure());
            return AttemptResult.LOST_CLAIM;
        }
        if (r.result() == AttemptResult.RETRY || r.result() == AttemptResult.FAILED) {
            LOG.warn("Deposit {} to {} is {}: {}", claimed.id(), claimed.repositoryKey(), r.result(),
                    r.resource().statusMessage());
        }
        return r.result();
    }

}
