package org.depositservices.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.depositservices.engine.RepositoryTargets;
import org.depositservices.engine.intake.SubmissionIntake;
import org.depositservices.packaging.Assemblers;
import org.depositservices.store.Database;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.transport.Transport;
import org.depositservices.transport.config.Repositories;
import org.depositservices.transport.filesystem.FilesystemTransport;
import org.depositservices.transport.ftp.FtpTransport;
import org.depositservices.transport.sftp.SftpTransport;
import org.depositservices.transport.sword.SwordTransport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the plain-Java core: store, content store, repositories, intake. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoreConfiguration.class);

    @Bean
    AppSettings appSettings(Environment env) {
        return AppSettings.from(env);
    }

    @Bean(destroyMethod = "close")
    Database database(AppSettings settings) {
        DataDirectory.prepare(settings.dataDir());
        return settings.joinRunningDatabase() ? Database.startOrJoin(settings.database())
                : Database.start(settings.database());
    }

    @Bean
    StateStore stateStore(Database database) {
        return new StateStore(database.dataSource(), Clock.systemUTC());
    }

    @Bean
    FileContentStore fileContentStore(AppSettings settings) {
        return new FileContentStore(settings.filesDir());
    }

    /**
     * At the start of {@code listen}: removes partial uploads and stored files no submission references, left by a
     * crash, once older than {@code PASS_DEPOSIT_FILES_CLEAN_UP_AFTER_HOURS}.
     */
    @Bean
    @org.springframework.context.annotation.Profile("!no-engine")
    org.springframework.boot.ApplicationRunner contentCleanUp(FileContentStore content, StateStore store,
                                                              AppSettings settings) {
        return args -> {
            FileContentStore.CleanUp c = content.cleanUp(settings.cleanUpAfter(), store::referencedLocations);
            if (c.partialUploads() + c.unreferencedFiles() > 0) {
                LOG.info("Content store clean-up: removed {} partial upload(s) and {} file(s) no submission"
                        + " references (older than {} h)", c.partialUploads(), c.unreferencedFiles(),
                        settings.cleanUpAfter().toHours());
            }
        };
    }

    /** Every protocol a repository in repositories.json may name. */
    @Bean
    List<Transport> transports(Environment env) {
        String agent = env.getProperty("pass.deposit.http.agent", "deposit-services/0.1.0");
        Path spool = Path.of(env.getProperty("pass.deposit.spool-dir", System.getProperty("java.io.tmpdir")));
        return List.of(
                new FilesystemTransport(),
                new SwordTransport(agent, spool),
                new FtpTransport("ftp", Clock.systemUTC(), spool),
                new FtpTransport("ftps", Clock.systemUTC(), spool),
                new SftpTransport(Clock.systemUTC(), spool));
    }

    @Bean
    Assemblers assemblers() {
        return Assemblers.builtIn(Clock.systemUTC());
    }

    @Bean
    Repositories repositories(AppSettings settings, Environment env, List<Transport> transports,
                              Assemblers assemblers) {
        return Repositories.load(settings.repositoryConfiguration(), env::getProperty, transports,
                spec -> assemblers.find(spec).isPresent());
    }

    @Bean
    RepositoryTargets repositoryTargets(Repositories repositories, List<Transport> transports) {
        return new RepositoryTargets(repositories, transports, Assemblers::builtIn);
    }

    @Bean
    SubmissionIntake submissionIntake(StateStore store, FileContentStore content, Repositories repositories,
                                      AppSettings settings) {
        return new SubmissionIntake(store, content, key -> repositories.find(key).isPresent(),
                settings.maxFileBytes());
    }
}
