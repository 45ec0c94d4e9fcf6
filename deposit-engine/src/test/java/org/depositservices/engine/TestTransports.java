package org.depositservices.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.depositservices.packaging.PackageStream;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportRequest;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.filesystem.FilesystemTransport;

/**
 * Transports for engine tests. Each really writes through the filesystem transport (no mock of a transport's
 * effect); they only count sends, or fail on purpose the way a remote repository would.
 */
final class TestTransports {
    private TestTransports() {
    }

    /** What a test transport does with one send, given the real filesystem session. */
    @FunctionalInterface
    interface Send {
        TransportResponse send(TransportSession real, PackageStream pkg, DepositAttempt attempt)
                throws TransportException;
    }

    /** Opens the real filesystem session and routes every send through {@code send}. */
    static TransportSession around(FilesystemTransport real, RepositoryConfig config, Send send)
            throws TransportException {
        TransportSession s = real.open(config);
        return new TransportSession() {
            @Override
            public TransportResponse send(TransportRequest request) throws TransportException {
                return send.send(s, request.requirePackage("filesystem"), request.attempt());
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    /** The filesystem transport, counting sends per deposit. Protocol "filesystem". */
    static final class Counting implements Transport {
        final FilesystemTransport real = new FilesystemTransport();
        final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        final Map<String, List<String>> tags = new ConcurrentHashMap<>();

        @Override
        public String protocol() {
            return "filesystem";
        }

        @Override
        public List<String> validate(RepositoryConfig config) {
            return real.validate(config);
        }

        @Override
        public TransportSession open(RepositoryConfig config) throws TransportException {
            return around(real, config, (s, pkg, attempt) -> {
                sends.computeIfAbsent(attempt.depositId(), k -> new AtomicInteger()).incrementAndGet();
                tags.put(attempt.depositId(), attempt.tags());
                return s.send(pkg, attempt);
            });
        }

        int totalSends() {
            return sends.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    /**
     * Protocol "flaky": binding {@code failures} transient failures per deposit ("connection refused"), then the
     * filesystem transport; {@code failures} = -1 fails transiently forever. Protocol "refusing": a permanent 401.
     */
    static final class Flaky implements Transport {
        final FilesystemTransport real = new FilesystemTransport();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        /** Set to true to let every later send through, as when an operator fixed the repository. */
        volatile boolean repaired;
        private final String protocol;

        Flaky(String protocol) {
            this.protocol = protocol;
        }

        @Override
        public String protocol() {
            return protocol;
        }

        @Override
        public List<String> validate(RepositoryConfig config) {
            return real.validate(config);
        }

        @Override
        public TransportSession open(RepositoryConfig config) throws TransportException {
            int failures = Integer.parseInt(config.binding("failures", "0"));
            return around(real, config, (s, pkg, attempt) -> {
                int n = calls.computeIfAbsent(attempt.depositId(), k -> new AtomicInteger()).incrementAndGet();
                if (repaired) {
                    return s.send(pkg, attempt);
                }
                if (protocol.equals("refusing")) {
                    throw new PermanentTransportException("HTTP 401 from http://repo.example/sword: check the"
                            + " username and password in auth-realms");
                }
                if (failures < 0 || n <= failures) {
                    throw new TransientTransportException("connection refused by repo.example:443 (call " + n + ")");
                }
                return s.send(pkg, attempt);
            });
        }
    }

    /** Thrown by {@link Crashing}: like the JVM dying, nothing after it runs (the engine catches no Error). */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash in the middle of a send");
        }
    }

    /**
     * Protocol "crashing": while {@link #crash} is set, a send dies half-way as if its node were killed, leaving its
     * claim in flight; otherwise the filesystem transport.
     */
    static final class Crashing implements Transport {
        final FilesystemTransport real = new FilesystemTransport();
        final AtomicInteger crashes = new AtomicInteger();
        volatile boolean crash = true;

        @Override
        public String protocol() {
            return "crashing";
        }

        @Override
        public List<String> validate(RepositoryConfig config) {
            return real.validate(config);
        }

        @Override
        public TransportSession open(RepositoryConfig config) throws TransportException {
            return around(real, config, (s, pkg, attempt) -> {
                if (crash) {
                    crashes.incrementAndGet();
                    throw new SimulatedCrash();
                }
                return s.send(pkg, attempt);
            });
        }
    }

    /**
     * Protocol "custodial": delivers through the filesystem but reports custody SUBMITTED with a status reference;
     * its status processor answers from {@link #states} (repository state per reference), mapped by the
     * repository's deposit-config.mapping like a SWORD statement would be.
     */
    static final class Custodial implements Transport {
        final FilesystemTransport real = new FilesystemTransport();
        final Map<String, String> states = new ConcurrentHashMap<>();
        /** What the repository says in words, per reference (a reviewer's reason); absent for most. */
        final Map<String, String> words = new ConcurrentHashMap<>();

        @Override
        public String protocol() {
            return "custodial";
        }

        @Override
        public List<String> validate(RepositoryConfig config) {
            return real.validate(config);
        }

        @Override
        public TransportSession open(RepositoryConfig config) throws TransportException {
            return around(real, config, (s, pkg, attempt) -> {
                TransportResponse r = s.send(pkg, attempt);
                return new TransportResponse(TransportResponse.Custody.SUBMITTED, "custody:" + attempt.depositId(),
                        r.accessUrl(), r.externalIds(), r.message());
            });
        }

        @Override
        public java.util.Optional<org.depositservices.transport.DepositStatusProcessor> statusProcessor(
                RepositoryConfig config) {
            return java.util.Optional.of((ref, c) -> {
                String state = states.get(ref);
                if (state == null) {
                    throw new TransientTransportException("status of " + ref + " not available yet");
                }
                String mapped = c.statusMapping().getOrDefault(state, c.statusMapping().get("default-mapping"));
                if (mapped == null) {
                    throw new PermanentTransportException("repository state '" + state + "' is not in "
                            + c.key() + ".deposit-config.mapping: add it (accepted, rejected or submitted)");
                }
                return new org.depositservices.transport.DepositStatusProcessor.CustodyReport(
                        org.depositservices.model.DepositStatus.valueOf(mapped.toUpperCase(java.util.Locale.ROOT)),
                        state, "http://repo.example/item/1", List.of("hdl:123/456"), words.get(ref));
            });
        }
    }

    /**
     * A REST-like target that creates an item before sending anything: the first attempt records the item's id in
     * its checkpoint and then fails as a timeout would; a later attempt finishes the item it finds recorded. Counts
     * the items it created, so a test can see a retry never makes a second. Protocol "resuming".
     */
    static final class Resuming implements Transport {
        final AtomicInteger itemsCreated = new AtomicInteger();
        final Map<String, String> seenRecorded = new ConcurrentHashMap<>();

        @Override
        public String protocol() {
            return "resuming";
        }

        @Override
        public boolean sendsPackage() {
            return false;
        }

        @Override
        public List<String> validate(RepositoryConfig config) {
            return List.of();
        }

        @Override
        public TransportSession open(RepositoryConfig config) {
            return new TransportSession() {
                @Override
                public TransportResponse send(TransportRequest request) throws TransportException {
                    var recorded = request.checkpoint().recorded();
                    seenRecorded.put(request.attempt().depositId() + "#" + request.attempt().attemptNumber(),
                            recorded.orElse("(nothing)"));
                    if (recorded.isEmpty()) {
                        request.checkpoint().record("item-" + itemsCreated.incrementAndGet());
                        throw new TransientTransportException("upload to item timed out");
                    }
                    return new TransportResponse(TransportResponse.Custody.SUBMITTED, recorded.get(), null,
                            List.of(recorded.get()), "finished " + recorded.get());
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
