package org.depositservices.app;

import java.nio.file.Path;
import java.time.Clock;
import org.depositservices.engine.RepositoryTargets;
import org.depositservices.engine.intake.SubmissionIntake;
import org.depositservices.packaging.Assemblers;
import org.depositservices.store.Database;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.TransportRegistry;
import org.depositservices.transport.config.Repositories;
import org.depositservices.transport.custody.CustodyRegistry;
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

    /** What every integration is given: the clock, the spool directory, the HTTP user agent, HTTP clients. */
    @Bean
    IntegrationEnvironment integrationEnvironment(Environment env) {
        Path spool = Path.of(env.getProperty("pass.deposit.spool-dir", System.getProperty("java.io.tmpdir")));
        return new IntegrationEnvironment(Clock.systemUTC(), spool,
                env.getProperty("pass.deposit.http.agent", IntegrationEnvironment.DEFAULT_USER_AGENT), null);
    }

    /** Every protocol a repository in repositories.json may name: the transports found on the class path. */
    @Bean
    TransportRegistry transports(IntegrationEnvironment environment) {
        return TransportRegistry.discover(environment);
    }

    /** Every custody method a repository's deposit-config.custody may name: the providers on the class path. */
    @Bean
    CustodyRegistry custodyMethods(IntegrationEnvironment environment) {
        return CustodyRegistry.discover(environment);
    }

    /** Every package spec: the providers found on the class path. */
    @Bean
    Assemblers assemblers() {
        return Assemblers.discover(Clock.systemUTC());
    }

    @Bean
    Repositories repositories(AppSettings settings, Environment env, TransportRegistry transports,
                              Assemblers assemblers, CustodyRegistry custody) {
        return Repositories.load(settings.repositoryConfiguration(), env::getProperty, transports,
                spec -> assemblers.find(spec).isPresent(), custody);
    }

    @Bean
    RepositoryTargets repositoryTargets(Repositories repositories, TransportRegistry transports,
                                        Assemblers assemblers, CustodyRegistry custody) {
        return new RepositoryTargets(repositories, transports, assemblers, custody);
    }

    @Bean
    SubmissionIntake submissionIntake(StateStore store, FileContentStore content, Repositories repositories,
                                      AppSettings settings) {
        return new SubmissionIntake(store, content, key -> repositories.find(key).isPresent(),
                settings.maxFileBytes());
    }
}
