package org.depositservices.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.Submission;

/**
 * Submissions, deposits (with their repository copies), the outbox and the status history, in PostgreSQL.
 *
 * <p>Every public method is one transaction. Every write that the engine must react to puts an {@link OutboxEvent}
 * in the same transaction. Every update names the version it read; a stale one fails with
 * {@link UpdateConflictException} and writes nothing. A status change the status's enum does not allow for the
 * actor (docs/status-model.md; actors named {@code operator:...} are operators, all others automation) fails with
 * {@link IllegalTransitionException} and writes nothing. Methods return what is stored after the write (with the
 * new version).
 *
 * <p>The SQL lives in the rows this facade composes: {@link SubmissionRows}, {@link DepositRows},
 * {@link StatusHistory}, {@link Outbox}; this class says what each operation writes together.
 */
public final class StateStore {
    private static final String SUBMISSION = "submission";
    private static final String DEPOSIT = "deposit";
    private static final String COPY = "repository copy of deposit";

    private final DataSource dataSource;
    private final Clock clock;
    private final SubmissionRows submissions;
    private final DepositRows deposits;
    private final StatusHistory statusHistory;
    private final Outbox outbox;
    private final Checkpoints checkpoints = new Checkpoints();
    private static final Runnable NO_LISTENER = () -> { };
    private volatile Runnable outboxCommitted = NO_LISTENER;

