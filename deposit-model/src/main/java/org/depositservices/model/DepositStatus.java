package org.depositservices.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Status of a Deposit: one transfer of a Submission's content to one Repository.
 *
 * <ul>
 *   <li>SUBMITTED (intermediate): the package reached the repository; custody not yet confirmed.</li>
 *   <li>RETRY (intermediate): the repository could not be reached; the engine tries again with backoff.</li>
 *   <li>ACCEPTED (terminal): the repository took custody.</li>
 *   <li>REJECTED (terminal): the repository refused custody.</li>
 *   <li>FAILED (terminal for automation): the transfer failed for good, or the retries ran out. Only an explicit,
 *   recorded operator retry moves it again.</li>
 * </ul>
 *
 * A Deposit that has been created but not yet attempted carries no status ({@code null}), as in PASS.
 */
public enum DepositStatus implements Status<DepositStatus> {
    SUBMITTED(false),
    RETRY(false),
    ACCEPTED(true),
    REJECTED(true),
    FAILED(true);

    private final boolean terminal;

    DepositStatus(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public boolean canMoveTo(DepositStatus next) {
        return next == this || allowedNext().contains(next);
    }

    private Set<DepositStatus> allowedNext() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(ACCEPTED, REJECTED, FAILED);
            case RETRY -> EnumSet.of(SUBMITTED, ACCEPTED, REJECTED, FAILED);
            case ACCEPTED, REJECTED, FAILED -> EnumSet.noneOf(DepositStatus.class);
        };
    }

    /** Whether a deposit not yet attempted (no status) may move to {@code next}. */
    public static boolean canStartAs(DepositStatus next) {
        return next != null;
    }

    /** Whether automation may move a deposit from {@code from} (null: not yet attempted) to {@code next}. */
    public static boolean canMove(DepositStatus from, DepositStatus next) {
        return from == null ? canStartAs(next) : next != null && from.canMoveTo(next);
    }

    /** Whether an operator may move a deposit from {@code from} (null: not yet attempted) to {@code next}. */
    public static boolean canOperatorMove(DepositStatus from, DepositStatus next) {
        return from == null ? canStartAs(next) : next != null && from.canOperatorMoveTo(next);
    }

    @Override
    public boolean canOperatorMoveTo(DepositStatus next) {
        // The operator's retry re-runs a FAILED deposit (it becomes RETRY, then whatever the attempt gives); the
        // operator's refresh re-reads custody of a deposit whose custody check FAILED, which may then be accepted,
        // rejected or still pending. Nothing reopens ACCEPTED or REJECTED.
        return canMoveTo(next) || this == FAILED && next != FAILED;
    }
}
