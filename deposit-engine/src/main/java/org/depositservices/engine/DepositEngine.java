package org.depositservices.engine;

import jakarta.jms.JMSException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.depositservices.engine.critical.CriticalPath;
import org.depositservices.engine.messaging.JmsMessaging;
import org.depositservices.model.Deposit;
import org.depositservices.model.DepositStatus;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code listen} mode's engine, wired by hand: message consumers on the submission and deposit queues, the
 * outbox relay, a bounded pool of deposit workers, the scheduler that picks up due deposits (first attempts whose
 * dispatch was lost, RETRYs whose backoff ran out, attempts whose node died), the reconciliation sweep (submissions
 * whose SubmissionReady message was lost) and the custody job.
 *
 * <p>Several engines may run against one database and broker: every decision goes through a CriticalPath. Each
 * start is a new incarnation of its node: the attempts an earlier incarnation of the same node left in flight were
 * interrupted, and are taken up again at start instead of waiting for their lease.
 */
public final class DepositEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DepositEngine.class);
    private static final String ACTOR = "engine:restart";
    private static final String RECONCILE_ACTOR = "engine:reconcile";

    private final EngineSettings settings;
    private final StateStore store;
    private final JmsMessaging messaging;
    private final ErrorHandler errors;
    private final SubmissionProcessor submissions;
    private final DepositProcessor deposits;
    private final DepositTask task;
    private final CustodyRefresher custody;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService relay = Executors.newSingleThreadExecutor(named("outbox-relay"));
    private final AtomicBoolean relayPending = new AtomicBoolean();
    private final Runnable wakeRelay = this::relaySoon;
    private final java.util.Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Deposit.AttemptOwner owner;

    public DepositEngine(EngineSettings settings, StateStore store, FileContentStore content,
                         RepositoryTargets targets, JmsMessaging messaging, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.messaging = messaging;
        this.clock = clock;
        // A new incarnation per engine; without a configured node id, a node of its own (nothing is reclaimed).
        this.owner = new Deposit.AttemptOwner(settings.nodeId() != null ? settings.nodeId()
                : "anonymous-" + UUID.randomUUID(), UUID.randomUUID().toString());
        EngineParts parts = EngineParts.build(store, content, targets, settings, clock, new Random(), owner);
        this.errors = parts.errors();
        this.task = parts.task();
        this.custody = parts.custody();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(10_000), named("deposit-worker"),
                // A full queue drops the dispatch only: the deposit stays due, and the scheduler offers it again.
                (r, pool) -> {
                    throw new RejectedExecutionException("deposit workers are saturated");
                });
        this.submissions = new SubmissionProcessor(store, content, parts.critical(), this::dispatch);
        this.deposits = parts.deposits();
        this.scheduler = Executors.newScheduledThreadPool(2, named("deposit-scheduler"));
    }

    public void start() throws JMSException {
        List<String> reclaimed = settings.nodeId() == null ? List.of()
                : store.reclaimInterruptedAttempts(owner.node(), owner.incarnation(), ACTOR);
        messaging.listen(settings.listenerConcurrency(), submissions::process, deposits::process, errors::handle);
        long tick = settings.schedulerInterval().toMillis();
        // Woken by every commit of this JVM that wrote events; the poll is for other nodes' events and lost wake-ups.
        store.onOutboxCommit(wakeRelay);
        scheduler.scheduleWithFixedDelay(this::relaySoon, 0, Math.max(50, tick / 5), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guard(this::dispatchDue), tick, tick, TimeUnit.MILLISECONDS);
        if (settings.jobsEnabled()) {
            long every = settings.custodyInterval().toMillis();
            scheduler.scheduleWithFixedDelay(guard(this::refreshCustody), every, every, TimeUnit.MILLISECONDS);
        }
        long sweep = settings.reconcileInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guard(this::reconcile), sweep, sweep, TimeUnit.MILLISECONDS);
        LOG.info("Deposit engine started: node {} (incarnation {}), {} workers, {} consumers per queue",
                owner.node(), owner.incarnation(), settings.workers(), settings.listenerConcurrency());
        if (!reclaimed.isEmpty()) {
            LOG.info("Taking up {} deposit attempt(s) interrupted when this node last stopped: {}", reclaimed.size(),
                    reclaimed);
        }
        reclaimed.forEach(this::dispatch);
    }

    /** What one reconciliation sweep picked up. */
    public record Reconciled(int submissions, int deposits) {
    }

    /**
     * The reconciliation sweep: a submission still NOT_STARTED, or a deposit never attempted and not leased, longer
     * than {@code reconcileAfter} after its creation lost its message (taken by a stray client, lost with a broker
     * journal) or its dispatch. Each is picked up directly, as its message would have done; a submission is noted
     * in its history. Handlers decide from the stored state, so a message that was merely late does no harm.
     */
    public Reconciled reconcile() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(settings.reconcileAfter());
        int submitted = 0;
        for (String id : store.findNotStartedSubmissionIds(cutoff, 500)) {
            try {
                store.recordEvent("submission", id, RECONCILE_ACTOR, "NOT_STARTED", "NOT_STARTED",
                        "not started " + settings.reconcileAfter().toSeconds() + " s after it was received (its"
                                + " SubmissionReady message was lost?): picked up by the reconciliation sweep");
                submissions.process(id);
                submitted++;
            } catch (RuntimeException e) {
                LOG.warn("Reconciliation: submission {} not picked up, will try again: {}", id, e.toString());
            }
        }
        int deposited = 0;
        for (Deposit d : store.findUnattemptedDeposits(cutoff, now, 500)) {
            dispatch(d.id());
            deposited++;
        }
        if (submitted + deposited > 0) {
            LOG.info("Reconciled {} submissions, {} deposits (not started {} s after creation: a message or"
                    + " dispatch was lost)", submitted, deposited, settings.reconcileAfter().toSeconds());
        }
        return new Reconciled(submitted, deposited);
    }

    /**
     * Hands a deposit to a worker; the worker decides (by the stored state) whether there is anything to do. A
     * deposit already waiting for or held by a worker of this node is not queued twice.
     */
    public void dispatch(String depositId) {
        if (!queued.add(depositId)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    task.run(depositId);
                } catch (RuntimeException e) {
                    errors.handle(new DepositServicesRuntimeException("deposit task failed", e,
                            DepositServicesRuntimeException.ResourceRef.deposit(depositId)));
                } finally {
                    queued.remove(depositId);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(depositId);
            LOG.debug("Deposit {} not dispatched: {}", depositId, e.getMessage());
        }
    }

    /** Runs the relay on its own thread soon; a request while one is pending joins it. */
    void relaySoon() {
        if (relayPending.compareAndSet(false, true)) {
            try {
                relay.execute(guard(() -> {
                    relayPending.set(false);
                    relayOutbox();
                }));
            } catch (RejectedExecutionException e) {
                relayPending.set(false); // closing: nothing more is relayed
            }
        }
    }

    void relayOutbox() {
        while (store.relayOutbox(100, messaging::publish) == 100) {
            // keep going while there is a backlog
        }
    }

    void dispatchDue() {
        int room = Math.max(0, workers.getQueue().remainingCapacity() - 100);
        for (var d : store.findDueDeposits(clock.instant(), Math.min(room, 500))) {
            dispatch(d.id());
        }
    }

    void refreshCustody() {
        for (var d : store.findDepositsByStatus(DepositStatus.SUBMITTED)) {
            try {
                custody.refresh(d.id(), "engine:custody");
            } catch (Exception e) {
                LOG.warn("Custody of deposit {} not refreshed: {}", d.id(), e.getMessage());
            }
        }
    }

    private Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("Background job failed, will run again: {}", e.toString());
            }
        };
    }

    public DepositTask depositTask() {
        return task;
    }

    public CustodyRefresher custodyRefresher() {
        return custody;
    }

    public SubmissionProcessor submissionProcessor() {
        return submissions;
    }

    public DepositProcessor depositProcessor() {
        return deposits;
    }

    /** This engine's node and incarnation, as recorded on its claims. */
    public Deposit.AttemptOwner owner() {
        return owner;
    }

    @Override
    public void close() {
        store.removeOutboxCommit(wakeRelay);
        scheduler.shutdownNow();
        relay.shutdownNow();
        messaging.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
