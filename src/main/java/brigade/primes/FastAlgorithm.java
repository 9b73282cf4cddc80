package brigade.primes;

import static brigade.primes.MontgomeryMath.add;
import static brigade.primes.MontgomeryMath.gcd;
import static brigade.primes.MontgomeryMath.mul;

/**
 * The fast algorithm, the way GNU {@code factor} does it, in Java:
 * <ol>
 *   <li>trial division by a table of small primes, by multiplication with modular inverses (no division
 *       instruction), stopping as soon as p² exceeds what is left, which is then prime;
 *   <li>a deterministic Miller–Rabin test for the cofactor, with base sets proven to have no strong
 *       pseudoprime below a bound (Jaeschke 1993 for the small tiers, Sinclair's seven bases for all n &lt; 2^64);
 *   <li>Pollard–Brent rho on composite cofactors, products of |x − y| batched between gcds, backtracking when a
 *       batch overshoots to gcd = n, splitting recursively.
 * </ol>
 * All modular arithmetic is 64-bit Montgomery ({@link MontgomeryMath}), exact for every n &lt; 2^63. Nothing is
 * allocated per number; the only state is the immutable prime table.
 */
public final class FastAlgorithm implements PrimeAlgorithm {
  /** Odd primes below this are tried by division first: every n <= 10^8 is then done without Miller-Rabin. */
  static final int DEFAULT_TRIAL_LIMIT = 10_000;
  /** Rho steps between two gcds: a gcd costs about as much as ten Montgomery multiplications. */
  private static final int RHO_BATCH = 128;

  public static final FastAlgorithm INSTANCE = new FastAlgorithm(DEFAULT_TRIAL_LIMIT);

  private final int trialCount;
  private final long trialSquare;

  /** For tests and tuning: trial-divide by the odd primes below trialLimit (at most 2^14 - 64). */
  FastAlgorithm(int trialLimit) {
    trialCount = SmallPrimes.indexOf(trialLimit) & ~3; // whole blocks of four
    long next = SmallPrimes.PRIME[trialCount];
    trialSquare = next * next;
  }

  /** How many odd table primes trial division tests before Miller–Rabin and rho take over. */
  int trialCount() {
    return trialCount;
  }

  /** The square of the first prime past the table: below it, a number the table leaves whole is prime. */
  long trialSquare() {
    return trialSquare;
  }

  @Override
  public String name() {
    return "fast";
  }

  @Override
  public boolean isPrime(long n) {
    if (n < 2) return false;
    if ((n & 1) == 0) return n == 2;
    // The same blocked trial division as factor(): below 10^8 it settles every n on its own, faster than
    // Miller–Rabin would; above, it throws out most composites before the first modular exponentiation.
    long[] prime = SmallPrimes.PRIME;
    long[] inverse = SmallPrimes.INVERSE;
    long[] bound = SmallPrimes.BOUND;
    int count = trialCount;
    for (int i = 0; i < count; i += 4) {
      long p0 = prime[i];
      if (p0 * p0 > n) return true; // no prime factor below p0, and p0 > sqrt(n)
      if (n * inverse[i] + Long.MIN_VALUE <= bound[i]
          | n * inverse[i + 1] + Long.MIN_VALUE <= bound[i + 1]
          | n * inverse[i + 2] + Long.MIN_VALUE <= bound[i + 2]
          | n * inverse[i + 3] + Long.MIN_VALUE <= bound[i + 3]) {
        for (int j = i; ; j++) {
          if (SmallPrimes.divides(j, n)) return n == prime[j]; // n = 11 is in the first block and >= 3²
        }
      }
    }
    return n < trialSquare || millerRabin(n);
  }

  @Override
  public int factor(long n, long[] out, int offset) {
    if (n < 2) return 0;
    int k = offset;
    int twos = Long.numberOfTrailingZeros(n);
    for (int j = 0; j < twos; j++) out[k++] = 2;
    n >>>= twos;

    // Four divisibility tests per step, independent of each other so they pipeline; the rare hit is then
    // resolved prime by prime. Stopping at p² > n per block only tests up to three primes too many.
    long[] prime = SmallPrimes.PRIME;
    long[] inverse = SmallPrimes.INVERSE;
    long[] bound = SmallPrimes.BOUND;
    int count = trialCount;
    int i = 0;
    for (; i < count; i += 4) {
      long p0 = prime[i];
      if (p0 * p0 > n) break;
      boolean hit = n * inverse[i] + Long.MIN_VALUE <= bound[i]
          | n * inverse[i + 1] + Long.MIN_VALUE <= bound[i + 1]
          | n * inverse[i + 2] + Long.MIN_VALUE <= bound[i + 2]
          | n * inverse[i + 3] + Long.MIN_VALUE <= bound[i + 3];
      if (hit) {
        for (int j = i; j < i + 4; j++) {
          long q = n * inverse[j];
          while (q + Long.MIN_VALUE <= bound[j]) {
            out[k++] = prime[j];
            n = q;
            q = n * inverse[j];
          }
        }
      }
    }
    if (n == 1) return k - offset;
    // Here n has no prime factor below min(sqrt(n), the first prime past the table): below that square it is
    // prime, and it is the largest factor, so the output is already ascending.
    if (i < count || n < trialSquare) {
      out[k++] = n;
      return k - offset;
    }
    int start = k;
    k = factorRough(n, out, k);
    sortTail(out, start, k);
    return k - offset;
  }

