package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Both algorithms on known numbers: edge cases, the reference workload, pseudoprimes, prime counts. */
class PrimeAlgorithmTest {
  static final PrimeAlgorithm TRIAL = TrialDivision.INSTANCE;
  static final PrimeAlgorithm FAST = FastAlgorithm.INSTANCE;

  static Stream<PrimeAlgorithm> algorithms() {
    return Stream.of(TRIAL, FAST);
  }

  /** n with its factorisation; "slow" ones (a prime factor above ~2^27 after the others) are fast-only. */
  static Stream<Arguments> known() {
    return Stream.of(
        Arguments.of(2L, new long[] {2}, true),
        Arguments.of(3L, new long[] {3}, true),
        Arguments.of(4L, new long[] {2, 2}, true),
        Arguments.of(1L << 62, twos(62), true),
        Arguments.of(2_147_483_647L, new long[] {2_147_483_647L}, true), // 2^31 - 1
        Arguments.of(Long.MAX_VALUE, new long[] {7, 7, 73, 127, 337, 92737, 649657}, true), // 2^63 - 1
        Arguments.of(1_099_726_899_285_419L, new long[] {3_306_091L, 332_636_609L}, true),
        Arguments.of(3 * 5 * 7 * 11 * 13 * 17 * 19 * 23L * 29 * 31 * 37 * 41 * 43 * 47, // primorial 47#
            new long[] {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47}, true),
        Arguments.of(10_007L * 10_007L * 10_009L, new long[] {10_007, 10_007, 10_009}, true), // past the table
        Arguments.of((1L << 61) - 1, new long[] {(1L << 61) - 1}, false), // Mersenne prime M61
        Arguments.of(Long.MAX_VALUE - 24, new long[] {Long.MAX_VALUE - 24}, false), // largest prime < 2^63
        Arguments.of(4_611_686_018_427_387_847L, new long[] {4_611_686_018_427_387_847L}, false), // prime > 2^62
        Arguments.of(3_037_000_493L * 3_037_000_493L, new long[] {3_037_000_493L, 3_037_000_493L}, false),
        Arguments.of(2_147_483_629L * 2_147_483_587L, new long[] {2_147_483_587L, 2_147_483_629L}, false),
        Arguments.of(4_294_967_291L * 2_147_483_647L, new long[] {2_147_483_647L, 4_294_967_291L}, false),
        Arguments.of(1_000_003L * 1_000_003L * 1_000_003L, new long[] {1_000_003, 1_000_003, 1_000_003}, false),
        Arguments.of(3L * 65_537 * 65_537 * 65_537, new long[] {3, 65_537, 65_537, 65_537}, true));
  }

  private static long[] twos(int count) {
    long[] a = new long[count];
    Arrays.fill(a, 2);
    return a;
  }

  @ParameterizedTest
  @MethodSource("known")
  void fastFactorsKnownNumbers(long n, long[] factors, boolean trialToo) {
    assertArrayEquals(factors, FAST.factors(n), () -> "fast factors of " + n);
    assertEquals(factors.length == 1, FAST.isPrime(n), () -> "fast isPrime(" + n + ")");
  }

