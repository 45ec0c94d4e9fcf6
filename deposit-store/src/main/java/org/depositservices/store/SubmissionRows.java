package org.depositservices.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code submission} and {@code submission_file} rows, in the caller's transaction. This knows the SQL; what is
 * written together (history, outbox) and which status moves are allowed is {@link StateStore}'s business.
 */
final class SubmissionRows {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;

    SubmissionRows(Clock clock) {
        this.clock = clock;
    }

    /** A submission's stored status and version, read with its row locked until the transaction ends. */
    record Locked(AggregatedDepositStatus status, long version) {
    }

    /** Inserts {@code s} at version 1 with its files, in their order. */
    void insert(Connection c, Submission s, String owner) throws SQLException {
        Instant now = clock.instant();
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
    }

    Optional<Submission> find(Connection c, String id) throws SQLException {
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
                        Columns.strings(rs.getArray(6)), JSON.readValue(rs.getString(7), SubmissionMetadata.class),
                        List.of(), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
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

    /** The owner recorded at creation; empty when it has none or does not exist. */
    Optional<String> ownerOf(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner FROM submission WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Locks the submission's row and reads its status and version; empty when it does not exist. */
    Optional<Locked> lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, version FROM submission WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Locked(AggregatedDepositStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Writes the status, message and attention flag of {@code s}, read at {@code s.version()}; the version goes up.
     *
     * @return false, having written nothing, when the stored version is another
     */
    boolean update(Connection c, Submission s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE submission SET version = version + 1, status = ?, status_message = ?, needs_attention = ?,
                       updated_at = ?
                WHERE id = ? AND version = ?""")) {
            ps.setString(1, s.status().name());
            ps.setString(2, s.statusMessage());
            ps.setBoolean(3, s.needsAttention());
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.setString(5, s.id());
            ps.setLong(6, s.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** Submissions, newest first, only those with {@code status} and of {@code owner} unless null. */
    Page<Submission> list(Connection c, AggregatedDepositStatus status, String owner, int page, int size)
            throws SQLException {
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
            find(c, id).ifPresent(items::add);
        }
        return new Page<>(items, page, size, total);
    }

    /** Ids of NOT_STARTED submissions created before {@code createdBefore}, oldest first. */
    List<String> notStartedIds(Connection c, Instant createdBefore, int limit) throws SQLException {
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
    }

    /** Which of {@code locations} a stored submission file points to. */
    Set<String> referencedLocations(Connection c, List<String> locations) throws SQLException {
        Set<String> found = new HashSet<>();
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
    }
}
