package org.depositservices.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database: started embedded (zonky binaries, data kept across restarts) or reached by URL, with
 * the schema migrated by Flyway before anything uses it.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final String description;

    private Database(EmbeddedPostgres embedded, HikariDataSource dataSource, String description) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Starts (or connects to) the database and migrates the schema. */
    public static Database start(DatabaseSettings settings) {
        EmbeddedPostgres pg = null;
        HikariConfig hc = new HikariConfig();
        hc.setMaximumPoolSize(settings.maxPoolSize());
        hc.setPoolName("deposit-store");
        try {
            if (settings.external()) {
                hc.setJdbcUrl(settings.url());
                hc.setUsername(settings.user());
                hc.setPassword(settings.password());
            } else {
                Path dir = settings.embeddedDataDir().toAbsolutePath();
                Files.createDirectories(dir.getParent());
                boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
                pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setPort(settings.embeddedPort())
                        .start();
                LOG.info("Embedded PostgreSQL {} in {} on port {}", fresh ? "initialised" : "reopened", dir, pg.getPort());
                hc.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
                hc.setUsername("postgres");
            }
            HikariDataSource ds = new HikariDataSource(hc);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            return new Database(pg, ds, settings.toString());
        } catch (IOException | RuntimeException e) {
            closeQuietly(pg);
            throw new StoreException("cannot start " + settings + ": " + e.getMessage(), e);
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

    @Override
    public void close() {
        dataSource.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
