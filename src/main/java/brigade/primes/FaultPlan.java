package brigade.primes;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fault injection for tests and demos: which batches a {@link PrimeWorker} throws on instead of computing.
 * The worker replies {@link PrimeWorker.Failed} and rethrows, so supervision restarts it and the coordinator
 * retries the batch. Called on worker threads: implementations must be thread-safe.
 *
 * <p>Two places decide: a job's plan ({@link PrimeKitchen#start(JobSpec, NumberSource, ResultSink, ProgressListener,
 * FaultPlan)}, {@link WorkerSource#localPool(FaultPlan)}) is asked by the coordinator per delivery, before it knows
 * which worker gets the batch; the workers' own plan ({@link PrimeKitchen#open(akka.actor.typed.ActorSystem, int,
 * FaultPlan)}, {@link PrimeWorker#supervised}) is asked by each worker, by name. A plan aimed at one worker ({@link
 * #failOn}) is the workers' kind.
 */
@FunctionalInterface
public interface FaultPlan {
  /** Whether the worker should throw on this delivery of batch {@code batchId}. */
  boolean failsOn(long batchId, long[] numbers);

  /**
   * What a worker asks, naming itself: by default the same as {@link #failsOn(long, long[])}.
   *
   * @param worker the worker's actor name, e.g. "worker-2"
   * @return whether it should throw on this delivery of batch {@code batchId}
   */
  default boolean failsOn(String worker, long batchId, long[] numbers) {
    return failsOn(batchId, numbers);
  }

  /** @return the worker a plan is aimed at ({@link #failOn}), or null for a plan that any worker may meet */
  default String aimedAt() {
    return null;
  }

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

  /**
   * Aimed at one worker: the {@code batch}-th batch delivered to the worker named {@code worker} throws (counted from 1,
   * across its restarts), and no other. Give it to the workers ({@link PrimeKitchen#open(akka.actor.typed.ActorSystem,
   * int, FaultPlan)} or {@link PrimeWorker#supervised}); a job's coordinator cannot use it, since it does not know
   * which worker its router picks, and a job given one fails at once saying so.
   *
   * @param worker the worker's actor name: "worker-1".."worker-N" in a kitchen's pool
   * @param batch which of its batches fails, >= 1
   * @return the plan
   * @throws IllegalArgumentException if the name is blank or batch is below 1
   */
  static FaultPlan failOn(String worker, int batch) {
    if (worker == null || worker.isBlank()) throw new IllegalArgumentException("worker name must not be blank");
    if (batch < 1) throw new IllegalArgumentException("batch must be >= 1 (the first batch is 1), was " + batch);
    java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
    return new FaultPlan() {
      @Override
      public boolean failsOn(long batchId, long[] numbers) {
        throw new UnsupportedOperationException("FaultPlan.failOn(\"" + worker + "\", " + batch
            + ") is aimed at a worker: give it to the workers (PrimeKitchen.open(system, size, plan)), not to a job");
      }

      @Override
      public String aimedAt() {
        return worker;
      }

      @Override
      public boolean failsOn(String name, long batchId, long[] numbers) {
        // A pool's start-up probes are empty batches: not the user's batches, not counted.
        return name.equals(worker) && numbers.length > 0 && delivered.incrementAndGet() == batch;
      }
    };
  }
}
