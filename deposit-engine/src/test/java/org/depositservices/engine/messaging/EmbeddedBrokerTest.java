package org.depositservices.engine.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker's TCP port answers only the configured user; in-VM use carries the credentials itself. */
class EmbeddedBrokerTest {

    @TempDir
    Path dir;

    @Test
    void itsTcpPortRefusesAnonymousAndWrongPasswordsAndServesTheRightOne() throws Exception {
        int port = freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, port, "deposit", "s3cret-broker")) {
            ActiveMQConnectionFactory tcp = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            assertThatThrownBy(() -> tcp.createConnection().close()).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> tcp.createConnection("deposit", "guess").close())
                    .isInstanceOf(JMSSecurityException.class);
            try (Connection c = tcp.createConnection("deposit", "s3cret-broker");
                 Connection inVm = broker.connectionFactory().createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue("submission"));
                Session vm = inVm.createSession(false, Session.AUTO_ACKNOWLEDGE);
                vm.createProducer(vm.createQueue("submission")).send(vm.createTextMessage("hello"));
                assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("hello");
            }
            tcp.close();
        }
    }

    @Test
    void aTcpPortWithoutAPasswordIsRefused() {
        assertThatThrownBy(() -> EmbeddedBroker.start(dir, 61999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> EmbeddedBroker.start(dir, 61999, "deposit", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
