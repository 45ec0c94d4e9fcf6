package org.depositservices.app;

import java.nio.file.Path;
import org.depositservices.store.DatabaseSettings;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Every setting, read by its property name; Spring also finds each as an environment variable (upper case,
 * dots and dashes as underscores: {@code pass.deposit.data-dir} is {@code PASS_DEPOSIT_DATA_DIR}). README.md lists
 * them all.
 *
 * @param joinRunningDatabase use the embedded database of a running {@code listen} instead of waiting for it
 * @param cleanUpAfter        age after which partial uploads and unreferenced files are removed at start-up
 */
public record AppSettings(
        Path dataDir,
        DatabaseSettings database,
        Path filesDir,
        long maxFileBytes,
        String repositoryConfiguration,
        boolean joinRunningDatabase,
        java.time.Duration cleanUpAfter) {

    public static AppSettings from(Environment env) {
        Path data = Path.of(env.getProperty("pass.deposit.data-dir", "./data"));
        DatabaseSettings db = new DatabaseSettings(
                env.getProperty("pass.deposit.database.url"),
                env.getProperty("pass.deposit.database.user"),
                env.getProperty("pass.deposit.database.password"),
                Path.of(env.getProperty("pass.deposit.database.embedded-dir", data.resolve("postgres").toString())),
                env.getProperty("pass.deposit.database.embedded-port", Integer.class, 0),
                env.getProperty("pass.deposit.database.pool-size", Integer.class, 10));
        Path files = Path.of(env.getProperty("pass.deposit.files-dir", data.resolve("files").toString()));
        long maxFile = DataSize.parse(env.getProperty("pass.deposit.max-file-size", "512MB")).toBytes();
        String repos = env.getProperty("pass.deposit.repository.configuration", "classpath:/repositories.json");
        // Set by the operator modes (DepositServices.main): they join the embedded database a running listen owns.
        boolean join = env.getProperty("pass.deposit.database.join-running", Boolean.class, false);
        java.time.Duration cleanUp = java.time.Duration.ofHours(
                env.getProperty("pass.deposit.files.clean-up-after-hours", Long.class, 24L));
        return new AppSettings(data, db, files, maxFile, repos, join, cleanUp);
    }
}
