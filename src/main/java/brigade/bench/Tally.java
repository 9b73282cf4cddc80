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
      long[] numbers = results.numbers();
      boolean[] prime = results.prime();
      answered += numbers.length;
      for (int i = 0; i < numbers.length; i++) {
        if (prime[i]) {
          primes++;
          checksum += numbers[i];
        }
      }
      if (results.job() != Job.FACTOR) return;
      long[] fs = results.factors();
      int[] counts = results.factorCounts();
      factors += fs.length;
      for (int i = 0, at = 0; i < counts.length; i++) {
        for (int j = 0; j < counts[i]; j++) checksum += fs[at + j] * 31 + j; // j: a factor's place in its number
        at += counts[i];
      }
    }

    public Tally build() {
      return new Tally(answered, primes, factors, checksum);
    }
  }
}
