package brigade.bench;

import brigade.primes.Job;
import brigade.primes.ResultBatch;

/**
 * What a run computed, boiled down so the three variants can be checked against each other: a bench whose
 * actor pool lost or changed a result would be measuring something else, so the runner compares tallies.
 *
 * @param answered numbers with a result
 * @param primes how many were prime
 * @param factors prime factors found, with multiplicity (0 for check jobs)
 * @param checksum order-independent sum over numbers of (prime ? n : 0) plus every factor
 */
public record Tally(long answered, long primes, long factors, long checksum) {

  /** Accumulates results a batch at a time; not thread-safe. */
  public static final class Builder {
    private long answered;
    private long primes;
    private long factors;
    private long checksum;

    /** Adds one number's answer: {@code factorCount} factors in {@code factorBuf} (the sequential reference). */
    public void add(long number, boolean prime, long[] factorBuf, int factorCount) {
      answered++;
      if (prime) {
        primes++;
        checksum += number;
      }
      factors += factorCount;
      for (int i = 0; i < factorCount; i++) checksum += factorBuf[i] * 31 + i;
    }

    /** Adds a batch's answers, as the actor pool hands them to its sink (the same sums as number by number). */
    public void add(ResultBatch results) {
      add(results.numbers(), results.prime(), results.factors(), results.job() == Job.FACTOR ? results.factorCounts() : null);
    }

    /**
     * Adds {@code numbers}' answers: {@code prime[i]}, and (when {@code counts} is not null) number i's factors as
     * the next {@code counts[i]} entries of {@code factors}.
     */
    public void add(long[] numbers, boolean[] prime, long[] factors, int[] counts) {
      answered += numbers.length;
      for (int i = 0; i < numbers.length; i++) {
        if (prime[i]) {
          primes++;
          checksum += numbers[i];
        }
      }
      if (counts == null) return;
      this.factors += factors.length;
      for (int i = 0, at = 0; i < counts.length; i++) {
        for (int j = 0; j < counts[i]; j++) checksum += factors[at + j] * 31 + j; // j: a factor's place in its number
        at += counts[i];
      }
    }

    public Tally build() {
      return new Tally(answered, primes, factors, checksum);
    }
  }
}
