package org.depositservices.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database: an embedded server (see {@link EmbeddedPostgresServer}: durable settings, password
 * authentication, data kept across restarts) or one reached by URL, with the schema migrated by Flyway before
 * anything uses it. Credentials never appear in what it logs or describes.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgresServer embedded;
    private final HikariDataSource dataSource;
    private final String description;

    private Database(EmbeddedPostgresServer embedded, HikariDataSource dataSource, String description) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Starts (or connects to) the database and migrates the schema. An embedded database is started by this process
     * and stopped by {@link #close}; if another process owns it, this waits up to a minute for it to let go.
     */
    public static Database start(DatabaseSettings settings) {
        return start(settings, false);
    }

    /**
     * As {@link #start(DatabaseSettings)}, but an embedded database that a running process ({@code listen}) owns is
     * joined instead of waited for: what the operator modes do, so that they run beside {@code listen}.
     */
    public static Database startOrJoin(DatabaseSettings settings) {
        return start(settings, true);
    }

    private static Database start(DatabaseSettings settings, boolean mayJoin) {
        EmbeddedPostgresServer pg = null;
        HikariConfig hc = new HikariConfig();
        hc.setMaximumPoolSize(settings.maxPoolSize());
        hc.setPoolName("deposit-store");
        try {
            String description;
            if (settings.external()) {
                JdbcUrls.Parts parts = JdbcUrls.split(settings.url());
                hc.setJdbcUrl(parts.url());
                hc.setUsername(settings.user() != null ? settings.user() : parts.user());
                hc.setPassword(settings.password() != null ? settings.password() : parts.password());
                description = settings.toString();
            } else {
                Path dir = settings.embeddedDataDir().toAbsolutePath();
                pg = mayJoin ? EmbeddedPostgresServer.join(dir, settings.embeddedPort())
                        : EmbeddedPostgresServer.start(dir, settings.embeddedPort());
                LOG.info("Embedded PostgreSQL in {} on localhost:{}{}", dir, pg.port(),
                        pg.isOwner() ? "" : " (joined)");
                hc.setJdbcUrl(pg.jdbcUrl());
                hc.setUsername(pg.user());
                hc.setPassword(pg.password());
                description = "embedded PostgreSQL in " + dir + " on localhost:" + pg.port();
            }
            HikariDataSource ds = new HikariDataSource(hc);
            try {
                Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            } catch (RuntimeException e) {
                ds.close();
                throw e;
            }
            return new Database(pg, ds, description);
        } catch (RuntimeException e) {
            if (pg != null) {
                pg.close();
            }
            if (e instanceof StoreException) {
                throw e;
            }
            throw new StoreException("cannot start " + settings + ": " + JdbcUrls.mask(e.getMessage()), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True when a trivial query succeeds within a few seconds; for health checks. */
    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    public String description() {
        return description;
    }

    /** The embedded server, when this database is one (owned or joined). */
    public java.util.Optional<EmbeddedPostgresServer> embedded() {
        return java.util.Optional.ofNullable(embedded);
    }

    /** Closes the pool, then stops the embedded server if this process started it. */
    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
