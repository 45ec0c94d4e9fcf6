package org.depositservices.transport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one answer to "which transport serves protocol X": every transport the host has, by protocol (compared
 * ignoring case). Built once at start-up and shared by configuration checks, deposits and custody.
 */
public final class TransportRegistry {
    private final Map<String, Transport> byProtocol = new LinkedHashMap<>();

    /** @throws IllegalStateException when two transports claim one protocol */
    public TransportRegistry(Collection<? extends Transport> transports) {
        for (Transport t : transports) {
            Transport previous = byProtocol.putIfAbsent(key(t.protocol()), t);
            if (previous != null) {
                throw new IllegalStateException("protocol '" + t.protocol() + "' is served by both "
                        + previous.getClass().getName() + " and " + t.getClass().getName());
            }
        }
    }

    /** Every {@link TransportProvider} on the class path of {@code loader} (see META-INF/services), created on env. */
    public static TransportRegistry discover(IntegrationEnvironment environment, ClassLoader loader) {
        List<Transport> found = new ArrayList<>();
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class, loader)) {
            found.add(p.create(environment));
        }
        return new TransportRegistry(found);
    }

    /** {@link #discover(IntegrationEnvironment, ClassLoader)} with this class's loader. */
    public static TransportRegistry discover(IntegrationEnvironment environment) {
        return discover(environment, TransportRegistry.class.getClassLoader());
    }

    public Optional<Transport> find(String protocol) {
        return protocol == null ? Optional.empty() : Optional.ofNullable(byProtocol.get(key(protocol)));
    }

    /** Every protocol served, in discovery order, as each transport spells it. */
    public List<String> protocols() {
        return byProtocol.values().stream().map(Transport::protocol).toList();
    }

    public List<Transport> all() {
        return List.copyOf(byProtocol.values());
    }

    private static String key(String protocol) {
        return protocol.trim().toLowerCase(Locale.ROOT);
    }
}
