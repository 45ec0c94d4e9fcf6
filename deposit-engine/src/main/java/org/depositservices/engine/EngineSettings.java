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
 * @param reconcileAfter      a submission still NOT_STARTED (or a deposit never attempted) this long after it was
 *                            created lost its message: the reconciliation sweep picks it up
 *                            (PASS_DEPOSIT_RECONCILE_AFTER_MS)
 * @param reconcileInterval   how often the sweep runs (PASS_DEPOSIT_RECONCILE_INTERVAL_MS)
 * @param nodeId              this node's id, the same at every start (PASS_DEPOSIT_NODE_ID or the data directory's
 *                            node-id file, see {@link NodeId}); null: a new one per engine, so no attempt is ever
 *                            recognised as this node's own and every interrupted one waits for its lease
 */
public record EngineSettings(int workers, int listenerConcurrency, String submissionQueue, String depositQueue,
                             RetryPolicy retry, Duration attemptLease, Duration schedulerInterval,
                             Duration custodyInterval, boolean jobsEnabled, Duration reconcileAfter,
                             Duration reconcileInterval, String nodeId) {

    public static final Duration DEFAULT_RECONCILE_AFTER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofMinutes(1);

    /** Settings with the default reconciliation sweep and no stable node id. */
    public EngineSettings(int workers, int listenerConcurrency, String submissionQueue, String depositQueue,
                          RetryPolicy retry, Duration attemptLease, Duration schedulerInterval,
                          Duration custodyInterval, boolean jobsEnabled) {
        this(workers, listenerConcurrency, submissionQueue, depositQueue, retry, attemptLease, schedulerInterval,
                custodyInterval, jobsEnabled, DEFAULT_RECONCILE_AFTER, DEFAULT_RECONCILE_INTERVAL, null);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(4, 4, "submission", "deposit", RetryPolicy.defaults(), Duration.ofMinutes(10),
                Duration.ofMillis(500), Duration.ofMinutes(10), true);
    }

    public EngineSettings withRetry(RetryPolicy policy) {
        return new EngineSettings(workers, listenerConcurrency, submissionQueue, depositQueue, policy, attemptLease,
                schedulerInterval, custodyInterval, jobsEnabled, reconcileAfter, reconcileInterval, nodeId);
    }

    public EngineSettings withAttemptLease(Duration lease) {
        return new EngineSettings(workers, listenerConcurrency, submissionQueue, depositQueue, retry, lease,
                schedulerInterval, custodyInterval, jobsEnabled, reconcileAfter, reconcileInterval, nodeId);
    }

    public EngineSettings withReconcile(Duration after, Duration interval) {
        return new EngineSettings(workers, listenerConcurrency, submissionQueue, depositQueue, retry, attemptLease,
                schedulerInterval, custodyInterval, jobsEnabled, after, interval, nodeId);
    }

    public EngineSettings withNodeId(String id) {
        return new EngineSettings(workers, listenerConcurrency, submissionQueue, depositQueue, retry, attemptLease,
                schedulerInterval, custodyInterval, jobsEnabled, reconcileAfter, reconcileInterval, id);
    }
}
