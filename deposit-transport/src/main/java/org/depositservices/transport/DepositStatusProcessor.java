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
     */
    record CustodyReport(DepositStatus status, String state, String accessUrl, List<String> externalIds) {
        public CustodyReport {
            externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
        }
    }
}
