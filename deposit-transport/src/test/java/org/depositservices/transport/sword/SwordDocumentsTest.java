package org.depositservices.transport.sword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SWORD documents and header values, read and written without a server. */
class SwordDocumentsTest {

    private static org.w3c.dom.Document parse(String xml) throws Exception {
        return SwordXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void external_entities_are_refused_and_never_read(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE entry [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>&x;</id></entry>";

        assertThatThrownBy(() -> parse(xxe))
                .isInstanceOf(SwordXml.MalformedException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void entity_expansion_bombs_are_refused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\">&lol2;</feed>";
        assertThatThrownBy(() -> parse(bomb)).isInstanceOf(SwordXml.MalformedException.class);
    }

    @Test
    void the_service_document_lists_collections_with_their_packaging() throws Exception {
        ServiceDocument sd = ServiceDocument.from(parse(SwordFixtures.serviceDocument("http://h", 16777216L)),
                URI.create("http://h/swordv2/servicedocument"));

        assertThat(sd.maxUploadSizeKb()).hasValue(16777216L);
        assertThat(sd.collections()).extracting(ServiceDocument.Collection::href).containsExactly(
                "http://h/swordv2/collection/123456789/2", "http://h/swordv2/collection/123456789/7",
                "http://h/swordv2/collection/123456789/9");
        ServiceDocument.Collection c = sd.collection("http://h/swordv2/collection/123456789/2/").orElseThrow();
        assertThat(c.title()).isEqualTo("Faculty Publications");
        assertThat(c.mediation()).isTrue();
        assertThat(c.accepts(SwordHeaders.METS_DSPACE_SIP)).isTrue();
        assertThat(c.accepts(SwordHeaders.BAGIT)).isFalse();
    }

    @Test
    void short_packaging_names_of_early_servers_match_the_iri() {
        var c = new ServiceDocument.Collection("http://h/c", null, java.util.List.of("METSDSpaceSIP"), false);
        assertThat(c.accepts(SwordHeaders.METS_DSPACE_SIP)).isTrue();
        assertThat(c.accepts(SwordHeaders.SIMPLE_ZIP)).isFalse();
    }

    @Test
    void the_receipt_prefers_the_atom_statement_whatever_the_spacing_of_its_type() throws Exception {
        DepositReceipt r = DepositReceipt.from(parse(SwordFixtures.receipt("http://h")), URI.create("http://h/c"), null);

        assertThat(r.statementIri()).hasValue("http://h/swordv2/statement/e2881568-2b84-451a-8a98-24900107a34a.atom");
        assertThat(r.editIri()).isEqualTo("http://h/swordv2/edit/e2881568-2b84-451a-8a98-24900107a34a");
        assertThat(r.alternate()).isEqualTo("http://h/handle/123456789/3");
        assertThat(r.treatment()).startsWith("The package has been ingested");
    }

    @Test
    void a_receipt_with_only_an_rdf_statement_and_relative_links_still_names_it() throws Exception {
        String xml = "<entry xmlns=\"http://www.w3.org/2005/Atom\"><link rel=\"edit\" href=\"edit/1\"/>"
                + "<link rel=\"http://purl.org/net/sword/terms/statement\" type=\"application/rdf+xml\" href=\"st/1.rdf\"/></entry>";
        DepositReceipt r = DepositReceipt.from(parse(xml), URI.create("http://h/swordv2/collection/2"), "http://h/loc");

        assertThat(r.statementIri()).hasValue("http://h/swordv2/collection/st/1.rdf");
        assertThat(r.editIri()).isEqualTo("http://h/swordv2/collection/edit/1");
    }

    @Test
    void error_documents_of_both_sword_namespaces_are_read() {
        String terms = SwordFixtures.error("http://purl.org/net/sword/error/ErrorContent", "bad zip", "unzip failed");
        assertThat(SwordErrorDocument.parse(terms.getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(e -> {
            assertThat(e.shortName()).isEqualTo("ErrorContent");
            assertThat(e.summary()).isEqualTo("bad zip");
            assertThat(e.verboseDescription()).isEqualTo("unzip failed");
        });
        String legacy = terms.replace("http://purl.org/net/sword/terms/", "http://purl.org/net/sword/");
        assertThat(SwordErrorDocument.parse(legacy.getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(SwordErrorDocument.parse("<html/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(SwordErrorDocument.parse(new byte[0])).isEmpty();
    }

    @Test
    void packaging_short_names_map_to_sword_iris() {
        assertThat(SwordHeaders.packaging("dspace-mets")).isEqualTo("http://purl.org/net/sword/package/METSDSpaceSIP");
        assertThat(SwordHeaders.packaging("BagIt")).isEqualTo("http://purl.org/net/sword/package/BagIt");
        assertThat(SwordHeaders.packaging("simple")).isEqualTo("http://purl.org/net/sword/package/SimpleZip");
        assertThat(SwordHeaders.packaging("http://purl.org/net/sword/package/METSDSpaceSIP"))
                .isEqualTo("http://purl.org/net/sword/package/METSDSpaceSIP");
        assertThat(SwordHeaders.packaging("nihms-native-2017-07")).isEqualTo("nihms-native-2017-07");
    }

    @Test
    void content_disposition_and_slug_are_safe_header_values() {
        assertThat(SwordHeaders.contentDisposition("a \"b\".zip")).isEqualTo("attachment; filename=\"a \\\"b\\\".zip\"");
        assertThat(SwordHeaders.contentDisposition("x\r\ny.zip")).isEqualTo("attachment; filename=\"xy.zip\"");
        assertThat(SwordHeaders.contentDisposition("日本.zip"))
                .isEqualTo("attachment; filename=\"__.zip\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.zip");
        assertThat(SwordHeaders.slug("dep 42/ü%")).isEqualTo("dep%2042/%C3%BC%25");
    }

    @Test
    void handles_are_read_from_dspace_splash_and_handle_proxy_urls() {
        assertThat(SwordStatement.handleFrom("https://jscholarship.library.jhu.edu/handle/1774.2/62963"))
                .isEqualTo("hdl:1774.2/62963");
        assertThat(SwordStatement.handleFrom("http://localhost:8080/xmlui/handle/123456789/3?show=full"))
                .isEqualTo("hdl:123456789/3");
        assertThat(SwordStatement.handleFrom("https://hdl.handle.net/1774.2/62963")).isEqualTo("hdl:1774.2/62963");
        assertThat(SwordStatement.handleFrom("http://localhost:8080/swordv2/edit/3")).isNull();
    }
}
