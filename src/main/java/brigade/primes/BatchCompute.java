package brigade.primes;

import java.util.Arrays;

/**
 * The pure work of one batch, shared by {@link PrimeWorker} and anyone who wants the same work without
 * actors (the sequential baseline, a plain ForkJoinPool comparison): no allocation per number, no boxing.
 */
public final class BatchCompute {
  private BatchCompute() {}

  /**
   * One batch of a job, as a prime worker computes it, as the {@link ResultBatch} a sink gets.
   *
   * @param firstIndex the batch's first number's index in the input
   */
  public static ResultBatch batch(Job job, PrimeAlgorithm algorithm, long firstIndex, long[] numbers) {
    if (job == Job.CHECK) return ResultBatch.checked(firstIndex, numbers, check(algorithm, numbers));
    int[] counts = new int[numbers.length];
    long[] factors = factor(algorithm, numbers, counts);
    return ResultBatch.factored(firstIndex, numbers, factors, counts);
  }

  /** Primality of each number. */
  public static boolean[] check(PrimeAlgorithm algorithm, long[] numbers) {
    boolean[] prime = new boolean[numbers.length];
    for (int i = 0; i < numbers.length; i++) prime[i] = algorithm.isPrime(numbers[i]);
    return prime;
  }

  /**
   * Factors of every number, flattened: number i's factors are the next {@code counts[i]} entries of the
   * returned array (ascending, with multiplicity). {@code counts} must have {@code numbers.length} entries.
   */
  public static long[] factor(PrimeAlgorithm algorithm, long[] numbers, int[] counts) {
    // A number n has about ln ln n + 1 prime factors on average: under 5 for any n < 2^63, so this rarely grows.
    long[] flat = new long[numbers.length * 5 + PrimeAlgorithm.MAX_FACTORS];
    int size = 0;
    for (int i = 0; i < numbers.length; i++) {
      if (flat.length - size < PrimeAlgorithm.MAX_FACTORS) {
        flat = Arrays.copyOf(flat, Math.max(flat.length * 2, size + PrimeAlgorithm.MAX_FACTORS));
      }
      int k = algorithm.factor(numbers[i], flat, size);
      size += k;
      counts[i] = k;
    }
    return Arrays.copyOf(flat, size);
  }

  /** Whether n is prime, read off its factorisation: exactly one factor, n itself. */
  public static boolean primeFromFactors(long n, long[] factors, int offset, int count) {
    return count == 1 && factors[offset] == n;
  }
}
