package org.depositservices.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.depositservices.model.StatusInvariants.Rule;
import org.depositservices.model.StatusInvariants.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One holding and one broken case for every row of PASS's "common permutations" table. */
class StatusInvariantsTest {

    private static Submission submission(AggregatedDepositStatus status) {
        return new Submission("s1", 1, status, null, false, List.of("a", "b"), null, List.of(), null, null);
    }

    private static Deposit deposit(String id, DepositStatus status, CopyStatus copy) {
        RepositoryCopy rc = copy == null ? null : new RepositoryCopy("c-" + id, 1, copy, null, List.of());
        return new Deposit(id, 1, "s1", "repo-" + id, status, null, null, rc, 1, null, null, null, null);
    }

    private static List<Rule> rules(Submission s, Deposit... ds) {
        return StatusInvariants.check(s, Arrays.asList(ds)).stream().map(Violation::rule).toList();
    }

    @Nested
    class AcceptedSubmission {
        @Test
        void holdsWithOnlyAcceptedDepositsAndCompleteCopies() {
            assertThat(rules(submission(AggregatedDepositStatus.ACCEPTED),
                    deposit("d1", DepositStatus.ACCEPTED, CopyStatus.COMPLETE),
                    deposit("d2", DepositStatus.ACCEPTED, CopyStatus.COMPLETE))).isEmpty();
        }

        @Test
        void brokenByAnyOtherDeposit() {
            List<Violation> v = StatusInvariants.check(submission(AggregatedDepositStatus.ACCEPTED), List.of(
                    deposit("d1", DepositStatus.ACCEPTED, CopyStatus.COMPLETE),
                    deposit("d2", DepositStatus.SUBMITTED, CopyStatus.IN_PROGRESS)));
            assertThat(v).extracting(Violation::rule).containsExactly(Rule.ACCEPTED_SUBMISSION_HAS_ONLY_ACCEPTED_DEPOSITS);
            assertThat(v.get(0).reason()).contains("d2").contains("SUBMITTED");
        }

        @Test
        void brokenWithNoDepositsAtAll() {
            assertThat(rules(submission(AggregatedDepositStatus.ACCEPTED)))
                    .containsExactly(Rule.ACCEPTED_SUBMISSION_HAS_ONLY_ACCEPTED_DEPOSITS);
        }
    }

    @Nested
    class RejectedSubmission {
        @Test
        void holdsWithOnlyRejectedDepositsWithoutOrWithRejectedCopy() {
            assertThat(rules(submission(AggregatedDepositStatus.REJECTED),
                    deposit("d1", DepositStatus.REJECTED, null),
                    deposit("d2", DepositStatus.REJECTED, CopyStatus.REJECTED))).isEmpty();
        }

        @Test
        void brokenByAnAcceptedDeposit() {
            assertThat(rules(submission(AggregatedDepositStatus.REJECTED),
                    deposit("d1", DepositStatus.REJECTED, null),
                    deposit("d2", DepositStatus.ACCEPTED, CopyStatus.COMPLETE)))
                    .containsExactly(Rule.REJECTED_SUBMISSION_HAS_ONLY_REJECTED_DEPOSITS);
        }
    }

    @Nested
    class InProgressSubmission {
        @Test
        void holdsWithDepositsInEveryState() {
            assertThat(rules(submission(AggregatedDepositStatus.IN_PROGRESS),
                    deposit("d0", null, null),
                    deposit("d1", DepositStatus.SUBMITTED, CopyStatus.IN_PROGRESS),
                    deposit("d2", DepositStatus.ACCEPTED, CopyStatus.COMPLETE),
                    deposit("d3", DepositStatus.REJECTED, CopyStatus.REJECTED),
                    deposit("d4", DepositStatus.FAILED, null),
                    deposit("d5", DepositStatus.RETRY, null))).isEmpty();
            assertThat(rules(submission(AggregatedDepositStatus.IN_PROGRESS))).isEmpty();
        }

