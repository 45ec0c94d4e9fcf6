package org.depositservices.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.depositservices.engine.DepositEngine;
import org.depositservices.engine.EngineSettings;
import org.depositservices.engine.RepositoryTargets;
import org.depositservices.engine.RetryPolicy;
import org.depositservices.engine.messaging.EmbeddedBroker;
import org.depositservices.engine.messaging.JmsMessaging;
import org.depositservices.packaging.Assemblers;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.depositservices.transport.Transport;
import org.depositservices.transport.config.Repositories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/** The deposit engine of the {@code listen} mode, its broker (embedded unless a URL is set) and its settings. */
@Configuration(proxyBeanMethods = false)
@Profile("!no-engine")
public class EngineConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(EngineConfiguration.class);

    /** The broker to use: a URL for an external one, or null for the embedded one. */
    record BrokerSettings(String url, String user, String password, Path embeddedDir, int embeddedTcpPort) {
        static BrokerSettings from(Environment env, AppSettings app) {
            String url = env.getProperty("spring.activemq.broker-url");
            if (url == null || url.isBlank()) {
                url = env.getProperty("activemq.broker.uri");
            }
            return new BrokerSettings(url == null || url.isBlank() ? null : url,
                    env.getProperty("spring.activemq.user"), env.getProperty("spring.activemq.password"),
                    Path.of(env.getProperty("pass.deposit.broker.dir", app.dataDir().resolve("broker").toString())),
                    env.getProperty("pass.deposit.broker.port", Integer.class, 0));
        }
    }

    static EngineSettings engineSettings(Environment env) {
        EngineSettings d = EngineSettings.defaults();
        RetryPolicy r = d.retry();
        RetryPolicy retry = new RetryPolicy(
                Duration.ofMillis(env.getProperty("pass.deposit.retry.initial-delay-ms", Long.class,
                        r.initialDelay().toMillis())),
                env.getProperty("pass.deposit.retry.multiplier", Double.class, r.multiplier()),
                Duration.ofMillis(env.getProperty("pass.deposit.retry.max-delay-ms", Long.class,
                        r.maxDelay().toMillis())),
                env.getProperty("pass.deposit.retry.max-attempts", Integer.class, r.maxAttempts()));
        return new EngineSettings(
                env.getProperty("pass.deposit.workers.concurrency", Integer.class, d.workers()),
                env.getProperty("spring.jms.listener.concurrency", Integer.class, d.listenerConcurrency()),
                env.getProperty("pass.deposit.queue.submission.name", d.submissionQueue()),
                env.getProperty("pass.deposit.queue.deposit.name", d.depositQueue()),
                retry,
                Duration.ofMillis(env.getProperty("pass.deposit.attempt-lease-ms", Long.class,
                        d.attemptLease().toMillis())),
                Duration.ofMillis(env.getProperty("pass.deposit.scheduler-interval-ms", Long.class,
                        d.schedulerInterval().toMillis())),
                Duration.ofMillis(env.getProperty("pass.deposit.jobs.default-interval-ms", Long.class,
                        d.custodyInterval().toMillis())),
                !env.getProperty("pass.deposit.jobs.disabled", Boolean.class, false));
    }

    @Bean(destroyMethod = "close")
    JmsMessaging jmsMessaging(Environment env, AppSettings app) {
        BrokerSettings b = BrokerSettings.from(env, app);
        EngineSettings e = engineSettings(env);
        ActiveMQConnectionFactory factory;
        if (b.url() != null) {
            LOG.info("Using the message broker at {}", b.url());
            factory = new ActiveMQConnectionFactory(b.url());
        } else {
            EmbeddedBroker broker = EmbeddedBroker.start(b.embeddedDir(), b.embeddedTcpPort());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-broker-stop"));
            LOG.info("Embedded Artemis broker, journal in {}{}", b.embeddedDir(),
                    b.embeddedTcpPort() > 0 ? ", also on tcp://127.0.0.1:" + b.embeddedTcpPort() : "");
            factory = broker.connectionFactory();
        }
        return new JmsMessaging(factory, b.user(), b.password(), e.submissionQueue(), e.depositQueue());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    DepositEngine depositEngine(Environment env, StateStore store, FileContentStore content,
                                RepositoryTargets targets, JmsMessaging messaging) {
        return new DepositEngine(engineSettings(env), store, content, targets, messaging, Clock.systemUTC());
    }
}
