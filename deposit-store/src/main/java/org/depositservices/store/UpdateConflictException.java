package org.depositservices.store;

/**
 * An update was made from a stale read: someone else changed the resource after it was read. Nothing was written;
 * read again and decide again (this is what CriticalPath's conflict handler does).
 */
public class UpdateConflictException extends RuntimeException {
    private final String resourceType;
    private final String resourceId;
    private final long expectedVersion;

    public UpdateConflictException(String resourceType, String resourceId, long expectedVersion) {
        super(resourceType + " " + resourceId + " was changed by someone else since version " + expectedVersion
                + " was read");
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.expectedVersion = expectedVersion;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
