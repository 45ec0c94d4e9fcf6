package org.depositservices.transport;

import java.util.List;

/**
 * What a repository said when it received a package.
 *
 * @param custody          whether it took custody at once ({@link Custody#ACCEPTED}) or will decide later
 * @param depositStatusRef where custody can be checked later (e.g. a SWORD statement IRI); null if nowhere
 * @param accessUrl        where the copy can be seen (a splash page, a {@code file:} URL); null if unknown yet
 * @param externalIds      the repository's identifiers for the copy
 * @param message          a short human-readable note (e.g. "uploaded to /upload/2026-11-23/x.tar.gz")
 */
public record TransportResponse(Custody custody, String depositStatusRef, String accessUrl, List<String> externalIds,
                                String message) {

    public enum Custody {
        /** The repository has the package but has not yet confirmed custody: Deposit SUBMITTED, copy IN_PROGRESS. */
        SUBMITTED,
        /** The repository confirmed custody at once: Deposit ACCEPTED, copy COMPLETE. */
        ACCEPTED
    }

    public TransportResponse {
        externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
    }
}
