package org.depositservices.transport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.Transport;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.filesystem.FilesystemTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesTest {
    static final Set<String> SPECS = Set.of("simple", "bagit", "http://purl.org/net/sword/package/METSDSpaceSIP");

    static Repositories parse(String json, Map<String, String> env) {
        return Repositories.parse("test.json", json, env::get, List.of(new FilesystemTransport()), SPECS::contains);
    }

    static final String SEED_STYLE = """
            {
              "my-repo": {
                "deposit-config": {
                  "processing": {"beanName": "x.DefaultDepositStatusProcessor"},
                  "mapping": {"http://dspace.org/state/archived": "accepted",
                              "http://dspace.org/state/withdrawn": "rejected",
                              "default-mapping": "submitted"}
                },
                "assembler": {"specification": "http://purl.org/net/sword/package/METSDSpaceSIP",
                              "options": {"archive": "zip", "algorithms": ["md5", "sha512"]}},
                "transport-config": {
                  "auth-realms": [
                    {"mech": "basic", "username": "u1", "password": "secret-one", "url": "https://repo.example/"},
                    {"mech": "basic", "username": "u2", "password": "secret-two", "url": "https://repo.example/swordv2"}
                  ],
                  "protocol-binding": {"protocol": "filesystem", "baseDir": "${base.dir}/${sub:deposits}",
                                       "createIfMissing": true}
                }
              },
              "/repositories/77/cc/80/64/77cc8064-a918-4823-968d-2b17386db76d": {
                "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/x"}}
              }
            }""";

    @Test
    void readsPassShapeAndResolvesPlaceholders() {
        Repositories r = parse(SEED_STYLE, Map.of("base.dir", "/srv/ds"));
        RepositoryConfig c = r.find("my-repo").orElseThrow();
        assertThat(c.binding("baseDir", null)).isEqualTo("/srv/ds/deposits");
        assertThat(c.binding("createIfMissing", null)).isEqualTo("true");
        assertThat(c.spec()).isEqualTo("http://purl.org/net/sword/package/METSDSpaceSIP");
        assertThat(c.assemblerOptions()).containsEntry("archive", "zip");
        assertThat(c.statusMapping()).containsEntry("http://dspace.org/state/archived", "accepted");
        assertThat(c.processing()).containsEntry("beanName", "x.DefaultDepositStatusProcessor");
        assertThat(c.realmFor("https://repo.example/swordv2/collection/1")).hasValueSatisfying(
                realm -> assertThat(realm.username()).isEqualTo("u2"));
        assertThat(c.realmFor("https://repo.example/other")).hasValueSatisfying(
                realm -> assertThat(realm.username()).isEqualTo("u1"));
        assertThat(c.realmFor("https://elsewhere/")).isEmpty();
    }

    @Test
    void findsARepositoryByKeyFullUriUriPathOrId() {
        Repositories r = parse(SEED_STYLE, Map.of("base.dir", "/b"));
        String key = "/repositories/77/cc/80/64/77cc8064-a918-4823-968d-2b17386db76d";
        assertThat(r.find(key)).isPresent();
        assertThat(r.find("https://pass.my.edu/fcrepo/rest" + key).map(RepositoryConfig::key)).hasValue(key);
        assertThat(r.find("my-repo").map(RepositoryConfig::key)).hasValue("my-repo");
        assertThat(r.find("https://pass.my.edu/fcrepo/rest/repositories/my-repo").map(RepositoryConfig::key))
                .hasValue("my-repo");
        assertThat(r.find("nope")).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsJsonPathAndNoSecret() {
        String bad = """
                {"a": {"transport-config": {"protocol-binding": {"protocol": "gopher", "password": "hunter2"}}},
                 "b": {"assembler": {"specification": "tarball"},
                       "deposit-config": {"mapping": {"x": "maybe"}},
                       "transport-config": {"protocol-binding": {"protocol": "filesystem", "overwrite": "yes"}}},
                 "c": {"transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "${missing.var}"}}},
                 "d": {"transport-config": {}}}""";
        assertThatThrownBy(() -> parse(bad, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> {
                    List<String> p = ((ConfigurationException) e).problems();
                    assertThat(p).anyMatch(s -> s.startsWith("a.transport-config.protocol-binding.protocol: unknown protocol 'gopher'"));
                    assertThat(p).anyMatch(s -> s.startsWith("b.assembler.specification: unknown package specification 'tarball'"));
                    assertThat(p).contains(
                            "b.deposit-config.mapping.x: \"maybe\" is not accepted, rejected or submitted");
                    assertThat(p).anyMatch(s -> s.startsWith("b.transport-config.protocol-binding.overwrite: 'yes'"));
                    assertThat(p).anyMatch(s -> s.startsWith("b.transport-config.protocol-binding.baseDir: missing"));
                    assertThat(p).anyMatch(s -> s.startsWith("c.transport-config.protocol-binding.baseDir: no value for ${missing.var}"));
                    assertThat(p).anyMatch(s -> s.startsWith("d.transport-config.protocol-binding: missing"));
                })
                .message().doesNotContain("hunter2");
    }

    /** A transport that builds its item from the files (a REST repository): spec {@code none}. */
    static final class FilesOnly implements Transport {
        @Override
        public String protocol() {
            return "files-only";
        }

        @Override
        public boolean sendsPackage() {
            return false;
        }

        @Override
        public List<String> validate(RepositoryConfig config) {
            return List.of();
        }

        @Override
        public TransportSession open(RepositoryConfig config) {
            throw new UnsupportedOperationException("not opened in this test");
        }
    }

    @Test
    void specNoneIsForTransportsThatTakeFilesAndOnlyForThem() {
        List<Transport> transports = List.of(new FilesystemTransport(), new FilesOnly());
        Repositories ok = Repositories.parse("test.json", """
                {"rest": {"transport-config": {"protocol-binding": {"protocol": "files-only"}}},
                 "rest2": {"assembler": {"specification": "NONE"},
                           "transport-config": {"protocol-binding": {"protocol": "files-only"}}}}""",
                k -> null, transports, SPECS::contains);
        assertThat(ok.all()).hasSize(2);
        assertThat(new FilesOnly().defaultSpec()).isEqualTo("none");
        assertThat(new FilesystemTransport().defaultSpec()).isEqualTo("simple");

        String bad = """
                {"a": {"assembler": {"specification": "none"},
                       "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/x"}}},
                 "b": {"assembler": {"specification": "bagit"},
                       "transport-config": {"protocol-binding": {"protocol": "files-only"}}}}""";
        assertThatThrownBy(() -> Repositories.parse("test.json", bad, k -> null, transports, SPECS::contains))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
                        "a.assembler.specification: 'none' sends no package, but protocol filesystem delivers one;"
                                + " name a package specification",
                        "b.assembler.specification: protocol files-only builds its item from the submission's files"
                                + " and metadata, so the specification must be 'none' or absent"));
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"a\": {", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
    }

    @Test
    void loadsFromAFileOrTheClasspathAndSaysWhenItCannot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("repos.json");
        Files.writeString(f, "{\"local\": {\"transport-config\": {\"protocol-binding\": "
                + "{\"protocol\": \"filesystem\", \"baseDir\": \"/tmp/r\"}}}}");
        for (String location : List.of(f.toString(), "file:" + f, f.toUri().toString())) {
            assertThat(Repositories.load(location, k -> null, List.of(new FilesystemTransport()), SPECS::contains)
                    .find("local")).as(location).isPresent();
        }
        assertThatThrownBy(() -> Repositories.load("classpath:/nope.json", k -> null,
                List.of(new FilesystemTransport()), SPECS::contains))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope.json");
    }

    @Test
    void configToStringHidesPasswords() {
        RepositoryConfig c = parse(SEED_STYLE, Map.of("base.dir", "/b")).find("my-repo").orElseThrow();
        assertThat(c.toString()).doesNotContain("secret");
        assertThat(c.authRealms().toString()).doesNotContain("secret");
    }
}
