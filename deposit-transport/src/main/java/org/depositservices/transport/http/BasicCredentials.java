package org.depositservices.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic credentials and where they were configured, so a 401 message can name the user and the place to fix
 * them without showing the password. {@link #toString()} hides the password.
 *
 * @param password null is sent as empty
 * @param source   where they come from, for messages, e.g. "my-repo.transport-config.auth-realms entry https://..."
 */
public record BasicCredentials(String username, String password, String source) {

    /** The value of the {@code Authorization} header. */
    public String authorization() {
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + ", ***, " + source + "]";
    }
}
