package org.depositservices.packaging.bagit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reading profiles modelled on published ones, and refusing broken ones with the field named. */
class BagItProfileParserTest {
    private final BagItProfileParser parser = new BagItProfileParser();

    static BagItProfile resource(String name) throws IOException {
        try (InputStream in = BagItProfileParserTest.class.getResourceAsStream("/bagit/profile/" + name)) {
            assertThat(in).as("test resource bagit/profile/%s", name).isNotNull();
            return new BagItProfileParser().parse(in, name);
        }
    }

    @Test
    void consortialInterchangeProfileKeepsEveryFieldAndItsDefaults() throws IOException {
        BagItProfile p = resource("consortial-interchange.json");

        assertThat(p.identifier()).isEqualTo("https://profiles.example.org/bagit/consortial-interchange-v1.0.json");
        assertThat(p.info().specVersion()).isEqualTo("1.3.0");
        assertThat(p.info().version()).isEqualTo("1.0");
        assertThat(p.info().sourceOrganization()).isEqualTo("Example Preservation Consortium");
        assertThat(p.info().contactEmail()).isEqualTo("bagit-profiles@example.org");
        assertThat(p.bagInfo().keySet()).startsWith("Source-Organization", "Organization-Address").hasSize(14);
        assertThat(p.rule("source-organization").required()).isTrue();
        assertThat(p.rule("Payload-Oxum").repeatable()).isFalse();
        assertThat(p.rule("Contact-Email")).satisfies(r -> {
            assertThat(r.required()).isFalse();
            assertThat(r.repeatable()).isTrue();
            assertThat(r.values()).isEmpty();
        });
        assertThat(p.rule("Bag-Group-Identifier").description()).startsWith("Recommended when several bags");
        assertThat(p.manifestsRequired()).containsExactly("sha512");
        assertThat(p.manifestsAllowed()).containsExactly("sha256", "sha512");
        assertThat(p.tagManifestsRequired()).containsExactly("sha512");
        assertThat(p.allowFetch()).isFalse();
        assertThat(p.fetchRequired()).isFalse();
        assertThat(p.dataEmpty()).isFalse();
        assertThat(p.serialization()).isEqualTo(BagItProfile.Serialization.OPTIONAL);
        assertThat(p.acceptsSerialization(BagSerialization.ZIP)).isTrue();
        assertThat(p.acceptsSerialization(BagSerialization.TAR)).isTrue();
        assertThat(p.acceptsSerialization(BagSerialization.TAR_GZIP)).isTrue();
        assertThat(p.acceptsSerialization(BagSerialization.DIRECTORY)).isTrue();
        assertThat(p.acceptsVersion("1.0")).isTrue();
        assertThat(p.acceptsVersion("0.97")).isTrue();
        assertThat(p.acceptsVersion("0.96")).isFalse();
        assertThat(p.allowsTagFile("metadata/mods.xml")).isTrue();
    }

    @Test
    void strictProfileReadsValueListsQuotedBooleansAndVersion14Fields() throws IOException {
        BagItProfile p = resource("strict-repository.json");

        assertThat(p.info().specVersion()).isEqualTo("1.4.0");
        assertThat(p.info().contactName()).isNull();
        BagItProfile.TagRule org = p.rule("Source-Organization");
        assertThat(org.values()).containsExactly("Johns Hopkins University", "Example University");
        assertThat(org.allows("Johns Hopkins University")).isTrue();
        assertThat(org.allows("johns hopkins university")).as("values are exact").isFalse();
        assertThat(org.repeatable()).isFalse();
        // "Allow-Fetch.txt": "false" is written as a string in this profile, as the specification's ABNF quotes it.
        assertThat(p.allowFetch()).isFalse();
        assertThat(p.serialization()).isEqualTo(BagItProfile.Serialization.REQUIRED);
        assertThat(p.acceptsSerialization(BagSerialization.TAR_GZIP)).isTrue();
        assertThat(p.acceptsSerialization(BagSerialization.ZIP)).isFalse();
        assertThat(p.acceptsSerialization(BagSerialization.TAR)).isFalse();
        assertThat(p.acceptsSerialization(BagSerialization.DIRECTORY)).isFalse();
        assertThat(p.acceptsVersion("1.0")).isTrue();
        assertThat(p.acceptsVersion("0.97")).isFalse();
        assertThat(p.allowsManifest("SHA256")).isTrue();
        assertThat(p.allowsManifest("sha512")).isFalse();
        assertThat(p.allowsTagManifest("md5")).isTrue();
        assertThat(p.allowsTagFile("metadata/mods.xml")).isTrue();
        assertThat(p.allowsTagFile("metadata/mods.json")).isFalse();
        assertThat(p.allowsTagFile("aptrust-info.txt")).isFalse();
    }

