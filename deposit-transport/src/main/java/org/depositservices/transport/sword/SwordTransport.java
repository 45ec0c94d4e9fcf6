package org.depositservices.transport.sword;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportProvider;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.http.BasicCredentials;
import org.depositservices.transport.http.Call;

/**
 * Deposits packages into SWORD 2.0 servers (DSpace and others) by binary file deposit (profile 6.3.1), and follows
 * custody through the SWORD statement ({@link #statusProcessor}). Configuration: {@link SwordSettings}; the whole
 * story, with its limits, is in docs/transport-sword.md.
 *
 * <pre>{@code
 * Transport sword = new SwordTransport(System.getenv("PASS_DEPOSIT_HTTP_AGENT"), spoolDir);
 * try (TransportSession s = sword.open(config)) {          // fetches (or reuses) the service document
 *     TransportResponse r = s.send(pkg, attempt);           // spool + MD5, then POST to the collection
 *     deposit = deposit.withStatusRef(r.depositStatusRef()); // the statement IRI
 * }
 * }</pre>
 *
 * <p>Lifecycle: one instance per application, shared by all threads; it holds HTTP clients, the service document
 * cache and the ledger of delivered deposits. Sessions are cheap and single-threaded.
 *
 * <p>Failure contract: {@link SwordHttp} classifies every failure, by the shared HTTP rules of
 * {@link org.depositservices.transport.http.HttpFailures}; configuration problems are permanent and name their JSON
 * path.
 */
public final class SwordTransport implements Transport {

    /** Used when neither the binding's {@code user-agent} nor the constructor gives one. */
    public static final String FALLBACK_USER_AGENT = "deposit-services";

    private final String defaultUserAgent;
    private final Path spoolDir;
    private final ServiceDocumentCache serviceDocuments;
    private final SentLedger ledger = new SentLedger();
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final IntegrationEnvironment.HttpClientFactory http;
    private final SwordStatusProcessor statusProcessor;

    /**
     * @param defaultUserAgent the User-Agent for repositories whose binding has no {@code user-agent} (the app
     *                         passes PASS_DEPOSIT_HTTP_AGENT); null for {@value #FALLBACK_USER_AGENT}
     * @param spoolDir         where packages are spooled while their MD5 and length are computed; needs room for
     *                         the largest package times the number of concurrent deposits
     */
    public SwordTransport(String defaultUserAgent, Path spoolDir) {
        this(defaultUserAgent, spoolDir, InstantSource.system());
    }

    /** Spools to {@code java.io.tmpdir}. */
    public SwordTransport(String defaultUserAgent) {
        this(defaultUserAgent, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param clock ages cached service documents */
    public SwordTransport(String defaultUserAgent, Path spoolDir, InstantSource clock) {
        this(defaultUserAgent, spoolDir, clock, HttpClient::newBuilder);
    }

    /** @param http makes the builders of this transport's HTTP clients, with the host's defaults (proxy, TLS) */
    public SwordTransport(String defaultUserAgent, Path spoolDir, InstantSource clock,
                          IntegrationEnvironment.HttpClientFactory http) {
        this.http = Objects.requireNonNull(http, "http");
        this.defaultUserAgent = defaultUserAgent == null || defaultUserAgent.isBlank()
                ? FALLBACK_USER_AGENT : defaultUserAgent.trim();
        this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
        this.serviceDocuments = new ServiceDocumentCache(Objects.requireNonNull(clock, "clock"));
        this.statusProcessor = new SwordStatusProcessor(this);
    }

    @Override
    public String protocol() {
        return SwordSettings.PROTOCOL;
    }

    @Override
    public List<String> validate(RepositoryConfig config) {
        return SwordSettings.problems(config);
    }

    /**
     * Reads the configuration and fetches the service document (or reuses a fresh cached one), so bad credentials
     * or a wrong service-doc fail here, before any package is built.
     */
    @Override
    public TransportSession open(RepositoryConfig config) throws TransportException {
        SwordSettings settings = SwordSettings.of(config);
        SwordHttp http = http(config, settings);
        SwordTransportSession session = new SwordTransportSession(this, http, config, spoolDir, ledger);
        serviceDocument(http, false);
        return session;
    }

    /** Reads SWORD statements; the same processor serves every repository. */
    @Override
    public Optional<DepositStatusProcessor> statusProcessor(RepositoryConfig config) {
        return Optional.of(statusProcessor);
    }

    SwordHttp http(RepositoryConfig config, SwordSettings settings) {
        HttpClient client = clients.computeIfAbsent(settings.connectTimeout(), t -> http.newBuilder()
                .connectTimeout(t)
                // Redirects are followed by hand for GETs, choosing credentials per URL; a deposit is never re-posted.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        String agent = settings.userAgent() == null ? defaultUserAgent : settings.userAgent().trim();
        return new SwordHttp(client, settings, config, agent);
    }

    /**
     * The service document for this repository and user.
     *
     * @param fresh true to fetch even when a cached copy is still young
     */
    ServiceDocument serviceDocument(SwordHttp http, boolean fresh) throws TransportException {
        SwordSettings s = http.settings();
        String user = http.credentialsFor(s.serviceDoc()).map(BasicCredentials::username).orElse(null);
        ServiceDocumentCache.Key key = new ServiceDocumentCache.Key(s.serviceDoc().toString(), user, s.onBehalfOf());
        return serviceDocuments.get(key, s.serviceDocTtl(), fresh, () -> {
            Call call = new Call("fetching the SWORD service document", s.path(SwordSettings.SERVICE_DOC));
            SwordHttp.Fetched f = http.getXml(s.serviceDoc(),
                    "application/atomsvc+xml, application/atomserv+xml, application/xml;q=0.5", call);
            try {
                return ServiceDocument.from(f.document(), f.uri());
            } catch (SwordXml.MalformedException e) {
                throw new PermanentTransportException(call.what() + ": " + f.uri() + " is " + e.getMessage()
                        + "; check that " + call.configHint() + " is the SWORD service document (DSpace: "
                        + "<dspace>/swordv2/servicedocument)", e);
            }
        });
    }

    /** Found through META-INF/services: protocol {@code SWORDv2}. */
    public static final class Provider implements TransportProvider {
        @Override
        public Transport create(IntegrationEnvironment environment) {
            return new SwordTransport(environment.userAgent(), environment.spoolDirectory(), environment.clock(),
                    environment.http());
        }
    }
}
