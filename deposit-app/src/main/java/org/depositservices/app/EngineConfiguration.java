package org.depositservices.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.depositservices.engine.DepositEngine;
import org.depositservices.engine.EngineSettings;
import org.depositservices.engine.NodeId;
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

    /** The engine's settings without a node id (the modes need no stable one). */
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
                !env.getProperty("pass.deposit.jobs.disabled", Boolean.class, false),
                Duration.ofMillis(env.getProperty("pass.deposit.reconcile-after-ms", Long.class,
                        d.reconcileAfter().toMillis())),
                Duration.ofMillis(env.getProperty("pass.deposit.reconcile-interval-ms", Long.class,
                        d.reconcileInterval().toMillis())),
                null);
    }

    /**
     * The listen engine's settings: with this node's id, PASS_DEPOSIT_NODE_ID or the one kept in the data
     * directory's node-id file (generated at the first start).
     */
    static EngineSettings listenSettings(Environment env, AppSettings app) {
        return engineSettings(env).withNodeId(NodeId.resolve(app.dataDir(), env.getProperty("pass.deposit.node-id"),
                "PASS_DEPOSIT_NODE_ID"));
    }

    /**
     * The broker: an external one by URL, or the embedded one. A bean of its own, so that Spring stops it after the
     * messaging and the engine that use it (a JVM shutdown hook would stop it while they still run).
     */
    record Broker(ActiveMQConnectionFactory factory, EmbeddedBroker embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    Broker broker(Environment env, AppSettings app) {
        BrokerSettings b = BrokerSettings.from(env, app);
        if (b.url() != null) {
            LOG.info("Using the message broker at {}", org.depositservices.store.JdbcUrls.mask(b.url()));
            return new Broker(new ActiveMQConnectionFactory(b.url()), null);
        }
        EmbeddedBroker broker;
        if (b.embeddedTcpPort() > 0) {
            // Reachable from other processes: every connection needs the user and password.
            String user = b.user() != null ? b.user() : "deposit";
            String password = b.password() != null ? b.password() : BrokerCredentials.password(b.embeddedDir());
            broker = EmbeddedBroker.start(b.embeddedDir(), b.embeddedTcpPort(), user, password);
            LOG.info("Embedded Artemis broker, journal in {}, also on tcp://127.0.0.1:{} for user '{}'{}",
                    b.embeddedDir(), b.embeddedTcpPort(), user, b.password() != null ? ""
                            : " (password in " + BrokerCredentials.file(b.embeddedDir()) + ")");
        } else {
            broker = EmbeddedBroker.start(b.embeddedDir(), 0);
            LOG.info("Embedded Artemis broker, journal in {}", b.embeddedDir());
        }
        return new Broker(broker.connectionFactory(), broker);
    }

    @Bean(destroyMethod = "close")
    JmsMessaging jmsMessaging(Environment env, AppSettings app, Broker broker) {
        BrokerSettings b = BrokerSettings.from(env, app);
        EngineSettings e = engineSettings(env);
        // The embedded broker's factory carries its own credentials.
        return broker.embedded() != null
                ? new JmsMessaging(broker.factory(), null, null, e.submissionQueue(), e.depositQueue())
                : new JmsMessaging(broker.factory(), b.user(), b.password(), e.submissionQueue(), e.depositQueue());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    DepositEngine depositEngine(Environment env, AppSettings app, StateStore store, FileContentStore content,
                                RepositoryTargets targets, JmsMessaging messaging) {
        return new DepositEngine(listenSettings(env, app), store, content, targets, messaging, Clock.systemUTC());
    }
}
