package brigade.primes;

/**
 * How one number's trial division is split across workers, pure: its odd candidate divisors 3, 5, ... floor(sqrt(n))
 * cut into consecutive ranges of (nearly) equal size. The number is prime iff no range holds a divisor; the first
 * divisor found decides it composite, and the other ranges are not needed.
 *
 * <p>This is the granularity lesson of the six reference numbers: while a number is the unit of work, two workers
 * on five equal primes and one lighter composite cannot beat (5 + 0.31) / 3 ≈ 1.77×; cut into ranges, the same work
 * spreads evenly.
 */
public final class DivisorRanges {
  /** With {@code split = auto}, a number is split only when it has at least this many odd candidates (~1 ms). */
  public static final long AUTO_MIN_CANDIDATES = 1L << 19;
  /**
   * {@code split-ranges = auto}: ranges per split number for each worker, so a slow worker's share stays small.
   * Measured on the six reference numbers, 2 workers, 4 runs each, interleaved: 8 ranges 1.66x, 16 ranges 1.83x,
   * 32 ranges 1.76x (fewer: the last ranges leave a worker idle longer; more: each range costs a round trip).
   */
  public static final int AUTO_RANGES_PER_WORKER = 8;

  private DivisorRanges() {}

  /** How many odd candidates {@code n}'s trial division tries: the odd d in [3, floor(sqrt(n))]. */
  public static long candidates(long n) {
    if (n < 9) return 0;
    long r = TrialDivision.isqrt(n);
    return r < 3 ? 0 : (r - 1) / 2; // 3, 5, ..., r (or r - 1)
  }

  /**
   * The ranges of {@code n}'s odd candidates, at most {@code parts} of them (fewer when there are fewer candidates):
   * {@code [from_0, to_0], [from_1, to_1], ...}, each from and to odd, from_0 = 3, to_last = the last candidate,
   * from_(k+1) = to_k + 2.
   *
   * @return pairs {@code {from, to}}; empty when n has no odd candidate (n < 9)
   * @throws IllegalArgumentException if parts is below 1
   */
  public static long[][] ranges(long n, int parts) {
    if (parts < 1) throw new IllegalArgumentException("parts must be >= 1, was " + parts);
    long count = candidates(n);
    int k = (int) Math.min(parts, count);
    long[][] out = new long[k][];
    long start = 0; // index of a candidate: candidate i is 3 + 2i
    for (int i = 0; i < k; i++) {
      long end = count * (i + 1) / k; // exclusive
      out[i] = new long[] {3 + 2 * start, 3 + 2 * (end - 1)};
      start = end;
    }
    return out;
  }
}
