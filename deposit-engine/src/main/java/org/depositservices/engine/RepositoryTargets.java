package org.depositservices.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.FileNames;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportRegistry;
import org.depositservices.transport.config.Repositories;
import org.depositservices.transport.custody.CustodyFeed;
import org.depositservices.transport.custody.CustodyRegistry;

/**
 * For a repository key: its configuration, the transport that reaches it and the assembler that packages for it,
 * all from the registries that checked the configuration at start-up (so what passed the check is what deposits).
 */
public final class RepositoryTargets {
    private final Repositories repositories;
    private final TransportRegistry transports;
    private final Assemblers assemblers;
    private final CustodyRegistry custody;

    /** Repositories that all learn custody from their transports. */
    public RepositoryTargets(Repositories repositories, TransportRegistry transports, Assemblers assemblers) {
        this(repositories, transports, assemblers, CustodyRegistry.none());
    }

    /** @param custody the custody methods a repository's {@code deposit-config.custody.method} may name */
    public RepositoryTargets(Repositories repositories, TransportRegistry transports, Assemblers assemblers,
                             CustodyRegistry custody) {
        this.repositories = repositories;
        this.transports = transports;
        this.assemblers = assemblers;
        this.custody = custody;
    }

    /**
     * Everything needed to deposit into one repository.
     *
     * @param assembler null when the spec is {@code none}: the transport takes the files as they are
     */
    public record Target(RepositoryConfig config, Transport transport, String spec, Assembler assembler,
                         PackageOptions options) {

        public Optional<Assembler> packaging() {
            return Optional.ofNullable(assembler);
        }

        /**
         * The deposit's name at the target when there is no package: {@code none_<yyyy-MM-dd_HH-mm-ss>_<id>}, the
         * shape package names have, from the package time, so it is the same at every attempt.
         */
        public String unpackagedName(String submissionId, Instant packageTime) {
            return FileNames.packageBaseName(Assemblers.NONE, packageTime.atZone(ZoneOffset.UTC), submissionId);
        }

        /**
         * The deposit's package name without extension (or its unpackaged name), as every attempt makes it; empty
         * when the assembler's names are not stable.
         */
        public Optional<String> packageBaseName(DepositSubmission submission, Instant packageTime) {
            return assembler == null ? Optional.of(unpackagedName(submission.id(), packageTime))
                    : assembler.baseName(submission, packageTime);
        }
    }

    /**
     * @throws IllegalArgumentException when the repository is not configured, or its protocol or spec is unknown
     *                                  (permanent: the configuration must change)
     */
    public Target target(String repositoryKey) {
        RepositoryConfig config = repositories.find(repositoryKey).orElseThrow(() ->
                new IllegalArgumentException("repository '" + repositoryKey + "' is not in repositories.json"));
        Transport transport = transport(config).orElseThrow(() -> new IllegalArgumentException("repository '"
                + repositoryKey + "' uses protocol '" + config.protocol() + "', which no transport serves"));
        String spec = config.spec() == null ? transport.defaultSpec() : config.spec();
        Assembler assembler = Assemblers.isNone(spec) ? null : assemblers.find(spec).orElseThrow(() ->
                new IllegalArgumentException("repository '" + repositoryKey + "' names package spec '" + spec
                        + "', which is unknown"));
        PackageOptions options = PackageOptions.fromConfig(config.assemblerOptions() == null ? Map.of()
                : config.assemblerOptions());
        return new Target(config, transport, spec, assembler, options);
    }

    public Optional<Transport> transport(RepositoryConfig config) {
        return transports.find(config.protocol());
    }

    /**
     * Who is asked about a SUBMITTED deposit's custody: the repository's {@code deposit-config.custody.method} if it
     * names one, else its transport, if that can say.
     */
    public Optional<DepositStatusProcessor> statusProcessor(RepositoryConfig config) {
        if (config.custodyMethod() != null) {
            return custody.processor(config);
        }
        return transport(config).flatMap(t -> t.statusProcessor(config));
    }

    /** The feed of a repository whose custody method learns from what the repository sends, if it has one. */
    public Optional<CustodyFeed> custodyFeed(RepositoryConfig config) {
        return custody.feed(config);
    }

    /** How often that feed is polled. */
    public Optional<Duration> custodyPollInterval(RepositoryConfig config) {
        return custody.pollInterval(config);
    }

    public Repositories repositories() {
        return repositories;
    }

    public boolean isConfigured(String repositoryKey) {
        return repositories.find(repositoryKey).isPresent();
    }
}
