package brigade.bench;

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

  /** Accumulates results one number at a time; not thread-safe. */
  public static final class Builder {
    private long answered;
    private long primes;
    private long factors;
    private long checksum;

    public void add(long number, boolean prime, long[] factorBuf, int factorCount) {
      answered++;
      if (prime) {
        primes++;
        checksum += number;
      }
      factors += factorCount;
      for (int i = 0; i < factorCount; i++) checksum += factorBuf[i] * 31 + i;
    }

    public Tally build() {
      return new Tally(answered, primes, factors, checksum);
    }
  }
}
