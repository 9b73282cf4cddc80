package brigade.primes;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
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
    return run(new JobSpec(job, algorithm, Dispatch.PULL, parallelism, batchSize, window, 0,
        java.time.Duration.ofDays(1)), source, cancelled);
  }

  /**
   * Runs {@code spec}'s job over every number of {@code source} exactly as the actor pool cuts it: its batches, and a
   * split number's divisor ranges as tasks of their own (the first divisor found cancels the ranges not yet started),
   * on {@code spec.poolSize()} threads, at most {@code spec.window()} batches at once.
   *
   * @param cancelled polled between batches: true stops reading (the batches in flight finish)
   * @return what was computed, or null if cancelled before the end
   */
  public Tally run(JobSpec spec, NumberSource source, BooleanSupplier cancelled) {
    ForkJoinPool pool = pools.computeIfAbsent(spec.poolSize(), ForkJoinPool::new);
    BatchReader reader = new BatchReader(source, spec);
    Tally.Builder tally = new Tally.Builder();
    ArrayDeque<Pending> inFlight = new ArrayDeque<>(spec.window());
    long index = 0;
    boolean more = true;
    while (more || !inFlight.isEmpty()) {
      while (more && inFlight.size() < Math.max(1, spec.window())) {
        long[] numbers = cancelled.getAsBoolean() ? null : reader.next();
        if (numbers == null) {
          more = false;
          break;
        }
        inFlight.add(submit(pool, spec, index, numbers));
        index += numbers.length;
      }
      Pending head = inFlight.poll();
      if (head != null) tally.add(head.join());
    }
    return cancelled.getAsBoolean() ? null : tally.build();
  }

  /** A batch on its way: its answers, once computed. */
  private interface Pending {
    ResultBatch join();
  }

  private static Pending submit(ForkJoinPool pool, JobSpec spec, long first, long[] numbers) {
    if (!(numbers.length == 1 && spec.splits(numbers[0]))) {
      ForkJoinTask<ResultBatch> task =
          pool.submit(() -> BatchCompute.batch(spec.job(), spec.algorithm(), first, numbers));
      return task::join;
    }
    SplitNumber split = new SplitNumber(pool, numbers[0], spec.rangesFor(numbers[0]));
    // As the coordinator does: at most a pool's worth of a number's ranges at a time, smallest divisors first, the
    // next one started as each comes back clear (whichever number it belongs to).
    for (int i = 0; i < Math.min(split.ranges.length, spec.poolSize()); i++) split.startNext();
    return () -> ResultBatch.checked(first, numbers, new boolean[] {split.decided()});
  }

  /**
   * One number's divisor ranges on the pool: plain threads sharing an index, a count and a future, the contrast to
   * the coordinator's messages. The first divisor found decides the number, and ranges not yet started are skipped.
   */
  private static final class SplitNumber {
    final ForkJoinPool pool;
    final long n;
    final long[][] ranges;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger clear = new AtomicInteger();
    final CompletableFuture<Boolean> prime = new CompletableFuture<>();

    SplitNumber(ForkJoinPool pool, long n, long[][] ranges) {
      this.pool = pool;
      this.n = n;
      this.ranges = ranges;
      if (ranges.length == 0) prime.complete(true); // no odd candidate: n < 9, not split in practice
    }

    /** Waits for the answer; a range that threw throws here, as a ForkJoinTask's join would. */
    boolean decided() {
      try {
        return prime.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        if (e.getCause() instanceof Error err) throw err;
        throw e;
      }
    }

    void startNext() {
      int i = next.getAndIncrement();
      if (i < ranges.length) pool.execute(() -> check(ranges[i]));
    }

    private void check(long[] range) {
      if (prime.isDone()) return; // decided while this range waited
      try {
        if (TrialDivision.smallestOddDivisor(n, range[0], range[1]) != 0) {
          prime.complete(false);
        } else if (clear.incrementAndGet() == ranges.length) {
          prime.complete(true);
        } else {
          startNext();
        }
      } catch (RuntimeException | Error e) {
        prime.completeExceptionally(e);
      }
    }
  }

  @Override
  public void close() {
    pools.values().forEach(ForkJoinPool::shutdownNow);
    pools.clear();
  }
}