    public StateStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.submissions = new SubmissionRows(clock);
        this.deposits = new DepositRows(clock);
        this.statusHistory = new StatusHistory(clock);
        this.outbox = new Outbox(clock);
    }

    /**
     * {@code listener} runs after each commit that wrote outbox events through this store (the engine wakes its
     * relay with it, instead of waiting for its next poll). It must return at once and never throw.
     */
    public synchronized void onOutboxCommit(Runnable listener) {
        this.outboxCommitted = Objects.requireNonNull(listener, "listener");
    }

    /** Stops calling {@code listener}, if it is still the one {@link #onOutboxCommit} set. */
    public synchronized void removeOutboxCommit(Runnable listener) {
        if (outboxCommitted == listener) {
            outboxCommitted = NO_LISTENER;
        }
    }

    // ---------------------------------------------------------------- submissions

    /**
     * Stores a new submission (status as given, normally NOT_STARTED) with its files, and a SubmissionReady event,
     * recording {@code owner} (a user's name, or null) as the submission's owner: a submitter sees only the
     * submissions they own.
     */
    public Submission createSubmission(Submission s, String actor, String owner) {
        Submission created = inTransaction(c -> {
            submissions.insert(c, s, owner);
            statusHistory.add(c, SUBMISSION, s.id(), actor, null, s.status().name(), "submission received");
            outbox.add(c, OutboxEvent.Type.SubmissionReady, s.id());
            return submissions.find(c, s.id()).orElseThrow();
        });
        outboxCommitted.run();
        return created;
    }

    public Optional<Submission> findSubmission(String id) {
        return inTransaction(c -> submissions.find(c, id));
    }

    /** The owner recorded when the submission was created; empty when it has none or does not exist. */
    public Optional<String> ownerOf(String submissionId) {
        return inTransaction(c -> submissions.ownerOf(c, submissionId));
    }

    /**
     * Writes a submission read at {@code s.version()}; records a status event when the status changed.
     *
     * @throws UpdateConflictException     when the stored version is no longer {@code s.version()}
     * @throws IllegalTransitionException when the status may not move so for {@code actor}
     */
    public Submission updateSubmission(Submission s, String actor) {
        return inTransaction(c -> {
            writeSubmission(c, s, actor);
            return submissions.find(c, s.id()).orElseThrow();
        });
    }

    /**
     * Moves a submission (read at its version) to its new status and creates its deposits, in one transaction: a
     * deposit that already exists for a repository is kept, never duplicated.
     *
     * @return the deposits of the submission after the write
     * @throws UpdateConflictException     when the stored version is no longer {@code s.version()}
     * @throws IllegalTransitionException when the status may not move so for {@code actor}
     */
    public List<Deposit> startSubmission(Submission s, List<Deposit> newDeposits, String actor) {
        return inTransaction(c -> {
            writeSubmission(c, s, actor);
            deposits.insertNew(c, s.id(), newDeposits);
            return deposits.ofSubmission(c, s.id());
        });
    }

    /** Submissions, newest first; only those with {@code status} and of {@code owner}, each unless null. */
    public Page<Submission> listSubmissions(AggregatedDepositStatus status, String owner, int page, int size) {
        return inTransaction(c -> submissions.list(c, status, owner, page, size));
    }

    /** Ids of NOT_STARTED submissions created before {@code createdBefore}, oldest first. */
    public List<String> findNotStartedSubmissionIds(Instant createdBefore, int limit) {
        return inTransaction(c -> submissions.notStartedIds(c, createdBefore, limit));
    }

    /** Which of {@code locations} a stored submission file points to (the content store's clean-up asks). */
    public Set<String> referencedLocations(List<String> locations) {
        return inTransaction(c -> submissions.referencedLocations(c, locations));
    }

    // ---------------------------------------------------------------- deposits

    public Optional<Deposit> findDeposit(String id) {
        return inTransaction(c -> deposits.byId(c, id));
    }

    public List<Deposit> findDepositsOfSubmission(String submissionId) {
        return inTransaction(c -> deposits.ofSubmission(c, submissionId));
    }

    /** Deposits with the given status, oldest first. */
    public List<Deposit> findDepositsByStatus(DepositStatus status) {
        return inTransaction(c -> deposits.byStatus(c, status));
    }

    /**
     * Deposits due for an attempt at {@code now}: never attempted or RETRY, and not held by an attempt in flight
     * ({@code next_attempt_at} unset or past), oldest first.
     */
    public List<Deposit> findDueDeposits(Instant now, int limit) {
        return inTransaction(c -> deposits.due(c, now, limit));
    }

    /**
     * Deposits never attempted (no status), created before {@code createdBefore} and not held by a lease at
     * {@code now}, oldest first.
     */
    public List<Deposit> findUnattemptedDeposits(Instant createdBefore, Instant now, int limit) {
        return inTransaction(c -> deposits.unattempted(c, createdBefore, now, limit));
    }

    /**
     * Makes due at once the attempts in flight that {@code node} claimed in an incarnation other than
     * {@code incarnation}: that node has started again, so those attempts were interrupted. Each is recorded in the
     * deposit's history; its status does not change. Attempts of other nodes are left to their lease.
     *
     * @return the ids of the deposits made due
     */
    public List<String> reclaimInterruptedAttempts(String node, String incarnation, String actor) {
        return inTransaction(c -> {
            List<DepositRows.Interrupted> found = deposits.lockInterrupted(c, node, incarnation);
            List<String> ids = new ArrayList<>();
            Instant now = clock.instant();
            for (DepositRows.Interrupted f : found) {
                deposits.makeDue(c, f.id(), now);
                String status = name(f.status());
                statusHistory.add(c, DEPOSIT, f.id(), actor, status, status, "attempt " + f.attempts()
                        + " was interrupted: node " + node + " stopped (incarnation " + f.incarnation()
                        + ") before recording its outcome and has started again (incarnation " + incarnation
                        + "); attempted again now");
                ids.add(f.id());
            }
            return ids;
        });
    }

    /**
     * Writes a deposit read at {@code d.version()} together with its repository copy (created, updated or removed
     * to match). When the status changed, a DepositStatus event goes to the outbox and the history.
     *
     * @throws UpdateConflictException     when the stored version is no longer {@code d.version()}
     * @throws IllegalTransitionException when the deposit's status, or its copy's, may not move so for
     *                                     {@code actor}
     */
    public Deposit updateDeposit(Deposit d, String actor) {
        boolean[] announced = {false};
        Deposit written = inTransaction(c -> {
            DepositRows.Locked stored = deposits.lock(c, d.id()).filter(l -> l.version() == d.version())
                    .orElseThrow(() -> new UpdateConflictException(DEPOSIT, d.id(), d.version()));
            StatusTransitions.requireDepositMove(DEPOSIT, d.id(), stored.status(), d.status(), actor);
            if (stored.copyStatus() != null && d.repositoryCopy() != null) {
                // a copy is created with any status and may be removed; one that stays follows CopyStatus's rules
                StatusTransitions.requireMove(COPY, d.id(), stored.copyStatus(), d.repositoryCopy().status(), actor);
            }
            if (!deposits.update(c, d)) {
                throw new UpdateConflictException(DEPOSIT, d.id(), d.version());
            }
            deposits.writeCopy(c, d.id(), d.repositoryCopy());
            if (stored.status() != d.status()
                    && (d.status() == DepositStatus.SUBMITTED || d.status() == DepositStatus.ACCEPTED)) {
                // delivered: nothing unfinished is left at the target to resume
                checkpoints.delete(c, d.id());
            }
            String before = name(stored.status());
            String after = name(d.status());
            if (!Objects.equals(before, after)) {
                statusHistory.add(c, DEPOSIT, d.id(), actor, before, after, d.statusMessage());
                // The submission follows its deposits only when one ends, or leaves an end (an operator's retry):
                // a move between intermediate statuses changes nothing there, so it is not announced.
                if (isTerminal(stored.status()) || isTerminal(d.status())) {
                    outbox.add(c, OutboxEvent.Type.DepositStatus, d.id());
                    announced[0] = true;
                }
            } else if (!Objects.equals(stored.statusMessage(), d.statusMessage()) && d.statusMessage() != null) {
                // e.g. a second RETRY: same status, new reason; the history shows every attempt
                statusHistory.add(c, DEPOSIT, d.id(), actor, before, after, d.statusMessage());
            }
            return deposits.byId(c, d.id()).orElseThrow();
        });
        if (announced[0]) {
            outboxCommitted.run();
        }
        return written;
    }

    /**
     * What the deposit's transport recorded of its unfinished work at the target (a workspace item's id, a draft's),
     * for the next attempt to resume; empty when nothing is recorded.
     */
    public Optional<String> findCheckpoint(String depositId) {
        return inTransaction(c -> checkpoints.find(c, depositId));
    }

    /**
     * Records the deposit's checkpoint, durable on return, if attempt {@code attemptToken} still holds the deposit.
     *
     * @return false, having written nothing, when another attempt (or none) holds it now
     */
    public boolean recordCheckpoint(String depositId, String attemptToken, String state) {
        Objects.requireNonNull(state, "state");
        return inTransaction(c -> checkpoints.record(c, depositId, attemptToken, state, clock.instant()));
    }

    // ---------------------------------------------------------------- custody feeds

    /** Records what a repository's custody feed could not use; the same source and reason again is kept once. */
    public void recordUnmatched(String repositoryKey, String source, String reason) {
        inTransaction(c -> {
            try (var ps = c.prepareStatement("""
                    INSERT INTO unmatched_custody (repository_key, source, reason, recorded_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (repository_key, source, reason) DO NOTHING""")) {
                ps.setString(1, repositoryKey);
                ps.setString(2, source);
                ps.setString(3, reason);
                ps.setTimestamp(4, java.sql.Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** What custody feeds could not use, newest first, at most {@code limit}. */
    public List<UnmatchedCustody> findUnmatched(int limit) {
        return inTransaction(c -> {
            try (var ps = c.prepareStatement("""
                    SELECT id, repository_key, source, reason, recorded_at FROM unmatched_custody
                    ORDER BY recorded_at DESC, id DESC LIMIT ?""")) {
                ps.setInt(1, limit);
                List<UnmatchedCustody> found = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new UnmatchedCustody(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getTimestamp(5).toInstant()));
                    }
                }
                return found;
            }
        });
    }

    /**
     * Runs {@code work} only if no other node (or thread) is running work of the same {@code name} now, holding a
     * PostgreSQL advisory lock for the time it runs; returns false, having run nothing, when one is. For jobs two
     * nodes must not do at once (polling one mailbox).
     */
    public boolean runExclusively(String name, Runnable work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            boolean locked;
            try (var ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
                ps.setString(1, name);
                try (var rs = ps.executeQuery()) {
                    locked = rs.next() && rs.getBoolean(1);
                }
            }
            if (!locked) {
                return false;
            }
            try {
                work.run();
            } finally {
                try (var ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                    ps.setString(1, name);
                    ps.execute();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- history

    /** Records an operator action (or any note) in a resource's history without changing it. */
    public void recordEvent(String resourceType, String resourceId, String actor, String fromStatus, String toStatus,
                            String message) {
        inTransaction(c -> {
            statusHistory.add(c, resourceType, resourceId, actor, fromStatus, toStatus, message);
            return null;
        });
    }

    /** A resource's history, oldest first. */
    public List<StatusEvent> history(String resourceId) {
        return inTransaction(c -> statusHistory.of(c, resourceId));
    }

    // ---------------------------------------------------------------- outbox

    /** Receives a batch of outbox events to publish; throwing leaves them unsent. */
    @FunctionalInterface
    public interface OutboxPublisher {
        void publish(List<OutboxEvent> events) throws Exception;
    }

    /**
     * Publishes up to {@code limit} unsent events and marks them sent, holding row locks meanwhile so that relays
     * on other nodes skip them. A crash after publishing but before the commit only publishes them again later.
     *
     * @return how many events were published
     */
    public int relayOutbox(int limit, OutboxPublisher publisher) {
        return inTransaction(c -> outbox.relay(c, limit, publisher));
    }

    // ---------------------------------------------------------------- internals

    /** The one place a submission is updated: version, then transition, then the write and its history. */
    private void writeSubmission(Connection c, Submission s, String actor) throws SQLException {
        SubmissionRows.Locked stored = submissions.lock(c, s.id()).filter(l -> l.version() == s.version())
                .orElseThrow(() -> new UpdateConflictException(SUBMISSION, s.id(), s.version()));
        StatusTransitions.requireMove(SUBMISSION, s.id(), stored.status(), s.status(), actor);
        if (!submissions.update(c, s)) {
            throw new UpdateConflictException(SUBMISSION, s.id(), s.version());
        }
        if (stored.status() != s.status()) {
            statusHistory.add(c, SUBMISSION, s.id(), actor, stored.status().name(), s.status().name(),
                    s.statusMessage());
        }
    }

    private static boolean isTerminal(DepositStatus status) {
        return status != null && status.isTerminal();
    }

    private static String name(Enum<?> status) {
        return status == null ? null : status.name();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(Transactions.SqlWork<T> work) {
        return Transactions.run(dataSource, work);
    }
}
