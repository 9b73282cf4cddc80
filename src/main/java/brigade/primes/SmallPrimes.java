package brigade.primes;

/**
 * The odd primes below {@link #LIMIT}, each with what it takes to test divisibility without a division
 * instruction: for odd p, multiplication by p^-1 mod 2^64 is a bijection that maps the multiples of p onto
 * exactly [0, floor((2^64-1)/p)], so {@code n % p == 0} iff {@code n * inverse} (unsigned) is at most that
 * bound, and then {@code n * inverse} is exactly n / p (Granlund and Montgomery, "Division by invariant
 * integers using multiplication", 1994, section 9).
 */
final class SmallPrimes {
  private SmallPrimes() {}

  static final int LIMIT = 1 << 14;

  /** The odd primes below LIMIT, ascending: 3, 5, 7, ... */
  static final long[] PRIME;
  /** PRIME[i]^-1 mod 2^64. */
  static final long[] INVERSE;
  /** floor((2^64 - 1) / PRIME[i]) + Long.MIN_VALUE: the unsigned bound, shifted so a signed compare works. */
  static final long[] BOUND;

  static {
    boolean[] composite = new boolean[LIMIT];
    int count = 0;
    for (int i = 3; i < LIMIT; i += 2) {
      if (composite[i]) continue;
      count++;
      for (long j = (long) i * i; j < LIMIT; j += 2L * i) composite[(int) j] = true;
    }
    PRIME = new long[count];
    INVERSE = new long[count];
    BOUND = new long[count];
    int k = 0;
    for (int i = 3; i < LIMIT; i += 2) {
      if (composite[i]) continue;
      PRIME[k] = i;
      INVERSE[k] = MontgomeryMath.inverse(i);
      BOUND[k] = Long.divideUnsigned(-1L, i) + Long.MIN_VALUE;
      k++;
    }
  }

  /** Whether PRIME[i] divides n (any n, read as unsigned). */
  static boolean divides(int i, long n) {
    return n * INVERSE[i] + Long.MIN_VALUE <= BOUND[i];
  }

  /** The index of the first odd prime >= p (p <= the largest table prime). */
  static int indexOf(long p) {
    int i = java.util.Arrays.binarySearch(PRIME, p);
    return i >= 0 ? i : -i - 1;
  }
}
