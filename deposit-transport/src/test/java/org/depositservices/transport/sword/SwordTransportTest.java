package org.depositservices.transport.sword;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.depositservices.transport.sword.SwordFixtures.BAGIT_COLLECTION;
import static org.depositservices.transport.sword.SwordFixtures.COLLECTION;
import static org.depositservices.transport.sword.SwordFixtures.COVID_COLLECTION;
import static org.depositservices.transport.sword.SwordFixtures.EDIT;
import static org.depositservices.transport.sword.SwordFixtures.SERVICE_DOC;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.packaging.PackagingException;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.RemoteTestConfig;
import org.depositservices.transport.remote.SourceFailures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deposits into a WireMock server that answers as DSpace's SWORDv2 endpoint does, and checks what it received. */
class SwordTransportTest {

    private static final String ATOM_ENTRY = "application/atom+xml;type=entry";

    // One server per class, its stubs and journal reset after each test: starting Jetty costs more than a test.
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().dynamicPort()).build();
    private String base;
    @TempDir
    Path spool;

    @BeforeEach
    void reset() {
        base = server.baseUrl();
        stubServiceDocument(null);
        stubReceipt(COLLECTION);
    }

    private void stubServiceDocument(Long maxUploadKb) {
        server.stubFor(get(urlEqualTo(SERVICE_DOC)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atomserv+xml; charset=UTF-8")
                .withBody(SwordFixtures.serviceDocument(base, maxUploadKb))));
    }

    private void stubReceipt(String collection) {
        server.stubFor(post(urlEqualTo(collection)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", base + EDIT)
                .withHeader("Content-Type", ATOM_ENTRY)
                .withBody(SwordFixtures.receipt(base))));
    }

    private void stubDepositError(int status, String body, String... headers) {
        var response = aResponse().withStatus(status).withBody(body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(response));
    }

    private SwordFixtures.Config config() {
        return new SwordFixtures.Config(base);
    }

    private SwordTransport transport() {
        return new SwordTransport("deposit-services/test", spool);
    }

    private static SwordFixtures.BytesPackage dspacePackage(byte[] content) {
        return new SwordFixtures.BytesPackage("dspace-mets-01.zip", "dspace-mets", "application/zip", content);
    }

    private static DepositAttempt attempt(int n, String... tags) {
        return new DepositAttempt("dep-42", "sub-7", "token-" + n, n, List.of(tags));
    }

    private TransportResponse send(RepositoryConfig config, SwordFixtures.BytesPackage pkg, DepositAttempt attempt)
            throws TransportException {
        try (TransportSession session = transport().open(config)) {
            return session.send(pkg, attempt);
        }
    }

    private static String basicUser(LoggedRequest r) {
        String h = r.getHeader("Authorization");
        assertThat(h).startsWith("Basic ");
        String pair = new String(Base64.getDecoder().decode(h.substring(6)), StandardCharsets.UTF_8);
        return pair.substring(0, pair.indexOf(':'));
    }

    @Test
    void deposit_streams_the_package_with_every_SWORD_header_and_returns_the_statement() throws Exception {
        byte[] content = SwordFixtures.someBytes(300_000, 1);
        RepositoryConfig config = config()
                .bind("on-behalf-of", "jbloggs")
                .realm(base + "/swordv2/collection/", "collector", "collector-secret")
                .realm(base + "/swordv2", "sworder", "sworder-secret")
                .build();

        TransportResponse r = send(config, dspacePackage(content), attempt(1));

        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlEqualTo(COLLECTION)));
        assertThat(posts).hasSize(1);
        LoggedRequest p = posts.get(0);
        // The oracle: what the server received, digested here, independently of the transport's spool.
        assertThat(p.getBody()).isEqualTo(content);
        assertThat(p.getHeader("Content-MD5")).isEqualTo(SwordFixtures.md5(p.getBody()));
        assertThat(p.getHeader("Content-Length")).isEqualTo(Integer.toString(content.length));
        assertThat(p.getHeader("Content-Type")).isEqualTo("application/zip");
        assertThat(p.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"dspace-mets-01.zip\"");
        assertThat(p.getHeader("Packaging")).isEqualTo("http://purl.org/net/sword/package/METSDSpaceSIP");
        assertThat(p.getHeader("In-Progress")).isEqualTo("false");
        assertThat(p.getHeader("Slug")).isEqualTo("dep-42");
        assertThat(p.getHeader("On-Behalf-Of")).isEqualTo("jbloggs");
        assertThat(p.getHeader("User-Agent")).isEqualTo("pass-deposit/1.2.3");
        // Longest realm prefix wins: the collection realm for the POST, the /swordv2 realm for the service document.
        assertThat(basicUser(p)).isEqualTo("collector");
        LoggedRequest sd = server.findAll(getRequestedFor(urlEqualTo(SERVICE_DOC))).get(0);
        assertThat(basicUser(sd)).isEqualTo("sworder");
        assertThat(sd.getHeader("On-Behalf-Of")).isEqualTo("jbloggs");

        assertThat(r.custody()).isEqualTo(TransportResponse.Custody.SUBMITTED);
        assertThat(r.depositStatusRef()).isEqualTo(base + SwordFixtures.ATOM_STATEMENT);
        assertThat(r.accessUrl()).isEqualTo(base + "/handle/123456789/3");
        assertThat(r.externalIds()).containsExactly(base + EDIT, "hdl:123456789/3");
        assertThat(r.message()).contains("dspace-mets-01.zip", "Faculty Publications", base + COLLECTION,
                SwordFixtures.md5(content));
        assertThat(SwordFixtures.filesIn(spool)).as("spool file deleted").isEmpty();
    }

    @Test
    void binding_credentials_and_the_configured_user_agent_are_used_when_no_realm_matches() throws Exception {
        RepositoryConfig config = config().without("user-agent").without("on-behalf-of").build();

        send(config, dspacePackage(new byte[]{1, 2, 3}), attempt(1));

        LoggedRequest p = server.findAll(postRequestedFor(urlEqualTo(COLLECTION))).get(0);
        assertThat(basicUser(p)).isEqualTo("binding-user");
        assertThat(p.getHeader("User-Agent")).isEqualTo("deposit-services/test");
        assertThat(p.containsHeader("On-Behalf-Of")).isFalse();
    }

    @Test
    void binding_credentials_are_never_sent_to_a_host_the_configuration_does_not_name() throws Exception {
        // The receipt's Location points at another host (127.0.0.1 instead of localhost): no realm covers it.
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", "http://127.0.0.1:" + server.getPort() + EDIT)));
        server.stubFor(get(urlEqualTo(EDIT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ATOM_ENTRY).withBody(SwordFixtures.receipt(base))));

        send(config().build(), dspacePackage(new byte[]{1}), attempt(1));

        LoggedRequest receiptGet = server.findAll(getRequestedFor(urlEqualTo(EDIT))).get(0);
        assertThat(receiptGet.containsHeader("Authorization")).isFalse();
    }

    @Test
    void a_non_ascii_package_name_gets_an_ascii_filename_and_an_RFC_6266_filename_star() throws Exception {
        var pkg = new SwordFixtures.BytesPackage("Müller résumé.zip", "simple", "application/zip", new byte[]{9});

        send(config().build(), pkg, attempt(1));

        LoggedRequest p = server.findAll(postRequestedFor(urlEqualTo(COLLECTION))).get(0);
        assertThat(p.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"M_ller r_sum_.zip\"; filename*=UTF-8''M%C3%BCller%20r%C3%A9sum%C3%A9.zip");
        assertThat(p.getHeader("Packaging")).isEqualTo("http://purl.org/net/sword/package/SimpleZip");
    }

    @Test
    void a_collection_hint_matching_a_tag_picks_the_collection() throws Exception {
        stubReceipt(COVID_COLLECTION);
        RepositoryConfig config = config().bind("collection-hints.covid", base + COVID_COLLECTION).build();

        TransportResponse r = send(config, dspacePackage(new byte[]{4, 5}), attempt(1, "nobel", "COVID"));

        assertThat(server.findAll(postRequestedFor(urlEqualTo(COVID_COLLECTION)))).hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(COLLECTION)))).isEmpty();
        assertThat(r.message()).contains("collection hint 'covid'");
    }

    @Test
    void without_a_matching_hint_the_default_collection_is_used() throws Exception {
        RepositoryConfig config = config().bind("collection-hints.covid", base + COVID_COLLECTION).build();

        send(config, dspacePackage(new byte[]{4}), new DepositAttempt("dep-1", "sub-1", "t", 1));

        assertThat(server.findAll(postRequestedFor(urlEqualTo(COLLECTION)))).hasSize(1);
    }

    @Test
    void a_collection_missing_from_the_service_document_fails_permanently_after_one_refetch() throws Exception {
        RepositoryConfig config = config().bind("default-collection", base + "/swordv2/collection/123456789/404").build();

        assertThatThrownBy(() -> send(config, dspacePackage(new byte[]{1}), attempt(1)))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining(base + "/swordv2/collection/123456789/404")
                .hasMessageContaining("is not in the service document")
                .hasMessageContaining("binding-user")
                .hasMessageContaining(base + COLLECTION)
                .hasMessageContaining("JScholarship.transport-config.protocol-binding.default-collection");
        // open() fetched it, the miss fetched it once more (the collection may be new); nothing was posted.
        assertThat(server.findAll(getRequestedFor(urlEqualTo(SERVICE_DOC)))).hasSize(2);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/swordv2/collection/123456789/404")))).isEmpty();
    }

    @Test
    void a_collection_that_does_not_accept_the_packaging_fails_permanently_before_posting() {
        RepositoryConfig config = config().bind("default-collection", base + BAGIT_COLLECTION).build();

        assertThatThrownBy(() -> send(config, dspacePackage(new byte[]{1}), attempt(1)))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("does not accept packaging http://purl.org/net/sword/package/METSDSpaceSIP")
                .hasMessageContaining("http://purl.org/net/sword/package/BagIt")
                .hasMessageContaining("JScholarship.assembler.specification");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(BAGIT_COLLECTION)))).isEmpty();
    }

    @Test
    void a_package_over_the_servers_maxUploadSize_fails_permanently_without_uploading() throws Exception {
        stubServiceDocument(1L); // 1 kB
        assertThatThrownBy(() -> send(config().build(), dspacePackage(new byte[3000]), attempt(1)))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("over the server's limit of 0.0 MiB")
                .hasMessageContaining("sword:maxUploadSize");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(COLLECTION)))).isEmpty();
        assertThat(SwordFixtures.filesIn(spool)).isEmpty();
    }

    @Test
    void the_service_document_is_reused_until_its_ttl_runs_out() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        SwordTransport transport = new SwordTransport("ua", spool, now::get);
        RepositoryConfig config = config().bind("service-doc-ttl-seconds", "60").build();

        transport.open(config).close();
        now.set(now.get().plusSeconds(59));
        transport.open(config).close();
        assertThat(server.findAll(getRequestedFor(urlEqualTo(SERVICE_DOC)))).hasSize(1);

        now.set(now.get().plusSeconds(2));
        transport.open(config).close();
        assertThat(server.findAll(getRequestedFor(urlEqualTo(SERVICE_DOC)))).hasSize(2);
    }

    @Test
    void the_receipt_is_fetched_from_the_Location_when_the_POST_returns_none() throws Exception {
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", base + EDIT)));
        server.stubFor(get(urlEqualTo(EDIT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ATOM_ENTRY).withBody(SwordFixtures.receipt(base))));

        TransportResponse r = send(config().build(), dspacePackage(new byte[]{1}), attempt(1));

        assertThat(r.depositStatusRef()).isEqualTo(base + SwordFixtures.ATOM_STATEMENT);
        assertThat(basicUser(server.findAll(getRequestedFor(urlEqualTo(EDIT))).get(0))).isEqualTo("binding-user");
    }

    @Test
    void without_a_receipt_the_deposit_is_submitted_but_says_custody_cannot_be_followed() throws Exception {
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", base + EDIT)));
        RepositoryConfig config = config().bind("deposit-receipt", "false").build();

        TransportResponse r = send(config, dspacePackage(new byte[]{1}), attempt(1));

        assertThat(r.custody()).isEqualTo(TransportResponse.Custody.SUBMITTED);
        assertThat(r.depositStatusRef()).isNull();
        assertThat(r.externalIds()).containsExactly(base + EDIT);
        assertThat(r.message()).contains("no deposit receipt");
        assertThat(server.findAll(getRequestedFor(urlEqualTo(EDIT)))).isEmpty();
    }

    @Test
    void a_receipt_whose_state_maps_to_accepted_confirms_custody_at_once() throws Exception {
        String accepted = SwordFixtures.receipt(base).replace("</entry>",
                "<category scheme=\"http://purl.org/net/sword/terms/state\" term=\"http://dspace.org/state/archived\"/></entry>");
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", base + EDIT).withBody(accepted)));

        TransportResponse r = send(config().build(), dspacePackage(new byte[]{1}), attempt(1));

        assertThat(r.custody()).isEqualTo(TransportResponse.Custody.ACCEPTED);
    }

    @Test
    void a_retry_after_the_package_arrived_rereads_the_receipt_instead_of_depositing_twice() throws Exception {
        // Attempt 1: DSpace stores the item (201 + Location) but the receipt cannot be read: the body is garbage
        // and the Edit-IRI fails for now.
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", base + EDIT).withBody("<html>proxy hiccup")));
        server.stubFor(get(urlEqualTo(EDIT)).willReturn(aResponse().withStatus(503)));
        SwordTransport transport = transport();
        RepositoryConfig config = config().build();

        try (TransportSession s = transport.open(config)) {
            assertThatThrownBy(() -> s.send(dspacePackage(new byte[]{1, 2}), attempt(1)))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessageContaining("the package arrived as " + base + EDIT);
        }
        // Attempt 2: the Edit-IRI answers now.
        server.stubFor(get(urlEqualTo(EDIT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ATOM_ENTRY).withBody(SwordFixtures.receipt(base))));
        TransportResponse r;
        try (TransportSession s = transport.open(config)) {
            r = s.send(dspacePackage(new byte[]{1, 2}), attempt(2));
        }

        assertThat(server.findAll(postRequestedFor(urlEqualTo(COLLECTION)))).as("posted once").hasSize(1);
        assertThat(r.depositStatusRef()).isEqualTo(base + SwordFixtures.ATOM_STATEMENT);
        assertThat(r.message()).contains("already deposited by an earlier attempt");
    }

    @Test
    void a_retry_deposits_again_when_the_earlier_item_is_gone() throws Exception {
        SwordTransport transport = transport();
        RepositoryConfig config = config().build();
        try (TransportSession s = transport.open(config)) {
            s.send(dspacePackage(new byte[]{1}), attempt(1));
        }
        server.stubFor(get(urlEqualTo(EDIT)).willReturn(aResponse().withStatus(404)));
        try (TransportSession s = transport.open(config)) {
            s.send(dspacePackage(new byte[]{1}), attempt(2));
        }
        assertThat(server.findAll(postRequestedFor(urlEqualTo(COLLECTION)))).hasSize(2);
    }

    // --- what an operator meets when things go wrong -------------------------------------------------------------

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "400|http://purl.org/net/sword/error/ErrorBadRequest|permanent|Bad Request;ErrorBadRequest;METS manifest is missing;mets.xml not found in package",
        "403|http://purl.org/net/sword/error/TargetOwnerUnknown|permanent|Forbidden;TargetOwnerUnknown;does not know the On-Behalf-Of user;protocol-binding.on-behalf-of",
        "412|http://purl.org/net/sword/error/ErrorChecksumMismatch|permanent|Precondition Failed;ErrorChecksumMismatch;Content-MD5",
        "412|http://purl.org/net/sword/error/MediationNotAllowed|permanent|MediationNotAllowed;remove JScholarship.transport-config.protocol-binding.on-behalf-of",
        "413|http://purl.org/net/sword/error/MaxUploadSizeExceeded|permanent|Content Too Large;MaxUploadSizeExceeded;is too large for the server;0.0 MiB",
        "415|http://purl.org/net/sword/error/ErrorContent|permanent|Unsupported Media Type;ErrorContent;Packaging http://purl.org/net/sword/package/METSDSpaceSIP;Content-Type application/zip;JScholarship.assembler.specification",
        "405|http://purl.org/net/sword/error/MethodNotAllowed|permanent|Method Not Allowed;Col-IRI;protocol-binding.default-collection",
        "500|http://purl.org/net/sword/error/ErrorBadRequest|transient|Internal Server Error;it will be retried",
        "507|http://purl.org/net/sword/error/ErrorBadRequest|transient|Insufficient Storage;out of storage;free disk space",
    })
    void sword_error_documents_become_exceptions_that_say_what_to_fix(int status, String href, String kind,
                                                                       String fragments) throws IOException {
        stubDepositError(status, SwordFixtures.error(href, "METS manifest is missing", "mets.xml not found in package"),
                "Content-Type", "application/xml");
        RepositoryConfig config = config().bind("on-behalf-of", "nobody").build();

        assertThatThrownBy(() -> send(config, dspacePackage(new byte[]{7}), attempt(1)))
                .isInstanceOf(kind.equals("permanent") ? PermanentTransportException.class
                        : TransientTransportException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining(href)
                .hasMessageContaining("METS manifest is missing")
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments.split(";")));
        assertThat(SwordFixtures.filesIn(spool)).isEmpty();
    }

    @Test
    void bad_credentials_name_the_user_and_where_they_are_configured() {
        stubDepositError(401, "", "WWW-Authenticate", "Basic realm=\"SWORD\"");
        RepositoryConfig config = config().realm(base + "/swordv2/collection/", "collector", "wrong").build();

        assertThatThrownBy(() -> send(config, dspacePackage(new byte[]{7}), attempt(1)))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("HTTP 401 Unauthorized")
                .hasMessageContaining("user 'collector'")
                .hasMessageContaining("auth-realms entry " + base + "/swordv2/collection/")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void bad_credentials_for_the_service_document_fail_at_open() {
        server.stubFor(get(urlEqualTo(SERVICE_DOC)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>HTTP Status 401 - Bad credentials</h1></body></html>")));

        assertThatThrownBy(() -> transport().open(config().build()))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("fetching the SWORD service document")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("HTTP Status 401 - Bad credentials")
                .hasMessageContaining("user 'binding-user'")
                .hasMessageNotContaining("binding-secret");
    }

    @Test
    void a_page_that_is_not_a_service_document_fails_permanently_naming_the_key() {
        server.stubFor(get(urlEqualTo(SERVICE_DOC)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Welcome to DSpace</body></html>")));

        assertThatThrownBy(() -> transport().open(config().build()))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("not a SWORD service document")
                .hasMessageContaining("JScholarship.transport-config.protocol-binding.service-doc");
    }

    @Test
    void a_busy_server_is_transient_and_its_Retry_After_is_reported() {
        stubDepositError(503, "", "Retry-After", "120");
        assertThatThrownBy(() -> send(config().build(), dspacePackage(new byte[]{7}), attempt(1)))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("HTTP 503 Service Unavailable")
                .hasMessageContaining("retry after 120 s");

        stubDepositError(429, "", "Retry-After", "30");
        assertThatThrownBy(() -> send(config().build(), dspacePackage(new byte[]{7}), attempt(1)))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("retry after 30 s");

        stubDepositError(408, "");
        assertThatThrownBy(() -> send(config().build(), dspacePackage(new byte[]{7}), attempt(1)))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("HTTP 408");
    }

    @Test
    void other_client_errors_are_permanent() {
        stubDepositError(409, "conflict");
        assertThatThrownBy(() -> send(config().build(), dspacePackage(new byte[]{7}), attempt(1)))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("HTTP 409");
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_transient_and_names_the_timeout_key() throws IOException {
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
        RepositoryConfig config = config().bind("deposit-timeout-seconds", "1").build();

        assertThatThrownBy(() -> send(config, dspacePackage(new byte[]{7}), attempt(1)))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("did not answer within 1 s")
                .hasMessageContaining("JScholarship.transport-config.protocol-binding.deposit-timeout-seconds");
        assertThat(SwordFixtures.filesIn(spool)).isEmpty();
    }

    @Test
    void a_refused_connection_is_transient() throws IOException {
        int port = RemoteTestConfig.closedPort();
        String dead = "http://localhost:" + port;
        RepositoryConfig config = new SwordFixtures.Config(dead).build();

        assertThatThrownBy(() -> transport().open(config))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("could not connect to localhost:" + port)
                .hasMessageContaining("is the server running");
    }

    @Test
    void an_unknown_host_is_transient_and_named() {
        RepositoryConfig config = new SwordFixtures.Config("http://dspace.no-such-host.invalid:8181").build();

        assertThatThrownBy(() -> transport().open(config))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("unknown host 'dspace.no-such-host.invalid'")
                .hasMessageContaining("protocol-binding.service-doc");
    }

    @Test
    void an_invalid_configuration_fails_open_permanently_with_its_json_paths() {
        RepositoryConfig config = config().without("default-collection").bind("server-port", "abc").build();

        assertThatThrownBy(() -> transport().open(config))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("JScholarship.transport-config.protocol-binding.default-collection: missing")
                .hasMessageContaining("JScholarship.transport-config.protocol-binding.server-port: \"abc\" is not a port");
    }

    // --- the spool ------------------------------------------------------------------------------------------------

    @Test
    void an_unreadable_source_passes_unchanged_and_leaves_no_spool_file_and_no_post() {
        PackageSourceException missing = SourceFailures.reading("sub-7", "manuscript.pdf", 0,
                new NoSuchFileException("/var/lib/deposit/content/manuscript.pdf"));
        var broken = new SwordFixtures.BytesPackage("broken.zip", "dspace-mets", "application/zip", new byte[0]) {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(new byte[100_000]);
                throw missing;
            }
        };
        assertThatThrownBy(() -> send(config().build(), broken, attempt(1)))
                .isSameAs(missing)
                .isNotInstanceOf(TransportException.class)
                .hasMessageContaining("file 'manuscript.pdf'")
                .hasMessageContaining("is missing from the content store");
        assertThat(missing.kind()).isEqualTo(PackageSourceException.Kind.MISSING);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(COLLECTION)))).isEmpty();
        assertThat(spool.toFile().list()).isEmpty();
    }

    @Test
    void a_package_writer_that_stops_is_transient_and_leaves_no_spool_file_and_no_post() {
        var stopping = new SwordFixtures.BytesPackage("stopped.zip", "dspace-mets", "application/zip", new byte[0]) {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(new byte[100_000]);
                throw new InterruptedIOException("writer interrupted");
            }
        };
        assertThatThrownBy(() -> send(config().build(), stopping, attempt(1)))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("package stopped.zip could not be written while spooling it")
                .hasMessageContaining("writer interrupted");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(COLLECTION)))).isEmpty();
        assertThat(spool.toFile().list()).isEmpty();
    }

    @Test
    void a_packaging_failure_propagates_unchanged_and_leaves_no_spool_file() {
        var invalid = new SwordFixtures.BytesPackage("x.zip", "dspace-mets", "application/zip", new byte[0]) {
            @Override
            public void writeTo(OutputStream out) {
                throw PackagingException.missing("dspace-mets", "publication.title");
            }
        };
        assertThatThrownBy(() -> send(config().build(), invalid, attempt(1)))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("publication.title");
        assertThat(spool.toFile().list()).isEmpty();
    }

    @Test
    void an_unusable_spool_directory_is_transient_and_named() throws IOException {
        Path notADir = java.nio.file.Files.writeString(spool.resolve("file"), "x");
        SwordTransport transport = new SwordTransport("ua", notADir.resolve("spool"));

        assertThatThrownBy(() -> {
            try (TransportSession s = transport.open(config().build())) {
                s.send(dspacePackage(new byte[]{1}), attempt(1));
            }
        }).isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("could not create a spool file")
                .hasMessageContaining(notADir.resolve("spool").toString());
    }

    @Test
    void statusProcessor_is_offered() {
        assertThat(transport().statusProcessor(config().build())).containsInstanceOf(SwordStatusProcessor.class);
        assertThat(transport().protocol()).isEqualTo("SWORDv2");
    }
}
