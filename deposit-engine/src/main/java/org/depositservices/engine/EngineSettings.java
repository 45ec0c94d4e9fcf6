package org.depositservices.engine;

import java.time.Duration;

/**
 * How the engine runs (README.md lists the environment variables behind each).
 *
 * @param workers             deposit worker threads (PASS_DEPOSIT_WORKERS_CONCURRENCY)
 * @param listenerConcurrency consumers per queue (SPRING_JMS_LISTENER_CONCURRENCY)
 * @param submissionQueue     PASS_DEPOSIT_QUEUE_SUBMISSION_NAME
 * @param depositQueue        PASS_DEPOSIT_QUEUE_DEPOSIT_NAME
 * @param retry               backoff for transient failures
 * @param attemptLease        how long an attempt in flight holds its deposit; after that a crashed attempt is
 *                            taken over (and the transport checks whether it had arrived)
 * @param schedulerInterval   how often due deposits and the outbox are looked at
 * @param custodyInterval     how often SUBMITTED deposits are asked about custody (PASS_DEPOSIT_JOBS_DEFAULT_INTERVAL_MS)
 * @param jobsEnabled         false turns the custody job off (PASS_DEPOSIT_JOBS_DISABLED=true)
 */
public record EngineSettings(int workers, int listenerConcurrency, String submissionQueue, String depositQueue,
                             RetryPolicy retry, Duration attemptLease, Duration schedulerInterval,
                             Duration custodyInterval, boolean jobsEnabled) {

    public static EngineSettings defaults() {
        return new EngineSettings(4, 4, "submission", "deposit", RetryPolicy.defaults(), Duration.ofMinutes(10),
                Duration.ofMillis(500), Duration.ofMinutes(10), true);
    }

    public EngineSettings withRetry(RetryPolicy policy) {
        return new EngineSettings(workers, listenerConcurrency, submissionQueue, depositQueue, policy, attemptLease,
                schedulerInterval, custodyInterval, jobsEnabled);
    }
}
