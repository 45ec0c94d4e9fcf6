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
 * consumed survive a restart. Reached in-VM; optionally also on a loopback TCP port for other processes, and then
 * every connection, in-VM or TCP, must give the broker's user and password.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();

    private final EmbeddedActiveMQ server;
    private final int vmId;
    private final String user;
    private final String password;

    private EmbeddedBroker(EmbeddedActiveMQ server, int vmId, String user, String password) {
        this.server = server;
        this.vmId = vmId;
        this.user = user;
        this.password = password;
    }

    /** In-VM only, no authentication: nothing outside this JVM can reach it. */
    public static EmbeddedBroker start(Path dataDir, int tcpPort) {
        if (tcpPort > 0) {
            throw new IllegalArgumentException("a TCP port needs a user and password: use start(dir, port, user,"
                    + " password)");
        }
        return start(dataDir, 0, null, null);
    }

    /**
     * @param dataDir  journal, bindings, paging and large messages live under it
     * @param tcpPort  also accept TCP connections on 127.0.0.1 at this port; 0 or less for in-VM only
     * @param user     with {@code password}: the one identity every connection must present (null: no
     *                 authentication, allowed only without a TCP port)
     */
    public static EmbeddedBroker start(Path dataDir, int tcpPort, String user, String password) {
        if (tcpPort > 0 && (user == null || password == null || password.isEmpty())) {
            throw new IllegalArgumentException("the embedded broker's TCP port needs a user and a password");
        }
        int vmId = IDS.incrementAndGet();
        try {
            Configuration c = new ConfigurationImpl()
                    .setName("deposit-services-" + vmId)
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(user != null)
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
            if (user != null) {
                server.setSecurityManager(new SingleUser(user, password));
            }
            server.start();
            return new EmbeddedBroker(server, vmId, user, password);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Artemis broker in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** A connection factory reaching this broker in-VM, with its credentials. */
    public ActiveMQConnectionFactory connectionFactory() {
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("vm://" + vmId);
        if (user != null) {
            f.setUser(user);
            f.setPassword(password);
        }
        return f;
    }

    /** Accepts exactly one user name and password (compared in constant time), with every permission. */
    private record SingleUser(String user, String password)
            implements org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager {
        @Override
        public boolean validateUser(String u, String p) {
            return u != null && p != null && java.security.MessageDigest.isEqual(
                    (u + "\0" + p).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    (user + "\0" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public boolean validateUserAndRole(String u, String p,
                                           java.util.Set<org.apache.activemq.artemis.core.security.Role> roles,
                                           org.apache.activemq.artemis.core.security.CheckType checkType) {
            return validateUser(u, p);
        }

        @Override
        public String toString() {
            return "SingleUser[" + user + "]"; // never the password
        }
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
