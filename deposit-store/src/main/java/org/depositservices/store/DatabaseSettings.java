package org.depositservices.store;

import java.nio.file.Path;

/**
 * Where the state lives: an external PostgreSQL when {@code url} is set (PASS_DEPOSIT_DATABASE_URL, _USER,
 * _PASSWORD), otherwise a real embedded PostgreSQL whose data directory persists at {@code embeddedDataDir}.
 *
 * @param embeddedPort 0 picks a free port
 * @param maxPoolSize  connections in the pool
 */
public record DatabaseSettings(String url, String user, String password, Path embeddedDataDir, int embeddedPort,
                               int maxPoolSize) {

    public boolean external() {
        return url != null && !url.isBlank();
    }

    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, null, null, dataDir, 0, 10);
    }

    @Override
    public String toString() {
        if (!external()) {
            return "embedded PostgreSQL in " + embeddedDataDir;
        }
        JdbcUrls.Parts parts = JdbcUrls.split(url);
        String who = user != null ? user : parts.user();
        return "PostgreSQL at " + JdbcUrls.mask(parts.url()) + (who == null ? "" : " as " + who);
    }
}
