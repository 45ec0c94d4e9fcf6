package org.depositservices.testkit;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says, once at the end of the module's run, how many tests were skipped for want of the corpus and how to include
 * them: surefire's summary counts skips without their reason, and leaves out a skipped test factory (its tests come
 * from the corpus, so how many there would be is unknown). Registered through META-INF/services.
 */
public final class CorpusSkipReport implements TestExecutionListener {
    private final AtomicInteger tests = new AtomicInteger();
    private final AtomicInteger factories = new AtomicInteger();
    private volatile Path where;

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable().orElse(null) instanceof Corpus.Missing missing) {
            (test.isTest() ? tests : factories).incrementAndGet();
            where = missing.where;
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        int n = tests.get();
        int f = factories.get();
        if (n + f > 0) {
            System.out.println(n + (n == 1 ? " test" : " tests")
                    + (f == 0 ? "" : " and " + f + (f == 1 ? " test factory" : " test factories"))
                    + " skipped: no test corpus at " + where + "; run with -Dcorpus.dir=/path/to/corpus to include them");
        }
    }
}
