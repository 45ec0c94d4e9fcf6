package org.depositservices.engine;

import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.engine.critical.CriticalResult;
import org.depositservices.engine.critical.Resources;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.model.Submission;
import org.depositservices.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what the message listeners, workers and jobs throw. A {@link DepositServicesRuntimeException} that names
 * a resource marks it failed through a CriticalPath whose pre-condition refuses terminal resources, so a failure
 * never overwrites ACCEPTED or REJECTED. A submission that already has deposits is not set FAILED (that would
 * break PASS's status invariant); it is flagged as needing attention instead.
 */
public final class ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
    private static final String ACTOR = "engine:error-handler";

    private final StateStore store;
    private final CriticalPath critical;

    public ErrorHandler(StateStore store, CriticalPath critical) {
        this.store = store;
        this.critical = critical;
    }

    public void handle(Throwable t) {
        if (!(t instanceof DepositServicesRuntimeException dsre) || dsre.resource() == null) {
            LOG.error("Unexpected error: {}", t.toString(), t);
            return;
        }
        String message = t.getMessage() + (t.getCause() == null ? "" : ": " + t.getCause().getMessage());
        LOG.error("{} {} failed: {}", dsre.resource().kind(), dsre.resource().id(), message, t);
        switch (dsre.resource().kind()) {
            case DEPOSIT -> failDeposit(dsre.resource().id(), message);
            case SUBMISSION -> failSubmission(dsre.resource().id(), message);
        }
    }

    void failDeposit(String id, String message) {
        CriticalResult<Deposit, Void> r = critical.perform(Resources.deposits(store, ACTOR), id,
                d -> d.status() != DepositStatus.FAILED && DepositStatus.canMove(d.status(), DepositStatus.FAILED),
                d -> CriticalPath.Change.write(d.withStatus(DepositStatus.FAILED, message).withRepositoryCopy(null)
                        .withNextAttemptAt(null), null),
                (d, x) -> d.status() == DepositStatus.FAILED);
        if (!r.success()) {
            LOG.warn("Deposit {} not marked failed ({}): it is {}", id, r.outcome(),
                    r.resource() == null ? "gone" : r.resource().status());
        }
    }

    void failSubmission(String id, String message) {
        boolean hasDeposits = !store.findDepositsOfSubmission(id).isEmpty();
        CriticalResult<Submission, Void> r = critical.perform(Resources.submissions(store, ACTOR), id,
                s -> !s.status().isTerminal() && s.status() != AggregatedDepositStatus.FAILED,
                s -> CriticalPath.Change.write(hasDeposits ? s.withNeedsAttention(true, message)
                        : s.withStatus(AggregatedDepositStatus.FAILED, message), null),
                (s, x) -> true);
        if (!r.success()) {
            LOG.warn("Submission {} not marked failed ({})", id, r.outcome());
        }
    }
}
