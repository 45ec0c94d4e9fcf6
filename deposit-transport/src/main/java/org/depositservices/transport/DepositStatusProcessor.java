package org.depositservices.transport;

import java.util.List;
import org.depositservices.model.DepositStatus;

/**
 * Learns from a repository whether it took custody of a SUBMITTED deposit, from the deposit's status reference
 * (e.g. a SWORD statement). Called periodically and by the {@code refresh} mode.
 */
public interface DepositStatusProcessor {

    /**
     * @param depositStatusRef the reference the transport returned when sending
     * @return the deposit's status now: SUBMITTED (no decision yet), ACCEPTED or REJECTED, with what was learned
     * @throws TransientTransportException when the repository cannot be asked now
     * @throws PermanentTransportException when the reference is unusable or the answer cannot be understood
     */
    CustodyReport process(String depositStatusRef, RepositoryConfig config) throws TransportException;

    /**
     * @param status      SUBMITTED, ACCEPTED or REJECTED
     * @param state       the repository's own state term (e.g. {@code http://dspace.org/state/archived}), if any
     * @param accessUrl   where the copy can be seen, if the repository says
     * @param externalIds the repository's identifiers, if it says
     * @param message     what the repository says in words (a reviewer's reason for rejecting, "in review since
     *                    ..."), for the deposit's status message; null when it says nothing beyond its state
     */
    record CustodyReport(DepositStatus status, String state, String accessUrl, List<String> externalIds,
                         String message) {
        public CustodyReport {
            externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
            message = message == null || message.isBlank() ? null : message;
        }

        /** A report without words beyond the state. */
        public CustodyReport(DepositStatus status, String state, String accessUrl, List<String> externalIds) {
            this(status, state, accessUrl, externalIds, null);
        }

        /** The deposit's status message this report gives: the repository's state, and its words if any. */
        public String statusMessage() {
            if (state == null) {
                return message != null ? message : "repository answered " + status;
            }
            return message == null ? "repository state " + state : "repository state " + state + ": " + message;
        }
    }
}
