package org.depositservices.model;

import java.util.List;

/**
 * Where a copy of a submission's content lives, or is expected to live, in a repository. Its status always follows
 * its Deposit's (see {@link StatusInvariants}). {@code accessUrl} is where a person can see it;
 * {@code externalIds} are the repository's own identifiers for it (handle, NIHMS id, ...).
 */
public record RepositoryCopy(String id, long version, CopyStatus status, String accessUrl, List<String> externalIds) {
    public RepositoryCopy {
        externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
    }

    public RepositoryCopy withStatus(CopyStatus newStatus) {
        return new RepositoryCopy(id, version, newStatus, accessUrl, externalIds);
    }
}
