package org.depositservices.transport.custody;

import java.util.Locale;
import java.util.Optional;
import org.depositservices.model.DepositStatus;

/**
 * The values {@code deposit-config.mapping} may give a repository state, with the precedence used when a statement
 * reports several states at once: a rejection outweighs an acceptance, which outweighs "not decided yet".
 */
public enum CustodyVerdict {
    SUBMITTED(DepositStatus.SUBMITTED),
    ACCEPTED(DepositStatus.ACCEPTED),
    REJECTED(DepositStatus.REJECTED);

    private final DepositStatus status;

    CustodyVerdict(DepositStatus status) {
        this.status = status;
    }

    public DepositStatus depositStatus() {
        return status;
    }

    /** The verdict that wins when a statement gives both: the later constant (REJECTED &gt; ACCEPTED &gt; SUBMITTED). */
    public CustodyVerdict strongest(CustodyVerdict other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** Parses "accepted", "Rejected", " submitted " ...; empty for anything else. */
    public static Optional<CustodyVerdict> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (CustodyVerdict c : values()) {
            if (c.name().equals(v)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
