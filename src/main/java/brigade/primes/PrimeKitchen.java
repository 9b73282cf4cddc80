package brigade.primes;

import brigade.trace.Tracer;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The facade every caller (the {@code primes} command, the bench, the cluster coordinator node) runs jobs
 * through.
 *
 * <p>An open kitchen ({@link #open}) is a long-lived {@link WorkerPool} of prime workers: every job started on it
 * ({@link #start(JobSpec, NumberSource, ResultSink, ProgressListener, FaultPlan)}) borrows the same workers, so a
 * warm-up, each timed round and every later job run on workers that are already started and compiled, and the
 * pool's start-up is paid (and measured: {@link #ready}) once. {@link #close} stops the pool. The static
 * {@code start} methods run one-off jobs: with a local pool, one started for the job and stopped with it.
 *
 * <p>Any {@link ActorSystem} will do, whatever its guardian: coordinators are spawned with
 * {@code system.systemActorOf} under unique names, so no special guardian is needed and {@code start} may be called
 * from any thread, any number of times on one system. An open kitchen's jobs run on its coordinators
 * ({@code /system/prime-kitchen-N-coordinator-M}: as many as jobs have run at once, each reused by the next job,
 * stopped by {@link #close}). A one-off job's coordinator ({@code /system/prime-job-N}) owns the job's workers (a
 * local pool, or the feeder of an external source) as children: when the job ends they all stop, so hundreds of
 * jobs in one JVM leave nothing behind. System actors stop after the user
 * guardian, so a CoordinatedShutdown task may still {@link JobRun#cancel()} a job and wait for its result.
 *
 * <p>The caller owns {@code input} and {@code sink}: the coordinator reads and writes them from its own thread
 * until {@link JobRun#result()} completes (never after), and never closes them.
 */
public final class PrimeKitchen implements AutoCloseable {
  private static final AtomicLong JOBS = new AtomicLong();
  private static final AtomicLong KITCHENS = new AtomicLong();
  private static final AtomicLong COORDINATORS = new AtomicLong();
  /**
   * Coordinators (and a kitchen's router) run on the workers' dispatcher: between two batches a worker's thread runs
   * the coordinator's few microseconds of bookkeeping itself, instead of waking a third thread that preempts a worker
   * on a machine with as many cores as workers. Measured on a 2-core machine, seed-sized jobs ran ~4% faster than
   * with the coordinator on the default dispatcher. The primes command reads a file ahead on the I/O dispatcher (numbers
   * in memory are taken where they are), so it never waits there; a sink given from code runs there too and should
   * never block.
   */
  static final Props ON_WORKERS_DISPATCHER = DispatcherSelector.fromConfig(PrimeWorker.DISPATCHER);

  private final ActorSystem<?> system;
  private final ActorRef<WorkerPool.Command> pool;
  private final int poolSize;
  /**
   * The pool's answer to the kitchen's first borrow: its workers and router, once started. A plain future, not the
   * ask's own stage: Scala's stage behind {@code AskPattern.ask} turns even a completed stage's {@code thenApply} into
   * {@code thenApplyAsync}, run by the JDK's default async executor, which on 2 cores (a common pool of parallelism
   * 1) is a new thread per call: the bench waited 0.5-0.8 ms for it before every timed run (measured).
   */
  private final CompletableFuture<WorkerPool.Lent> lent = new CompletableFuture<>();
  /** The kitchen's actor name: its coordinators are named after it. */
  private final String name;
  /** Coordinators whose job has ended, each ready for the next job (see {@link JobCoordinator#reusable}). */
  private final java.util.concurrent.ConcurrentLinkedQueue<ActorRef<JobCoordinator.Command>> freeCoordinators =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  private PrimeKitchen(ActorSystem<?> system, ActorRef<WorkerPool.Command> pool, int poolSize, Duration readyTimeout) {
    this.system = system;
    this.pool = pool;
    this.name = pool.path().name();
    this.poolSize = poolSize;
    // Relayed once, itself asynchronously (the same executor as above): one thread per kitchen, not per job.
    AskPattern.ask(pool, WorkerPool.Borrow::new, readyTimeout, system.scheduler()).whenComplete((l, e) -> {
      if (e != null) {
        lent.completeExceptionally(e);
      } else {
        lent.complete(l);
      }
    });
  }

  /** How long {@link #ready} waits for the workers to answer before it completes exceptionally. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Opens a kitchen: starts a pool of {@code poolSize} prime workers ({@code /system/prime-kitchen-N/worker-1..}),
   * which lives until {@link #close} or the actor system's end. Returns at once; jobs started before the workers
   * are ready wait for them (and their timing starts with their first batch, so never includes the pool's
   * start-up).
   *
   * @param poolSize router size: prime workers, at least 1
   * @throws IllegalArgumentException if poolSize is below 1
   * @throws IllegalStateException if the actor system is terminated
   */
  public static PrimeKitchen open(ActorSystem<?> system, int poolSize) {
    return open(system, poolSize, FaultPlan.NONE);
  }

  /**
   * Opens a kitchen whose workers throw whenever {@code workerFaults} says so, whichever job sends them the batch:
   * e.g. {@code FaultPlan.failOn("worker-2", 1)}, worker-2's first batch (supervision restarts it, the job retries
   * the batch). Otherwise as {@link #open(ActorSystem, int)}.
   *
   * @param poolSize router size: prime workers, at least 1
   * @param workerFaults asked by each worker, by name, for every batch it gets
   * @throws IllegalArgumentException if poolSize is below 1
   * @throws IllegalStateException if the actor system is terminated
   */
  public static PrimeKitchen open(ActorSystem<?> system, int poolSize, FaultPlan workerFaults) {
    return open(system, poolSize, workerFaults, Tracer.OFF);
  }

  /**
   * Opens a kitchen that puts its own start on a trace: the workers' spawning and readiness as instants on their
   * tracks, and the start as a slice on a "kitchen" track. Otherwise as {@link #open(ActorSystem, int, FaultPlan)}.
   *
   * @param tracer the run's trace ({@link Tracer#OFF} for none)
   * @throws IllegalArgumentException if poolSize is below 1, or the plan aims at a worker the pool does not have
   */
  public static PrimeKitchen open(ActorSystem<?> system, int poolSize, FaultPlan workerFaults, Tracer tracer) {
    return open(system, poolSize, workerFaults, tracer, READY_TIMEOUT);
  }

  /** As {@link #open(ActorSystem, int, FaultPlan, Tracer)}, with {@link #ready}'s wait for the workers given (tests). */
  static PrimeKitchen open(ActorSystem<?> system, int poolSize, FaultPlan workerFaults, Tracer tracer,
      Duration readyTimeout) {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(workerFaults, "workerFaults");
    Objects.requireNonNull(tracer, "tracer");
    require(poolSize >= 1, () -> "poolSize must be >= 1, was " + poolSize);
    String aimedAt = workerFaults.aimedAt();
    // As the restaurant refuses a fault aimed at staff it does not hire: such a plan would silently never fire.
    require(aimedAt == null || aimedAt.matches("worker-[1-9][0-9]*")
        && Integer.parseInt(aimedAt.substring("worker-".length())) <= poolSize, () ->
        "the fault plan aims at '" + aimedAt + "': this kitchen's workers are worker-1..worker-" + poolSize);
    requireRunning(system);
    ActorRef<WorkerPool.Command> pool = system.systemActorOf(WorkerPool.create(poolSize, workerFaults, tracer),
        "prime-kitchen-" + KITCHENS.incrementAndGet(), Props.empty());
    return new PrimeKitchen(system, pool, poolSize, readyTimeout);
  }

  /** The router size: how many prime workers every job on this kitchen shares. */
  public int poolSize() {
    return poolSize;
  }

  /**
   * Completes with the pool's start-up time (from {@link #open} until every worker answered through the router)
   * once the workers are ready; exceptionally if they are not within {@link #READY_TIMEOUT}.
   */
  public CompletionStage<Duration> ready() {
    return lent.thenApply(l -> Duration.ofNanos(l.startupNanos()));
  }

  /** The workers, named worker-1..poolSize, once ready (for tests and reports). */
  public CompletionStage<List<ActorRef<PrimeWorker.Command>>> workers() {
    return lent.thenApply(WorkerPool.Lent::workers);
  }

  /** Runs a job on this kitchen's workers, with no fault injected. See {@link #start(JobSpec, NumberSource, ResultSink, ProgressListener, FaultPlan)}. */
  public JobRun start(JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress) {
    return start(spec, input, sink, progress, FaultPlan.NONE);
  }

  /**
   * Runs a job on this kitchen's workers; any number of jobs may run at once and one after another. A job started
   * before the workers are ready, or after {@link #ready} gave up on them, waits for them (its timing starts with its
   * first batch).
   *
   * @param spec the job; its pool size must be this kitchen's
   * @param faults which deliveries of the job's batches throw (supervision and retries, on purpose)
   * @throws IllegalArgumentException if the spec is invalid or names another pool size
   */
  public JobRun start(JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress, FaultPlan faults) {
    require(spec != null && spec.poolSize() == poolSize, () ->
        "this kitchen has " + poolSize + " workers; the job asks for " + (spec == null ? null : spec.poolSize()));
    // A ready kitchen hands its workers over with the job: no round trip to the pool before the first batch. One whose
    // readiness ask gave up (getNow would throw it) lets the job borrow them itself: the pool may yet start them.
    WorkerPool.Lent ready = lent.isCompletedExceptionally() ? null : lent.getNow(null);
    WorkerSource.Pooled workers = new WorkerSource.Pooled(pool, faults, ready);
    if (ready == null || closed) return start(system, spec, input, sink, progress, workers);
    validate(spec, input, sink, progress);
    requireRunning(system);
    // A free coordinator from an earlier job, or a new one that will be reused in turn.
    ActorRef<JobCoordinator.Command> coordinator = freeCoordinators.poll();
    if (coordinator == null) {
      coordinator = system.systemActorOf(JobCoordinator.reusable(pool),
          name + "-coordinator-" + COORDINATORS.incrementAndGet(), ON_WORKERS_DISPATCHER);
    }
    long job = JOBS.incrementAndGet();
    CompletableFuture<JobResult> promise = new CompletableFuture<>();
    ActorRef<JobCoordinator.Command> mine = coordinator;
    coordinator.tell(new JobCoordinator.Run(job, spec, input, sink, progress, workers, promise,
        () -> freeCoordinators.add(mine)));
    return new Run(coordinator, job, promise.minimalCompletionStage());
  }

  /**
   * One batch asked of the pool's router, as {@code executor.submit(task)}: the returned stage is the future, its
   * {@code get} the {@code result()}. Shares the workers with any job running on this kitchen.
   *
   * @param algorithm "trial" or "fast"
   * @param numbers the batch, each >= 0
   * @param timeout how long the ask waits for the worker's reply (wall time), > 0
   * @return completes with the batch's results (see {@link PrimeWorker.Computed} for their layout); exceptionally
   *     with {@link BatchFailed} if the worker threw, with a {@link java.util.concurrent.TimeoutException} if no reply
   *     came within {@code timeout}, or as {@link #ready} if the workers never started
   * @throws IllegalArgumentException for an unknown algorithm or a timeout that is not > 0
   */
  public CompletionStage<PrimeWorker.Computed> submit(Job job, String algorithm, long[] numbers, Duration timeout) {
    Objects.requireNonNull(job, "job");
    PrimeAlgorithm.named(algorithm); // an unknown name fails here, not in a worker
    Objects.requireNonNull(numbers, "numbers");
    require(timeout != null && !timeout.isNegative() && !timeout.isZero(), () -> "timeout must be > 0, was " + timeout);
    long id = ASKED.incrementAndGet();
    long[] batch = numbers.clone();
    return lent.thenCompose(l -> AskPattern.<PrimeWorker.Command, PrimeWorker.Reply>ask(l.router(),
            replyTo -> new PrimeWorker.Compute(id, job, algorithm, batch, replyTo), timeout, system.scheduler()))
        .thenApply(reply -> {
          if (reply instanceof PrimeWorker.Computed c) return c;
          PrimeWorker.Failed f = (PrimeWorker.Failed) reply;
          throw new BatchFailed("batch " + id + " failed on " + f.workerName() + ": " + f.error());
        });
  }

  /**
   * {@code Pool.map(fn, numbers, chunksize)}: the numbers cut into batches of {@code chunk}, each {@link #submit}ted
   * to the router at once (the workers take them round-robin), the results gathered in input order.
   *
   * @param chunk numbers per batch, >= 1
   * @param timeout how long each batch's ask waits (wall time), > 0
   * @return completes with one {@link PrimeWorker.Computed} per batch, in input order; exceptionally as soon as one
   *     batch fails or times out (see {@link #submit})
   * @throws IllegalArgumentException if chunk is below 1, or as {@link #submit}
   */
  public CompletionStage<List<PrimeWorker.Computed>> map(Job job, String algorithm, long[] numbers, int chunk,
      Duration timeout) {
    require(chunk >= 1, () -> "chunk must be >= 1, was " + chunk);
    List<CompletableFuture<PrimeWorker.Computed>> parts = new java.util.ArrayList<>();
    for (int from = 0; from < numbers.length; from += chunk) {
      long[] part = java.util.Arrays.copyOfRange(numbers, from, Math.min(numbers.length, from + chunk));
      parts.add(submit(job, algorithm, part, timeout).toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
  }

  /** A batch asked with {@link #submit} whose worker threw: the message names the batch, the worker and the error. */
  public static final class BatchFailed extends RuntimeException {
    public BatchFailed(String message) {
      super(message);
    }
  }

  /** Ids of asked batches: negative ids are the pool's probes, so these count up from 1. */
  private static final AtomicLong ASKED = new AtomicLong();

  /** Stops the pool's workers (jobs still running on them end as interrupted). Safe to call more than once. */
  @Override
  public void close() {
    closed = true; // later jobs get a one-off coordinator, which fails at once on a closed pool
    ActorRef<JobCoordinator.Command> free;
    while ((free = freeCoordinators.poll()) != null) free.tell(JobCoordinator.Retire.INSTANCE);
    pool.tell(WorkerPool.Close.INSTANCE);
  }

  /**
   * Runs a one-off job on a {@link WorkerPool} of spec.poolSize workers started for it and stopped with it (push:
   * through the pool's router; pull: straight to its workers). To run several jobs on the same workers, {@link
   * #open} a kitchen.
   */
  public static JobRun start(
      ActorSystem<?> system, JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress) {
    return start(system, spec, input, sink, progress, WorkerSource.localPool());
  }

  /** Same with workers from elsewhere (the cluster), or a local pool with injected faults. */
  public static JobRun start(
      ActorSystem<?> system,
      JobSpec spec,
      NumberSource input,
      ResultSink sink,
      ProgressListener progress,
      WorkerSource workers) {
    validate(spec, input, sink, progress);
    Objects.requireNonNull(workers, "workers");
    requireRunning(system);
    CompletableFuture<JobResult> promise = new CompletableFuture<>();
    ActorRef<JobCoordinator.Command> coordinator = system.systemActorOf(
        JobCoordinator.create(spec, input, sink, progress, workers, promise),
        "prime-job-" + JOBS.incrementAndGet(),
        ON_WORKERS_DISPATCHER);
    return new Run(coordinator, 0, promise.minimalCompletionStage());
  }

  /** A job's arguments, as every {@code start} checks them. */
  private static void validate(JobSpec spec, NumberSource input, ResultSink sink, ProgressListener progress) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(spec.job(), "spec.job");
    Objects.requireNonNull(spec.algorithm(), "spec.algorithm");
    Objects.requireNonNull(spec.dispatch(), "spec.dispatch");
    Objects.requireNonNull(spec.batchTimeout(), "spec.batchTimeout");
    require(spec.poolSize() >= 1, () -> "poolSize must be >= 1, was " + spec.poolSize());
    require(spec.batchSize() >= 1, () -> "batchSize must be >= 1, was " + spec.batchSize());
    require(spec.window() >= 1, () -> "window must be >= 1, was " + spec.window());
    require(spec.maxRetries() >= 0, () -> "maxRetries must be >= 0, was " + spec.maxRetries());
    require(!spec.batchTimeout().isNegative() && !spec.batchTimeout().isZero(), () ->
        "batchTimeout must be > 0, was " + spec.batchTimeout());
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(progress, "progress");
  }

  private static void requireRunning(ActorSystem<?> system) {
    // The Scala future itself: no Java stage needed to ask whether it is done.
    if (system.whenTerminated().isCompleted()) {
      throw new IllegalStateException("actor system " + system.name() + " is terminated: cannot start a job");
    }
  }

  /** The message is built only on failure: {@link #start} checks a job's spec this way for every job. */
  private static void require(boolean ok, java.util.function.Supplier<String> message) {
    if (!ok) throw new IllegalArgumentException(message.get());
  }

  /** The handle on a running job: its coordinator, and the job's number there (0 for a one-off coordinator). */
  record Run(ActorRef<JobCoordinator.Command> coordinator, long job, CompletionStage<JobResult> result)
      implements JobRun {
    @Override
    public void cancel() {
      coordinator.tell(new JobCoordinator.Cancel(job));
    }
  }
}
