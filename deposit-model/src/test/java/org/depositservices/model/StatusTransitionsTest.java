package org.depositservices.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTransitionsTest {

    @Test
    void terminalValuesArePasssOnes() {
        assertThat(AggregatedDepositStatus.ACCEPTED.isTerminal()).isTrue();
        assertThat(AggregatedDepositStatus.REJECTED.isTerminal()).isTrue();
        assertThat(AggregatedDepositStatus.FAILED.isIntermediate()).isTrue();
        assertThat(AggregatedDepositStatus.NOT_STARTED.isIntermediate()).isTrue();
        assertThat(AggregatedDepositStatus.IN_PROGRESS.isIntermediate()).isTrue();
        assertThat(DepositStatus.SUBMITTED.isIntermediate()).isTrue();
        assertThat(DepositStatus.RETRY.isIntermediate()).isTrue();
        assertThat(DepositStatus.ACCEPTED.isTerminal()).isTrue();
        assertThat(DepositStatus.REJECTED.isTerminal()).isTrue();
        assertThat(DepositStatus.FAILED.isTerminal()).isTrue();
        assertThat(CopyStatus.IN_PROGRESS.isIntermediate()).isTrue();
        assertThat(CopyStatus.COMPLETE.isTerminal()).isTrue();
        assertThat(CopyStatus.REJECTED.isTerminal()).isTrue();
    }

    @Test
    void automationNeverLeavesATerminalStatus() {
        for (DepositStatus from : DepositStatus.values()) {
            for (DepositStatus to : DepositStatus.values()) {
                if (from.isTerminal() && from != to) {
                    assertThat(from.canMoveTo(to)).as(from + " -> " + to).isFalse();
                }
            }
        }
        for (AggregatedDepositStatus from : AggregatedDepositStatus.values()) {
            for (AggregatedDepositStatus to : AggregatedDepositStatus.values()) {
                if (from.isTerminal() && from != to) {
                    assertThat(from.canMoveTo(to)).as(from + " -> " + to).isFalse();
                }
            }
        }
        assertThat(CopyStatus.COMPLETE.canMoveTo(CopyStatus.REJECTED)).isFalse();
    }

    @Test
    void depositLifecycle() {
        assertThat(DepositStatus.RETRY.canMoveTo(DepositStatus.SUBMITTED)).isTrue();
        assertThat(DepositStatus.RETRY.canMoveTo(DepositStatus.FAILED)).isTrue();
        assertThat(DepositStatus.SUBMITTED.canMoveTo(DepositStatus.ACCEPTED)).isTrue();
        assertThat(DepositStatus.SUBMITTED.canMoveTo(DepositStatus.REJECTED)).isTrue();
        assertThat(DepositStatus.SUBMITTED.canMoveTo(DepositStatus.RETRY)).isFalse();
        assertThat(DepositStatus.SUBMITTED.canMoveTo(DepositStatus.SUBMITTED)).isTrue();
    }

    @Test
    void onlyAnOperatorRetriesAFailedDeposit() {
        assertThat(DepositStatus.FAILED.canMoveTo(DepositStatus.RETRY)).isFalse();
        assertThat(DepositStatus.FAILED.canOperatorMoveTo(DepositStatus.RETRY)).isTrue();
        assertThat(DepositStatus.FAILED.canOperatorMoveTo(DepositStatus.ACCEPTED)).isTrue();
        assertThat(DepositStatus.ACCEPTED.canOperatorMoveTo(DepositStatus.RETRY)).isFalse();
        assertThat(DepositStatus.REJECTED.canOperatorMoveTo(DepositStatus.RETRY)).isFalse();
    }

    @Test
    void submissionLifecycle() {
        assertThat(AggregatedDepositStatus.NOT_STARTED.canMoveTo(AggregatedDepositStatus.IN_PROGRESS)).isTrue();
        assertThat(AggregatedDepositStatus.NOT_STARTED.canMoveTo(AggregatedDepositStatus.FAILED)).isTrue();
        assertThat(AggregatedDepositStatus.NOT_STARTED.canMoveTo(AggregatedDepositStatus.ACCEPTED)).isFalse();
        assertThat(AggregatedDepositStatus.IN_PROGRESS.canMoveTo(AggregatedDepositStatus.ACCEPTED)).isTrue();
        assertThat(AggregatedDepositStatus.IN_PROGRESS.canMoveTo(AggregatedDepositStatus.NOT_STARTED)).isFalse();
        assertThat(AggregatedDepositStatus.FAILED.canMoveTo(AggregatedDepositStatus.IN_PROGRESS)).isFalse();
        assertThat(AggregatedDepositStatus.FAILED.canOperatorMoveTo(AggregatedDepositStatus.IN_PROGRESS)).isTrue();
    }

    @Test
    void parsesPassSpellings() {
        assertThat(IssnPubType.parse("Print")).isEqualTo(IssnPubType.PRINT);
        assertThat(IssnPubType.parse("electronic")).isEqualTo(IssnPubType.ELECTRONIC);
        assertThat(FileRole.parse("manuscript")).isEqualTo(FileRole.MANUSCRIPT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileRole.parse("poster"))
                .hasMessageContaining("poster");
    }

    @Test
    void aDepositNotYetAttemptedMayStartAsAnythingAndNothingGoesBack() {
        for (DepositStatus next : DepositStatus.values()) {
            assertThat(DepositStatus.canMove(null, next)).as("no status -> " + next).isTrue();
            assertThat(DepositStatus.canOperatorMove(null, next)).isTrue();
            assertThat(DepositStatus.canMove(next, null)).as(next + " -> no status").isFalse();
            assertThat(DepositStatus.canOperatorMove(next, null)).isFalse();
        }
        assertThat(DepositStatus.canMove(DepositStatus.FAILED, DepositStatus.RETRY)).isFalse();
        assertThat(DepositStatus.canOperatorMove(DepositStatus.FAILED, DepositStatus.RETRY)).isTrue();
        assertThat(DepositStatus.canOperatorMove(DepositStatus.SUBMITTED, DepositStatus.RETRY))
                .as("a deposit that reached its repository is refreshed, not retried").isFalse();
        assertThat(DepositStatus.canOperatorMove(DepositStatus.ACCEPTED, DepositStatus.RETRY)).isFalse();
    }
}
