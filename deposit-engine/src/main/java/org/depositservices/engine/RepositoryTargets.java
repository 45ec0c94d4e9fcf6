package org.depositservices.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Optional;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.Transport;
import org.depositservices.transport.config.Repositories;

/** For a repository key: its configuration, the transport that reaches it and the assembler that packages for it. */
public final class RepositoryTargets {
    private final Repositories repositories;
    private final List<Transport> transports;
    private final Function<Clock, Assemblers> assemblers;

    /**
     * @param assemblers the assemblers, built on a clock; {@link #target} gives them a clock fixed at the time it is
     *                   given (the submission's creation), so every attempt of one deposit makes a package of the
     *                   same name (transports recognise an earlier attempt's delivery by that name)
     */
    public RepositoryTargets(Repositories repositories, List<Transport> transports,
                             Function<Clock, Assemblers> assemblers) {
        this.repositories = repositories;
        this.transports = List.copyOf(transports);
        this.assemblers = assemblers;
    }

    /** Everything needed to deposit into one repository. */
    public record Target(RepositoryConfig config, Transport transport, Assembler assembler, PackageOptions options) {
    }

    /**
     * @param packageTime the package's time (its name, dates in its metadata): must be the same at every attempt of
     *                    a deposit, so something that cannot change, such as the submission's creation
     * @throws IllegalArgumentException when the repository is not configured, or its protocol or spec is unknown
     *                                  (permanent: the configuration must change)
     */
    public Target target(String repositoryKey, Instant packageTime) {
        RepositoryConfig config = repositories.find(repositoryKey).orElseThrow(() ->
                new IllegalArgumentException("repository '" + repositoryKey + "' is not in repositories.json"));
        Transport transport = transport(config).orElseThrow(() -> new IllegalArgumentException("repository '"
                + repositoryKey + "' uses protocol '" + config.protocol() + "', which no transport serves"));
        String spec = config.spec() == null ? "simple" : config.spec();
        Assembler assembler = assemblers.apply(Clock.fixed(packageTime, ZoneOffset.UTC)).find(spec).orElseThrow(() -> new IllegalArgumentException(
                "repository '" + repositoryKey + "' names package spec '" + spec + "', which is unknown"));
        PackageOptions options = PackageOptions.fromConfig(config.assemblerOptions() == null ? Map.of()
                : config.assemblerOptions());
        return new Target(config, transport, assembler, options);
    }

    public Optional<Transport> transport(RepositoryConfig config) {
        return transports.stream().filter(t -> t.protocol().equalsIgnoreCase(config.protocol())).findFirst();
    }

    public Repositories repositories() {
        return repositories;
    }

    public boolean isConfigured(String repositoryKey) {
        return repositories.find(repositoryKey).isPresent();
    }
}
