package org.depositservices.store;

/** A resource with that id (or that natural key) already exists; nothing was written. */
public class DuplicateKeyException extends StoreException {
    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
