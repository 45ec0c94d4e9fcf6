package org.depositservices.testkit;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * The shared test corpus (../shared/corpus): data and independent oracles gathered from public sources. A fresh
 * clone has none, so a test that asks for it while it is missing is skipped, not failed, and {@link CorpusSkipReport}
 * says how many at the end of the run. {@code -Dcorpus.required=true} (for CI) makes a missing corpus fail instead,
 * so a build that should have it cannot pass by skipping.
 */
public final class Corpus {
    /** The lookup that failed during the running test, if any (see {@link SkipWhenMissing}). */
    private static final ThreadLocal<Missing> MISSED = new ThreadLocal<>();

    private Corpus() {
    }

    /** The corpus directory: the system property {@code corpus.dir} set by surefire, else relative to the module. */
    public static Path dir() {
        String property = System.getProperty("corpus.dir");
        Path dir = property != null && !property.isBlank() ? Path.of(property) : Path.of("../../shared/corpus");
        if (!Files.isDirectory(dir)) {
            Path where = dir.toAbsolutePath().normalize();
            if (Boolean.getBoolean("corpus.required")) {
                throw new IllegalStateException("test corpus not found at " + where
                        + " (corpus.required is set); set -Dcorpus.dir=/path/to/corpus");
            }
            Missing missing = new Missing(where);
            MISSED.set(missing);
            throw missing;
        }
        return dir;
    }

    public static Path resolve(String relative) {
        return dir().resolve(relative);
    }

    /** Why a test was skipped: the corpus it needs is not where it was looked for. */
    public static final class Missing extends TestAbortedException {
        private static final long serialVersionUID = 1L;

        final transient Path where;

        Missing(Path where) {
            super("no test corpus at " + where + "; run with -Dcorpus.dir=/path/to/corpus to include this test");
            this.where = where;
        }
    }

    /**
     * Ends a test that asked for the missing corpus as skipped whatever it made of the refusal: a lookup inside
     * {@code assertThatThrownBy}, or under a catch that wraps every RuntimeException, would otherwise turn the skip
     * into a failure (or a pass). Registered for every test through META-INF/services and junit-platform.properties;
     * with the corpus present it changes nothing.
     */
    public static final class SkipWhenMissing implements InvocationInterceptor {
        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                ExtensionContext extension) throws Throwable {
            skipIfMissed(invocation);
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
            skipIfMissed(invocation);
        }

        @Override
        public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
                ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
            return skipIfMissed(invocation);
        }

        @Override
        public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext context,
                ExtensionContext extension) throws Throwable {
            skipIfMissed(invocation);
        }

        private static <T> T skipIfMissed(Invocation<T> invocation) throws Throwable {
            MISSED.remove();
            T result = null;
            Throwable thrown = null;
            try {
                result = invocation.proceed();
            } catch (Throwable t) {
                thrown = t;
            }
            Missing missed = MISSED.get();
            MISSED.remove();
            if (missed != null) {
                throw missed;
            }
            if (thrown != null) {
                throw thrown;
            }
            return result;
        }
    }
}
