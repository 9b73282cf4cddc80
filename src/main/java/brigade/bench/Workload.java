package brigade.bench;

import brigade.primes.Tally;
import brigade.primes.BatchCompute;
import brigade.primes.NumberSource;
import brigade.primes.SequentialBaseline;
import brigade.primes.Job;
import brigade.primes.PrimeAlgorithm;
import brigade.primes.ResultBatch;
import java.util.SplittableRandom;

/**
 * The bench's work: one fixed array of numbers (drawn once from a seed, so every variant and every point
 * computes exactly the same thing), a job and an algorithm. Also the sequential reference and the per-batch
 * computation the ForkJoinPool reference uses.
 */
public final class Workload {
  private final long[] numbers;
  private final Job job;
  private final PrimeAlgorithm algorithm;

  public Workload(long[] numbers, Job job, PrimeAlgorithm algorithm) {
    this.numbers = numbers;
    this.job = job;
    this.algorithm = algorithm;
  }

  /** {@code count} uniformly random numbers in [min, max] from {@code seed}: the same seed gives the same numbers. */
  public static long[] randomNumbers(int count, long seed, long min, long max) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = max < Long.MAX_VALUE ? random.nextLong(min, max + 1) // [min, max + 1)
          : min == 0 ? random.nextLong() >>> 1 // all of [0, 2^63 - 1]
          : random.nextLong(min - 1, max) + 1; // [min - 1, max) shifted up: max + 1 would overflow
    }
    return out;
  }

  public long[] numbers() {
    return numbers;
  }

  public int count() {
    return numbers.length;
  }

  public Job job() {
    return job;
  }

  public PrimeAlgorithm algorithm() {
    return algorithm;
  }

  /** The sequential reference: every number on the calling thread, no batches, no pool. */
  public Tally sequential() {
    return sequential(() -> false);
  }

  /** As {@link #sequential()}, giving up early (with a partial tally) once {@code cancelled} says so. */
  public Tally sequential(java.util.function.BooleanSupplier cancelled) {
    return SequentialBaseline.run(algorithm, job, NumberSource.of(numbers), cancelled, null).tally();
  }

  /**
   * One batch [from, to) computed exactly as a prime worker computes it: the numbers copied out as a message
   * would carry them, then {@link BatchCompute}, the worker's own pure code.
   */
  public ResultBatch batch(int from, int to) {
    return BatchCompute.batch(job, algorithm, from, java.util.Arrays.copyOfRange(numbers, from, to));
  }
}
