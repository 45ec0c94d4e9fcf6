package org.depositservices.transport.remote;

import java.io.IOException;
import org.depositservices.transport.TransportException;

/**
 * An IOException thrown by a stream from {@link RemoteFiles#create}: the server or the connection failed, not
 * the package's source. Carries the failure already classified as transient or permanent.
 */
public final class RemoteIOException extends IOException {

    private final TransportException failure;

    public RemoteIOException(TransportException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    public TransportException failure() {
        return failure;
    }

    /** The first RemoteIOException in {@code t}'s cause chain, or null. */
    static RemoteIOException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RemoteIOException r) {
                return r;
            }
        }
        return null;
    }
}
