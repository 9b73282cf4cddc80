package brigade.primes;

import java.util.Objects;

/**
 * One batch's answers, handed to a {@link ResultSink} in input order: numbers {@code firstIndex ..
 * firstIndex + size() - 1} of the job's input. A sink gets whole batches, not numbers one by one, so what it
 * costs per batch (a call, a lock) stays invisible next to the work; a sink that needs every number walks the
 * arrays itself, or through {@link #forEach}.
 *
 * <p>The arrays belong to this batch alone (the coordinator never reuses them): a sink may keep them, but must
 * not change them.
 *
 * @param prime {@code prime[i]} for {@code numbers[i]}, for both jobs
 * @param factors FACTOR jobs: every number's prime factors, flattened; number i's are the next
 *     {@code factorCounts[i]} entries (ascending, with multiplicity). CHECK jobs: empty
 * @param factorCounts FACTOR jobs: how many factors each number has; CHECK jobs: empty
 */
public record ResultBatch(Job job, long firstIndex, long[] numbers, boolean[] prime, long[] factors,
    int[] factorCounts) {

  public ResultBatch {
    Objects.requireNonNull(job, "job");
    if (prime.length != numbers.length) {
      throw new IllegalArgumentException(prime.length + " prime flags for " + numbers.length + " numbers");
    }
    if (job == Job.FACTOR && factorCounts.length != numbers.length) {
      throw new IllegalArgumentException(factorCounts.length + " factor counts for " + numbers.length + " numbers");
    }
  }

  /** The answers of a CHECK batch. */
  public static ResultBatch checked(long firstIndex, long[] numbers, boolean[] prime) {
    return new ResultBatch(Job.CHECK, firstIndex, numbers, prime, NO_FACTORS, NO_COUNTS);
  }

  /** The answers of a FACTOR batch; whether each number is prime is read off its factors. */
  public static ResultBatch factored(long firstIndex, long[] numbers, long[] factors, int[] factorCounts) {
    boolean[] prime = new boolean[numbers.length];
    for (int i = 0, at = 0; i < numbers.length; at += factorCounts[i], i++) {
      prime[i] = BatchCompute.primeFromFactors(numbers[i], factors, at, factorCounts[i]);
    }
    return new ResultBatch(Job.FACTOR, firstIndex, numbers, prime, factors, factorCounts);
  }

  /** Numbers in the batch. */
  public int size() {
    return numbers.length;
  }

  /** How many of the batch's numbers are prime. */
  public int primes() {
    int count = 0;
    for (boolean p : prime) if (p) count++;
    return count;
  }

  /** Prime factors found in the batch, with multiplicity (0 for CHECK). */
  public int factorTotal() {
    return factors.length;
  }

  /** One number's answer, for sinks that want them one at a time. */
  @FunctionalInterface
  public interface NumberResult {
    /**
     * @param factors the batch's flattened factors: this number's are {@code factors[offset .. offset + count)}
     */
    void accept(long index, long number, boolean prime, long[] factors, int offset, int count);
  }

  /** Visits every number's answer in input order. */
  public void forEach(NumberResult visitor) {
    boolean factored = job == Job.FACTOR;
    for (int i = 0, at = 0; i < numbers.length; i++) {
      int k = factored ? factorCounts[i] : 0;
      visitor.accept(firstIndex + i, numbers[i], prime[i], factors, at, k);
      at += k;
    }
  }

  // Records compare arrays by identity: these two say what a batch holds.
  @Override
  public boolean equals(Object o) {
    return o instanceof ResultBatch b && job == b.job && firstIndex == b.firstIndex
        && java.util.Arrays.equals(numbers, b.numbers) && java.util.Arrays.equals(prime, b.prime)
        && java.util.Arrays.equals(factors, b.factors) && java.util.Arrays.equals(factorCounts, b.factorCounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, firstIndex, java.util.Arrays.hashCode(numbers));
  }

  @Override
  public String toString() {
    return "ResultBatch[" + job + ", numbers " + firstIndex + ".." + (firstIndex + numbers.length - 1) + "]";
  }

  private static final long[] NO_FACTORS = new long[0];
  private static final int[] NO_COUNTS = new int[0];
}
