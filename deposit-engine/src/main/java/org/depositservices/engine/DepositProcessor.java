package org.depositservices.engine;

import java.util.List;
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
 * Reacts to "deposit status changed": recomputes its submission from all of its deposits. ACCEPTED when every
 * deposit is ACCEPTED, REJECTED when every one is REJECTED, otherwise IN_PROGRESS — and when every deposit is
 * terminal but the outcomes differ, IN_PROGRESS flagged as needing attention (docs/status-model.md).
 */
public final class DepositProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(DepositProcessor.class);
    private static final String ACTOR = "engine:deposit";

    private final StateStore store;
    private final CriticalPath critical;

    public DepositProcessor(StateStore store, CriticalPath critical) {
        this.store = store;
        this.critical = critical;
    }

    public void process(String depositId) {
        Deposit d = store.findDeposit(depositId).orElse(null);
        if (d == null) {
            LOG.warn("Deposit {} does not exist; message ignored", depositId);
            return;
        }
        recompute(d.submissionId());
    }

    /** Brings a submission's status in line with its deposits. */
    public void recompute(String submissionId) {
        CriticalResult<Submission, Void> r = critical.perform(Resources.submissions(store, ACTOR), submissionId,
                s -> s.status() == AggregatedDepositStatus.IN_PROGRESS,
                s -> {
                    Submission next = aggregate(s, store.findDepositsOfSubmission(s.id()));
                    return next.equals(s) ? CriticalPath.Change.none(null) : CriticalPath.Change.write(next, null);
                },
                (s, x) -> true);
        if (r.outcome() == CriticalResult.Outcome.SUCCESS && r.resource().status().isTerminal()) {
            LOG.info("Submission {} {}", submissionId, r.resource().status());
        } else if (r.outcome() == CriticalResult.Outcome.CONFLICT || r.outcome() == CriticalResult.Outcome.ERROR) {
            throw new DepositServicesRuntimeException("cannot update submission " + submissionId, r.error(), null);
        }
    }

    static Submission aggregate(Submission s, List<Deposit> deposits) {
        if (deposits.isEmpty()) {
            return s;
        }
        if (deposits.stream().allMatch(d -> d.status() == DepositStatus.ACCEPTED)) {
            return s.withNeedsAttention(false, null).withStatus(AggregatedDepositStatus.ACCEPTED, null);
        }
        if (deposits.stream().allMatch(d -> d.status() == DepositStatus.REJECTED)) {
            return s.withNeedsAttention(false, null).withStatus(AggregatedDepositStatus.REJECTED, null);
        }
        boolean allTerminal = deposits.stream().allMatch(d -> d.status() != null && d.status().isTerminal());
        if (allTerminal) {
            StringBuilder m = new StringBuilder("every deposit has ended, not all the same way:");
            for (Deposit d : deposits) {
                m.append(' ').append(d.repositoryKey()).append('=').append(d.status());
            }
            return s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null).withNeedsAttention(true, m.toString());
        }
        return s.withStatus(AggregatedDepositStatus.IN_PROGRESS, null).withNeedsAttention(false, null);
    }
}
