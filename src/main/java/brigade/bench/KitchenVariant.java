package brigade.bench;

import akka.actor.typed.ActorSystem;
import brigade.primes.JobResult;
import brigade.primes.JobRun;
import brigade.primes.JobSpec;
import brigade.primes.PrimeKitchen;
import brigade.primes.NumberSource;
import brigade.primes.ProgressListener;
import brigade.primes.ResultSink;
import brigade.primes.Tally;
import java.util.concurrent.ExecutionException;

/**
 * The variant under test: the prime kitchen's actor pool, exactly as the {@code primes} command runs a job (a
 * long-lived kitchen's router and workers, a coordinator per run, window, in-order sink), on the one actor system
 * the whole bench shares. One kitchen per router size and dispatch mode is opened at its first run and reused by
 * every later round at that point, as the ForkJoinPool reference keeps one pool per size: neither pays its
 * threads' or workers' start-up inside a timed run.
 */
final class KitchenVariant implements PoolVariant {
  private final ActorSystem<?> system;
  private final BenchSettings settings;
  private final java.util.Map<String, PrimeKitchen> kitchens = new java.util.HashMap<>();
  private volatile JobRun current;
  private volatile boolean cancelled;

  KitchenVariant(ActorSystem<?> system, BenchSettings settings) {
    this.system = system;
    this.settings = settings;
  }

  @Override
  public Tally run(Workload work, Sweep.Point point) throws InterruptedException {
    JobSpec spec = new JobSpec(
        work.job(),
        work.algorithm(),
        point.dispatch(),
        point.poolSize(),
        point.batchSize(),
        settings.windowFor(point.poolSize()),
        settings.maxRetries(),
        settings.batchTimeout());
    Tally.Builder tally = new Tally.Builder();
    ResultSink sink = tally::add;
    PrimeKitchen kitchen = kitchens.computeIfAbsent(point.poolSize() + "/" + point.dispatch().label(),
        k -> PrimeKitchen.open(system, point.poolSize()));
    try {
      kitchen.ready().toCompletableFuture().get(); // the workers' start-up is not the run's
    } catch (ExecutionException e) {
      throw new IllegalStateException("the actor pool at " + point.label() + " did not start: " + e.getCause(),
          e.getCause());
    }
    JobRun run = kitchen.start(spec, NumberSource.of(work.numbers()), sink, ProgressListener.NONE);
    current = run;
    if (cancelled) run.cancel(); // Ctrl-C raced with the start
    JobResult result;
    try {
      result = run.result().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the actor pool failed at " + point.label() + ": " + e.getCause(), e.getCause());
    } finally {
      current = null;
    }
    if (!result.interrupted() && !result.failedBatches().isEmpty()) {
      throw new IllegalStateException("the actor pool at " + point.label() + " gave up on "
          + result.failedBatches().size() + " batches (first error: " + result.failedBatches().get(0).error() + ")");
    }
    return tally.build();
  }

  @Override
  public void close() {
    kitchens.values().forEach(PrimeKitchen::close);
    kitchens.clear();
  }

  @Override
  public void cancel() {
    cancelled = true;
    JobRun run = current;
    if (run != null) run.cancel();
  }
}
