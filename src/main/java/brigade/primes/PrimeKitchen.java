package brigade.primes;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The facade every caller (the {@code primes} command, the bench, the cluster coordinator node) runs jobs
 * through.
 *
 * <p>Any {@link ActorSystem} will do, whatever its guardian: each job's coordinator is spawned with
 * {@code system.systemActorOf} under a unique name ({@code /system/prime-job-N}), so no special guardian is
 * needed and {@code start} may be called from any thread, any number of times on one system. The coordinator
 * owns the job's workers (a local pool, or the feeder of an external source) as children: when the job ends
 * they all stop, so hundreds of jobs in one JVM leave nothing behind. System actors stop after the user
 * guardian, so a CoordinatedShutdown task may still {@link JobRun#cancel()} a job and wait for its result.
 *
 * <p>The caller owns {@code input} and {@code sink}: the coordinator reads and writes them from its own thread
 * until {@link JobRun#result()} completes (never after), and never closes them.
 */
public final class PrimeKitchen {
  private static final AtomicLong JOBS = new AtomicLong();

  private PrimeKitchen() {}

  /** Runs a job on a local pool of spec.poolSize workers (push: Routers.pool; pull: individually spawned). */
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
    validate(spec);
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(workers, "workers");
    if (system.getWhenTerminated().toCompletableFuture().isDone()) {
      throw new IllegalStateException("actor system " + system.name() + " is terminated: cannot start a job");
    }
    CompletableFuture<JobResult> promise = new CompletableFuture<>();
    ActorRef<JobCoordinator.Command> coordinator = system.systemActorOf(
        JobCoordinator.create(spec, input, sink, progress, workers, promise),
        "prime-job-" + JOBS.incrementAndGet(),
        Props.empty());
    return new Run(coordinator, promise.minimalCompletionStage());
  }

  private static void validate(JobSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(spec.job(), "spec.job");
    Objects.requireNonNull(spec.algorithm(), "spec.algorithm");
    Objects.requireNonNull(spec.dispatch(), "spec.dispatch");
    Objects.requireNonNull(spec.batchTimeout(), "spec.batchTimeout");
    require(spec.poolSize() >= 1, "poolSize must be >= 1, was " + spec.poolSize());
    require(spec.batchSize() >= 1, "batchSize must be >= 1, was " + spec.batchSize());
    require(spec.window() >= 1, "window must be >= 1, was " + spec.window());
    require(spec.maxRetries() >= 0, "maxRetries must be >= 0, was " + spec.maxRetries());
    require(!spec.batchTimeout().isNegative() && !spec.batchTimeout().isZero(),
        "batchTimeout must be > 0, was " + spec.batchTimeout());
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  /** The handle on a running job. */
  record Run(ActorRef<JobCoordinator.Command> coordinator, CompletionStage<JobResult> result) implements JobRun {
    @Override
    public void cancel() {
      coordinator.tell(JobCoordinator.Cancel.INSTANCE);
    }
  }
}
