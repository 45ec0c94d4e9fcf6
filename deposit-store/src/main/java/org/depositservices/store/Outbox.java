package org.depositservices.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code outbox} rows: events written in the same transaction as the change they announce, relayed to the
 * broker afterwards and then marked sent.
 */
final class Outbox {
    private final Clock clock;

    Outbox(Clock clock) {
        this.clock = clock;
    }

    void add(Connection c, OutboxEvent.Type type, String resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (type, resource_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, type.name());
            ps.setString(2, resourceId);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    /**
     * Committed events not yet marked sent, oldest first.
     *
     * @param claim lock them until the transaction ends, skipping those another transaction has locked
     */
    List<OutboxEvent> unsent(Connection c, int limit, boolean claim) throws SQLException {
        List<OutboxEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, type, resource_id, created_at FROM outbox"
                + " WHERE sent_at IS NULL ORDER BY id LIMIT ?" + (claim ? " FOR UPDATE SKIP LOCKED" : ""))) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEvent(rs.getLong(1), OutboxEvent.Type.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    void markSent(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET sent_at = ? WHERE id = ANY (?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} unsent events, hands them to {@code publisher} and marks them sent; the caller's
     * commit then releases them.
     *
     * @return how many events were published
     * @throws StoreException when the publisher throws: nothing is marked sent
     */
    int relay(Connection c, int limit, StateStore.OutboxPublisher publisher) throws SQLException {
        List<OutboxEvent> events = unsent(c, limit, true);
        if (events.isEmpty()) {
            return 0;
        }
        try {
            publisher.publish(events);
        } catch (Exception e) {
            throw new StoreException("publishing outbox events failed: " + e.getMessage(), e);
        }
        markSent(c, events.stream().map(OutboxEvent::id).toList());
        return events.size();
    }
}
