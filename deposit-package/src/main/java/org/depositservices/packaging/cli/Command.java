package org.depositservices.packaging.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of the command line, plain Java so it runs with or without the application around it (deposit-app maps
 * its modes onto these). Lifecycle: construct with its collaborators, {@link #run} once or more; it never calls
 * {@code System.exit}.
 */
public interface Command {
    /** Success. */
    int OK = 0;
    /** The command ran and its answer is "no" (an invalid bag, a submission that cannot be packaged). */
    int FAILED = 1;
    /** The command could not run: bad arguments, unreadable input. */
    int USAGE = 2;

    /** The name it is invoked by, e.g. {@code validate-bag}. */
    String name();

    /**
     * @param out results, for people and scripts
     * @param err what went wrong, and usage
     * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
