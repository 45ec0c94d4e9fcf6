package org.depositservices.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.depositservices.transport.filesystem.FilesystemTransport;
import org.junit.jupiter.api.Test;

class TransportRegistryTest {

    @Test
    void discoversEveryTransportNamedInMetaInfServices() {
        TransportRegistry registry = TransportRegistry.discover(IntegrationEnvironment.defaults());
        assertThat(registry.protocols()).containsExactlyInAnyOrder("filesystem", "SWORDv2", "ftp", "ftps", "sftp");
        assertThat(registry.find("FTPS")).get().extracting(Transport::protocol).isEqualTo("ftps");
        assertThat(registry.find("swordv2")).isPresent();
        assertThat(registry.find("gopher")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void twoTransportsForOneProtocolAreRefusedNamingBoth() {
        assertThatThrownBy(() -> new TransportRegistry(List.of(new FilesystemTransport(), new FilesystemTransport())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("protocol 'filesystem' is served by both")
                .hasMessageContaining(FilesystemTransport.class.getName());
    }

    @Test
    void theEnvironmentFillsWhatIsLeftOpen() {
        IntegrationEnvironment env = new IntegrationEnvironment(Clock.systemUTC(), Path.of("/tmp"), " ", null);
        assertThat(env.userAgent()).isEqualTo(IntegrationEnvironment.DEFAULT_USER_AGENT);
        assertThat(env.http().newBuilder().build()).isNotNull();
        assertThatThrownBy(() -> new IntegrationEnvironment(null, Path.of("/tmp"), null, null))
                .hasMessageContaining("clock");
    }
}
