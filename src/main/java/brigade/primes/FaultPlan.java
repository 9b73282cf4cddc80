package brigade.primes;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fault injection for tests and demos: which batches a {@link PrimeWorker} throws on instead of computing.
 * The worker replies {@link PrimeWorker.Failed} and rethrows, so supervision restarts it and the coordinator
 * retries the batch. Called on worker threads: implementations must be thread-safe.
 */
@FunctionalInterface
public interface FaultPlan {
  /** Whether the worker should throw on this delivery of batch {@code batchId}. */
  boolean failsOn(long batchId, long[] numbers);

  /** Never fails. */
  FaultPlan NONE = (batchId, numbers) -> false;

  /** Each delivery of a batch fails with probability {@code rate}, from a seeded coin (repeatable per seed). */
  static FaultPlan rate(double rate, long seed) {
    if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("fault rate must be in [0, 1), was " + rate);
    if (rate == 0) return NONE;
    SplittableRandom coin = new SplittableRandom(seed);
    return (batchId, numbers) -> {
      synchronized (coin) {
        return coin.nextDouble() < rate;
      }
    };
  }

  /** Every batch that contains {@code number} fails, every time: it ends up reported as a failed batch. */
  static FaultPlan poison(long number) {
    return (batchId, numbers) -> Arrays.stream(numbers).anyMatch(n -> n == number);
  }

  /** The first {@code times} deliveries of every batch fail, later ones succeed (deterministic retries). */
  static FaultPlan failFirst(int times) {
    ConcurrentMap<Long, Integer> deliveries = new ConcurrentHashMap<>();
    return (batchId, numbers) -> deliveries.merge(batchId, 1, Integer::sum) <= times;
  }
}
