package org.depositservices.store;

/**
 * A write would have moved a resource between two statuses its enum does not connect for that actor (automation
 * follows {@code canMoveTo}, an operator {@code canOperatorMoveTo}; docs/status-model.md). Nothing was written: no
 * row, no history, no outbox event. Unlike {@link UpdateConflictException}, reading again does not help: the caller
 * asked for a move that is not allowed.
 */
public class IllegalTransitionException extends RuntimeException {
    private final String resourceType;
    private final String resourceId;
    private final String from;
    private final String to;
    private final String actor;

    /**
     * @param from the stored status, null for none (a deposit not yet attempted)
     * @param to   the status asked for, null for none
     */
    public IllegalTransitionException(String resourceType, String resourceId, String from, String to, String actor) {
        super(resourceType + " " + resourceId + " may not move from " + (from == null ? "no status" : from)
                + " to " + (to == null ? "no status" : to) + ": refused for " + actor + " ("
                + (StatusTransitions.isOperator(actor) ? "an operator action" : "automation")
                + "); nothing was written");
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.from = from;
        this.to = to;
        this.actor = actor;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    /** The stored status, null for none. */
    public String from() {
        return from;
    }

    /** The status asked for, null for none. */
    public String to() {
        return to;
    }

    public String actor() {
        return actor;
    }
}
