package org.depositservices.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The {@code deposit_checkpoint} rows, in the caller's transaction. */
final class Checkpoints {

    Optional<String> find(Connection c, String depositId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM deposit_checkpoint WHERE deposit_id = ?")) {
            ps.setString(1, depositId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Writes it if attempt {@code token} still holds the deposit (its row locked meanwhile); false otherwise. */
    boolean record(Connection c, String depositId, String token, String state, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM deposit WHERE id = ? AND attempt_token = ? FOR UPDATE")) {
            ps.setString(1, depositId);
            ps.setString(2, token);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deposit_checkpoint (deposit_id, state, attempt_token, recorded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (deposit_id) DO UPDATE SET state = EXCLUDED.state,
                    attempt_token = EXCLUDED.attempt_token, recorded_at = EXCLUDED.recorded_at""")) {
            ps.setString(1, depositId);
            ps.setString(2, state);
            ps.setString(3, token);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
        }
        return true;
    }

    void delete(Connection c, String depositId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM deposit_checkpoint WHERE deposit_id = ?")) {
            ps.setString(1, depositId);
            ps.executeUpdate();
        }
    }
}
