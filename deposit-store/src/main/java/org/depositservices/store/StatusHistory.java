package org.depositservices.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The {@code status_event} rows: each resource's history of status changes and operator actions. */
final class StatusHistory {
    private final Clock clock;

    StatusHistory(Clock clock) {
        this.clock = clock;
    }

    /** Appends one entry to a resource's history, stamped now; either status may be null. */
    void add(Connection c, String resourceType, String resourceId, String actor, String fromStatus, String toStatus,
             String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO status_event (resource_type, resource_id, at, actor, from_status, to_status, message)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, resourceType);
            ps.setString(2, resourceId);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setString(4, actor);
            ps.setString(5, fromStatus);
            ps.setString(6, toStatus);
            ps.setString(7, message);
            ps.executeUpdate();
        }
    }

    /** A resource's history, oldest first. */
    List<StatusEvent> of(Connection c, String resourceId) throws SQLException {
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
    }
}
