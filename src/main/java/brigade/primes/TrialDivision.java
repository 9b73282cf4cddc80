package brigade.primes;

/**
 * The classic CPU-bound lesson, kept deliberately plain: trial division by 2 and then by every odd d up to
 * floor(sqrt(n)). No wheel beyond 2 and no prime table, so its cost is the textbook O(sqrt n) per prime.
 *
 * <p>Written with care nonetheless: the loop bound is an exact integer square root computed once (and again
 * only when a factor shrinks n), so there is no overflow near 2^63 and no second division per step; nothing
 * is boxed or allocated.
 */
public final class TrialDivision implements PrimeAlgorithm {
  public static final TrialDivision INSTANCE = new TrialDivision();

  /** floor(sqrt(2^63 - 1)): the largest r with r * r representable in a long. */
  static final long MAX_ISQRT = 3_037_000_499L;

  private TrialDivision() {}

  @Override
  public String name() {
    return "trial";
  }

  @Override
  public boolean isPrime(long n) {
    if (n < 2) return false;
    if ((n & 1) == 0) return n == 2;
    long limit = isqrt(n);
    for (long d = 3; d <= limit; d += 2) {
      if (n % d == 0) return false;
    }
    return true;
  }

  @Override
  public int factor(long n, long[] out, int offset) {
    if (n < 2) return 0;
    int k = offset;
    while ((n & 1) == 0) {
      out[k++] = 2;
      n >>>= 1;
    }
    long limit = isqrt(n);
    for (long d = 3; d <= limit; d += 2) {
      if (n % d == 0) {
        do {
          out[k++] = d;
          n /= d;
        } while (n % d == 0);
        limit = isqrt(n);
      }
    }
    if (n > 1) out[k++] = n;
    return k - offset;
  }

  /**
   * The smallest odd divisor d of {@code n} with {@code from <= d <= to}, or 0 if there is none: one range of
   * {@link #isPrime}'s loop, so that a heavy number's loop can be split across workers. Ranges past floor(sqrt(n))
   * find nothing (a divisor there would have a cofactor below the root).
   *
   * @param from the first candidate, at least 3
   * @param to the last candidate
   * @throws IllegalArgumentException if from is below 3
   */
  public static long smallestOddDivisor(long n, long from, long to) {
    if (from < 3) throw new IllegalArgumentException("from must be >= 3, was " + from);
    long last = Math.min(to, isqrt(n));
    for (long d = from | 1; d <= last; d += 2) { // from | 1: the first odd candidate
      if (n % d == 0) return d;
    }
    return 0;
  }

  /** floor(sqrt(n)) exactly, for 0 <= n <= 2^63 - 1 (the double estimate is off by at most one). */
  static long isqrt(long n) {
    long r = Math.min((long) Math.sqrt((double) n), MAX_ISQRT);
    while (r * r > n) r--;
    while (r < MAX_ISQRT && (r + 1) * (r + 1) <= n) r++;
    return r;
  }
}
