package org.depositservices.store;

import java.time.Instant;

/** A change the engine must react to, written with the change itself and relayed to the broker. */
public record OutboxEvent(long id, Type type, String resourceId, Instant createdAt) {

    /** The PASS message types: their names are the {@code type} of the published message. */
    public enum Type {
        /** A submission is ready to be deposited: {@code {"submission":"<id>","type":"SubmissionReady"}}. */
        SubmissionReady,
        /** A deposit's status changed: {@code {"deposit":"<id>","type":"DepositStatus"}}. */
        DepositStatus
    }
}