  /** Factors an odd n with no prime factor below the trial table's end (so no factor of it is tiny). */
  private int factorRough(long n, long[] out, int k) {
    if (n < trialSquare || millerRabin(n)) {
      out[k++] = n;
      return k;
    }
    long d = rho(n);
    k = factorRough(d, out, k);
    return factorRough(n / d, out, k);
  }

  private static void sortTail(long[] a, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long v = a[i];
      int j = i - 1;
      while (j >= from && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  /**
   * Deterministic Miller–Rabin for odd n > 61: each tier's bases are proven to admit no strong pseudoprime
   * below its bound, so "probable prime" is "prime". (n > 61 keeps every base non-zero mod n.)
   */
  static boolean millerRabin(long n) {
    long nInv = MontgomeryMath.inverse(n);
    long one = MontgomeryMath.one(n);
    long r2 = MontgomeryMath.rSquared(one, n, nInv);
    int s = Long.numberOfTrailingZeros(n - 1);
    long d = (n - 1) >>> s;
    if (n < 4_759_123_141L) {
      return strongProbablePrime(n, nInv, one, r2, d, s, 2)
          && strongProbablePrime(n, nInv, one, r2, d, s, 7)
          && strongProbablePrime(n, nInv, one, r2, d, s, 61);
    }
    long[] bases;
    if (n < 1_122_004_669_633L) bases = BASES_1_1E12;
    else if (n < 3_474_749_660_383L) bases = BASES_3_4E12;
    else if (n < 341_550_071_728_321L) bases = BASES_3_4E14;
    else bases = BASES_2_64;
    for (long a : bases) {
      if (!strongProbablePrime(n, nInv, one, r2, d, s, a)) return false;
    }
    return true;
  }

  private static final long[] BASES_1_1E12 = {2, 13, 23, 1_662_803};
  private static final long[] BASES_3_4E12 = {2, 3, 5, 7, 11, 13};
  private static final long[] BASES_3_4E14 = {2, 3, 5, 7, 11, 13, 17};
  private static final long[] BASES_2_64 = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};

  /** Whether n (odd, n - 1 = d·2^s with d odd) is a strong probable prime to base a. */
  private static boolean strongProbablePrime(long n, long nInv, long one, long r2, long d, int s, long a) {
    long am = a % n;
    if (am == 0) return true; // the base says nothing about n; only reachable if n divides a
    long minusOne = n - one;
    long x = MontgomeryMath.pow(mul(am, r2, n, nInv), d, n, nInv);
    if (x == one || x == minusOne) return true;
    for (int i = 1; i < s; i++) {
      x = mul(x, x, n, nInv);
      if (x == minusOne) return true;
      if (x == one) return false;
    }
    return false;
  }

  /** A non-trivial factor of the odd composite n. Never call it on a prime: it would not return. */
  static long rho(long n) {
    long nInv = MontgomeryMath.inverse(n);
    long one = MontgomeryMath.one(n);
    long c = one;
    long start = add(one, one, n);
    for (;;) {
      long g = brent(n, nInv, c, start, one);
      if (g != n) return g;
      c = add(c, one, n); // the walk x -> x² + c cycled mod n itself: try another polynomial
    }
  }

  /**
   * Brent's cycle search on y -> y² + c (in Montgomery form): round r saves x, skips r steps, then compares
   * x with the next r values (distances r+1..2r hold a multiple of any cycle length up to r); the products of
   * |x − y| are tested with one gcd per batch. Returns a divisor > 1 of n, possibly n itself (the walk cycled mod n).
   */
  private static long brent(long n, long nInv, long c, long y0, long one) {
    long y = y0;
    long x;
    long ys = y0;
    long q = one;
    long g = 1;
    for (long r = 1; g == 1; r <<= 1) {
      x = y;
      for (long i = 0; i < r; i++) y = add(mul(y, y, n, nInv), c, n);
      for (long k = 0; k < r && g == 1; k += RHO_BATCH) {
        ys = y;
        long steps = Math.min(RHO_BATCH, r - k);
        for (long i = 0; i < steps; i++) {
          y = add(mul(y, y, n, nInv), c, n);
          q = mul(q, Math.abs(x - y), n, nInv);
        }
        g = gcd(q, n);
      }
      if (g == n) {
        // The batch jumped past the first collision mod a factor: replay it one step at a time.
        do {
          ys = add(mul(ys, ys, n, nInv), c, n);
          g = gcd(Math.abs(x - ys), n);
        } while (g == 1);
        return g;
      }
    }
    return g;
  }
}
