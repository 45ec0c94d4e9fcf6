package org.depositservices.engine.messaging;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An ActiveMQ Artemis broker in this JVM, with its persistent journal under one directory, so messages not yet
 * consumed survive a restart. Reached in-VM; optionally also on a TCP port for other processes.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();

    private final EmbeddedActiveMQ server;
    private final int vmId;

    private EmbeddedBroker(EmbeddedActiveMQ server, int vmId) {
        this.server = server;
        this.vmId = vmId;
    }

    /**
     * @param dataDir  journal, bindings, paging and large messages live under it
     * @param tcpPort  also accept TCP connections on this port; 0 or less for in-VM only
     */
    public static EmbeddedBroker start(Path dataDir, int tcpPort) {
        int vmId = IDS.incrementAndGet();
        try {
            Configuration c = new ConfigurationImpl()
                    .setName("deposit-services-" + vmId)
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJournalDirectory(dataDir.resolve("journal").toString())
                    .setBindingsDirectory(dataDir.resolve("bindings").toString())
                    .setPagingDirectory(dataDir.resolve("paging").toString())
                    .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                    .setJMXManagementEnabled(false);
            // A message whose handler keeps failing goes to DLQ after 10 deliveries instead of looping forever.
            c.addAddressSetting("#", new org.apache.activemq.artemis.core.settings.impl.AddressSettings()
                    .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of("DLQ"))
                    .setExpiryAddress(org.apache.activemq.artemis.api.core.SimpleString.of("ExpiryQueue"))
                    .setMaxDeliveryAttempts(10)
                    .setRedeliveryDelay(1000));
            c.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                    java.util.Map.of("serverId", vmId)));
            if (tcpPort > 0) {
                c.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + tcpPort);
            }
            EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(c);
            server.start();
            return new EmbeddedBroker(server, vmId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Artemis broker in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** A connection factory reaching this broker in-VM. */
    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory("vm://" + vmId);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded broker did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
