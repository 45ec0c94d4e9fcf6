package org.depositservices.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.RepositoryCopy;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submissions, deposits (with their repository copies), the outbox and the status history, in PostgreSQL.
 *
 * <p>Every write that the engine must react to puts an {@link OutboxEvent} in the same transaction. Every update
 * names the version it read; a stale one fails with {@link UpdateConflictException} and writes nothing. Methods
 * return what is stored after the write (with the new version).
 */
public final class StateStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final Clock clock;

    public StateStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- submissions

    /**
     * Stores a new submission (status as given, normally NOT_STARTED) with its files, and a SubmissionReady event.
     */
    public Submission createSubmission(Submission s, String actor) {
        return createSubmission(s, actor, null);
    }

    /**
     * As {@link #createSubmission(Submission, String)}, recording {@code owner} (a user's name, or null) as the
     * submission's owner: a submitter sees only the submissions they own.
     */
    public Submission createSubmission(Submission s, String actor, String owner) {
        return inTransaction(c -> {
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO submission (id, version, status, status_message, needs_attention, repositories, metadata,
                                            created_at, updated_at, owner)
                    VALUES (?, 1, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
                ps.setString(1, s.id());
                ps.setString(2, s.status().name());
                ps.setString(3, s.statusMessage());
                ps.setBoolean(4, s.needsAttention());
                ps.setArray(5, c.createArrayOf("text", s.repositories().toArray()));
                ps.setString(6, JSON.writeValueAsString(s.metadata()));
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setString(9, owner);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO submission_file (submission_id, ordinal, name, role, description, mime_type, size, sha256,
                                                 md5, location, sha512, crc32)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int i = 0;
                for (SubmissionFile f : s.files()) {
                    ps.setString(1, s.id());
                    ps.setInt(2, i++);
                    ps.setString(3, f.name());
                    ps.setString(4, f.role().name());
                    ps.setString(5, f.description());
                    ps.setString(6, f.mimeType());
                    ps.setLong(7, f.size());
                    ps.setString(8, f.sha256());
                    ps.setString(9, f.md5());
                    ps.setString(10, f.location());
                    ps.setString(11, f.sha512());
                    ps.setString(12, f.crc32());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            addEvent(c, "submission", s.id(), actor, null, s.status().name(), "submission received");
            addOutbox(c, OutboxEvent.Type.SubmissionReady, s.id());
            return findSubmission(c, s.id()).orElseThrow();
        });
    }

    public Optional<Submission> findSubmission(String id) {
        return inTransaction(c -> findSubmission(c, id));
    }

    /** The owner recorded when the submission was created; empty when it has none or does not exist. */
    public Optional<String> ownerOf(String submissionId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT owner FROM submission WHERE id = ?")) {
                ps.setString(1, submissionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Writes a submission read at {@code s.version()}; records a status event when the status changed.
     *
     * @throws UpdateConflictException when the stored version is no longer {@code s.version()}
     */
    public Submission updateSubmission(Submission s, String actor) {
        return inTransaction(c -> {
            updateSubmission(c, s, actor);
            return findSubmission(c, s.id()).orElseThrow();
        });
    }

    /**
     * Moves a submission (read at its version) to its new status and creates its deposits, in one transaction: a
     * deposit that already exists for a repository is kept, never duplicated.
     *
     * @return the deposits of the submission after the write
     */
    public List<Deposit> startSubmission(Submission s, List<Deposit> deposits, String actor) {
        return inTransaction(c -> {
            updateSubmission(c, s, actor);
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO deposit (id, version, submission_id, repository_key, created_at, updated_at)
                    VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (Deposit d : deposits) {
                    ps.setString(1, d.id());
                    ps.setString(2, s.id());
                    ps.setString(3, d.repositoryKey());
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return findDeposits(c, "d.submission_id = ?", s.id());
        });
    }

    /** Submissions, newest first, optionally only those with {@code status}. */
    public Page<Submission> listSubmissions(AggregatedDepositStatus status, int page, int size) {
        return listSubmissions(status, null, page, size);
    }

    /** As {@link #listSubmissions(AggregatedDepositStatus, int, int)}, only those of {@code owner} unless null. */
    public Page<Submission> listSubmissions(AggregatedDepositStatus status, String owner, int page, int size) {
        return inTransaction(c -> {
            List<String> conditions = new ArrayList<>();
            List<String> params = new ArrayList<>();
            if (status != null) {
                conditions.add("status = ?");
                params.add(status.name());
            }
            if (owner != null) {
                conditions.add("owner = ?");
                params.add(owner);
            }
            String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM submission" + where)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM submission" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                int i = 1;
                for (String p : params) {
                    ps.setString(i++, p);
                }
                ps.setInt(i++, size);
                ps.setLong(i, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<Submission> items = new ArrayList<>();
            for (String id : ids) {
                findSubmission(c, id).ifPresent(items::add);
            }
            return new Page<>(items, page, size, total);
        });
    }

    // ---------------------------------------------------------------- deposits

    public Optional<Deposit> findDeposit(String id) {
        return inTransaction(c -> findDeposits(c, "d.id = ?", id).stream().findFirst());
    }

    public List<Deposit> findDepositsOfSubmission(String submissionId) {
        return inTransaction(c -> findDeposits(c, "d.submission_id = ?", submissionId));
    }

    /** Deposits with the given status, oldest first. */
    public List<Deposit> findDepositsByStatus(DepositStatus status) {
        return inTransaction(c -> findDeposits(c, "d.status = ?", status.name()));
    }

    /**
     * Deposits due for an attempt at {@code now}: never attempted or RETRY, and not held by an attempt in flight
     * ({@code next_attempt_at} unset or past), oldest first.
     */
    public List<Deposit> findDueDeposits(Instant now, int limit) {
        return inTransaction(c -> {
            return findDeposits(c, "(d.status IS NULL OR d.status = 'RETRY')"
                    + " AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)", Timestamp.from(now), limit);
        });
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
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, status, attempt_incarnation, attempts FROM deposit
                    WHERE attempt_node = ? AND attempt_incarnation IS DISTINCT FROM ?
                      AND (status IS NULL OR status = 'RETRY')
                    ORDER BY created_at FOR UPDATE""")) {
                ps.setString(1, node);
                ps.setString(2, incarnation);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
            }
            List<String> ids = new ArrayList<>();
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE deposit SET version = version + 1, next_attempt_at = ?, attempt_node = NULL,
                           attempt_incarnation = NULL, updated_at = ?
                    WHERE id = ?""")) {
                for (String[] f : found) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, f[0]);
                    ps.executeUpdate();
                    addEvent(c, "deposit", f[0], actor, f[1], f[1], "attempt " + f[3] + " was interrupted: node "
                            + node + " stopped (incarnation " + f[2] + ") before recording its outcome and has"
                            + " started again (incarnation " + incarnation + "); attempted again now");
                    ids.add(f[0]);
                }
            }
            return ids;
        });
    }

    /** Ids of NOT_STARTED submissions created before {@code createdBefore}, oldest first. */
    public List<String> findNotStartedSubmissionIds(Instant createdBefore, int limit) {
        return inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM submission WHERE status = 'NOT_STARTED'"
                    + " AND created_at < ? ORDER BY created_at, id LIMIT ?")) {
                ps.setTimestamp(1, Timestamp.from(createdBefore));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * Deposits never attempted (no status), created before {@code createdBefore} and not held by a lease at
     * {@code now}, oldest first.
     */
    public List<Deposit> findUnattemptedDeposits(Instant createdBefore, Instant now, int limit) {
        return inTransaction(c -> findDeposits(c, "d.status IS NULL AND d.created_at < ?"
                        + " AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)",
                List.of(Timestamp.from(createdBefore), Timestamp.from(now)), limit));
    }

    /**
     * Writes a deposit read at {@code d.version()} together with its repository copy (created, updated or removed
     * to match). When the status changed, a DepositStatus event goes to the outbox and the history.
     *
     * @throws UpdateConflictException when the stored version is no longer {@code d.version()}
     */
    public Deposit updateDeposit(Deposit d, String actor) {
        return inTransaction(c -> {
            String before;
            String beforeMessage;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, status_message FROM deposit WHERE id = ? FOR UPDATE")) {
                ps.setString(1, d.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UpdateConflictException("deposit", d.id(), d.version());
                    }
                    before = rs.getString(1);
                    beforeMessage = rs.getString(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE deposit SET version = version + 1, status = ?, status_message = ?, deposit_status_ref = ?,
                           attempts = ?, attempt_token = ?, next_attempt_at = ?, updated_at = ?, attempt_node = ?,
                           attempt_incarnation = ?
                    WHERE id = ? AND version = ?""")) {
                ps.setString(1, d.status() == null ? null : d.status().name());
                ps.setString(2, d.statusMessage());
                ps.setString(3, d.depositStatusRef());
                ps.setInt(4, d.attempts());
                ps.setString(5, d.attemptToken());
                setInstant(ps, 6, d.nextAttemptAt());
                ps.setTimestamp(7, Timestamp.from(now()));
                ps.setString(8, d.attemptOwner() == null ? null : d.attemptOwner().node());
                ps.setString(9, d.attemptOwner() == null ? null : d.attemptOwner().incarnation());
                ps.setString(10, d.id());
                ps.setLong(11, d.version());
                if (ps.executeUpdate() != 1) {
                    throw new UpdateConflictException("deposit", d.id(), d.version());
                }
            }
            writeCopy(c, d.id(), d.repositoryCopy());
            String after = d.status() == null ? null : d.status().name();
            if (!java.util.Objects.equals(before, after)) {
                addEvent(c, "deposit", d.id(), actor, before, after, d.statusMessage());
                addOutbox(c, OutboxEvent.Type.DepositStatus, d.id());
            } else if (!java.util.Objects.equals(beforeMessage, d.statusMessage()) && d.statusMessage() != null) {
                // e.g. a second RETRY: same status, new reason; the history shows every attempt
                addEvent(c, "deposit", d.id(), actor, before, after, d.statusMessage());
            }
            return findDeposits(c, "d.id = ?", d.id()).get(0);
        });
    }

    private void writeCopy(Connection c, String depositId, RepositoryCopy copy) throws SQLException {
        if (copy == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM repository_copy WHERE deposit_id = ?")) {
                ps.setString(1, depositId);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO repository_copy (id, version, deposit_id, status, access_url, external_ids)
                VALUES (?, 1, ?, ?, ?, ?)
                ON CONFLICT (deposit_id) DO UPDATE SET version = repository_copy.version + 1, status = EXCLUDED.status,
                    access_url = EXCLUDED.access_url, external_ids = EXCLUDED.external_ids
                WHERE (repository_copy.status, repository_copy.access_url, repository_copy.external_ids)
                      IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.access_url, EXCLUDED.external_ids)""")) {
            ps.setString(1, copy.id());
            ps.setString(2, depositId);
            ps.setString(3, copy.status().name());
            ps.setString(4, copy.accessUrl());
            ps.setArray(5, c.createArrayOf("text", copy.externalIds().toArray()));
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- history

    /** Records an operator action (or any note) in a resource's history without changing it. */
    public void recordEvent(String resourceType, String resourceId, String actor, String fromStatus, String toStatus,
                            String message) {
        inTransaction(c -> {
            addEvent(c, resourceType, resourceId, actor, fromStatus, toStatus, message);
            return null;
        });
    }

    /** A resource's history, oldest first. */
    public List<StatusEvent> history(String resourceId) {
        return inTransaction(c -> {
            List<StatusEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, resource_type, resource_id, at, actor, from_status, to_status, message "
                            + "FROM status_event WHERE resource_id = ? ORDER BY id")) {
                ps.setString(1, resourceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StatusEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- outbox

    /** Committed events not yet marked sent, oldest first. */
    public List<OutboxEvent> unsentEvents(int limit) {
        return inTransaction(c -> {
            List<OutboxEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, type, resource_id, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OutboxEvent(rs.getLong(1), OutboxEvent.Type.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return out;
        });
    }

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
        return inTransaction(c -> {
            List<OutboxEvent> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, type, resource_id, created_at FROM outbox"
                    + " WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new OutboxEvent(rs.getLong(1), OutboxEvent.Type.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            if (events.isEmpty()) {
                return 0;
            }
            try {
                publisher.publish(events);
            } catch (Exception e) {
                throw new StoreException("publishing outbox events failed: " + e.getMessage(), e);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET sent_at = ? WHERE id = ANY (?)")) {
                ps.setTimestamp(1, Timestamp.from(now()));
                ps.setArray(2, c.createArrayOf("bigint", events.stream().map(OutboxEvent::id).toArray()));
                ps.executeUpdate();
            }
            return events.size();
        });
    }

    /** Which of {@code locations} a stored submission file points to (the content store's clean-up asks). */
    public java.util.Set<String> referencedLocations(List<String> locations) {
        return inTransaction(c -> {
            java.util.Set<String> found = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT location FROM submission_file WHERE location = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", locations.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        });
    }

    /** All submission ids (for checks and the modes), oldest first. */
    public List<String> allSubmissionIds() {
        return inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM submission ORDER BY created_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    public void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET sent_at = ? WHERE id = ANY (?)")) {
                ps.setTimestamp(1, Timestamp.from(now()));
                ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- internals

    private void updateSubmission(Connection c, Submission s, String actor) throws SQLException {
        String before;
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM submission WHERE id = ? FOR UPDATE")) {
            ps.setString(1, s.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UpdateConflictException("submission", s.id(), s.version());
                }
                before = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE submission SET version = version + 1, status = ?, status_message = ?, needs_attention = ?,
                       updated_at = ?
                WHERE id = ? AND version = ?""")) {
            ps.setString(1, s.status().name());
            ps.setString(2, s.statusMessage());
            ps.setBoolean(3, s.needsAttention());
            ps.setTimestamp(4, Timestamp.from(now()));
            ps.setString(5, s.id());
            ps.setLong(6, s.version());
            if (ps.executeUpdate() != 1) {
                throw new UpdateConflictException("submission", s.id(), s.version());
            }
        }
        if (!before.equals(s.status().name())) {
            addEvent(c, "submission", s.id(), actor, before, s.status().name(), s.statusMessage());
        }
    }

    private Optional<Submission> findSubmission(Connection c, String id) throws SQLException {
        Submission base;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, version, status, status_message, needs_attention, repositories, metadata::text, created_at,
                       updated_at
                FROM submission WHERE id = ?""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                base = new Submission(rs.getString(1), rs.getLong(2),
                        AggregatedDepositStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getBoolean(5),
                        strings(rs.getArray(6)), JSON.readValue(rs.getString(7), SubmissionMetadata.class), List.of(),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
            }
        }
        List<SubmissionFile> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT name, role, description, mime_type, size, sha256, md5, location, sha512, crc32
                FROM submission_file WHERE submission_id = ? ORDER BY ordinal""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new SubmissionFile(rs.getString(1), FileRole.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        }
        return Optional.of(new Submission(base.id(), base.version(), base.status(), base.statusMessage(),
                base.needsAttention(), base.repositories(), base.metadata(), files, base.createdAt(),
                base.updatedAt()));
    }

    private List<Deposit> findDeposits(Connection c, String where, Object param) throws SQLException {
        return findDeposits(c, where, param, Integer.MAX_VALUE);
    }

    private List<Deposit> findDeposits(Connection c, String where, Object param, int limit) throws SQLException {
        return findDeposits(c, where, List.of(param), limit);
    }

    private List<Deposit> findDeposits(Connection c, String where, List<?> params, int limit) throws SQLException {
        Map<String, Deposit> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT d.id, d.version, d.submission_id, d.repository_key, d.status, d.status_message,
                       d.deposit_status_ref, d.attempts, d.attempt_token, d.next_attempt_at, d.created_at, d.updated_at,
                       rc.id, rc.version, rc.status, rc.access_url, rc.external_ids, d.attempt_node,
                       d.attempt_incarnation
                FROM deposit d LEFT JOIN repository_copy rc ON rc.deposit_id = d.id
                WHERE
                """ + " " + where + " ORDER BY d.created_at, d.repository_key LIMIT ?")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            ps.setInt(params.size() + 1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RepositoryCopy copy = rs.getString(13) == null ? null
                            : new RepositoryCopy(rs.getString(13), rs.getLong(14), CopyStatus.valueOf(rs.getString(15)),
                            rs.getString(16), strings(rs.getArray(17)));
                    String status = rs.getString(5);
                    Timestamp next = rs.getTimestamp(10);
                    out.put(rs.getString(1), new Deposit(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), status == null ? null : DepositStatus.valueOf(status), rs.getString(6),
                            rs.getString(7), copy, rs.getInt(8), rs.getString(9),
                            next == null ? null : next.toInstant(), rs.getTimestamp(11).toInstant(),
                            rs.getTimestamp(12).toInstant(), rs.getString(18) == null ? null
                            : new Deposit.AttemptOwner(rs.getString(18), rs.getString(19))));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private void addEvent(Connection c, String type, String id, String actor, String from, String to, String message)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO status_event (resource_type, resource_id, at, actor, from_status, to_status, message)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, type);
            ps.setString(2, id);
            ps.setTimestamp(3, Timestamp.from(now()));
            ps.setString(4, actor);
            ps.setString(5, from);
            ps.setString(6, to);
            ps.setString(7, message);
            ps.executeUpdate();
        }
    }

    private void addOutbox(Connection c, OutboxEvent.Type type, String resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (type, resource_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, type.name());
            ps.setString(2, resourceId);
            ps.setTimestamp(3, Timestamp.from(now()));
            ps.executeUpdate();
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(i, Timestamp.from(t));
        }
    }

    private Instant now() {
        return clock.instant();
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(SqlWork<T> work) {
        return Transactions.run(dataSource, work::run);
    }
}
