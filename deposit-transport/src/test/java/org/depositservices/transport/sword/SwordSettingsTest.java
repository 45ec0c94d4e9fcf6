package org.depositservices.transport.sword;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.http.BasicCredentials;
import org.junit.jupiter.api.Test;

/** Startup validation: every problem names its JSON path in repositories.json and what is wrong. */
class SwordSettingsTest {

    private static final String BASE = "http://dspace.example.edu:8181";
    private static final String P = "JScholarship.transport-config.protocol-binding.";

    private static List<String> problems(SwordFixtures.Config c) {
        return new SwordTransport("ua").validate(c.build());
    }

    @Test
    void the_seed_002_configuration_with_its_placeholders_resolved_is_valid() {
        // PASS's example JScholarship entry, ${dspace.host}:${dspace.port} resolved to dspace.example.edu:8181.
        Map<String, String> binding = new java.util.LinkedHashMap<>();
        binding.put("protocol", "SWORDv2");
        binding.put("username", "dspace-admin@oapass.org");
        binding.put("password", "foobar");
        binding.put("server-fqdn", "dspace.example.edu");
        binding.put("server-port", "8181");
        binding.put("service-doc", BASE + "/swordv2/servicedocument");
        binding.put("default-collection", BASE + "/swordv2/collection/123456789/2");
        binding.put("on-behalf-of", null);
        binding.put("deposit-receipt", "true");
        binding.put("user-agent", "pass-deposit/x.y.z");
        RepositoryConfig config = new RepositoryConfig("JScholarship", null, "http://purl.org/net/sword/package/METSDSpaceSIP",
                Map.of(), binding, List.of(
                new RepositoryConfig.AuthRealm("basic", "user", "pass", "https://jscholarship.library.jhu.edu/"),
                new RepositoryConfig.AuthRealm("basic", "user", "pass", "https://dspace-prod.mse.jhu.edu:8080/"),
                new RepositoryConfig.AuthRealm("basic", "dspace-admin@oapass.org", "foobar", BASE + "/swordv2")),
                Map.of("http://dspace.org/state/archived", "accepted", "http://dspace.org/state/withdrawn", "rejected",
                        "default-mapping", "submitted"), Map.of());

        assertThat(new SwordTransport("ua").validate(config)).isEmpty();
    }

    @Test
    void missing_and_malformed_urls_are_named() {
        assertThat(problems(new SwordFixtures.Config(BASE).without("default-collection").bind("service-doc", "servicedocument")))
                .contains(P + "default-collection: missing",
                        P + "service-doc: \"servicedocument\" is not an http(s) URL");
        assertThat(problems(new SwordFixtures.Config(BASE).bind("default-collection", "ftp://x/y")))
                .containsExactly(P + "default-collection: \"ftp://x/y\" is not an http(s) URL");
    }

    @Test
    void ports_timeouts_and_flags_are_checked() {
        assertThat(problems(new SwordFixtures.Config(BASE).bind("server-port", "abc")))
                .containsExactly(P + "server-port: \"abc\" is not a port number (1-65535)");
        assertThat(problems(new SwordFixtures.Config(BASE).bind("server-port", "70000")))
                .containsExactly(P + "server-port: 70000 is not a port number (1-65535)");
        assertThat(problems(new SwordFixtures.Config(BASE).bind("connect-timeout-seconds", "0")
                .bind("deposit-timeout-seconds", "soon").bind("deposit-receipt", "yes")))
                .containsExactlyInAnyOrder(
                        P + "connect-timeout-seconds: 0 is not a number of seconds between 1 and 604800",
                        P + "deposit-timeout-seconds: \"soon\" is not a whole number of seconds",
                        P + "deposit-receipt: \"yes\" is not true or false");
        assertThat(problems(new SwordFixtures.Config(BASE).bind("service-doc-ttl-seconds", "0"))).isEmpty();
    }

    @Test
    void an_unresolved_placeholder_is_reported_as_such() {
        assertThat(problems(new SwordFixtures.Config(BASE).bind("server-port", "${dspace.port}")))
                .containsExactly(P + "server-port: \"${dspace.port}\" has an unresolved placeholder; set the property "
                        + "or environment variable it names");
    }

    @Test
    void collection_hints_are_flat_keys_with_urls() {
        assertThat(problems(new SwordFixtures.Config(BASE).bind("collection-hints.covid", BASE + "/swordv2/collection/1/7")))
                .isEmpty();
        assertThat(problems(new SwordFixtures.Config(BASE).bind("collection-hints.covid", "covid-collection")
                .bind("collection-hints", "{\"nobel\": \"x\"}")))
                .containsExactlyInAnyOrder(
                        P + "collection-hints.covid: \"covid-collection\" is not an http(s) URL",
                        P + "collection-hints: write one flat key per tag instead, e.g. \"collection-hints.covid\": "
                                + "\"<collection IRI>\"");
    }

    @Test
    void credentials_and_realms_are_checked_without_showing_passwords() {
        assertThat(problems(new SwordFixtures.Config(BASE).without("username").without("password")))
                .containsExactly(P + "username: no credentials for " + BASE + "/swordv2/servicedocument; set username "
                        + "and password, or add an auth-realms entry whose url is a prefix of it");
        assertThat(problems(new SwordFixtures.Config(BASE).without("username").without("password")
                .realm(BASE + "/swordv2", "u", "p"))).isEmpty();
        assertThat(problems(new SwordFixtures.Config(BASE).without("password")))
                .containsExactly(P + "password: missing, while username is set");

        SwordFixtures.Config c = new SwordFixtures.Config(BASE);
        c.realms.add(new RepositoryConfig.AuthRealm("digest", null, "hunter2", "dspace/"));
        assertThat(problems(c)).containsExactlyInAnyOrder(
                "JScholarship.transport-config.auth-realms[0].mech: \"digest\" is not supported by SWORDv2; use basic",
                "JScholarship.transport-config.auth-realms[0].url: \"dspace/\" is not an http(s) URL",
                "JScholarship.transport-config.auth-realms[0].username: missing");
        assertThat(String.join("\n", problems(c))).doesNotContain("hunter2");
    }

    @Test
    void the_protocol_is_checked_and_the_status_mapping_left_to_the_shared_check() {
        // deposit-config.mapping is checked once, for every protocol, by Repositories (RepositoriesTest)
        assertThat(problems(new SwordFixtures.Config(BASE).bind("protocol", "ftp").map("default-mapping", "maybe")))
                .containsExactly(P + "protocol: \"ftp\", expected SWORDv2");
    }

    @Test
    void settings_never_print_the_password() throws Exception {
        SwordSettings s = SwordSettings.of(new SwordFixtures.Config(BASE).build());
        assertThat(s.toString()).doesNotContain("binding-secret").contains("binding-user");
        assertThat(new BasicCredentials("u", "binding-secret", "x").toString()).doesNotContain("binding-secret");
    }

    @Test
    void defaults_apply_when_keys_are_absent() throws Exception {
        SwordSettings s = SwordSettings.of(new SwordFixtures.Config(BASE).without("deposit-receipt").build());
        assertThat(s.depositReceipt()).isTrue();
        assertThat(s.connectTimeout()).hasSeconds(30);
        assertThat(s.readTimeout()).hasSeconds(60);
        assertThat(s.depositTimeout()).hasSeconds(3600);
        assertThat(s.serviceDocTtl()).hasSeconds(300);
    }
}
