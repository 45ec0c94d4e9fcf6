package org.depositservices.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;
import org.depositservices.store.UserStore.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user store and submission owners against a real PostgreSQL. */
class UserStoreTest {
    private Database db;
    private UserStore users;
    private StateStore store;

    @BeforeEach
    void start() {
        db = TestPostgres.newDatabase();
        users = new UserStore(db.dataSource(), Clock.systemUTC());
        store = new StateStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void createsFindsAndRefusesADuplicate() {
        UserStore.User u = users.create("alice", "{bcrypt}hash-1", Set.of(Role.DEPOSITOR, Role.VIEWER),
                List.of("col-a", "col-b"));
        assertThat(u.roles()).containsExactlyInAnyOrder(Role.DEPOSITOR, Role.VIEWER);
        assertThat(users.find("alice")).hasValueSatisfying(f -> {
            assertThat(f.passwordHash()).isEqualTo("{bcrypt}hash-1");
            assertThat(f.collections()).containsExactly("col-a", "col-b");
            assertThat(f.createdAt()).isNotNull();
        });
        assertThatThrownBy(() -> users.create("alice", "x", Set.of(Role.ADMIN), List.of()))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("'alice' already exists");
        assertThat(users.find("alice").orElseThrow().roles()).doesNotContain(Role.ADMIN);
        assertThat(users.list()).extracting(UserStore.User::name).containsExactly("alice");
    }

    @Test
    void theDatabaseRefusesARoleItDoesNotKnow() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO users (name, password_hash, roles, created_at,"
                    + " updated_at) VALUES ('eve', 'x', ARRAY['root'], now(), now())"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
        }
        assertThatThrownBy(() -> Role.of("root")).hasMessageContaining("unknown role 'root'");
        assertThat(Role.of(" Viewer ")).isEqualTo(Role.VIEWER);
    }

    @Test
    void theLastAdminCanBeNeitherRemovedNorDemoted() {
        users.create("root", "h", Set.of(Role.ADMIN), List.of());
        users.create("sub", "h", Set.of(Role.SUBMITTER), List.of());
        assertThatThrownBy(() -> users.remove("root")).isInstanceOf(UserStore.LastAdminException.class);
        assertThatThrownBy(() -> users.setRoles("root", Set.of(Role.VIEWER), List.of()))
                .isInstanceOf(UserStore.LastAdminException.class);
        assertThat(users.find("root").orElseThrow().roles()).containsExactly(Role.ADMIN);

        users.setRoles("sub", Set.of(Role.ADMIN, Role.SUBMITTER), List.of());
        users.setRoles("root", Set.of(Role.VIEWER), List.of());
        assertThat(users.find("root").orElseThrow().roles()).containsExactly(Role.VIEWER);
        users.remove("root");
        assertThat(users.find("root")).isEmpty();
        assertThatThrownBy(() -> users.remove("sub")).isInstanceOf(UserStore.LastAdminException.class);
    }

    @Test
    void unknownUsersAreNamed() {
        assertThatThrownBy(() -> users.remove("ghost")).isInstanceOf(UserStore.UnknownUserException.class)
                .hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> users.setPassword("ghost", "h")).isInstanceOf(UserStore.UnknownUserException.class);
        assertThatThrownBy(() -> users.setRoles("ghost", Set.of(Role.VIEWER), List.of()))
                .isInstanceOf(UserStore.UnknownUserException.class);
        assertThatThrownBy(() -> users.createToken("ghost", "t", "hash"))
                .isInstanceOf(UserStore.UnknownUserException.class);
    }

    @Test
    void theFirstUserIsCreatedOnceAndOnlyWhenItsSecretWasKept() {
        assertThatThrownBy(() -> users.createIfNoUsers("admin", "h1", Set.of(Role.ADMIN), () -> {
            throw new IllegalStateException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(users.list()).as("no admin whose password was never written down").isEmpty();

        AtomicBoolean kept = new AtomicBoolean();
        assertThat(users.createIfNoUsers("admin", "h2", Set.of(Role.ADMIN), () -> kept.set(true))).isTrue();
        assertThat(kept).isTrue();
        assertThat(users.createIfNoUsers("admin", "h3", Set.of(Role.ADMIN), () -> {
            throw new AssertionError("must not run when users exist");
        })).isFalse();
        assertThat(users.find("admin").orElseThrow().passwordHash()).isEqualTo("h2");
    }

    @Test
    void tokensAuthenticateUntilRevokedAndRecordTheirUse() {
        users.create("alice", "h", Set.of(Role.SUBMITTER), List.of());
        users.create("bob", "h", Set.of(Role.SUBMITTER), List.of());
        UserStore.ApiToken t = users.createToken("alice", "ci", "hash-of-token");
        assertThat(t.lastUsedAt()).isNull();
        assertThat(users.authenticateToken("hash-of-token")).map(UserStore.User::name).hasValue("alice");
        assertThat(users.tokensOf("alice")).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("ci");
            assertThat(x.lastUsedAt()).isNotNull();
        });
        assertThat(users.authenticateToken("another-hash")).isEmpty();

        assertThat(users.revokeToken("bob", t.id())).as("bob cannot revoke alice's token").isFalse();
        assertThat(users.authenticateToken("hash-of-token")).isPresent();
        assertThat(users.revokeToken("alice", t.id())).isTrue();
        assertThat(users.authenticateToken("hash-of-token")).isEmpty();
        assertThat(users.tokensOf("alice")).singleElement().satisfies(x -> assertThat(x.revoked()).isTrue());

        users.createToken("bob", "script", "bobs-hash");
        users.remove("bob");
        assertThat(users.authenticateToken("bobs-hash")).as("a removed user's tokens go with them").isEmpty();
    }

    @Test
    void aSubmissionKeepsItsOwnerAndListsFilterByIt() {
        Submission a = store.createSubmission(TestData.newSubmission(List.of("local"),
                List.of(TestData.file("a.pdf", FileRole.MANUSCRIPT, "aa/aa/1"))), "api:alice", "alice");
        Submission b = store.createSubmission(TestData.newSubmission(List.of("local"),
                List.of(TestData.file("b.pdf", FileRole.MANUSCRIPT, "bb/bb/2"))), "api:bob", "bob");
        Submission none = store.createSubmission(TestData.newSubmission(List.of("local"),
                List.of(TestData.file("c.pdf", FileRole.MANUSCRIPT, "cc/cc/3"))), "engine-test", null);
        assertThat(store.ownerOf(a.id())).hasValue("alice");
        assertThat(store.ownerOf(none.id())).isEmpty();
        assertThat(store.ownerOf("no-such-id")).isEmpty();

        Page<Submission> alices = store.listSubmissions(null, "alice", 0, 10);
        assertThat(alices.items()).extracting(Submission::id).containsExactly(a.id());
        assertThat(alices.total()).isEqualTo(1);
        assertThat(store.listSubmissions(a.status(), "bob", 0, 10).items()).extracting(Submission::id)
                .containsExactly(b.id());
        assertThat(store.listSubmissions(null, null, 0, 10).total()).isEqualTo(3);
    }
}