    @Test
    void anAbsentProfileVersionMeansSpecification110AndForbiddenSerializationRefusesEveryArchive()
            throws IOException {
        BagItProfile p = resource("legacy-tdr.json");

        assertThat(p.info().specVersion()).isEqualTo("1.1.0");
        assertThat(p.serialization()).isEqualTo(BagItProfile.Serialization.FORBIDDEN);
        assertThat(p.acceptsSerialization(BagSerialization.DIRECTORY)).isTrue();
        assertThat(p.acceptsSerialization(BagSerialization.ZIP)).isFalse();
        assertThat(p.tagFilesRequired()).containsExactly("DPN/dpnFirstNode.txt", "DPN/dpnRegistry");
        assertThat(p.tagFilesAllowed()).containsExactly("*");
        assertThat(p.allowsTagFile("DPN/dpnRegistry")).as("'*' spans directories").isTrue();
    }

    @Test
    void theMinimalProfileGetsTheSpecificationsDefaults() {
        BagItProfile p = parser.parse("""
                {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:example:minimal"},
                 "Accept-BagIt-Version": ["1.0"]}
                """, "minimal");

        assertThat(p.allowFetch()).isTrue();
        assertThat(p.serialization()).isEqualTo(BagItProfile.Serialization.OPTIONAL);
        assertThat(p.acceptSerialization()).isEmpty();
        assertThat(p.acceptsSerialization(BagSerialization.ZIP)).as("optional with no list: any").isTrue();
        assertThat(p.bagInfo()).isEmpty();
        assertThat(p.allowsManifest("sha1")).isTrue();
        assertThat(p.allowsTagFile("anything/at/all.txt")).isTrue();
        assertThat(p.acceptsVersion("1.00")).as("the same version, written otherwise").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object             | []                                                                                   | <none>                                         | JSON object
            syntax error              | {"BagIt-Profile-Info": {                                                             | <none>                                         | not valid JSON
            no profile info           | {"Accept-BagIt-Version": ["1.0"]}                                                    | BagIt-Profile-Info                             | missing
            no identifier             | {"BagIt-Profile-Info": {"Version": "1"}, "Accept-BagIt-Version": ["1.0"]}            | BagIt-Profile-Info.BagIt-Profile-Identifier    | missing
            relative identifier       | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "profile.json"}, "Accept-BagIt-Version": ["1.0"]} | BagIt-Profile-Info.BagIt-Profile-Identifier | absolute URI
            info field not a string   | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x", "Version": 2}, "Accept-BagIt-Version": ["1.0"]} | BagIt-Profile-Info.Version | must be a string
            no versions               | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}}                        | Accept-BagIt-Version                           | missing
            empty versions            | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": []} | Accept-BagIt-Version                      | non-empty list
            number version            | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["0.97", 1.0]} | Accept-BagIt-Version[1]        | strings of the form M.N
            required not boolean      | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Bag-Info": {"Source-Organization": {"required": "yes"}}} | Bag-Info.Source-Organization.required | true or false
            values not a list         | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Bag-Info": {"Source-Organization": {"values": "JHU"}}} | Bag-Info.Source-Organization.values | must be a list
            tag rule not an object    | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Bag-Info": {"Contact-Name": true}} | Bag-Info.Contact-Name | must be an object
            label listed twice        | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Bag-Info": {"Contact-Name": {}, "contact-name": {}}} | Bag-Info.contact-name | listed twice
            unknown serialization     | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Serialization": "sometimes"} | Serialization | forbidden
            required with no types    | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Serialization": "required"} | Accept-Serialization | at least one MIME type
            allowed lacks required    | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Manifests-Required": ["md5"], "Manifests-Allowed": ["sha256"]} | Manifests-Allowed | lacks 'md5'
            tag allowed lacks required| {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Tag-Manifests-Required": ["sha1"], "Tag-Manifests-Allowed": ["sha256"]} | Tag-Manifests-Allowed | lacks 'sha1'
            bad algorithm name        | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Manifests-Required": ["manifest-md5.txt"]} | Manifests-Required[0] | manifest algorithm name
            blank list entry          | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Accept-Serialization": ["application/zip", ""]} | Accept-Serialization[1] | non-empty string
            required tag file refused | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Tag-Files-Required": ["DPN/x.txt"], "Tag-Files-Allowed": ["metadata/*"]} | Tag-Files-Required[0] | does not allow it
            fetch required, not allowed | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Allow-Fetch.txt": false, "Fetch.txt-Required": true} | Fetch.txt-Required | no bag could conform
            fetch flag not boolean    | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Allow-Fetch.txt": 0} | Allow-Fetch.txt | true or false
            duplicate key             | {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x"}, "Accept-BagIt-Version": ["1.0"], "Accept-BagIt-Version": ["0.97"]} | <none> | Accept-BagIt-Version
            """)
    void brokenProfilesAreRefusedNamingTheField(String what, String json, String field, String message) {
        assertThatThrownBy(() -> parser.parse(json, "test.json"))
                .as(what)
                .isInstanceOf(BagItProfileException.class)
                .hasMessageStartingWith("test.json: ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((BagItProfileException) e).field())
                        .isEqualTo(field.equals("<none>") ? null : field));
    }
}
