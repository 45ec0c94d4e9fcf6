package org.depositservices.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a deposit again after a transient failure: exponential backoff with jitter, capped, and a limit on
 * attempts after which the deposit FAILS.
 *
 * @param initialDelay delay after the first failed attempt (before jitter)
 * @param multiplier   growth of the delay per further attempt
 * @param maxDelay     the delay never exceeds this
 * @param maxAttempts  attempts in all (the first included); after the last one fails the deposit is FAILED
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts) {

    public RetryPolicy {
        if (multiplier < 1) {
            throw new IllegalArgumentException("retry multiplier must be ≥ 1, not " + multiplier);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry max attempts must be ≥ 1, not " + maxAttempts);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(10), 8);
    }

    /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * The wait after failed attempt {@code attempt}: "equal jitter" — half the backoff fixed, half random — so that
     * many deposits failing together do not all come back at once, yet none comes back too soon.
     */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(base, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
