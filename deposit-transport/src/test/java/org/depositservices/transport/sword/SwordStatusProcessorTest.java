package org.depositservices.transport.sword;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.depositservices.model.DepositStatus;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.DepositStatusProcessor.CustodyReport;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The custody status processor against the DSpace statements of the shared corpus (served as DSpace serves them),
 * mapped through PASS's example JScholarship mapping: archived → accepted, withdrawn → rejected, default → submitted.
 */
class SwordStatusProcessorTest {

    private static final String STATEMENT = "/swordv2/statement/e2881568-2b84-451a-8a98-24900107a34a.atom";
    private static final String ATOM_FEED = "application/atom+xml;type=feed";

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
    }

    private DepositStatusProcessor processor(RepositoryConfig config) {
        return new SwordTransport("deposit-services/test", spool).statusProcessor(config).orElseThrow();
    }

    private void serve(byte[] statement) {
        server.stubFor(get(urlEqualTo(STATEMENT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ATOM_FEED).withBody(statement)));
    }

    private CustodyReport process(String corpusFile, RepositoryConfig config) throws TransportException {
        serve(SwordFixtures.corpusStatement(corpusFile));
        return processor(config).process(base + STATEMENT, config);
    }

    private RepositoryConfig seedConfig() {
        return new SwordFixtures.Config(base).build();
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
        "archived.xml,       ACCEPTED,  http://dspace.org/state/archived",
        "withdrawn.xml,      REJECTED,  http://dspace.org/state/withdrawn",
        "inprogress.xml,     SUBMITTED, http://dspace.org/state/inprogress",
        "inreview.xml,       SUBMITTED, http://dspace.org/state/inreview",
        // Only one category is in the SWORD state scheme; the other scheme's "moo" is not a state.
        "multiple.xml,       ACCEPTED,  http://dspace.org/state/archived",
        // Not in the mapping: default-mapping (submitted) applies.
        "unknown.xml,        SUBMITTED, http://dspace.org/state/moo",
        // The full statement puts its state after the entries.
        "statement-full.xml, SUBMITTED, http://dspace.org/state/inreview",
    })
    void corpus_statements_map_through_the_seed_mapping(String file, DepositStatus expected, String state)
            throws Exception {
        CustodyReport c = process(file, seedConfig());

        assertThat(c.status()).isEqualTo(expected);
        assertThat(c.state()).isEqualTo(state);
        assertThat(c.accessUrl()).isNull();
        assertThat(c.externalIds()).isEmpty();
    }

    @Test
    void a_statement_without_state_is_submitted_with_no_state() throws Exception {
        CustodyReport c = process("missing.xml", seedConfig());

        assertThat(c.status()).isEqualTo(DepositStatus.SUBMITTED);
        assertThat(c.state()).isNull();
    }

    @Test
    void an_unmapped_state_without_default_mapping_fails_naming_the_term_and_where_to_add_it() {
        RepositoryConfig config = new SwordFixtures.Config(base).unmap("default-mapping").build();

        assertThatThrownBy(() -> process("unknown.xml", config))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("reports state 'http://dspace.org/state/moo'")
                .hasMessageContaining("add \"http://dspace.org/state/moo\": \"accepted\" | \"rejected\" | \"submitted\"")
                .hasMessageContaining("JScholarship.deposit-config.mapping");
    }

    @Test
    void mapping_values_are_case_insensitive_and_an_explicit_state_beats_the_default() throws Exception {
        RepositoryConfig config = new SwordFixtures.Config(base)
                .map("http://dspace.org/state/inreview", "Accepted")
                .map("default-mapping", "REJECTED").build();

        assertThat(process("statement-full.xml", config).status()).isEqualTo(DepositStatus.ACCEPTED);
        assertThat(process("unknown.xml", config).status()).isEqualTo(DepositStatus.REJECTED);
    }

    @Test
    void a_mapping_value_that_is_no_verdict_fails_naming_its_json_path() {
        RepositoryConfig config = new SwordFixtures.Config(base).map("http://dspace.org/state/archived", "archived").build();

        assertThatThrownBy(() -> processor(config).process(base + STATEMENT, config))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("JScholarship.deposit-config.mapping.http://dspace.org/state/archived: "
                        + "\"archived\" is not accepted, rejected or submitted");
    }

    @Test
    void several_states_decide_by_precedence_rejected_over_accepted_over_submitted() throws Exception {
        // Derived from the corpus's archived statement: DSpace archived the item, then withdrew it.
        String twoStates = new String(SwordFixtures.corpusStatement("archived.xml"), StandardCharsets.UTF_8)
                .replace("<entry>", "<category term=\"http://dspace.org/state/withdrawn\" "
                        + "scheme=\"http://purl.org/net/sword/terms/state\" label=\"State\">Withdrawn</category>\n"
                        + "<category term=\"http://dspace.org/state/inreview\" "
                        + "scheme=\"http://purl.org/net/sword/terms/state\"/>\n<entry>");
        serve(twoStates.getBytes(StandardCharsets.UTF_8));
        RepositoryConfig config = seedConfig();

        CustodyReport c = processor(config).process(base + STATEMENT, config);

        assertThat(c.status()).isEqualTo(DepositStatus.REJECTED);
        assertThat(c.state()).isEqualTo("http://dspace.org/state/withdrawn");
    }

    @Test
    void the_splash_page_and_handle_of_the_statement_become_access_url_and_external_id() throws Exception {
        String withSplash = new String(SwordFixtures.corpusStatement("archived.xml"), StandardCharsets.UTF_8)
                .replace("<entry>", "<link rel=\"alternate\" href=\"https://jscholarship.library.jhu.edu/handle/1774.2/62963\"/>\n<entry>");
        serve(withSplash.getBytes(StandardCharsets.UTF_8));
        RepositoryConfig config = seedConfig();

        CustodyReport c = processor(config).process(base + STATEMENT, config);

        assertThat(c.status()).isEqualTo(DepositStatus.ACCEPTED);
        assertThat(c.accessUrl()).isEqualTo("https://jscholarship.library.jhu.edu/handle/1774.2/62963");
        assertThat(c.externalIds()).containsExactly("hdl:1774.2/62963");
    }

    @Test
    void an_OAI_ORE_statement_is_read_too() throws Exception {
        String rdf = """
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                         xmlns:ore="http://www.openarchives.org/ore/terms/"
                         xmlns:sword="http://purl.org/net/sword/terms/">
                  <rdf:Description rdf:about="http://localhost/agg/3">
                    <ore:aggregates rdf:resource="http://localhost/part/3/example.zip"/>
                    <sword:state rdf:resource="http://dspace.org/state/withdrawn"/>
                  </rdf:Description>
                  <rdf:Description rdf:about="http://dspace.org/state/withdrawn">
                    <sword:stateDescription>The item has been withdrawn</sword:stateDescription>
                  </rdf:Description>
                </rdf:RDF>""";
        serve(rdf.getBytes(StandardCharsets.UTF_8));
        RepositoryConfig config = seedConfig();

        CustodyReport c = processor(config).process(base + STATEMENT, config);

        assertThat(c.status()).isEqualTo(DepositStatus.REJECTED);
        assertThat(c.state()).isEqualTo("http://dspace.org/state/withdrawn");
    }

    @Test
    void the_statement_is_read_with_the_realm_credentials_of_its_url() throws Exception {
        RepositoryConfig config = new SwordFixtures.Config(base)
                .realm(base + "/swordv2/statement/", "statement-reader", "s3cret").build();
        serve(SwordFixtures.corpusStatement("archived.xml"));

        processor(config).process(base + STATEMENT, config);

        String auth = server.findAll(getRequestedFor(urlEqualTo(STATEMENT))).get(0).getHeader("Authorization");
        assertThat(new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("statement-reader:s3cret");
    }

    @Test
    void a_redirected_statement_is_followed() throws Exception {
        server.stubFor(get(urlEqualTo("/old/statement.atom")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", base + STATEMENT)));
        serve(SwordFixtures.corpusStatement("withdrawn.xml"));
        RepositoryConfig config = seedConfig();

        assertThat(processor(config).process(base + "/old/statement.atom", config).status())
                .isEqualTo(DepositStatus.REJECTED);
    }

    @Test
    void statement_failures_tell_the_operator_what_happened() {
        RepositoryConfig config = seedConfig();
        DepositStatusProcessor p = processor(config);

        server.stubFor(get(urlEqualTo(STATEMENT)).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> p.process(base + STATEMENT, config))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("reading the SWORD statement")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("binding-user");

        server.stubFor(get(urlEqualTo(STATEMENT)).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> p.process(base + STATEMENT, config))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("HTTP 502");

        server.stubFor(get(urlEqualTo(STATEMENT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Login</body></html>")));
        assertThatThrownBy(() -> p.process(base + STATEMENT, config))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("not a SWORD statement");

        assertThatThrownBy(() -> p.process("urn:uuid:1234", config))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("'urn:uuid:1234' is not an http(s) URL");

        assertThatThrownBy(() -> p.process(null, config))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("no status reference");
    }
}
