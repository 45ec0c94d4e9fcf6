package org.depositservices.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.depositservices.model.FileRole;
import org.depositservices.model.Submission;

/**
 * A process that owns an embedded database, as {@code listen} does: starts it on the directory in args[0], stores
 * one submission, prints {@code READY <port> <submission id>} and waits to be killed.
 */
public final class EmbeddedDatabaseChild {
    public static void main(String[] args) throws Exception {
        Database db = Database.start(DatabaseSettings.embedded(Path.of(args[0])));
        Submission s = new StateStore(db.dataSource(), Clock.systemUTC()).createSubmission(TestData.newSubmission(
                List.of("local"), List.of(TestData.file("p.pdf", FileRole.MANUSCRIPT, null))), "child", null);
        int port = db.embedded().orElseThrow().port();
        System.out.println("READY " + port + " " + s.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
