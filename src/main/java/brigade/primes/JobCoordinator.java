package brigade.primes;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.primes.JobResult.FailedBatch;
import brigade.primes.JobResult.WorkerStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one job: reads the input lazily a batch at a time, sends batches to the workers, aggregates their replies
 * in whatever order they come, and hands results to the sink in input order as soon as the prefix is complete.
 *
 * <p>Memory is bounded for any input size: at most {@code window} batches are between "read" and "written"
 * (being computed, waiting for a re-send, or parked in the reorder buffer behind a slower batch), and nothing
 * per number outlives its batch.
 *
 * <p>Workers: borrowed from a {@link WorkerPool} (a long-lived kitchen's, or one the coordinator starts for the job
 * as its child), or published by an external source (the cluster). PUSH sends to the pool's round-robin router
 * (workers' mailboxes hold the window). PULL gives each worker a credit of {@value #CREDIT} batches; a reply frees
 * one, which is the worker asking for more (the work-pulling pattern, also used for the external workers of a
 * cluster). Injected faults ({@link FaultPlan}) are decided here per delivery and travel with the batch.
 *
 * <p>Faults: a batch whose worker replies {@link PrimeWorker.Failed}, or that gets no reply within the batch
 * timeout, is re-sent, up to {@code maxRetries} times, then reported as failed. A pulled worker that leaves or
 * dies has its batches re-sent without using up their retries (the batch did nothing wrong). Replies are
 * deduplicated by batch id, so every number is counted exactly once.
 */
final class JobCoordinator extends AbstractBehavior<JobCoordinator.Command> {
  /** Batches a pulling worker may hold at once: one computing, one in its mailbox so it never waits. */
  static final int CREDIT = 2;

  sealed interface Command {}

  /** Stop dispatching, finish what the workers hold, complete the result as interrupted. */
  enum Cancel implements Command {
    INSTANCE
  }

  private record WrappedReply(PrimeWorker.Reply reply) implements Command {}

  private record WorkersChanged(WorkerSet set) implements Command {}

  private record WorkerTerminated(ActorRef<PrimeWorker.Command> worker) implements Command {}

  private record BatchTimedOut(long batchId) implements Command {}

  /** The pool's workers and router, lent to this job. */
  private record PoolLent(WorkerPool.Lent lent) implements Command {}

  private enum PoolTerminated implements Command {
    INSTANCE
  }

  private enum State {
    /** Read, waiting to be sent or re-sent. */
    WAITING,
    /** Sent, no accepted reply yet. */
    SENT,
    DONE,
    FAILED,
    /** Cancelled before it could be (re-)sent; never written. */
    DROPPED
  }

  private static final class Batch {
    final long id;
    final long firstIndex;
    final long[] numbers;
    State state = State.WAITING;
    boolean sentBefore;
    int failures;
    String error = "";
    /** Pull mode: the workers currently holding this batch (more than one after a timeout re-send). */
    final Set<ActorRef<PrimeWorker.Command>> holders = new HashSet<>(2);
    boolean[] prime;
    long[] factors;
    int[] factorCounts;

    Batch(long id, long firstIndex, long[] numbers) {
      this.id = id;
      this.firstIndex = firstIndex;
      this.numbers = numbers;
    }
  }

  /** A pulled worker: the batches it holds (each costs one credit). */
  private static final class Puller {
    final Set<Long> holding = new HashSet<>(CREDIT * 2);
  }

  private static final class Share {
    final String name;
    final String node;
    long batches;
    long numbers;
    long busyNanos;

    Share(String name, String node) {
      this.name = name;
      this.node = node;
    }
  }

  private final TimerScheduler<Command> timers;
  private final JobSpec spec;
  private final String algorithm;
  private final NumberSource input;
  private final ResultSink sink;
  private final ProgressListener progress;
  private final CompletableFuture<JobResult> promise;
  private final ActorRef<PrimeWorker.Reply> replyTo;
  private final boolean pull;
  private final int minWorkers;
  /** Which deliveries fail on purpose: decided here and sent with the batch, since workers serve many jobs. */
  private final FaultPlan faults;

  /** PUSH: the pool router. */
  private ActorRef<PrimeWorker.Command> router;
  /** PULL: the workers, and one credit token per free slot (validated when taken). */
  private final Map<ActorRef<PrimeWorker.Command>, Puller> pullers = new LinkedHashMap<>();
  private final ArrayDeque<ActorRef<PrimeWorker.Command>> credits = new ArrayDeque<>();
  /** Workers seen to terminate: a stale listing may still name them, but a dead ref never comes back. */
  private final Set<ActorRef<PrimeWorker.Command>> dead = new HashSet<>();

  private final Map<Long, Batch> window = new HashMap<>();
  /** Batches to send again, oldest first: the oldest holds up the in-order prefix. */
  private final PriorityQueue<Batch> resend = new PriorityQueue<>(Comparator.comparingLong((Batch b) -> b.id));
  private final Map<ActorRef<PrimeWorker.Command>, Share> shares = new LinkedHashMap<>();
  private final List<FailedBatch> failedBatches = new ArrayList<>();

  private boolean started;
  private boolean inputDone;
  private boolean cancelled;
  private long headId;
  private long nextId;
  private long nextIndex;
  private long numbersIn;
  private long answered;
  private long numbersFailed;
  private long primes;
  private long factors;
  private long batchesDone;
  private long retries;
  private long firstSendNanos;
  private long lastReplyNanos;

  static Behavior<Command> create(
      JobSpec spec,
      NumberSource input,
      ResultSink sink,
      ProgressListener progress,
      WorkerSource workers,
      CompletableFuture<JobResult> promise) {
    // dispatch() may already be the end (empty input): then the coordinator stops at once.
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      try {
        return new JobCoordinator(ctx, timers, spec, input, sink, progress, workers, promise).dispatch();
      } catch (RuntimeException e) { // e.g. the feeder could not be built: never leave the caller waiting
        promise.completeExceptionally(e);
        return Behaviors.stopped();
      }
    }));
  }

  private JobCoordinator(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      JobSpec spec,
      NumberSource input,
      ResultSink sink,
      ProgressListener progress,
      WorkerSource workers,
      CompletableFuture<JobResult> promise) {
    super(ctx);
    this.timers = timers;
    this.spec = spec;
    this.algorithm = spec.algorithm().name();
    this.input = input;
    this.sink = sink;
    this.progress = progress;
    this.promise = promise;
    this.replyTo = ctx.messageAdapter(PrimeWorker.Reply.class, WrappedReply::new);
    if (workers instanceof WorkerSource.External external) {
      pull = true;
      minWorkers = external.minWorkers();
      faults = FaultPlan.NONE; // a node's workers inject their own
      ActorRef<WorkerSet> updates = ctx.messageAdapter(WorkerSet.class, WorkersChanged::new);
      ctx.spawn(external.feeder().apply(updates), "feeder");
      ctx.getLog().info("waiting for at least {} prime workers", minWorkers);
    } else {
      pull = spec.dispatch() == Dispatch.PULL;
      minWorkers = 1;
      ActorRef<WorkerPool.Command> pool;
      if (workers instanceof WorkerSource.Pooled pooled) {
        faults = pooled.faults();
        pool = pooled.pool();
      } else { // a pool of the job's own, stopped with it
        faults = ((WorkerSource.LocalPool) workers).faults();
        pool = ctx.spawn(WorkerPool.create(spec.poolSize()), "pool");
      }
      ctx.watchWith(pool, PoolTerminated.INSTANCE);
      pool.tell(new WorkerPool.Borrow(ctx.messageAdapter(WorkerPool.Lent.class, PoolLent::new)));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedReply.class, w -> onReply(w.reply()))
        .onMessage(BatchTimedOut.class, this::onTimeout)
        .onMessage(PoolLent.class, this::onPoolLent)
        .onMessage(WorkersChanged.class, this::onWorkersChanged)
        .onMessage(WorkerTerminated.class, this::onWorkerTerminated)
        .onMessageEquals(Cancel.INSTANCE, this::onCancel)
        .onMessageEquals(PoolTerminated.INSTANCE, this::onPoolTerminated)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  // ---- dispatching ----

  /** Sends batches while there is a worker to take one and a batch to send (a re-send, or new input in the window). */
  private Behavior<Command> dispatch() {
    try {
      while (started) {
        ActorRef<PrimeWorker.Command> target = pull ? takeCredit() : router;
        if (target == null) break;
        Batch batch = nextToSend();
        if (batch == null) {
          if (pull) credits.addFirst(target);
          break;
        }
        send(batch, target);
      }
    } catch (RuntimeException e) {
      return fail("reading the input failed", e);
    }
    return finishIfDone();
  }

  private ActorRef<PrimeWorker.Command> takeCredit() {
    ActorRef<PrimeWorker.Command> w;
    while ((w = credits.poll()) != null) {
      Puller p = pullers.get(w);
      if (p != null && p.holding.size() < CREDIT) return w;
    }
    return null;
  }

  private Batch nextToSend() {
    Batch batch = resend.poll();
    if (batch != null || cancelled || inputDone) return batch;
    if (nextId - headId >= effectiveWindow()) return null;
    long[] numbers = BatchPlan.nextBatch(input, spec.batchSize());
    if (numbers == null) {
      inputDone = true;
      return null;
    }
    batch = new Batch(nextId++, nextIndex, numbers);
    nextIndex += numbers.length;
    numbersIn += numbers.length;
    window.put(batch.id, batch);
    return batch;
  }

  /** Pulling from more workers than the window allows would leave some idle: the window grows with them. */
  private long effectiveWindow() {
    return pull ? Math.max(spec.window(), (long) CREDIT * pullers.size()) : spec.window();
  }

  private void send(Batch batch, ActorRef<PrimeWorker.Command> target) {
    if (batch.sentBefore) retries++;
    batch.sentBefore = true;
    batch.state = State.SENT;
    if (firstSendNanos == 0) firstSendNanos = System.nanoTime();
    if (pull) {
      pullers.get(target).holding.add(batch.id);
      batch.holders.add(target);
    }
    timers.startSingleTimer(batch.id, new BatchTimedOut(batch.id), spec.batchTimeout());
    target.tell(new PrimeWorker.Compute(batch.id, spec.job(), algorithm, batch.numbers, replyTo,
        faults.failsOn(batch.id, batch.numbers)));
  }

  // ---- replies ----

  private Behavior<Command> onReply(PrimeWorker.Reply reply) {
    if (pull) release(reply.worker(), reply.batchId());
    Batch batch = window.get(reply.batchId());
    boolean open = batch != null && batch.state != State.DONE && batch.state != State.FAILED;
    if (open) {
      lastReplyNanos = System.nanoTime();
      if (reply instanceof PrimeWorker.Computed c) {
        if (wellFormed(batch, c)) {
          accept(batch, c);
        } else {
          retryOrGiveUp(batch, "malformed reply from " + c.workerName() + " on " + c.node());
        }
      } else {
        share(reply); // a worker that only ever failed still shows up in the report
        retryOrGiveUp(batch, ((PrimeWorker.Failed) reply).error());
      }
    }
    return flushAndDispatch();
  }

  private void release(ActorRef<PrimeWorker.Command> worker, long batchId) {
    Puller p = pullers.get(worker);
    if (p != null && p.holding.remove(batchId)) credits.add(worker);
    Batch batch = window.get(batchId);
    if (batch != null) batch.holders.remove(worker);
  }

  private boolean wellFormed(Batch batch, PrimeWorker.Computed c) {
    int n = batch.numbers.length;
    if (spec.job() == Job.CHECK) return c.prime() != null && c.prime().length == n;
    if (c.factorCounts() == null || c.factors() == null || c.factorCounts().length != n) return false;
    long total = 0;
    for (int k : c.factorCounts()) total += k;
    return total == c.factors().length;
  }

  private void accept(Batch batch, PrimeWorker.Computed c) {
    timers.cancel(batch.id);
    resend.remove(batch);
    batch.state = State.DONE;
    batch.prime = c.prime();
    batch.factors = c.factors();
    batch.factorCounts = c.factorCounts();
    Share share = share(c);
    share.batches++;
    share.numbers += batch.numbers.length;
    share.busyNanos += c.busyNanos();
  }

  private Share share(PrimeWorker.Reply r) {
    return shares.computeIfAbsent(r.worker(), w -> new Share(r.workerName(), r.node()));
  }

  private Behavior<Command> onTimeout(BatchTimedOut t) {
    Batch batch = window.get(t.batchId());
    if (batch == null || batch.state != State.SENT) return this;
    getContext().getLog().warn("batch {} got no reply within {}", batch.id, spec.batchTimeout());
    retryOrGiveUp(batch, "no reply within " + spec.batchTimeout());
    return flushAndDispatch();
  }

  /** After a failure or timeout: re-send, or give up once the batch has used its retries. */
  private void retryOrGiveUp(Batch batch, String error) {
    batch.error = error;
    batch.failures++;
    timers.cancel(batch.id);
    if (batch.failures > spec.maxRetries()) {
      batch.state = State.FAILED;
      resend.remove(batch);
    } else {
      requeue(batch);
    }
  }

  /** Queue a batch for re-sending (ahead of new input: it holds up the in-order prefix). */
  private void requeue(Batch batch) {
    if (cancelled) {
      // Nothing is re-sent after a cancel: the batch is dropped (a late reply may still complete it).
      batch.state = State.DROPPED;
      return;
    }
    batch.state = State.WAITING;
    if (!resend.contains(batch)) resend.add(batch);
  }

  // ---- workers coming and going (pull) ----

  private void join(ActorRef<PrimeWorker.Command> worker) {
    if (pullers.containsKey(worker) || dead.contains(worker)) return;
    getContext().watchWith(worker, new WorkerTerminated(worker));
    pullers.put(worker, new Puller());
    for (int i = 0; i < CREDIT; i++) credits.add(worker);
  }

  private void leave(ActorRef<PrimeWorker.Command> worker, String why) {
    Puller p = pullers.remove(worker);
    if (p == null) return;
    getContext().unwatch(worker);
    int resent = 0;
    for (long id : p.holding) {
      Batch batch = window.get(id);
      if (batch == null) continue;
      batch.holders.remove(worker);
      if (batch.state == State.SENT && batch.holders.isEmpty()) {
        timers.cancel(batch.id);
        requeue(batch);
        resent++;
      }
    }
    getContext().getLog().info("prime worker {} {}: {} of its batches to re-send", worker.path(), why, resent);
    Share share = shares.get(worker);
    progress.workerLost(share != null ? share.name : worker.path().name(),
        share != null ? share.node : PrimeWorker.nodeOf(worker.path().address()), resent);
  }

  private Behavior<Command> onPoolLent(PoolLent p) {
    if (pull) {
      for (ActorRef<PrimeWorker.Command> w : p.lent().workers()) join(w);
    } else {
      router = p.lent().router();
    }
    started = true;
    return flushAndDispatch();
  }

  private Behavior<Command> onWorkersChanged(WorkersChanged changed) {
    Set<ActorRef<PrimeWorker.Command>> now = changed.set().workers();
    for (ActorRef<PrimeWorker.Command> w : List.copyOf(pullers.keySet())) {
      if (!now.contains(w)) leave(w, "left");
    }
    for (ActorRef<PrimeWorker.Command> w : now) join(w);
    if (!started && pullers.size() >= minWorkers) {
      started = true;
      getContext().getLog().info("{} prime workers available: starting", pullers.size());
    }
    return flushAndDispatch();
  }

  private Behavior<Command> onWorkerTerminated(WorkerTerminated t) {
    dead.add(t.worker());
    leave(t.worker(), "terminated");
    return flushAndDispatch();
  }

  private Behavior<Command> onPoolTerminated() {
    if (!started) {
      return fail("the prime worker pool stopped before the job began",
          new IllegalStateException("the prime kitchen's pool is closed: cannot run a job"));
    }
    getContext().getLog().error("the prime worker pool stopped: ending the job");
    cancelled = true;
    for (Batch b : window.values()) {
      if (b.state == State.SENT || b.state == State.WAITING) b.state = State.DROPPED;
    }
    resend.clear();
    return flushAndDispatch();
  }

  // ---- cancel, writing, finishing ----

  private Behavior<Command> onCancel() {
    if (cancelled) return this;
    cancelled = true;
    for (Batch b : resend) b.state = State.DROPPED; // a late reply may still complete it
    resend.clear();
    return flushAndDispatch();
  }

  private Behavior<Command> flushAndDispatch() {
    try {
      flush();
    } catch (RuntimeException e) {
      return fail("writing results failed", e);
    }
    return dispatch();
  }

  /** Hands the complete prefix of batches to the sink, in input order, and forgets them. */
  private void flush() {
    long before = headId;
    Batch batch;
    while ((batch = window.get(headId)) != null && (batch.state == State.DONE || batch.state == State.FAILED)) {
      if (batch.state == State.DONE) write(batch);
      else writeFailed(batch);
      window.remove(headId);
      headId++;
    }
    if (headId != before) progress.answered(answered + numbersFailed);
  }

  private void write(Batch batch) {
    ResultBatch results = spec.job() == Job.CHECK
        ? ResultBatch.checked(batch.firstIndex, batch.numbers, batch.prime)
        : ResultBatch.factored(batch.firstIndex, batch.numbers, batch.factors, batch.factorCounts);
    primes += results.primes();
    factors += results.factorTotal();
    sink.accept(results); // one call per batch: what a sink costs per call stays invisible
    answered += batch.numbers.length;
    batchesDone++;
  }

  private void writeFailed(Batch batch) {
    getContext().getLog().warn("batch {} ({} numbers from index {}) failed for good: {}",
        batch.id, batch.numbers.length, batch.firstIndex, batch.error);
    sink.failed(batch.firstIndex, batch.numbers, batch.error);
    failedBatches.add(new FailedBatch(batch.firstIndex, batch.numbers, batch.error));
    numbersFailed += batch.numbers.length;
  }

  private Behavior<Command> finishIfDone() {
    if (cancelled) {
      for (Batch b : window.values()) if (b.state == State.SENT) return this;
    } else if (!(inputDone && window.isEmpty())) {
      return this;
    }
    List<WorkerStats> workers = shares.values().stream()
        .map(s -> new WorkerStats(s.name, s.node, s.batches, s.numbers, s.busyNanos))
        .sorted(Comparator.comparing(WorkerStats::node) // worker-2 before worker-10
            .thenComparingInt(w -> w.name().length()).thenComparing(WorkerStats::name))
        .toList();
    long wall = firstSendNanos == 0 || lastReplyNanos == 0 ? 0 : lastReplyNanos - firstSendNanos;
    promise.complete(new JobResult(numbersIn, answered, numbersFailed, primes, factors, batchesDone,
        List.copyOf(failedBatches), retries, wall, workers, cancelled));
    return Behaviors.stopped();
  }

  private Behavior<Command> fail(String what, RuntimeException e) {
    getContext().getLog().error("{}: {}", what, e.toString());
    promise.completeExceptionally(e);
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop() {
    promise.completeExceptionally(
        new IllegalStateException("the job's coordinator stopped before the job finished (actor system shut down?)"));
    return this;
  }
}
