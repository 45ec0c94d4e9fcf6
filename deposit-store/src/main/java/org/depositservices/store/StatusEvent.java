package org.depositservices.store;

import java.time.Instant;

/**
 * One entry of a resource's history: a status change or an operator action.
 *
 * @param actor who did it: "api", "engine", "operator:retry", ...
 */
public record StatusEvent(long id, String resourceType, String resourceId, Instant at, String actor,
                          String fromStatus, String toStatus, String message) {
}
