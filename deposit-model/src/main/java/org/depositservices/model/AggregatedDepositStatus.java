package org.depositservices.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Status of a Submission: the aggregate of its Deposits.
 *
 * <p>FAILED is intermediate (as in PASS): the submission itself could not be processed, and a person must act on it.
 * When every Deposit is terminal but the outcomes are mixed, the Submission stays IN_PROGRESS and is flagged as
 * needing attention (docs/DESIGN.md), so ACCEPTED and REJECTED always mean "all deposits agree".
 */
public enum AggregatedDepositStatus implements Status<AggregatedDepositStatus> {
    NOT_STARTED(false),
    IN_PROGRESS(false),
    FAILED(false),
    ACCEPTED(true),
    REJECTED(true);

    private final boolean terminal;

    AggregatedDepositStatus(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public boolean canMoveTo(AggregatedDepositStatus next) {
        return next == this || allowedNext().contains(next);
    }

    private Set<AggregatedDepositStatus> allowedNext() {
        return switch (this) {
            case NOT_STARTED -> EnumSet.of(IN_PROGRESS, FAILED);
            case IN_PROGRESS -> EnumSet.of(ACCEPTED, REJECTED, FAILED);
            // A failed submission is re-run only by a person; it then starts over.
            case FAILED -> EnumSet.noneOf(AggregatedDepositStatus.class);
            case ACCEPTED, REJECTED -> EnumSet.noneOf(AggregatedDepositStatus.class);
        };
    }

    @Override
    public boolean canOperatorMoveTo(AggregatedDepositStatus next) {
        // An operator may re-run a failed submission, or re-open a finished one after a deposit was retried.
        return canMoveTo(next) || (next == IN_PROGRESS || next == NOT_STARTED) && this != NOT_STARTED;
    }
}
