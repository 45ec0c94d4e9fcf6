package org.depositservices.transport.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.depositservices.transport.RepositoryConfig;

/** What the FTP and SFTP transport tests share: a repository config from defaults plus overrides, a closed port. */
public final class RemoteTestConfig {
    private RemoteTestConfig() {
    }

    /**
     * A transport config of {@code defaults} changed by {@code overrides}, given as key, value pairs; a null value
     * removes the key.
     */
    public static RepositoryConfig config(String name, String spec, Map<String, String> defaults,
                                          String... overrides) {
        Map<String, String> b = new HashMap<>(defaults);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                b.remove(overrides[i]);
            } else {
                b.put(overrides[i], overrides[i + 1]);
            }
        }
        return new RepositoryConfig(name, null, spec, null, b, null, null, null);
    }

    /** A local port nothing listens on (it was free a moment ago and is closed again). */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
