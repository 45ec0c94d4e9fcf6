package org.depositservices.app;

import java.time.Clock;
import java.util.List;
import org.depositservices.engine.intake.SubmissionIntake;
import org.depositservices.packaging.Assemblers;
import org.depositservices.store.Database;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.transport.Transport;
import org.depositservices.transport.config.Repositories;
import org.depositservices.transport.filesystem.FilesystemTransport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the plain-Java core: store, content store, repositories, intake. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    @Bean
    AppSettings appSettings(Environment env) {
        return AppSettings.from(env);
    }

    @Bean(destroyMethod = "close")
    Database database(AppSettings settings) {
        return Database.start(settings.database());
    }

    @Bean
    StateStore stateStore(Database database) {
        return new StateStore(database.dataSource(), Clock.systemUTC());
    }

    @Bean
    FileContentStore fileContentStore(AppSettings settings) {
        return new FileContentStore(settings.filesDir());
    }

    @Bean
    List<Transport> transports() {
        return List.of(new FilesystemTransport());
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
    SubmissionIntake submissionIntake(StateStore store, FileContentStore content, Repositories repositories,
                                      AppSettings settings) {
        return new SubmissionIntake(store, content, key -> repositories.find(key).isPresent(),
                settings.maxFileBytes());
    }
}
