package brigade.primes;

import java.util.Locale;

/**
 * Primality and factorisation of any integer in [0, 2^63 - 1]. Implementations are stateless and thread-safe.
 * 0 and 1 are not prime and have no prime factors.
 */
public interface PrimeAlgorithm {
  /** Enough room for the factors of any n below 2^63 (at most 62 of them: 2^62). */
  int MAX_FACTORS = 63;

  /** The name used on the command line and in reports: {@code trial} or {@code fast}. */
  String name();

  /** Whether n is prime; n must be >= 0. */
  boolean isPrime(long n);

  /**
   * Writes the prime factors of n, ascending and with multiplicity, into {@code out} (length >= MAX_FACTORS)
   * and returns how many there are (0 for n = 0 or 1). Writing into a caller's array keeps the hot loop
   * free of allocation and boxing.
   */
  default int factor(long n, long[] out) {
    return factor(n, out, 0);
  }

  /**
   * As {@link #factor(long, long[])}, writing from {@code out[offset]} on ({@code out.length - offset >=
   * MAX_FACTORS}): a batch's factors go straight into one flat array, with no per-number copy.
   */
  int factor(long n, long[] out, int offset);

  /** Convenience: the factors as a fresh array. */
  default long[] factors(long n) {
    long[] buf = new long[MAX_FACTORS];
    return java.util.Arrays.copyOf(buf, factor(n, buf));
  }

  /** The algorithm for a name given by the user: "trial" or "fast". */
  static PrimeAlgorithm named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "trial" -> TrialDivision.INSTANCE;
      case "fast" -> FastAlgorithm.INSTANCE;
      default -> throw new IllegalArgumentException("unknown algorithm '" + name + "': expected trial or fast");
    };
  }
}
