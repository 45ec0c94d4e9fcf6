package org.depositservices.transport.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.depositservices.model.DepositStatus;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.config.ConfigurationException;
import org.depositservices.transport.config.Repositories;
import org.depositservices.transport.filesystem.FilesystemTransport;
import org.junit.jupiter.api.Test;

/** deposit-config.custody names a discovered custody method; it is checked at start-up with the rest. */
class CustodyRegistryTest {

    /** A method that says ACCEPTED for everything, and wants a {@code mailbox}. */
    static final class Always implements CustodyProvider {
        @Override
        public String method() {
            return "always";
        }

        @Override
        public List<String> validate(RepositoryConfig config) {
            return config.custody().containsKey("mailbox") ? List.of()
                    : List.of(config.key() + ".deposit-config.custody.mailbox: missing");
        }

        @Override
        public DepositStatusProcessor create(IntegrationEnvironment environment) {
            return (ref, config) -> new DepositStatusProcessor.CustodyReport(DepositStatus.ACCEPTED, "yes", null,
                    List.of());
        }
    }

    final CustodyRegistry registry = new CustodyRegistry(List.of(new Always()), IntegrationEnvironment.defaults());

    private Repositories parse(String json) {
        return Repositories.parse("test.json", json, k -> null,
                new org.depositservices.transport.TransportRegistry(List.of(new FilesystemTransport())), s -> true,
                registry);
    }

    @Test
    void aRepositoryNamingAMethodGetsItsProcessorOthersTheirTransports() throws Exception {
        Repositories r = parse("""
                {"mailed": {"deposit-config": {"custody": {"method": "ALWAYS", "mailbox": "INBOX"}},
                            "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/m"}}},
                 "plain": {"transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/p"}}}}""");
        RepositoryConfig mailed = r.find("mailed").orElseThrow();
        assertThat(mailed.custodyMethod()).isEqualTo("ALWAYS");
        assertThat(registry.processor(mailed)).isPresent();
        assertThat(registry.processor(mailed).orElseThrow().process("ref", mailed).status())
                .isEqualTo(DepositStatus.ACCEPTED);
        assertThat(registry.processor(r.find("plain").orElseThrow())).isEmpty();
    }

    @Test
    void anUnknownOrMissingMethodAndTheMethodsOwnProblemsStopStartUp() {
        assertThatThrownBy(() -> parse("""
                {"a": {"deposit-config": {"custody": {"method": "pigeon"}},
                       "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/a"}}},
                 "b": {"deposit-config": {"custody": {"mailbox": "INBOX"}},
                       "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/b"}}},
                 "c": {"deposit-config": {"custody": {"method": "always"}},
                       "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/c"}}},
                 "d": {"deposit-config": {"custody": "always"},
                       "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/d"}}}}"""))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactlyInAnyOrder(
                        "a.deposit-config.custody.method: unknown custody method 'pigeon' (one of always)",
                        "b.deposit-config.custody.method: missing (one of always)",
                        "c.deposit-config.custody.mailbox: missing",
                        "d.deposit-config.custody: must be an object"));
        assertThat(CustodyRegistry.none().problems(new RepositoryConfig("x", null, null, null, null, null, null, null,
                Map.of("method", "always")))).containsExactly(
                "x.deposit-config.custody.method: unknown custody method 'always' (none is installed)");
    }

    @Test
    void twoProvidersForOneMethodAreRefused() {
        assertThatThrownBy(() -> new CustodyRegistry(List.of(new Always(), new Always()),
                IntegrationEnvironment.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'always' is served by both");
    }
}
