package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void splitsCredentialsOutOfAJdbcUrlKeepingTheOtherParameters() {
        JdbcUrls.Parts p = JdbcUrls.split("jdbc:postgresql://db:5432/deposit?user=ds&password=s%40cret&ssl=true");
        assertThat(p.url()).isEqualTo("jdbc:postgresql://db:5432/deposit?ssl=true");
        assertThat(p.user()).isEqualTo("ds");
        assertThat(p.password()).isEqualTo("s@cret");
        assertThat(JdbcUrls.split("jdbc:postgresql://db/deposit?password=x").url())
                .isEqualTo("jdbc:postgresql://db/deposit");
    }

    @Test
    void masksPasswordsInUserInfoAndParameters() {
        assertThat(JdbcUrls.mask("tcp://broker:p4ss@mq:61616?x=1")).isEqualTo("tcp://broker:****@mq:61616?x=1");
        assertThat(JdbcUrls.mask("jdbc:postgresql://db/d?user=u&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/d?user=u&password=****&ssl=true");
        assertThat(JdbcUrls.mask("jdbc:postgresql://db/d?PASSWORD=hunter2")).doesNotContain("hunter2");
        assertThat(new DatabaseSettings("jdbc:postgresql://db/d?user=u&password=hunter2", null, null, null, 0, 1)
                .toString()).isEqualTo("PostgreSQL at jdbc:postgresql://db/d as u");
    }

    @Test
    void aPasswordGivenInTheDatabaseUrlAppearsInNoLogLineAndNoDescription() {
        DatabaseSettings plain = TestPostgres.newDatabaseSettings();
        String secret = "Sekr1t-" + System.nanoTime();
        DatabaseSettings withPassword = new DatabaseSettings(plain.url().replace("?user=", "?password=" + secret
                + "&user="), null, null, null, 0, 2);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        String description;
        try (Database db = Database.start(withPassword)) {
            assertThat(db.isHealthy()).isTrue();
            description = db.description();
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).as("what the start logged").contains("postgresql").doesNotContain(secret);
        assertThat(description).doesNotContain(secret);
        assertThat(withPassword.toString()).doesNotContain(secret);
    }
}
