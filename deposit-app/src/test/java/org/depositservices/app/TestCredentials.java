package org.depositservices.app;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The admin that tests' services start with (PASS_DEPOSIT_ADMIN_PASSWORD), and HTTP Basic headers. */
public final class TestCredentials {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private TestCredentials() {
    }

    /** Makes the service under test create {@link #ADMIN} with {@link #ADMIN_PASSWORD} on its empty store. */
    public static void register(DynamicPropertyRegistry r) {
        r.add("pass.deposit.admin-password", () -> ADMIN_PASSWORD);
    }

    public static HttpRequest.Builder asAdmin(HttpRequest.Builder b) {
        return b.header("Authorization", basic(ADMIN, ADMIN_PASSWORD));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
