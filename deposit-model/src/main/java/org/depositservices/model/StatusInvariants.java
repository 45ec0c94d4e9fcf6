package org.depositservices.model;

import java.util.ArrayList;
import java.util.List;

/**
 * PASS's "common permutations" of statuses, as code: given a submission and its deposits (each with its copy), every
 * rule that does not hold, with a reason an operator can read.
 *
 * <p>PASS says both that a REJECTED deposit has no copy and that it has a REJECTED copy. We accept either and
 * refuse only a copy that claims the content is (or will be) there: a REJECTED deposit never has a COMPLETE or
 * IN_PROGRESS copy. See docs/status-model.md.
 */
public final class StatusInvariants {

    /** One broken rule. {@code resourceId} names the submission or deposit it is about. */
    public record Violation(Rule rule, String resourceId, String reason) {
        @Override
        public String toString() {
            return rule + " (" + resourceId + "): " + reason;
        }
    }

    /** The rules, one per row of PASS's table (plus NOT_STARTED, which no row covers). */
    public enum Rule {
        ACCEPTED_SUBMISSION_HAS_ONLY_ACCEPTED_DEPOSITS,
        REJECTED_SUBMISSION_HAS_ONLY_REJECTED_DEPOSITS,
        FAILED_SUBMISSION_HAS_NO_DEPOSITS,
        NOT_STARTED_SUBMISSION_HAS_NO_DEPOSITS,
        ACCEPTED_DEPOSIT_HAS_COMPLETE_COPY,
        REJECTED_DEPOSIT_HAS_NO_LIVE_COPY,
        SUBMITTED_DEPOSIT_HAS_IN_PROGRESS_COPY,
        FAILED_DEPOSIT_HAS_NO_COPY,
        DEPOSIT_BELONGS_TO_SUBMISSION
    }

    private StatusInvariants() {
    }

    /** Every violated invariant; empty when all hold. IN_PROGRESS submissions may have deposits in any state. */
    public static List<Violation> check(Submission submission, List<Deposit> deposits) {
        List<Violation> out = new ArrayList<>();
        AggregatedDepositStatus s = submission.status();
        String sid = submission.id();
        for (Deposit d : deposits) {
            if (!sid.equals(d.submissionId())) {
                out.add(new Violation(Rule.DEPOSIT_BELONGS_TO_SUBMISSION, d.id(),
                        "deposit belongs to submission " + d.submissionId() + ", not " + sid));
            }
        }
        switch (s) {
            case ACCEPTED -> {
                if (deposits.isEmpty()) {
                    out.add(new Violation(Rule.ACCEPTED_SUBMISSION_HAS_ONLY_ACCEPTED_DEPOSITS, sid,
                            "submission is ACCEPTED but has no deposits"));
                }
                for (Deposit d : deposits) {
                    if (d.status() != DepositStatus.ACCEPTED) {
                        out.add(new Violation(Rule.ACCEPTED_SUBMISSION_HAS_ONLY_ACCEPTED_DEPOSITS, sid,
                                "submission is ACCEPTED but deposit " + d.id() + " to " + d.repositoryKey() + " is "
                                        + d.status()));
                    }
                }
            }
            case REJECTED -> {
                if (deposits.isEmpty()) {
                    out.add(new Violation(Rule.REJECTED_SUBMISSION_HAS_ONLY_REJECTED_DEPOSITS, sid,
                            "submission is REJECTED but has no deposits"));
                }
                for (Deposit d : deposits) {
                    if (d.status() != DepositStatus.REJECTED) {
                        out.add(new Violation(Rule.REJECTED_SUBMISSION_HAS_ONLY_REJECTED_DEPOSITS, sid,
                                "submission is REJECTED but deposit " + d.id() + " to " + d.repositoryKey() + " is "
                                        + d.status()));
                    }
                }
            }
            case FAILED -> {
                if (!deposits.isEmpty()) {
                    out.add(new Violation(Rule.FAILED_SUBMISSION_HAS_NO_DEPOSITS, sid,
                            "submission is FAILED but has " + deposits.size() + " deposit(s)"));
                }
            }
            case NOT_STARTED -> {
                if (!deposits.isEmpty()) {
                    out.add(new Violation(Rule.NOT_STARTED_SUBMISSION_HAS_NO_DEPOSITS, sid,
                            "submission is NOT_STARTED but has " + deposits.size() + " deposit(s)"));
                }
            }
            case IN_PROGRESS -> {
                // any deposits in any state
            }
        }
        for (Deposit d : deposits) {
            out.addAll(check(d));
        }
        return out;
    }

    /** The rules about one deposit and its copy. */
    public static List<Violation> check(Deposit d) {
        List<Violation> out = new ArrayList<>();
        RepositoryCopy copy = d.repositoryCopy();
        CopyStatus cs = copy == null ? null : copy.status();
        if (d.status() == null) {
            return out;
        }
        switch (d.status()) {
            case ACCEPTED -> {
                if (cs != CopyStatus.COMPLETE) {
                    out.add(new Violation(Rule.ACCEPTED_DEPOSIT_HAS_COMPLETE_COPY, d.id(),
                            "deposit is ACCEPTED but its repository copy is " + describe(cs)));
                }
            }
            case REJECTED -> {
                if (cs == CopyStatus.COMPLETE || cs == CopyStatus.IN_PROGRESS) {
                    out.add(new Violation(Rule.REJECTED_DEPOSIT_HAS_NO_LIVE_COPY, d.id(),
                            "deposit is REJECTED but its repository copy is " + cs));
                }
            }
            case SUBMITTED -> {
                if (cs != CopyStatus.IN_PROGRESS) {
                    out.add(new Violation(Rule.SUBMITTED_DEPOSIT_HAS_IN_PROGRESS_COPY, d.id(),
                            "deposit is SUBMITTED but its repository copy is " + describe(cs)));
                }
            }
            case FAILED -> {
                if (copy != null) {
                    out.add(new Violation(Rule.FAILED_DEPOSIT_HAS_NO_COPY, d.id(),
                            "deposit is FAILED but has a repository copy (" + cs + ")"));
                }
            }
            case RETRY -> {
                // not in PASS's table: a deposit waiting to be retried may or may not have reached the repository
            }
        }
        return out;
    }

    private static String describe(CopyStatus cs) {
        return cs == null ? "missing" : cs.toString();
    }
}
