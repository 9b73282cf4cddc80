package brigade.primes;

/**
 * What a pass over a job's numbers computed, boiled down so that passes can be checked against each other (the
 * actor pool, the ForkJoinPool reference, the sequential baseline, every timed round): a pass that lost or
 * changed a result would be measuring something else, so {@link TimedRounds} compares tallies.
 *
 * @param answered numbers with a result
 * @param primes how many were prime
 * @param factors prime factors found, with multiplicity (0 for check jobs)
 * @param checksum order-independent sum over numbers of (prime ? n : 0) plus every factor
 */
public record Tally(long answered, long primes, long factors, long checksum) {

  /** Nothing computed yet. */
  public static final Tally EMPTY = new Tally(0, 0, 0, 0);

  /** "10,000 answered, 583 prime, 39,463 factors, checksum 123": for a mismatch's message. */
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%,d answered, %,d prime, %,d factors, checksum %d",
        answered, primes, factors, checksum);
  }

  /**
   * Accumulates results a batch at a time (a {@link ResultSink}: one job's sink, called from its coordinator);
   * not thread-safe. Failed batches add nothing: their numbers have no answer.
   */
  public static final class Builder implements ResultSink {
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
    @Override
    public void accept(ResultBatch results) {
      add(results);
    }

    /** Adds a batch's answers (the same sums as number by number). */
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
