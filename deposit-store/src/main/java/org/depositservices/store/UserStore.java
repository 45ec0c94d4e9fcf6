package org.depositservices.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Users of the API (name, password hash, roles, a depositor's collections) and their personal API tokens, in
 * PostgreSQL. The store never sees a secret: the caller hashes passwords (an adaptive hash) and tokens (SHA-256)
 * and passes the hash as text.
 */
public final class UserStore {
    /** How stale a token's last-used time may get before a use writes it again (spares a write per request). */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    public enum Role {
        /** everything, including operator actions */
        ADMIN,
        /** creates submissions and reads its own */
        SUBMITTER,
        /** deposits through the SWORD server, into its collections */
        DEPOSITOR,
        /** reads everything, changes nothing */
        VIEWER;

        /** The role's name as users type it and the database keeps it: lower case. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the known roles, for anything else */
        public static Role of(String id) {
            for (Role r : values()) {
                if (r.id().equals(id == null ? null : id.trim().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown role '" + id + "' (one of admin, submitter, depositor, viewer)");
        }
    }

    public record User(String name, String passwordHash, Set<Role> roles, List<String> collections,
                       Instant createdAt, Instant updatedAt) {
        public User {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
            collections = List.copyOf(collections);
        }

        public boolean has(Role r) {
            return roles.contains(r);
        }
    }

    /** A personal API token's record (never the token itself). */
    public record ApiToken(String id, String user, String name, Instant createdAt, Instant lastUsedAt,
                           Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** The user named does not exist; nothing was written. */
    public static class UnknownUserException extends RuntimeException {
        public UnknownUserException(String name) {
            super("no user named '" + name + "'");
        }
    }

    /** The change would leave no user with the admin role; nothing was written. */
    public static class LastAdminException extends RuntimeException {
        public LastAdminException(String name) {
            super("'" + name + "' is the last user with the admin role; give another user that role first");
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public UserStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- users

    /** @throws DuplicateKeyException when a user of that name exists */
    public User create(String name, String passwordHash, Set<Role> roles, List<String> collections) {
        requireRoles(roles);
        try {
            return Transactions.run(dataSource, c -> {
                insert(c, name, passwordHash, roles, collections);
                return find(c, name).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw new DuplicateKeyException("a user named '" + name + "' already exists", e);
        }
    }

    /**
     * Creates the user only when no user exists at all (the first start). {@code beforeCommit} runs inside the
     * transaction once the row is written, so that if it fails (say, the password file cannot be written) no user
     * is left whose password nobody knows.
     *
     * @return whether the user was created (false: users existed already, nothing was done)
     */
    public boolean createIfNoUsers(String name, String passwordHash, Set<Role> roles, Runnable beforeCommit) {
        requireRoles(roles);
        return Transactions.run(dataSource, c -> {
            // Serialises nodes starting at once on an empty store: the second waits, then sees the first's user.
            try (PreparedStatement ps = c.prepareStatement("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE")) {
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM users)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return false;
                }
            }
            insert(c, name, passwordHash, roles, List.of());
            beforeCommit.run();
            return true;
        });
    }

    public Optional<User> find(String name) {
        return Transactions.run(dataSource, c -> find(c, name));
    }

    /** Every user, by name. */
    public List<User> list() {
        return Transactions.run(dataSource, c -> {
            List<User> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_USER + " ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(user(rs));
                }
            }
            return out;
        });
    }

    /** @throws UnknownUserException when there is no such user */
    public User setPassword(String name, String passwordHash) {
        return Transactions.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?")) {
                ps.setString(1, passwordHash);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                ps.setString(3, name);
                if (ps.executeUpdate() != 1) {
                    throw new UnknownUserException(name);
                }
            }
            return find(c, name).orElseThrow();
        });
    }

    /**
     * Replaces a user's roles and collections.
     *
     * @throws UnknownUserException when there is no such user
     * @throws LastAdminException   when it would take the admin role from the last user who has it
     */
    public User setRoles(String name, Set<Role> roles, List<String> collections) {
        requireRoles(roles);
        return Transactions.run(dataSource, c -> {
            if (!roles.contains(Role.ADMIN)) {
                refuseLastAdmin(c, name);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET roles = ?, collections = ?, updated_at = ? WHERE name = ?")) {
                ps.setArray(1, roleArray(c, roles));
                ps.setArray(2, c.createArrayOf("text", collections.toArray()));
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                ps.setString(4, name);
                if (ps.executeUpdate() != 1) {
                    throw new UnknownUserException(name);
                }
            }
            return find(c, name).orElseThrow();
        });
    }

    /**
     * Removes a user and their tokens.
     *
     * @throws UnknownUserException when there is no such user
     * @throws LastAdminException   when the user is the last admin
     */
    public void remove(String name) {
        Transactions.run(dataSource, c -> {
            refuseLastAdmin(c, name);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE name = ?")) {
                ps.setString(1, name);
                if (ps.executeUpdate() != 1) {
                    throw new UnknownUserException(name);
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Records a new token of {@code user}.
     *
     * @param tokenHash SHA-256 of the token (hex); the token itself is never stored
     * @throws UnknownUserException when there is no such user
     */
    public ApiToken createToken(String user, String name, String tokenHash) {
        return Transactions.run(dataSource, c -> {
            String id = UUID.randomUUID().toString();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO api_token (id, user_name, name, token_hash, created_at)
                    SELECT ?, name, ?, ?, ? FROM users WHERE name = ?""")) {
                ps.setString(1, id);
                ps.setString(2, name);
                ps.setString(3, tokenHash);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setString(5, user);
                if (ps.executeUpdate() != 1) {
                    throw new UnknownUserException(user);
                }
            }
            return tokens(c, "id = ?", id).get(0);
        });
    }

    /** A user's tokens, revoked ones included, oldest first. */
    public List<ApiToken> tokensOf(String user) {
        return Transactions.run(dataSource, c -> tokens(c, "user_name = ?", user));
    }

    /**
     * Revokes one of {@code user}'s tokens; a revoked token stays listed, with the time it was revoked.
     *
     * @return false when the user has no token with that id (a token of another user counts as none)
     */
    public boolean revokeToken(String user, String tokenId) {
        return Transactions.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND user_name = ?""")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, tokenId);
                ps.setString(3, user);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * The user holding the token with this hash, when the token is not revoked; records the use (at most once
     * every {@link #LAST_USED_RESOLUTION}).
     */
    public Optional<User> authenticateToken(String tokenHash) {
        return Transactions.run(dataSource, c -> {
            String id;
            String user;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, user_name FROM api_token WHERE token_hash = ? AND revoked_at IS NULL")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<User>empty();
                    }
                    id = rs.getString(1);
                    user = rs.getString(2);
                }
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE api_token SET last_used_at = ?
                    WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, id);
                ps.setTimestamp(3, Timestamp.from(now.minus(LAST_USED_RESOLUTION)));
                ps.executeUpdate();
            }
            return find(c, user);
        });
    }

    // ---------------------------------------------------------------- internals

    private static final String SELECT_USER =
            "SELECT name, password_hash, roles, collections, created_at, updated_at FROM users";

    private void insert(Connection c, String name, String passwordHash, Set<Role> roles, List<String> collections)
            throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO users (name, password_hash, roles, collections, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, name);
            ps.setString(2, passwordHash);
            ps.setArray(3, roleArray(c, roles));
            ps.setArray(4, c.createArrayOf("text", collections.toArray()));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** Locks every admin row, so that two removals at once cannot both pass this check. */
    private static void refuseLastAdmin(Connection c, String name) throws SQLException {
        List<String> admins = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM users WHERE 'admin' = ANY (roles) ORDER BY name FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                admins.add(rs.getString(1));
            }
        }
        if (admins.equals(List.of(name))) {
            throw new LastAdminException(name);
        }
    }

    private static Optional<User> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_USER + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : strings(rs.getArray(3))) {
            roles.add(Role.of(r));
        }
        return new User(rs.getString(1), rs.getString(2), roles, strings(rs.getArray(4)),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
    }

    private static List<ApiToken> tokens(Connection c, String where, String param) throws SQLException {
        List<ApiToken> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, user_name, name, created_at, last_used_at, revoked_at FROM api_token WHERE\s"""
                + where + " ORDER BY created_at, id")) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiToken(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))));
                }
            }
        }
        return out;
    }

    private static Array roleArray(Connection c, Set<Role> roles) throws SQLException {
        return c.createArrayOf("text", roles.stream().sorted().map(Role::id).toArray());
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a user needs at least one role");
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
