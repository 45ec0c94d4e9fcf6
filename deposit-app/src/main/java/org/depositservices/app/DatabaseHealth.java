package org.depositservices.app;

import org.depositservices.store.Database;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "database": UP when a connection validates. */
@Component("databaseHealthIndicator")
public class DatabaseHealth implements HealthIndicator {
    private final Database database;

    public DatabaseHealth(Database database) {
        this.database = database;
    }

    @Override
    public Health health() {
        Health.Builder b = database.isHealthy() ? Health.up() : Health.down();
        return b.withDetail("database", database.description()).build();
    }
}
