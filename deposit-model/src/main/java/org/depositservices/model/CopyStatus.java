package org.depositservices.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Status of a RepositoryCopy: where a copy of the content lives (or is expected to) in a Repository. It always
 * follows its Deposit's status (see {@link StatusInvariants}).
 */
public enum CopyStatus implements Status<CopyStatus> {
    IN_PROGRESS(false),
    COMPLETE(true),
    REJECTED(true);

    private final boolean terminal;

    CopyStatus(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public boolean canMoveTo(CopyStatus next) {
        return next == this || allowedNext().contains(next);
    }

    private Set<CopyStatus> allowedNext() {
        return switch (this) {
            case IN_PROGRESS -> EnumSet.of(COMPLETE, REJECTED);
            case COMPLETE, REJECTED -> EnumSet.noneOf(CopyStatus.class);
        };
    }
}
