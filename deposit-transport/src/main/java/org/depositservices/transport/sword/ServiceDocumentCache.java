package org.depositservices.transport.sword;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.depositservices.transport.TransportException;

/**
 * Service documents already fetched, reused for a bounded time. A service document depends on who asks (user and
 * On-Behalf-Of), so that is part of the key. Thread-safe; two threads missing at once may both fetch, which is
 * harmless and keeps locks away from network calls.
 */
final class ServiceDocumentCache {

    private static final int MAX_ENTRIES = 64;

    private final InstantSource clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    ServiceDocumentCache(InstantSource clock) {
        this.clock = clock;
    }

    record Key(String serviceDoc, String username, String onBehalfOf) {
    }

    private record Entry(ServiceDocument document, Instant fetchedAt) {
    }

    @FunctionalInterface
    interface Loader {
        ServiceDocument load() throws TransportException;
    }

    /**
     * The cached document when younger than {@code ttl}, else a freshly loaded one.
     *
     * @param fresh true to skip the cache (e.g. a collection was missing from the cached document)
     */
    ServiceDocument get(Key key, Duration ttl, boolean fresh, Loader loader) throws TransportException {
        Instant now = clock.instant();
        Entry e = entries.get(key);
        if (!fresh && e != null && e.fetchedAt().plus(ttl).isAfter(now)) {
            return e.document();
        }
        ServiceDocument doc = loader.load();
        if (!ttl.isZero()) {
            entries.put(key, new Entry(doc, clock.instant()));
            evict(ttl);
        }
        return doc;
    }

    private void evict(Duration ttl) {
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        Instant now = clock.instant();
        entries.entrySet().removeIf(x -> !x.getValue().fetchedAt().plus(ttl).isAfter(now));
        while (entries.size() > MAX_ENTRIES) {
            entries.entrySet().stream()
                    .min(Comparator.comparing(x -> x.getValue().fetchedAt()))
                    .ifPresent(x -> entries.remove(x.getKey()));
        }
    }
}