  @ParameterizedTest
  @MethodSource("known")
  void trialFactorsKnownNumbersWithinReach(long n, long[] factors, boolean trialToo) {
    if (!trialToo) return; // trial division needs ~sqrt(n)/2 divisions: seconds each for these
    assertArrayEquals(factors, TRIAL.factors(n), () -> "trial factors of " + n);
    assertEquals(factors.length == 1, TRIAL.isPrime(n), () -> "trial isPrime(" + n + ")");
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void factorAtAnOffsetWritesOnlyFromThere(PrimeAlgorithm algorithm) {
    long[] numbers = {0, 1, 2, 12, 1 << 20, 999_983, 1099726899285419L, (1L << 62), Long.MAX_VALUE};
    long[] out = new long[7 + PrimeAlgorithm.MAX_FACTORS];
    for (long n : numbers) {
      if (algorithm == TRIAL && n > 1L << 50 && n != (1L << 62)) continue; // out of trial division's reach
      Arrays.fill(out, -1);
      int k = algorithm.factor(n, out, 7);
      assertArrayEquals(algorithm.factors(n), Arrays.copyOfRange(out, 7, 7 + k), () -> "factors of " + n);
      for (int i = 0; i < 7; i++) assertEquals(-1, out[i], "before the offset");
      for (int i = 7 + k; i < out.length; i++) assertEquals(-1, out[i], "after the factors");
    }
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void zeroAndOneAreNotPrimeAndHaveNoFactors(PrimeAlgorithm algorithm) {
    for (long n : new long[] {0, 1}) {
      assertFalse(algorithm.isPrime(n));
      assertEquals(0, algorithm.factor(n, new long[PrimeAlgorithm.MAX_FACTORS]));
      assertArrayEquals(new long[0], algorithm.factors(n));
    }
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void theSixReferenceNumbersExactlyTheFirstFiveArePrime(PrimeAlgorithm algorithm) {
    long[] reference = {112272535095293L, 112582705942171L, 112272535095293L, 115280095190773L,
        115797848077099L, 1099726899285419L};
    boolean[] prime = new boolean[reference.length];
    for (int i = 0; i < reference.length; i++) prime[i] = algorithm.isPrime(reference[i]);
    assertArrayEquals(new boolean[] {true, true, true, true, true, false}, prime);
    assertArrayEquals(new long[] {3306091L, 332636609L}, algorithm.factors(1099726899285419L));
    assertArrayEquals(new long[] {115797848077099L}, algorithm.factors(115797848077099L));
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void countsThePrimesBelowAMillion(PrimeAlgorithm algorithm) {
    int count = 0;
    for (long n = 0; n <= 1_000_000; n++) {
      if (algorithm.isPrime(n)) count++;
    }
    assertEquals(78498, count);
  }

  @ParameterizedTest
  @ValueSource(longs = {561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 62745, 9_746_347_772_161L})
  void carmichaelNumbersAreComposite(long n) {
    long[] factors = TRIAL.factors(n);
    // Check the test data: Korselt's criterion (square-free, p - 1 | n - 1 for every p) makes n a Carmichael number.
    assertTrue(factors.length >= 3, () -> n + " has at least three prime factors");
    for (int i = 0; i < factors.length; i++) {
      long p = factors[i];
      assertTrue(i == 0 || factors[i - 1] != p, () -> n + " is square-free");
      assertEquals(0, (n - 1) % (p - 1), () -> p + " - 1 divides " + n + " - 1");
    }
    assertFalse(FAST.isPrime(n));
    assertFalse(TRIAL.isPrime(n));
    assertArrayEquals(factors, FAST.factors(n));
  }

  /**
   * Strong pseudoprimes that fool each smaller base set Miller–Rabin could use: 2047 (base 2), 3215031751
   * (2, 3, 5, 7), 4759123141 (2, 7, 61), 1122004669633 (2, 13, 23, 1662803), 3474749660383 (2..13),
   * 341550071728321 (2..17), 3825123056546413051 (2..23). Each must be caught by the tier it falls in.
   */
  @ParameterizedTest
  @ValueSource(longs = {2047, 1_373_653, 9_080_191, 25_326_001, 3_215_031_751L, 4_759_123_141L,
      1_122_004_669_633L, 2_152_302_898_747L, 3_474_749_660_383L, 341_550_071_728_321L, 3_825_123_056_546_413_051L})
  void strongPseudoprimesAreComposite(long n) {
    assertFalse(FastAlgorithm.millerRabin(n), () -> "Miller-Rabin alone on " + n);
    assertFalse(FAST.isPrime(n));
    long[] factors = FAST.factors(n);
    assertTrue(factors.length >= 2);
    assertEquals(n, Arrays.stream(factors).reduce(1, Math::multiplyExact));
    for (long p : factors) assertTrue(FAST.isPrime(p), () -> p + " is prime");
  }

  @Test
  void millerRabinAgreesWithTrialDivisionOnEveryOddNumberItIsUsedFor() {
    for (long n = 63; n < 300_000; n += 2) {
      assertEquals(TRIAL.isPrime(n), FastAlgorithm.millerRabin(n), "n = " + n);
    }
  }

  @Test
  void fastAndTrialAgreeOnEveryNumberUpTo200000() {
    long[] a = new long[PrimeAlgorithm.MAX_FACTORS];
    long[] b = new long[PrimeAlgorithm.MAX_FACTORS];
    for (long n = 0; n <= 200_000; n++) {
      int ka = FAST.factor(n, a);
      int kb = TRIAL.factor(n, b);
      final long m = n;
      assertArrayEquals(Arrays.copyOf(b, kb), Arrays.copyOf(a, ka), () -> "factors of " + m);
      assertEquals(kb == 1, FAST.isPrime(n), () -> "fast isPrime(" + m + ")");
      assertEquals(kb == 1, TRIAL.isPrime(n), () -> "trial isPrime(" + m + ")");
    }
  }

  @Test
  void exactIntegerSquareRootAtSquaresAndAtTheTopOfTheRange() {
    for (long r : new long[] {0, 1, 2, 3, 10, 99_991, 1L << 20, 94_906_265L, 3_037_000_498L}) {
      long sq = r * r;
      assertEquals(r, TrialDivision.isqrt(sq));
      if (sq > 0) assertEquals(r - 1, TrialDivision.isqrt(sq - 1));
      assertEquals(r, TrialDivision.isqrt(sq + 2 * r)); // (r + 1)^2 - 1
    }
    long top = TrialDivision.MAX_ISQRT;
    assertEquals(top, TrialDivision.isqrt(top * top));
    assertEquals(top, TrialDivision.isqrt(Long.MAX_VALUE));
    assertEquals(top - 1, TrialDivision.isqrt(top * top - 1));
  }

  @Test
  void namedFindsBothAlgorithmsAndRejectsOthers() {
    assertSame(TRIAL, PrimeAlgorithm.named("trial"));
    assertSame(FAST, PrimeAlgorithm.named("FAST"));
    assertEquals("trial", TRIAL.name());
    assertEquals("fast", FAST.name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrimeAlgorithm.named("sieve"));
    assertEquals("unknown algorithm 'sieve': expected trial or fast", e.getMessage());
  }
}
