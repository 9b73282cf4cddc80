package brigade.bench;

import brigade.primes.ResultBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The plain-threads reference: the same batches (same numbers, same split) submitted to a
 * {@code ForkJoinPool(parallelism = poolSize)}, results consumed in input order as the kitchen's sink gets
 * them. What the actor pool costs on top of this is the price of its messages and mailboxes.
 */
final class ForkJoinReference implements AutoCloseable {
  private final java.util.Map<Integer, ForkJoinPool> pools = new java.util.HashMap<>();

  /**
   * Runs the workload in batches of {@code batchSize} on a pool of {@code parallelism} threads; batches not
   * yet started when {@code cancelled} turns true are skipped (the tally is then partial).
   */
  Tally run(Workload work, int parallelism, int batchSize, java.util.function.BooleanSupplier cancelled) {
    // One pool per size for the whole bench: its threads, like the actor dispatcher's, outlive a run.
    ForkJoinPool pool = pools.computeIfAbsent(parallelism, ForkJoinPool::new);
    int count = work.count();
    List<ForkJoinTask<ResultBatch>> tasks = new ArrayList<>(count / batchSize + 1);
    for (int from = 0; from < count; from += batchSize) {
      int f = from;
      int to = (int) Math.min((long) from + batchSize, count);
      tasks.add(pool.submit(() -> cancelled.getAsBoolean() ? null : work.batch(f, to)));
    }
    Tally.Builder tally = new Tally.Builder();
    for (ForkJoinTask<ResultBatch> t : tasks) {
      ResultBatch r = t.join();
      if (r == null) { // cancelled: let the queued batches drain as no-ops
        tasks.forEach(x -> x.cancel(false));
        break;
      }
      tally.add(r);
    }
    return tally.build();
  }

  @Override
  public void close() {
    pools.values().forEach(ForkJoinPool::shutdownNow);
    pools.clear();
  }
}
