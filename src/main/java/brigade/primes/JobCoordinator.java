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
import brigade.report.DurationText;
import brigade.trace.BusyTime;
import brigade.trace.NodeClock;
import brigade.trace.TraceClock;
import brigade.trace.Tracer;
import brigade.primes.JobResult.WorkerStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Runs a job (a kitchen's reusable coordinator runs its jobs one after another, see {@link #reusable}): reads the
 * input lazily a batch at a time, sends batches to the workers, aggregates their replies
 * in whatever order they come, and hands results to the sink in input order as soon as the prefix is complete (or,
 * with {@link ResultOrder#COMPLETION}, each batch as soon as it is answered: no reorder buffer).
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

  /**
   * Stop dispatching job number {@code job}, finish what the workers hold, complete the result as interrupted. A
   * reusable coordinator ignores a cancel meant for a job it has finished: it may be serving the next one.
   */
  record Cancel(long job) implements Command {}

  /**
   * A job for a reusable coordinator (a kitchen's, see {@link #reusable}) while it is idle.
   *
   * @param job the job's number, which its {@link Cancel} names
   * @param free called when the job has ended and this coordinator can take another, before the job's result is
   *     handed over (so a caller that starts its next job at once finds it free)
   */
  record Run(long job, JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress,
      WorkerSource.Pooled workers, CompletableFuture<JobResult> promise, Runnable free) implements Command {}

  /** An idle reusable coordinator stops (its kitchen is closing). */
  enum Retire implements Command {
    INSTANCE
  }

  private record WrappedReply(PrimeWorker.Reply reply) implements Command {}

  private record WorkersChanged(WorkerSet set) implements Command {}

  private record WorkerTerminated(ActorRef<PrimeWorker.Command> worker) implements Command {}

  /**
   * What a coordinator sets up once and keeps from job to job: the adapter its workers reply through, the pool
   * it watches for good (a kitchen's), the workers it watches, its behaviour between jobs, and its timeout check.
   * Measured on seed-sized jobs, making the adapter took ~60 us a job, watching the pool ~25 us and each pulling
   * worker ~50-75 us (and as much again to unwatch): a few per cent of a 17 ms job, paid before its first batch and
   * after its last.
   */
  private static final class Standing {
    final ActorRef<PrimeWorker.Reply> replyTo;
    /** The pool this coordinator watches for good (a kitchen's), or null: each job watches its own. */
    final ActorRef<WorkerPool.Command> watchedPool;
    final Set<ActorRef<PrimeWorker.Command>> watched = new HashSet<>();
    /** A reusable coordinator's behaviour between jobs, built once (building it took ~0.07 ms a job, measured). */
    Behavior<Command> idle;
    /**
     * When the {@link TimeoutCheck} timer fires (nanoTime); Long.MAX_VALUE when it is not running. Kept from job to
     * job: a job that ends leaves its timer running instead of cancelling it, and the next job's sends, due later,
     * find it armed; starting and cancelling it cost a seed-sized job ~0.1 ms and ~0.05 ms (measured). A check that
     * fires between jobs only clears this; one that fires in a later job times out only what is due (within the
     * check's 1 ms slack) and aims at that job's oldest send.
     */
    long checkDeadline = Long.MAX_VALUE;

    Standing(ActorContext<Command> ctx, ActorRef<WorkerPool.Command> watchedPool) {
      this.replyTo = ctx.messageAdapter(PrimeWorker.Reply.class, WrappedReply::new);
      this.watchedPool = watchedPool;
    }
  }

  /**
   * The timeout check is due: tasks sent longer than the batch timeout ago are timed out. One timer, aimed at
   * the oldest task's deadline, instead of one per task: a timer started and cancelled for every batch cost ~5% of a
   * seed-sized job's time, for a timeout that almost never fires.
   */
  private enum TimeoutCheck implements Command {
    INSTANCE
  }

  /** A timeout check also times out tasks due this little after it: one check for sends a moment apart. */
  private static final long TIMEOUT_CHECK_SLACK_NANOS = 1_000_000;

  /** The pool's workers and router, lent to this job. */
  private record PoolLent(WorkerPool.Lent lent) implements Command {}

  private enum PoolTerminated implements Command {
    INSTANCE
  }

  /** A task's identity: its batch and, for a split number, which of its divisor ranges (0 for a whole batch). */
  private record TaskKey(long batchId, int part) {}

  private enum State {
    /** Waiting to be sent or re-sent. */
    WAITING,
    /** Sent, no accepted reply yet. */
    SENT,
    DONE,
    FAILED,
    /** Cancelled, or no longer needed, before it could be (re-)sent. */
    DROPPED
  }

  /**
   * What is sent to a worker: a whole batch, or one divisor range of a split number (whose batch holds that number
   * alone). Failures, retries, timeouts and holders are a task's own.
   */
  private static final class Task {
    final Batch batch;
    final TaskKey key;
    final long from;
    final long to;
    State state = State.WAITING;
    boolean sentBefore;
    /** When it was last sent (nanoTime): bounds its worker's span, for the node's clock offset. */
    long sentNanos;
    /** Its latest send's flow id in the trace (send -> compute -> reply). */
    long flowId;
    /**
     * Re-sent after a timeout: a reply may then come from the earlier attempt, whose send time and flow are not
     * {@link #sentNanos} and {@link #flowId}, so the trace neither ties it to a flow nor feeds it to a node's clock.
     */
    boolean resentAfterTimeout;
    int failures;
    String error = "";
    /** Pull mode: the workers currently holding this task (more than one after a timeout re-send). */
    final Set<ActorRef<PrimeWorker.Command>> holders = new HashSet<>(2);

    Task(Batch batch, int part, long from, long to) {
      this.batch = batch;
      this.key = new TaskKey(batch.id, part);
      this.from = from;
      this.to = to;
    }
  }

  private static final Comparator<Task> OLDEST_FIRST =
      Comparator.comparingLong((Task t) -> t.key.batchId()).thenComparingInt(t -> t.key.part());

  private static final class Batch {
    final long id;
    final long firstIndex;
    final long[] numbers;
    /** One task (the whole batch), or one per divisor range of its one number. */
    Task[] tasks;
    final boolean split;
    /** Split: ranges answered with no divisor. */
    int rangesClear;
    /** Split: the next range to queue; ranges are queued a few at a time, smallest divisors first. */
    int nextPart;
    boolean[] prime;
    long[] factors;
    int[] factorCounts;

    Batch(long id, long firstIndex, long[] numbers, boolean split) {
      this.id = id;
      this.firstIndex = firstIndex;
      this.numbers = numbers;
      this.split = split;
    }

    /** Answered: every task done, or a split number's divisor found. */
    boolean done() {
      return prime != null;
    }

    boolean failed() {
      if (done()) return false;
      for (Task t : tasks) if (t.state == State.FAILED) return true;
      return false;
    }

    /** The error of the task that failed for good. */
    String error() {
      for (Task t : tasks) if (t.state == State.FAILED) return t.error;
      return "";
    }
  }

  /** A pulled worker: the tasks it holds (each costs one credit). */
  private static final class Puller {
    final Set<TaskKey> holding = new HashSet<>(CREDIT * 2);
  }

  /** The report's order of workers: by node, then worker-2 before worker-10. */
  private static final Comparator<WorkerStats> WORKER_ORDER = Comparator.comparing(WorkerStats::node)
      .thenComparingInt((WorkerStats w) -> w.name().length()).thenComparing(WorkerStats::name);

  private static final class Share {
    final String name;
    final String node;
    long batches;
    long numbers;
    long busyNanos;
    /** Its spans on this node's clock: the utilisation and longest-idle columns. */
    final BusyTime busy = new BusyTime();
    /** Its track in the trace (null until traced). */
    Tracer.Track track;
    /** Where its last traced span ended (nanoTime): a remote span is never drawn before it (clock estimates move). */
    long tracedEnd = Long.MIN_VALUE;

    Share(String name, String node) {
      this.name = name;
      this.node = node;
    }
  }

  /** The trace's process for this JVM: the coordinator, the reference passes, and local workers. */
  static final String TRACE_PROCESS = "primes: this JVM";
  private static final java.util.concurrent.atomic.AtomicLong FLOW_IDS = new java.util.concurrent.atomic.AtomicLong();

  private final TimerScheduler<Command> timers;
  /** This job's number, which a {@link Cancel} must name (0 for a one-off coordinator). */
  private final long jobNumber;
  /** A reusable coordinator's way back to its kitchen's free list; null for a one-off coordinator. */
  private final Runnable free;
  /** Tasks sent and replies received (every reply, accepted or not): equal when no reply can still come. */
  private long sends;
  private long replies;
  /** The pool stopped during this job: its coordinator is not reused. */
  private boolean poolStopped;
  /**
   * When the current dispatch began (nanoTime): every task sent in one dispatch counts as sent then, so tasks sent
   * together time out together, however long the first sends of a JVM take (class loading).
   */
  private long dispatchNanos;
  private final JobSpec spec;
  private final String algorithm;
  private final ResultSink sink;
  private final ProgressListener progress;
  private final CompletableFuture<JobResult> promise;
  private final Standing standing;
  private final boolean pull;
  private final int minWorkers;
  /** Which deliveries fail on purpose: decided here and sent with the batch, since workers serve many jobs. */
  private final FaultPlan faults;
  private final Tracer tracer;
  private final Tracer.Track track;
  /** Per node ("local" needs none: one clock), where its clock stands against this one. */
  private final Map<String, NodeClock> clocks = new HashMap<>();
  /** The counters last traced: in flight, waiting for in-order output, idle workers. */
  private long tracedInFlight = -1, tracedWaiting = -1, tracedIdle = -1;

  /** PUSH: the pool router. */
  private ActorRef<PrimeWorker.Command> router;
  /** PULL: the workers, and one credit token per free slot (validated when taken). */
  private final Map<ActorRef<PrimeWorker.Command>, Puller> pullers = new LinkedHashMap<>();
  private final ArrayDeque<ActorRef<PrimeWorker.Command>> credits = new ArrayDeque<>();
  /** Workers seen to terminate: a stale listing may still name them, but a dead ref never comes back. */
  private final Set<ActorRef<PrimeWorker.Command>> dead = new HashSet<>();

  private final Map<Long, Batch> window = new HashMap<>();
  /** Completion order: batches answered (or failed for good) since the last flush, in the order they were. */
  private final ArrayDeque<Batch> answeredBatches = new ArrayDeque<>();
  private final boolean completionOrder;
  /**
   * Tasks to send before new input, oldest first (the oldest holds up the in-order prefix): re-sends, and the
   * ranges of a split number after its first.
   */
  private final PriorityQueue<Task> ready = new PriorityQueue<>(OLDEST_FIRST);
  private final Map<ActorRef<PrimeWorker.Command>, Share> shares = new LinkedHashMap<>();
  private final List<FailedBatch> failedBatches = new ArrayList<>();
  private final BatchReader reader;

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
  private long splitNumbers;
  private long splitRanges;
  private long rangesSkipped;
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
        return new JobCoordinator(ctx, timers, 0, spec, input, sink, progress, workers, promise, null,
            new Standing(ctx, null)).dispatch();
      } catch (RuntimeException e) { // e.g. the feeder could not be built: never leave the caller waiting
        promise.completeExceptionally(e);
        return Behaviors.stopped();
      }
    }));
  }

  /**
   * A coordinator that serves a long-lived kitchen's jobs one after another ({@link Run}), so a job costs a message
   * and an object instead of an actor spawned and stopped: measured, spawning and stopping one took ~0.7 ms of a
   * seed-sized job's ~18 ms, and the JIT had compiled little of Akka's spawning code after a second of warm-up. Each
   * job's state is a fresh {@link JobCoordinator}; between jobs the coordinator waits, idle. It is retired (stopped)
   * instead of reused after a job that may still get replies (a timeout's re-send, a split number's ranges still
   * computing, a failure), so a late reply can never be taken for the next job's, or whose job saw the pool stop. An
   * idle one whose pool stops stays, failing any job still handed to it, until its kitchen retires it ({@link
   * Retire}).
   *
   * @param pool the kitchen's pool, watched: once it has stopped, no job runs here
   */
  static Behavior<Command> reusable(ActorRef<WorkerPool.Command> pool) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ctx.watchWith(pool, PoolTerminated.INSTANCE);
      Standing standing = new Standing(ctx, pool);
      standing.idle = idle(ctx, timers, standing);
      return standing.idle;
    }));
  }

  private static Behavior<Command> idle(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      Standing standing) {
    return Behaviors.receive(Command.class)
        .onMessage(Run.class, run -> {
          try {
            return new JobCoordinator(ctx, timers, run.job(), run.spec(), run.input(), run.sink(), run.progress(),
                run.workers(), run.promise(), run.free(), standing).dispatch();
          } catch (RuntimeException e) {
            run.promise().completeExceptionally(e);
            return Behaviors.stopped();
          }
        })
        .onMessageEquals(Retire.INSTANCE, Behaviors::stopped)
        // A worker watched in an earlier job stopped meanwhile: a later job that is lent it watches it afresh.
        .onMessage(WorkerTerminated.class, t -> {
          standing.watched.remove(t.worker());
          return Behaviors.same();
        })
        // Still on its kitchen's free list, and a job may be on its way: it stays, to refuse such jobs at once.
        .onMessageEquals(PoolTerminated.INSTANCE, JobCoordinator::poolClosed)
        // The check a finished job left armed: the next job arms its own.
        .onMessageEquals(TimeoutCheck.INSTANCE, () -> {
          standing.checkDeadline = Long.MAX_VALUE;
          return Behaviors.same();
        })
        .onMessage(Command.class, stale -> Behaviors.same()) // a late cancel of a finished job
        .build();
  }

  /** A reusable coordinator whose pool has stopped: it fails every job it is handed, until it is retired. */
  private static Behavior<Command> poolClosed() {
    return Behaviors.receive(Command.class)
        .onMessage(Run.class, run -> {
          run.promise().completeExceptionally(
              new IllegalStateException("the prime kitchen's pool is closed: cannot run a job"));
          return Behaviors.same();
        })
        .onMessageEquals(Retire.INSTANCE, Behaviors::stopped)
        .onMessage(Command.class, stale -> Behaviors.same())
        .build();
  }

  private JobCoordinator(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      long jobNumber,
      JobSpec spec,
      NumberSource input,
      ResultSink sink,
      ProgressListener progress,
      WorkerSource workers,
      CompletableFuture<JobResult> promise,
      Runnable free,
      Standing standing) {
    super(ctx);
    this.standing = standing;
    this.timers = timers;
    this.jobNumber = jobNumber;
    this.free = free;
    this.spec = spec;
    this.algorithm = spec.algorithm().name();
    this.reader = new BatchReader(input, spec);
    this.sink = sink;
    this.completionOrder = spec.order() == ResultOrder.COMPLETION;
    this.progress = progress;
    this.tracer = progress.tracer();
    this.track = tracer.track(TRACE_PROCESS, "coordinator");
    this.promise = promise;
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
      if (!pool.equals(standing.watchedPool)) ctx.watchWith(pool, PoolTerminated.INSTANCE);
      if (workers instanceof WorkerSource.Pooled pooled && pooled.lent() != null) {
        take(pooled.lent());
      } else {
        pool.tell(new WorkerPool.Borrow(ctx.messageAdapter(WorkerPool.Lent.class, PoolLent::new)));
      }
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedReply.class, w -> onReply(w.reply()))
        .onMessageEquals(TimeoutCheck.INSTANCE, this::onTimeoutCheck)
        .onMessage(PoolLent.class, this::onPoolLent)
        .onMessage(WorkersChanged.class, this::onWorkersChanged)
        .onMessage(WorkerTerminated.class, this::onWorkerTerminated)
        .onMessage(Cancel.class, c -> c.job() == jobNumber ? onCancel() : this)
        .onMessageEquals(PoolTerminated.INSTANCE, this::onPoolTerminated)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  // ---- dispatching ----

  /** Sends tasks while there is a worker to take one and a task to send (a ready one, or new input in the window). */
  private Behavior<Command> dispatch() {
    dispatchNanos = System.nanoTime();
    try {
      while (started) {
        ActorRef<PrimeWorker.Command> target = pull ? takeCredit() : router;
        if (target == null) break;
        Task task = nextToSend();
        if (task == null) {
          if (pull) credits.addFirst(target);
          break;
        }
        send(task, target);
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

  private Task nextToSend() {
    Task task;
    while ((task = ready.poll()) != null) {
      if (task.state == State.WAITING) return task; // else: its number was decided meanwhile
    }
    if (cancelled || inputDone) return null;
    // Batches between read and written: in input order, those from the head on (a reorder buffer included).
    if ((completionOrder ? window.size() : nextId - headId) >= effectiveWindow()) return null;
    long[] numbers = reader.next();
    if (numbers == null) {
      inputDone = true;
      return null;
    }
    Batch batch = newBatch(numbers);
    // A split number's ranges go out at most a pool's worth at a time, smallest divisors first: a composite is
    // usually decided by an early range, and ranges never sent cost nothing (ranges already computing do).
    batch.nextPart = batch.split ? Math.min(batch.tasks.length, spec.poolSize()) : 1;
    for (int i = 1; i < batch.nextPart; i++) ready.add(batch.tasks[i]);
    return batch.tasks[0];
  }

  private Batch newBatch(long[] numbers) {
    boolean split = numbers.length == 1 && spec.splits(numbers[0]);
    Batch batch = new Batch(nextId++, nextIndex, numbers, split);
    if (split) {
      long[][] ranges = spec.rangesFor(numbers[0]);
      batch.tasks = new Task[ranges.length];
      for (int i = 0; i < ranges.length; i++) batch.tasks[i] = new Task(batch, i, ranges[i][0], ranges[i][1]);
      splitNumbers++;
      splitRanges += ranges.length;
    } else {
      batch.tasks = new Task[] {new Task(batch, 0, 0, 0)};
    }
    nextIndex += numbers.length;
    numbersIn += numbers.length;
    window.put(batch.id, batch);
    return batch;
  }

  /** Pulling from more workers than the window allows would leave some idle: the window grows with them. */
  private long effectiveWindow() {
    return pull ? Math.max(spec.window(), (long) CREDIT * pullers.size()) : spec.window();
  }

  private void send(Task task, ActorRef<PrimeWorker.Command> target) {
    sends++;
    if (task.sentBefore) retries++;
    long sendStart = System.nanoTime();
    task.sentNanos = dispatchNanos;
    task.state = State.SENT;
    if (firstSendNanos == 0) firstSendNanos = sendStart;
    if (pull) {
      pullers.get(target).holding.add(task.key);
      task.holders.add(target);
    }
    armTimeoutCheck(dispatchNanos + spec.batchTimeout().toNanos());
    Batch batch = task.batch;
    boolean fault = faults.failsOn(batch.id, batch.numbers);
    if (batch.split) {
      target.tell(new PrimeWorker.CheckRange(batch.id, task.key.part(), batch.numbers[0], task.from, task.to,
          standing.replyTo, fault));
    } else {
      target.tell(new PrimeWorker.Compute(batch.id, spec.job(), algorithm, batch.numbers, standing.replyTo, fault));
    }
    if (tracer.on()) {
      long end = System.nanoTime();
      task.flowId = FLOW_IDS.incrementAndGet();
      tracer.complete(track, task.sentBefore ? "re-send" : "send", "batch", sendStart, end - sendStart,
          "batch", batch.id, "part", task.key.part(), "numbers", batch.numbers.length, "retry", task.failures,
          "to", pull ? target.path().name() : "router", "thread", Thread.currentThread().getName());
      tracer.flow(track, 's', "batch", task.flowId, sendStart + (end - sendStart) / 2);
    }
    task.sentBefore = true;
  }

  // ---- replies ----

  private Task task(long batchId, int part) {
    Batch batch = window.get(batchId);
    return batch == null || part < 0 || part >= batch.tasks.length ? null : batch.tasks[part];
  }

  private Behavior<Command> onReply(PrimeWorker.Reply reply) {
    long arrived = System.nanoTime();
    replies++;
    Task task = task(reply.batchId(), reply.part());
    span(reply, task, arrived);
    if (pull) release(reply.worker(), new TaskKey(reply.batchId(), reply.part()), task);
    boolean open = task != null && !task.batch.done() && task.state != State.DONE && task.state != State.FAILED;
    if (open) {
      lastReplyNanos = System.nanoTime();
      if (reply instanceof PrimeWorker.Computed c) {
        if (!task.batch.split && wellFormed(task.batch, c)) {
          accept(task, c);
        } else {
          retryOrGiveUp(task, "malformed reply from " + c.workerName() + " on " + c.node());
        }
      } else if (reply instanceof PrimeWorker.RangeChecked r) {
        if (task.batch.split && wellFormed(task, r)) {
          acceptRange(task, r);
        } else {
          retryOrGiveUp(task, "malformed reply from " + r.workerName() + " on " + r.node());
        }
      } else {
        share(reply); // a worker that only ever failed still shows up in the report
        retryOrGiveUp(task, ((PrimeWorker.Failed) reply).error());
      }
    }
    if (tracer.on()) {
      long end = System.nanoTime();
      tracer.complete(track, "reply", "batch", arrived, end - arrived, "batch", reply.batchId(), "part", reply.part(),
          "from", reply.workerName(), "accepted", open, "thread", Thread.currentThread().getName());
      if (task != null && task.flowId != 0 && !task.resentAfterTimeout) {
        tracer.flow(track, 'f', "batch", task.flowId, arrived + (end - arrived) / 2);
      }
    }
    return flushAndDispatch();
  }

  /**
   * The worker's span for this reply, on this node's clock: utilisation bookkeeping, and a slice on the worker's
   * track when tracing. A local worker shares this JVM's clock; a remote one is placed with its node's estimated
   * offset ({@link NodeClock}), and never before its previous span on the track (the estimate moves as replies come).
   */
  private void span(PrimeWorker.Reply reply, Task task, long arrived) {
    long startMicros;
    long busy;
    String thread;
    String name;
    if (reply instanceof PrimeWorker.Computed c) {
      startMicros = c.startMicros();
      busy = c.busyNanos();
      thread = c.thread();
      name = "batch";
    } else if (reply instanceof PrimeWorker.RangeChecked r) {
      startMicros = r.startMicros();
      busy = r.busyNanos();
      thread = r.thread();
      name = "range";
    } else {
      PrimeWorker.Failed f = (PrimeWorker.Failed) reply;
      startMicros = f.startMicros();
      busy = f.busyNanos();
      thread = f.thread();
      name = "batch failed";
    }
    if (startMicros == 0) return; // an old worker, or a test's: no timing to place
    long sent = task == null || task.sentNanos == 0 ? arrived - busy : task.sentNanos;
    long start;
    if (reply.node().equals("local")) {
      start = TraceClock.nanoTime(startMicros);
    } else {
      NodeClock clock = clocks.computeIfAbsent(reply.node(), n -> new NodeClock());
      long busyMicros = busy / 1000;
      boolean ambiguous = task != null && task.resentAfterTimeout; // which send does this reply answer?
      if (!ambiguous) {
        clock.observe(TraceClock.epochMicros(sent), startMicros, startMicros + busyMicros, TraceClock.epochMicros(arrived));
      }
      start = TraceClock.nanoTime(startMicros - clock.offsetMicros());
      // Whatever the estimate, the span happened between its send and its reply: it is drawn there.
      start = Math.max(ambiguous ? Long.MIN_VALUE : sent, Math.min(start, arrived - busy));
      if (tracer.on()) {
        tracer.note("clock " + reply.node(), "offset " + clock.offsetMicros() + " us +- " + clock.uncertaintyMicros()
            + " us from " + clock.samples() + " replies" + (clock.inconsistent() ? " (the clocks drifted)" : ""));
      }
    }
    Share share = share(reply);
    if (start < share.tracedEnd) start = share.tracedEnd;
    share.tracedEnd = start + busy;
    share.busy.add(start, start + busy);
    if (!tracer.on()) return;
    if (share.track == null) {
      share.track = tracer.track(reply.node().equals("local") ? TRACE_PROCESS : "node " + reply.node(),
          reply.workerName());
    }
    int numbers = task == null ? 0 : task.batch.split ? 1 : task.batch.numbers.length;
    if (reply instanceof PrimeWorker.Failed f) {
      tracer.complete(share.track, name, "batch", start, busy, "batch", reply.batchId(), "part", reply.part(),
          "numbers", numbers, "busyMicros", busy / 1000, "retry", task == null ? 0 : task.failures, "error", f.error(),
          "node", reply.node(), "thread", thread);
      tracer.instant(share.track, "restarted", start + busy, "error", f.error(), "batch", reply.batchId());
    } else {
      tracer.complete(share.track, name, "batch", start, busy, "batch", reply.batchId(), "part", reply.part(),
          "numbers", numbers, "busyMicros", busy / 1000, "retry", task == null ? 0 : task.failures,
          "node", reply.node(), "thread", thread);
    }
    if (task != null && task.flowId != 0 && !task.resentAfterTimeout) {
      tracer.flow(share.track, 't', "batch", task.flowId, start + busy / 2);
    }
  }

  private void release(ActorRef<PrimeWorker.Command> worker, TaskKey key, Task task) {
    Puller p = pullers.get(worker);
    if (p != null && p.holding.remove(key)) credits.add(worker);
    if (task != null) task.holders.remove(worker);
  }

  private boolean wellFormed(Batch batch, PrimeWorker.Computed c) {
    int n = batch.numbers.length;
    if (spec.job() == Job.CHECK) return c.prime() != null && c.prime().length == n;
    if (c.factorCounts() == null || c.factors() == null || c.factorCounts().length != n) return false;
    long total = 0;
    for (int k : c.factorCounts()) total += k;
    return total == c.factors().length;
  }

  private static boolean wellFormed(Task task, PrimeWorker.RangeChecked r) {
    long d = r.divisor();
    return d == 0 || (d >= task.from && d <= task.to && task.batch.numbers[0] % d == 0);
  }

  private void accept(Task task, PrimeWorker.Computed c) {
    Batch batch = task.batch;
    settle(task);
    batch.prime = c.prime();
    batch.factors = c.factors();
    batch.factorCounts = c.factorCounts();
    answered(batch);
    Share share = share(c);
    share.batches++;
    share.numbers += batch.numbers.length;
    share.busyNanos += c.busyNanos();
  }

  /**
   * A range answered: a divisor decides the number (composite) and its other ranges are not needed; no divisor in
   * every range makes it prime. The number counts for the worker whose range decided it.
   */
  private void acceptRange(Task task, PrimeWorker.RangeChecked r) {
    Batch batch = task.batch;
    settle(task);
    Share share = share(r);
    share.batches++;
    share.busyNanos += r.busyNanos();
    if (r.divisor() == 0 && ++batch.rangesClear < batch.tasks.length) {
      if (batch.nextPart < batch.tasks.length) ready.add(batch.tasks[batch.nextPart++]); // the next range
      return;
    }
    batch.prime = new boolean[] {r.divisor() == 0};
    answered(batch);
    share.numbers++;
    for (Task other : batch.tasks) {
      if (other.state == State.WAITING) { // queued, or not queued yet: never sent
        rangesSkipped++;
        ready.remove(other);
      }
      if (other.state != State.DONE) {
        other.state = State.DROPPED; // a late answer is ignored: the number is decided
      }
    }
  }

  /** A task answered: it needs no timer, no re-send. */
  private void settle(Task task) {
    ready.remove(task);
    task.state = State.DONE;
  }

  private Share share(PrimeWorker.Reply r) {
    Share s = shares.get(r.worker()); // no capturing lambda: called twice per reply
    if (s == null) shares.put(r.worker(), s = new Share(r.workerName(), r.node()));
    return s;
  }

  /** Makes sure the timeout check runs by {@code deadlineNanos}: a timer is started only if none is due by then. */
  private void armTimeoutCheck(long deadlineNanos) {
    if (deadlineNanos >= standing.checkDeadline) return; // the common case: the check already due earlier
    standing.checkDeadline = deadlineNanos;
    timers.startSingleTimer(TimeoutCheck.INSTANCE, TimeoutCheck.INSTANCE,
        java.time.Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
  }

  /**
   * Times out every task sent more than the batch timeout ago and still unanswered (each is re-sent or given up, as
   * after a failure), then aims the check at the next deadline: the oldest send still unanswered.
   */
  private Behavior<Command> onTimeoutCheck() {
    // The check's own deadline counts as now: the scheduler fired it then (under a test's manual time too), and the
    // tasks sent within the slack after the oldest go with it, rather than each getting a check of its own.
    long now = Math.max(System.nanoTime(), standing.checkDeadline) + TIMEOUT_CHECK_SLACK_NANOS;
    standing.checkDeadline = Long.MAX_VALUE;
    long timeout = spec.batchTimeout().toNanos();
    List<Task> overdue = new ArrayList<>();
    long oldest = Long.MAX_VALUE;
    for (Batch b : window.values()) {
      if (b.done()) continue;
      for (Task t : b.tasks) {
        if (t.state != State.SENT) continue;
        if (now - t.sentNanos >= timeout) overdue.add(t);
        else oldest = Math.min(oldest, t.sentNanos);
      }
    }
    overdue.sort(OLDEST_FIRST);
    for (Task task : overdue) {
      if (task.state != State.SENT || task.batch.done()) continue; // decided by an earlier one (a split number)
      getContext().getLog().warn("batch {}{} got no reply within {}", task.batch.id,
          task.batch.split ? " (range " + task.key.part() + ")" : "", DurationText.of(spec.batchTimeout()));
      if (tracer.on()) {
        tracer.instant(track, "batch timed out", System.nanoTime(), "batch", task.batch.id, "part", task.key.part());
      }
      task.resentAfterTimeout = true;
      retryOrGiveUp(task, "no reply within " + DurationText.of(spec.batchTimeout()));
    }
    Behavior<Command> next = flushAndDispatch(); // a re-send arms the check again, for its own deadline
    if (next == this && oldest != Long.MAX_VALUE) armTimeoutCheck(oldest + timeout);
    return next;
  }

  /** After a failure or timeout: re-send, or give up once the task has used its retries. */
  private void retryOrGiveUp(Task task, String error) {
    task.error = error;
    task.failures++;
    if (task.failures > spec.maxRetries()) {
      task.state = State.FAILED;
      ready.remove(task);
      answered(task.batch);
      if (tracer.on()) {
        tracer.instant(track, "batch failed for good", System.nanoTime(), "batch", task.batch.id, "error", error);
      }
    } else {
      requeue(task);
      if (tracer.on() && task.state == State.WAITING) {
        tracer.instant(track, "batch to re-send", System.nanoTime(), "batch", task.batch.id, "part", task.key.part(),
            "retry", task.failures, "error", error);
      }
    }
  }

  /** Queue a task for re-sending (ahead of new input: it holds up the in-order prefix). */
  private void requeue(Task task) {
    if (cancelled) {
      // Nothing is re-sent after a cancel: the task is dropped (a late reply may still complete it).
      task.state = State.DROPPED;
      return;
    }
    task.state = State.WAITING;
    if (!ready.contains(task)) ready.add(task);
  }

  // ---- workers coming and going (pull) ----

  private void join(ActorRef<PrimeWorker.Command> worker) {
    if (pullers.containsKey(worker) || dead.contains(worker)) return;
    if (standing.watched.add(worker)) getContext().watchWith(worker, new WorkerTerminated(worker));
    pullers.put(worker, new Puller());
    for (int i = 0; i < CREDIT; i++) credits.add(worker);
  }

  private void leave(ActorRef<PrimeWorker.Command> worker, String why) {
    Puller p = pullers.remove(worker);
    if (p == null) return;
    getContext().unwatch(worker);
    standing.watched.remove(worker);
    int resent = 0;
    for (TaskKey key : p.holding) {
      Task task = task(key.batchId(), key.part());
      if (task == null) continue;
      task.holders.remove(worker);
      if (task.state == State.SENT && task.holders.isEmpty()) {
        requeue(task);
        resent++;
      }
    }
    getContext().getLog().info("prime worker {} {}: {} of its batches to re-send", worker.path(), why, resent);
    Share share = shares.get(worker);
    if (tracer.on()) {
      tracer.instant(share != null && share.track != null ? share.track : track, "worker lost (" + why + ")",
          System.nanoTime(), "worker", worker.path().toString(), "resent", resent);
    }
    progress.workerLost(share != null ? share.name : worker.path().name(),
        share != null ? share.node : PrimeWorker.nodeOf(worker.path().address()), resent);
  }

  private Behavior<Command> onPoolLent(PoolLent p) {
    take(p.lent());
    return flushAndDispatch();
  }

  /** The pool's workers (pull) or router (push) are this job's: dispatching can start. */
  private void take(WorkerPool.Lent lent) {
    if (pull) {
      for (ActorRef<PrimeWorker.Command> w : lent.workers()) join(w);
    } else {
      router = lent.router();
    }
    started = true;
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
    // Akka no longer watches it, whether or not this job was lent it (a watch kept from an earlier job): forgotten,
    // so a later job that is lent it again watches it again and learns at once that it is gone.
    standing.watched.remove(t.worker());
    dead.add(t.worker());
    leave(t.worker(), "terminated");
    return flushAndDispatch();
  }

  private Behavior<Command> onPoolTerminated() {
    poolStopped = true;
    if (!started || lastReplyNanos == 0) { // closed before this job got a single answer from it
      return fail("the prime worker pool stopped before the job began",
          new IllegalStateException("the prime kitchen's pool is closed: cannot run a job"));
    }
    getContext().getLog().error("the prime worker pool stopped: ending the job");
    cancelled = true;
    for (Batch b : window.values()) {
      for (Task t : b.tasks) if (t.state == State.SENT || t.state == State.WAITING) t.state = State.DROPPED;
    }
    ready.clear();
    return flushAndDispatch();
  }

  // ---- cancel, writing, finishing ----

  private Behavior<Command> onCancel() {
    if (cancelled) return this;
    cancelled = true;
    for (Task t : ready) t.state = State.DROPPED; // a late reply may still complete it
    ready.clear();
    return flushAndDispatch();
  }

  private Behavior<Command> flushAndDispatch() {
    try {
      flush();
    } catch (RuntimeException e) {
      return fail("writing results failed", e);
    }
    Behavior<Command> next = dispatch();
    if (tracer.on()) traceQueues();
    return next;
  }

  /**
   * The queues as counters, when one changed: batches in flight (sent, not answered), batches answered but waiting
   * for an earlier one to be written in order, and (pull) workers holding nothing. Iterates the window (at most
   * {@code window} batches), only when tracing.
   */
  private void traceQueues() {
    long inFlight = 0;
    long waiting = 0;
    for (Batch b : window.values()) {
      if (b.done() || b.failed()) {
        waiting++; // settled, held for an earlier batch (none is held in completion order: they are written at once)
      } else {
        for (Task t : b.tasks) {
          if (t.state == State.SENT) {
            inFlight++;
            break;
          }
        }
      }
    }
    long idle = -1;
    if (pull) {
      idle = 0;
      for (Puller p : pullers.values()) if (p.holding.isEmpty()) idle++;
    }
    if (inFlight == tracedInFlight && waiting == tracedWaiting && idle == tracedIdle) return;
    tracedInFlight = inFlight;
    tracedWaiting = waiting;
    tracedIdle = idle;
    long now = System.nanoTime();
    if (completionOrder) {
      tracer.counter(track, "batches", now, "in flight", inFlight);
    } else {
      tracer.counter(track, "batches", now, "in flight", inFlight, "waiting for in-order output", waiting);
    }
    if (pull) tracer.counter(track, "idle workers", now, "idle", idle);
  }

  /** A batch is settled (answered, or failed for good): in completion order, it is written at the next flush. */
  private void answered(Batch batch) {
    if (completionOrder) answeredBatches.add(batch);
  }

  /**
   * Hands the complete prefix of batches to the sink, in input order, and forgets them; in completion order, every
   * batch settled since the last flush.
   */
  private void flush() {
    if (completionOrder) {
      boolean wrote = false;
      Batch batch;
      while ((batch = answeredBatches.poll()) != null) {
        if (window.remove(batch.id) == null) continue; // written already (a split number's second failed range)
        if (batch.done()) write(batch);
        else writeFailed(batch);
        wrote = true;
      }
      if (wrote) progress.answered(answered + numbersFailed);
      return;
    }
    long before = headId;
    Batch batch;
    while ((batch = window.get(headId)) != null && (batch.done() || batch.failed())) {
      if (batch.done()) write(batch);
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
        batch.id, batch.numbers.length, batch.firstIndex, batch.error());
    sink.failed(batch.firstIndex, batch.numbers, batch.error());
    failedBatches.add(new FailedBatch(batch.firstIndex, batch.numbers, batch.error()));
    numbersFailed += batch.numbers.length;
  }

  private Behavior<Command> finishIfDone() {
    if (cancelled) {
      for (Batch b : window.values()) {
        if (b.done()) continue;
        for (Task t : b.tasks) if (t.state == State.SENT) return this;
      }
    } else if (!(inputDone && window.isEmpty())) {
      return this;
    }
    // A loop and one comparator, not a stream: this runs once a job, so in code the JIT never optimises, where a
    // stream with a comparator built per call took ~0.14 ms of a 15 ms job (measured).
    WorkerStats[] stats = new WorkerStats[shares.size()];
    int k = 0;
    for (Share s : shares.values()) {
      stats[k++] = new WorkerStats(s.name, s.node, s.batches, s.numbers, s.busyNanos,
          s.busy.utilisation(firstSendNanos, lastReplyNanos), s.busy.longestIdleNanos(firstSendNanos, lastReplyNanos));
    }
    Arrays.sort(stats, WORKER_ORDER);
    List<WorkerStats> workers = List.of(stats);
    long wall = firstSendNanos == 0 || lastReplyNanos == 0 ? 0 : lastReplyNanos - firstSendNanos;
    Behavior<Command> next = afterJob(sends == replies && failedBatches.isEmpty() && retries == 0);
    promise.complete(new JobResult(numbersIn, answered, numbersFailed, primes, factors, batchesDone,
        List.copyOf(failedBatches), retries, wall, workers, cancelled, splitNumbers, splitRanges, rangesSkipped));
    return next;
  }

  /**
   * What this actor does once the job has ended: a one-off coordinator stops; a reusable one goes back to idle and
   * its kitchen's free list when {@code reusable} (no reply can still come), else it is retired.
   */
  private Behavior<Command> afterJob(boolean reusable) {
    if (free == null || !reusable || poolStopped) return Behaviors.stopped();
    // The timeout check stays armed for the next job (see Standing.checkDeadline).
    // Its workers stay watched: one that stops between jobs is forgotten by the idle coordinator, so a later job
    // that is lent it (a kitchen lends the workers it started with) watches it again and hears at once it is gone.
    free.run();
    return standing.idle;
  }

  private Behavior<Command> fail(String what, RuntimeException e) {
    // The caller gets the failure (and reports it in its own words): a log line would say it twice.
    getContext().getLog().debug("{}: {}", what, e.toString());
    promise.completeExceptionally(e);
    return Behaviors.stopped(); // never reused: the job ended half-way
  }

  private Behavior<Command> onPostStop() {
    promise.completeExceptionally(
        new IllegalStateException("the job's coordinator stopped before the job finished (actor system shut down?)"));
    return this;
  }
}
