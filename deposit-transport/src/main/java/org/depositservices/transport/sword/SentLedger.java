package org.depositservices.transport.sword;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Deposits this process has already delivered: repository + deposit id → the item's Edit-IRI. A later attempt of
 * the same deposit (the receipt could not be read, the store could not record the response, an operator retry)
 * re-reads the receipt at the Edit-IRI instead of depositing a second copy.
 *
 * <p>In memory only, and bounded: SWORD 2.0 offers no lookup of an item by Slug (DSpace ignores Slug), so a crash
 * of the whole process between the server's 201 and the store recording the response cannot be detected; see
 * docs/transport-sword.md.
 */
final class SentLedger {

    private static final int MAX_ENTRIES = 10_000;

    /** @param editIri the item's Edit-IRI (or Location) on the server */
    record Sent(String editIri, String collection, Instant at) {
    }

    private final Map<String, Sent> deliveries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized Optional<Sent> find(String repositoryKey, String depositId) {
        return depositId == null ? Optional.empty() : Optional.ofNullable(deliveries.get(key(repositoryKey, depositId)));
    }

    synchronized void record(String repositoryKey, String depositId, Sent delivery) {
        if (depositId != null && delivery.editIri() != null) {
            deliveries.put(key(repositoryKey, depositId), delivery);
        }
    }

    synchronized void forget(String repositoryKey, String depositId) {
        if (depositId != null) {
            deliveries.remove(key(repositoryKey, depositId));
        }
    }

    private static String key(String repositoryKey, String depositId) {
        return repositoryKey + "\n" + depositId;
    }
}
