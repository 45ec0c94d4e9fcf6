package org.depositservices.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.depositservices.model.CopyStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.RepositoryCopy;

/**
 * The {@code deposit} rows and their {@code repository_copy} (at most one per deposit), in the caller's
 * transaction. This knows the SQL; what is written together (history, outbox) and which status moves are allowed
 * is {@link StateStore}'s business.
 */
final class DepositRows {
    private final Clock clock;

    DepositRows(Clock clock) {
        this.clock = clock;
    }

    /**
     * A deposit's stored state, read with its row locked until the transaction ends.
     *
     * @param status     null when not yet attempted
     * @param copyStatus null when it has no repository copy
     */
    record Locked(DepositStatus status, String statusMessage, long version, CopyStatus copyStatus) {
    }

    /** An attempt in flight whose node has started again since claiming it. */
    record Interrupted(String id, DepositStatus status, String incarnation, int attempts) {
    }

    /** Inserts each deposit as not yet attempted (version 1); one that exists for its repository is kept. */
    void insertNew(Connection c, String submissionId, List<Deposit> deposits) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deposit (id, version, submission_id, repository_key, created_at, updated_at)
                VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (Deposit d : deposits) {
                ps.setString(1, d.id());
                ps.setString(2, submissionId);
                ps.setString(3, d.repositoryKey());
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<Deposit> byId(Connection c, String id) throws SQLException {
        return find(c, "d.id = ?", List.of(id), Integer.MAX_VALUE).stream().findFirst();
    }

    List<Deposit> ofSubmission(Connection c, String submissionId) throws SQLException {
        return find(c, "d.submission_id = ?", List.of(submissionId), Integer.MAX_VALUE);
    }

    List<Deposit> byStatus(Connection c, DepositStatus status) throws SQLException {
        return find(c, "d.status = ?", List.of(status.name()), Integer.MAX_VALUE);
    }

    /** Never attempted or RETRY, and not held by an attempt in flight at {@code now}. */
    List<Deposit> due(Connection c, Instant now, int limit) throws SQLException {
        return find(c, "(d.status IS NULL OR d.status = 'RETRY')"
                + " AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)", List.of(Timestamp.from(now)), limit);
    }

    /** Never attempted, created before {@code createdBefore} and not held by a lease at {@code now}. */
    List<Deposit> unattempted(Connection c, Instant createdBefore, Instant now, int limit) throws SQLException {
        return find(c, "d.status IS NULL AND d.created_at < ?"
                        + " AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)",
                List.of(Timestamp.from(createdBefore), Timestamp.from(now)), limit);
    }

    /** Locks the deposit's row and reads its state and its copy's status; empty when it does not exist. */
    Optional<Locked> lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT d.status, d.status_message, d.version, rc.status
                FROM deposit d LEFT JOIN repository_copy rc ON rc.deposit_id = d.id
                WHERE d.id = ? FOR UPDATE OF d""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String status = rs.getString(1);
                String copyStatus = rs.getString(4);
                return Optional.of(new Locked(status == null ? null : DepositStatus.valueOf(status), rs.getString(2),
                        rs.getLong(3), copyStatus == null ? null : CopyStatus.valueOf(copyStatus)));
            }
        }
    }

    /**
     * Writes every field of {@code d} (not its copy: {@link #writeCopy}), read at {@code d.version()}; the version
     * goes up.
     *
     * @return false, having written nothing, when the stored version is another
     */
    boolean update(Connection c, Deposit d) throws SQLException {
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
            Columns.setInstant(ps, 6, d.nextAttemptAt());
            ps.setTimestamp(7, Timestamp.from(clock.instant()));
            ps.setString(8, d.attemptOwner() == null ? null : d.attemptOwner().node());
            ps.setString(9, d.attemptOwner() == null ? null : d.attemptOwner().incarnation());
            ps.setString(10, d.id());
            ps.setLong(11, d.version());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Makes the deposit's copy {@code copy}: created, updated (its version goes up only when something in it
     * changed) or, for null, removed.
     */
    void writeCopy(Connection c, String depositId, RepositoryCopy copy) throws SQLException {
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

    /**
     * Locks the attempts in flight (never attempted or RETRY) that {@code node} claimed in an incarnation other than
     * {@code incarnation}, oldest first.
     */
    List<Interrupted> lockInterrupted(Connection c, String node, String incarnation) throws SQLException {
        List<Interrupted> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, status, attempt_incarnation, attempts FROM deposit
                WHERE attempt_node = ? AND attempt_incarnation IS DISTINCT FROM ?
                  AND (status IS NULL OR status = 'RETRY')
                ORDER BY created_at FOR UPDATE""")) {
            ps.setString(1, node);
            ps.setString(2, incarnation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(2);
                    found.add(new Interrupted(rs.getString(1), status == null ? null : DepositStatus.valueOf(status),
                            rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return found;
    }

    /** Makes the deposit due at {@code now} with no attempt owner, its status unchanged; the version goes up. */
    void makeDue(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE deposit SET version = version + 1, next_attempt_at = ?, attempt_node = NULL,
                       attempt_incarnation = NULL, updated_at = ?
                WHERE id = ?""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    private List<Deposit> find(Connection c, String where, List<?> params, int limit) throws SQLException {
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
                            rs.getString(16), Columns.strings(rs.getArray(17)));
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
}
