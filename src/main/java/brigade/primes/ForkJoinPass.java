package brigade.primes;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.BooleanSupplier;

/**
 * The plain-threads reference: a job's numbers read in the same batches as the actor pool's and computed by the
 * same pure code ({@link BatchCompute}) on a {@code ForkJoinPool(parallelism = poolSize)}, results tallied in input
 * order on the calling thread, which also reads the input (as the coordinator does for the pool). At most
 * {@code window} batches are in flight, so memory stays bounded for any input. What the actor pool costs on top of
 * this pass is the price of its messages, mailboxes and coordinator.
 *
 * <p>One pool per parallelism lives as long as this object, as the actor dispatcher's threads outlive a job.
 */
public final class ForkJoinPass implements AutoCloseable {
  private final Map<Integer, ForkJoinPool> pools = new HashMap<>();

  /**
   * Runs {@code job} over every number of {@code source} on {@code parallelism} threads in batches of
   * {@code batchSize}, at most {@code window} at once.
   *
   * @param cancelled polled between batches: true stops reading (the batches in flight finish)
   * @return what was computed, or null if cancelled before the end
   */
  public Tally run(Job job, PrimeAlgorithm algorithm, NumberSource source, int parallelism, int batchSize, int window,
      BooleanSupplier cancelled) {
    ForkJoinPool pool = pools.computeIfAbsent(parallelism, ForkJoinPool::new);
    Tally.Builder tally = new Tally.Builder();
    ArrayDeque<ForkJoinTask<ResultBatch>> inFlight = new ArrayDeque<>(window);
    long index = 0;
    boolean more = true;
    while (more || !inFlight.isEmpty()) {
      while (more && inFlight.size() < Math.max(1, window)) {
        long[] numbers = cancelled.getAsBoolean() ? null : BatchPlan.nextBatch(source, batchSize);
        if (numbers == null) {
          more = false;
          break;
        }
        long first = index;
        index += numbers.length;
        inFlight.add(pool.submit(() -> BatchCompute.batch(job, algorithm, first, numbers)));
      }
      ForkJoinTask<ResultBatch> head = inFlight.poll();
      if (head != null) tally.add(head.join());
    }
    return cancelled.getAsBoolean() ? null : tally.build();
  }

  @Override
  public void close() {
    pools.values().forEach(ForkJoinPool::shutdownNow);
    pools.clear();
  }
}
