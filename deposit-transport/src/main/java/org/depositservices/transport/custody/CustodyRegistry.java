package org.depositservices.transport.custody;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.RepositoryConfig;

/**
 * Every custody method the host has, by {@code deposit-config.custody.method}, with its processor built once.
 * Repositories without a method learn custody from their transport ({@code Transport.statusProcessor}).
 */
public final class CustodyRegistry {
    private final Map<String, CustodyProvider> providers = new LinkedHashMap<>();
    private final Map<String, DepositStatusProcessor> processors = new LinkedHashMap<>();
    private final Map<String, CustodyFeed> feeds = new LinkedHashMap<>();

    /** @throws IllegalStateException when two providers claim one method */
    public CustodyRegistry(Collection<? extends CustodyProvider> found, IntegrationEnvironment environment) {
        for (CustodyProvider p : found) {
            String key = key(p.method());
            CustodyProvider previous = providers.putIfAbsent(key, p);
            if (previous != null) {
                throw new IllegalStateException("custody method '" + p.method() + "' is served by both "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
            processors.put(key, p.create(environment));
            p.feed(environment).ifPresent(f -> feeds.put(key, f));
        }
    }

    /** None: every repository learns custody from its transport. */
    public static CustodyRegistry none() {
        return new CustodyRegistry(List.of(), IntegrationEnvironment.defaults());
    }

    /** Every {@link CustodyProvider} named in META-INF/services on {@code loader}'s class path. */
    public static CustodyRegistry discover(IntegrationEnvironment environment, ClassLoader loader) {
        return new CustodyRegistry(ServiceLoader.load(CustodyProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList(), environment);
    }

    public static CustodyRegistry discover(IntegrationEnvironment environment) {
        return discover(environment, CustodyRegistry.class.getClassLoader());
    }

    public Optional<CustodyProvider> find(String method) {
        return method == null ? Optional.empty() : Optional.ofNullable(providers.get(key(method)));
    }

    /** The processor of a repository that names a custody method; empty when it names none or an unknown one. */
    public Optional<DepositStatusProcessor> processor(RepositoryConfig config) {
        String method = config.custodyMethod();
        return method == null ? Optional.empty() : Optional.ofNullable(processors.get(key(method)));
    }

    /** The feed polled for a repository whose custody method learns from what the repository sends. */
    public Optional<CustodyFeed> feed(RepositoryConfig config) {
        String method = config.custodyMethod();
        return method == null ? Optional.empty() : Optional.ofNullable(feeds.get(key(method)));
    }

    /** How often a repository's feed is polled (its method decides). */
    public Optional<Duration> pollInterval(RepositoryConfig config) {
        return feed(config).flatMap(f -> find(config.custodyMethod()).map(p -> p.pollInterval(config)));
    }

    /** Problems with a repository's {@code deposit-config.custody}: an unknown method, then the method's own. */
    public List<String> problems(RepositoryConfig config) {
        if (config.custody().isEmpty()) {
            return List.of();
        }
        String at = config.key() + ".deposit-config.custody.method";
        String method = config.custodyMethod();
        if (method == null || method.isBlank()) {
            return List.of(at + ": missing (" + known() + ")");
        }
        return find(method).map(p -> p.validate(config))
                .orElseGet(() -> List.of(at + ": unknown custody method '" + method + "' (" + known() + ")"));
    }

    /** Every method, as each provider spells it. */
    public List<String> methods() {
        return providers.values().stream().map(CustodyProvider::method).toList();
    }

    private String known() {
        return providers.isEmpty() ? "none is installed" : "one of " + String.join(", ", methods());
    }

    private static String key(String method) {
        return method.trim().toLowerCase(Locale.ROOT);
    }
}
