package org.depositservices.transport;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a transport records, durably and before it goes on, what it has created at the target for a deposit that is
 * not finished yet: a DSpace workspace item, an InvenioRDM draft. The next attempt of the same deposit (a retry, or
 * the attempt after a crash) reads it back and resumes that object instead of creating a second one.
 *
 * <p>The value is the transport's own (an id, a small JSON object); the host stores it as given, one per deposit,
 * and forgets it when the deposit reaches SUBMITTED or ACCEPTED. A crash can still fall between the target creating
 * the object and {@link #record} returning: a transport that must never leave a second object also writes a marker
 * (the deposit id) into what it creates and looks for it when nothing is recorded.
 */
public interface Checkpoint {

    /** What an earlier attempt of this deposit recorded last; empty when none did. */
    Optional<String> recorded();

    /**
     * Records {@code state}, replacing what was recorded; durable when this returns.
     *
     * @throws TransientTransportException when it could not be recorded (the store is unreachable, or this attempt
     *                                     lost its claim to another): the transport must stop, not go on unrecorded
     */
    void record(String state) throws TransientTransportException;

    /** A checkpoint kept in memory only (tools, tests), starting from {@code initial} (may be null). */
    static Checkpoint inMemory(String initial) {
        AtomicReference<String> value = new AtomicReference<>(initial);
        return new Checkpoint() {
            @Override
            public Optional<String> recorded() {
                return Optional.ofNullable(value.get());
            }

            @Override
            public void record(String state) {
                value.set(state);
            }
        };
    }
}
