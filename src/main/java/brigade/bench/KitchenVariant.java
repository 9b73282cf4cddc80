package brigade.bench;

import akka.actor.typed.ActorSystem;
import brigade.primes.JobResult;
import brigade.primes.JobRun;
import brigade.primes.JobSpec;
import brigade.primes.PrimeKitchen;
import brigade.primes.NumberSource;
import brigade.primes.ProgressListener;
import brigade.primes.ResultSink;
import java.util.concurrent.ExecutionException;

/**
 * The variant under test: the prime kitchen's actor pool, started fresh for every run through
 * {@link PrimeKitchen#start} exactly as the {@code primes} command runs a job (router, coordinator, window,
 * in-order sink), on the one actor system the whole bench shares.
 */
final class KitchenVariant implements PoolVariant {
  private final ActorSystem<?> system;
  private final BenchSettings settings;
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
    JobRun run = PrimeKitchen.start(system, spec, NumberSource.of(work.numbers()), sink, ProgressListener.NONE);
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
  public void cancel() {
    cancelled = true;
    JobRun run = current;
    if (run != null) run.cancel();
  }
}
