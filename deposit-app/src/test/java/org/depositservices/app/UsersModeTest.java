package org.depositservices.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depositservices.app.security.Passwords;
import org.depositservices.store.Database;
import org.depositservices.store.DatabaseSettings;
import org.depositservices.store.TestPostgres;
import org.depositservices.store.UserStore;
import org.depositservices.store.UserStore.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users mode end to end, as an operator types it: each command runs the mode (its own Spring context on the
 * database), and what it wrote is read back from the store; a password is what the encoder accepts.
 */
class UsersModeTest {
    @TempDir
    Path data;

    final DatabaseSettings db = TestPostgres.newDatabaseSettings();
    final PasswordEncoder encoder = Passwords.encoder();

    record Result(int exit, String out, String err) {
    }

    Result users(String stdin, boolean terminal, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--pass.deposit.data-dir=" + data);
        all.add("--pass.deposit.database.url=" + db.url());
        all.add("--pass.deposit.database.user=" + db.user());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = UsersModeRunner.run(all.toArray(String[]::new),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void addsChangesListsAndRemovesUsers() {
        Result add = users("alice's password\n", false, "add", "alice", "--roles", "submitter");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("added user 'alice' with roles submitter").doesNotContain("alice's password");
        // the first command on an empty store also made the admin, its password kept in the data directory
        assertThat(data.resolve("initial-admin-password")).exists();

        try (Database database = Database.start(db)) {
            UserStore store = new UserStore(database.dataSource(), Clock.systemUTC());
            UserStore.User alice = store.find("alice").orElseThrow();
            assertThat(alice.roles()).containsExactly(Role.SUBMITTER);
            assertThat(alice.passwordHash()).startsWith("{bcrypt}").doesNotContain("alice's password");
            assertThat(encoder.matches("alice's password", alice.passwordHash())).isTrue();

            Result dup = users("another password\n", false, "add", "alice", "--roles=viewer");
            assertThat(dup.exit()).isEqualTo(1);
            assertThat(dup.err()).contains("'alice' already exists");
            assertThat(store.find("alice").orElseThrow().roles()).containsExactly(Role.SUBMITTER);

            Result carol = users("", true, "add", "carol", "--roles", "depositor", "--collections", "col-1,col-2");
            assertThat(carol.exit()).as(carol.err()).isZero();
            Matcher shown = Pattern.compile("password of 'carol' \\(shown only now\\): (\\S+)").matcher(carol.out());
            assertThat(shown.find()).as(carol.out()).isTrue();
            UserStore.User c = store.find("carol").orElseThrow();
            assertThat(encoder.matches(shown.group(1), c.passwordHash())).isTrue();
            assertThat(c.collections()).containsExactly("col-1", "col-2");

            Result passwd = users("alice's new password\n", false, "passwd", "alice");
            assertThat(passwd.exit()).as(passwd.err()).isZero();
            String hash = store.find("alice").orElseThrow().passwordHash();
            assertThat(encoder.matches("alice's new password", hash)).isTrue();
            assertThat(encoder.matches("alice's password", hash)).isFalse();

            Result roles = users("", false, "roles", "alice", "submitter,viewer");
            assertThat(roles.exit()).as(roles.err()).isZero();
            assertThat(store.find("alice").orElseThrow().roles()).containsExactlyInAnyOrder(Role.SUBMITTER,
                    Role.VIEWER);

            Result list = users("", false, "list");
            assertThat(list.exit()).isZero();
            assertThat(list.out()).containsPattern("(?m)^admin +admin ").containsPattern("(?m)^alice +submitter,viewer ")
                    .containsPattern("(?m)^carol +depositor .*col-1,col-2$");

            Result lastAdmin = users("", false, "remove", "admin");
            assertThat(lastAdmin.exit()).isEqualTo(1);
            assertThat(lastAdmin.err()).contains("last user with the admin role");
            Result demote = users("", false, "roles", "admin", "viewer");
            assertThat(demote.exit()).isEqualTo(1);
            assertThat(store.find("admin").orElseThrow().roles()).containsExactly(Role.ADMIN);

            Result ghost = users("", false, "remove", "ghost");
            assertThat(ghost.exit()).isEqualTo(1);
            assertThat(ghost.err()).contains("no user named 'ghost'");

            Result removed = users("", false, "remove", "alice");
            assertThat(removed.exit()).as(removed.err()).isZero();
            assertThat(store.find("alice")).isEmpty();

            // once the admin's password is changed, the first start's file no longer holds it and goes away
            Result adminPasswd = users("the admin's own choice\n", false, "passwd", "admin");
            assertThat(adminPasswd.exit()).as(adminPasswd.err()).isZero();
            assertThat(data.resolve("initial-admin-password")).doesNotExist();
            assertThat(encoder.matches("the admin's own choice", store.find("admin").orElseThrow().passwordHash()))
                    .isTrue();
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsOpened() throws Exception {
        Result role = users("pw-pw-pw-pw\n", false, "add", "bob", "--roles", "submitter,wizard");
        assertThat(role.exit()).isEqualTo(2);
        assertThat(role.err()).contains("unknown role 'wizard'").contains("admin, submitter, depositor, viewer");

        assertThat(users("", false, "add", "bob").err()).contains("needs --roles");
        assertThat(users("", false, "frobnicate").exit()).isEqualTo(2);
        assertThat(users("", false, "add", "bad:name", "--roles", "viewer").err()).contains("not a usable user name");
        assertThat(users("", false, "add", "bob", "--roles", "viewer", "--collections", "c1").err())
                .contains("depositor");
        Result shortPw = users("short\n", false, "add", "bob", "--roles", "viewer");
        assertThat(shortPw.exit()).isEqualTo(2);
        assertThat(shortPw.err()).contains("shorter than 8");
        Result noPw = users("", false, "passwd", "bob");
        assertThat(noPw.exit()).isEqualTo(2);
        assertThat(noPw.err()).contains("standard input");
        // none of these opened the store: the data directory is as it was
        try (var files = Files.list(data)) {
            assertThat(files).isEmpty();
        }
    }
}