        @Test
        void stillChecksEachDeposit() {
            assertThat(rules(submission(AggregatedDepositStatus.IN_PROGRESS),
                    deposit("d1", DepositStatus.SUBMITTED, null)))
                    .containsExactly(Rule.SUBMITTED_DEPOSIT_HAS_IN_PROGRESS_COPY);
        }
    }

    @Nested
    class FailedSubmission {
        @Test
        void holdsWithNoDeposits() {
            assertThat(rules(submission(AggregatedDepositStatus.FAILED))).isEmpty();
        }

        @Test
        void brokenByAnyDeposit() {
            assertThat(rules(submission(AggregatedDepositStatus.FAILED), deposit("d1", DepositStatus.FAILED, null)))
                    .containsExactly(Rule.FAILED_SUBMISSION_HAS_NO_DEPOSITS);
        }
    }

    @Nested
    class NotStartedSubmission {
        @Test
        void holdsWithNoDeposits() {
            assertThat(rules(submission(AggregatedDepositStatus.NOT_STARTED))).isEmpty();
        }

        @Test
        void brokenByAnyDeposit() {
            assertThat(rules(submission(AggregatedDepositStatus.NOT_STARTED), deposit("d1", null, null)))
                    .containsExactly(Rule.NOT_STARTED_SUBMISSION_HAS_NO_DEPOSITS);
        }
    }

    @Nested
    class Deposits {
        @Test
        void acceptedNeedsCompleteCopy() {
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.ACCEPTED, CopyStatus.COMPLETE))).isEmpty();
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.ACCEPTED, CopyStatus.IN_PROGRESS)))
                    .extracting(Violation::rule).containsExactly(Rule.ACCEPTED_DEPOSIT_HAS_COMPLETE_COPY);
            List<Violation> missing = StatusInvariants.check(deposit("d", DepositStatus.ACCEPTED, null));
            assertThat(missing).extracting(Violation::rule).containsExactly(Rule.ACCEPTED_DEPOSIT_HAS_COMPLETE_COPY);
            assertThat(missing.get(0).reason()).contains("missing");
        }

        @Test
        void rejectedNeverHasALiveCopy() {
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.REJECTED, CopyStatus.REJECTED))).isEmpty();
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.REJECTED, null))).isEmpty();
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.REJECTED, CopyStatus.COMPLETE)))
                    .extracting(Violation::rule).containsExactly(Rule.REJECTED_DEPOSIT_HAS_NO_LIVE_COPY);
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.REJECTED, CopyStatus.IN_PROGRESS)))
                    .extracting(Violation::rule).containsExactly(Rule.REJECTED_DEPOSIT_HAS_NO_LIVE_COPY);
        }

        @Test
        void submittedNeedsInProgressCopy() {
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.SUBMITTED, CopyStatus.IN_PROGRESS))).isEmpty();
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.SUBMITTED, CopyStatus.COMPLETE)))
                    .extracting(Violation::rule).containsExactly(Rule.SUBMITTED_DEPOSIT_HAS_IN_PROGRESS_COPY);
        }

        @Test
        void failedHasNoCopy() {
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.FAILED, null))).isEmpty();
            assertThat(StatusInvariants.check(deposit("d", DepositStatus.FAILED, CopyStatus.REJECTED)))
                    .extracting(Violation::rule).containsExactly(Rule.FAILED_DEPOSIT_HAS_NO_COPY);
        }

        @Test
        void depositOfAnotherSubmissionIsReported() {
            Deposit foreign = new Deposit("dx", 1, "other", "r", null, null, null, null, 0, null, null, null, null);
            assertThat(rules(submission(AggregatedDepositStatus.IN_PROGRESS), foreign))
                    .containsExactly(Rule.DEPOSIT_BELONGS_TO_SUBMISSION);
        }
    }
}
