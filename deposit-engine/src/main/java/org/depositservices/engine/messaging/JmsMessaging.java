package org.depositservices.engine.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.depositservices.store.OutboxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two queues over plain JMS: publishes outbox events, and runs {@code concurrency} consumers per queue, each in
 * a transacted session — a message is committed once its handler returned, and rolled back (redelivered by the
 * broker) when the handler threw. Handlers are idempotent, so a redelivery is harmless.
 */
public final class JmsMessaging implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JmsMessaging.class);

    private final Connection connection;
    private final String submissionQueue;
    private final String depositQueue;
    private final Session producerSession;
    private final MessageProducer producer;
    private final List<Session> consumerSessions = new ArrayList<>();

    public JmsMessaging(ConnectionFactory factory, String user, String password, String submissionQueue,
                        String depositQueue) {
        this.submissionQueue = submissionQueue;
        this.depositQueue = depositQueue;
        try {
            this.connection = user == null ? factory.createConnection() : factory.createConnection(user, password);
            // Transacted: a batch of outbox events is one broker commit (one journal sync), not one per message.
            this.producerSession = connection.createSession(true, Session.SESSION_TRANSACTED);
            this.producer = producerSession.createProducer(null);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot connect to the message broker: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes events in order, all or none: they are committed to the broker together, and this returns once the
     * broker stored them; a failure rolls the batch back and throws (the outbox then keeps them unsent).
     */
    public synchronized void publish(List<OutboxEvent> events) throws JMSException {
        try {
            for (OutboxEvent e : events) {
                String queue = e.type() == OutboxEvent.Type.SubmissionReady ? submissionQueue : depositQueue;
                TextMessage m = producerSession.createTextMessage(Messages.body(e.type(), e.resourceId()));
                m.setStringProperty(Messages.TYPE_PROPERTY, e.type().name());
                producer.send(producerSession.createQueue(queue), m);
            }
            producerSession.commit();
        } catch (JMSException | RuntimeException e) {
            try {
                producerSession.rollback();
            } catch (JMSException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** Starts consumers on both queues; each message's resource id goes to the matching handler. */
    public void listen(int concurrency, Consumer<String> onSubmission, Consumer<String> onDeposit,
                       Consumer<Throwable> errors) throws JMSException {
        for (int i = 0; i < concurrency; i++) {
            consume(submissionQueue, OutboxEvent.Type.SubmissionReady, onSubmission, errors);
            consume(depositQueue, OutboxEvent.Type.DepositStatus, onDeposit, errors);
        }
        connection.start();
    }

    private void consume(String queue, OutboxEvent.Type expected, Consumer<String> handler, Consumer<Throwable> errors)
            throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        consumerSessions.add(session);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(message -> onMessage(session, message, expected, handler, errors));
    }

    private static void onMessage(Session session, Message message, OutboxEvent.Type expected,
                                  Consumer<String> handler, Consumer<Throwable> errors) {
        try {
            String body = message instanceof TextMessage t ? t.getText() : null;
            var parsed = Messages.parse(body, message.getStringProperty(Messages.TYPE_PROPERTY));
            if (parsed.isEmpty() || parsed.get().type() != expected) {
                LOG.warn("Dropping a message that is not a {} message: {}", expected, body);
                session.commit();
                return;
            }
            try {
                handler.accept(parsed.get().resourceId());
                session.commit();
            } catch (org.depositservices.engine.DepositServicesRuntimeException e) {
                // The error handler marks the resource failed; redelivering would not change the outcome.
                errors.accept(e);
                session.commit();
            } catch (RuntimeException e) {
                // e.g. the database is unreachable: let the broker redeliver later.
                errors.accept(e);
                session.rollback();
            }
        } catch (JMSException e) {
            LOG.warn("Message handling failed, leaving it to the broker to redeliver: {}", e.getMessage());
            try {
                session.rollback();
            } catch (JMSException ignored) {
                // the session is gone; the broker redelivers
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.warn("Closing the broker connection failed: {}", e.getMessage());
        }
    }
}
