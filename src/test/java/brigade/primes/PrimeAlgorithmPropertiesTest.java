package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Properties over arbitrary 63-bit numbers. */
class PrimeAlgorithmPropertiesTest {
  private static final PrimeAlgorithm FAST = FastAlgorithm.INSTANCE;
  private static final PrimeAlgorithm TRIAL = TrialDivision.INSTANCE;

  @Property(tries = 2000)
  void fastFactorsMultiplyBackAreAscendingAndPrime(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
    long[] factors = FAST.factors(n);
    long product = 1;
    for (int i = 0; i < factors.length; i++) {
      product = Math.multiplyExact(product, factors[i]);
      assertTrue(i == 0 || factors[i - 1] <= factors[i], "ascending");
      assertTrue(factors[i] >= 2 && FAST.isPrime(factors[i]), factors[i] + " is prime");
    }
    assertEquals(n < 2 ? 1 : n, product, "product of the factors");
    assertEquals(factors.length == 1, FAST.isPrime(n), "isPrime iff exactly one factor");
  }

  @Property(tries = 2000)
  void fastFactorsProductsOfLargePrimes(@ForAll("semiprimes") long[] pq) {
    long p = pq[0];
    long q = pq[1];
    long[] expected = p <= q ? new long[] {p, q} : new long[] {q, p};
    assertArrayEquals(expected, FAST.factors(p * q));
  }

  /** Two primes between 2^20 and 2^31.5, so their product is below 2^63 and rho has real work. */
  @Provide
  Arbitrary<long[]> semiprimes() {
    Arbitrary<Long> prime = Arbitraries.longs().between(1L << 20, 3_037_000_499L)
        .map(PrimeAlgorithmPropertiesTest::nextPrime)
        .filter(p -> p <= 3_037_000_493L);
    return Combinators.combine(prime, prime).as((p, q) -> new long[] {p, q});
  }

  private static long nextPrime(long n) {
    return BigInteger.valueOf(n - 1).nextProbablePrime().longValueExact(); // independent of our code
  }

  @Property(tries = 300)
  void fastAndTrialAgree(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long n) {
    assertArrayEquals(TRIAL.factors(n), FAST.factors(n));
    assertEquals(TRIAL.isPrime(n), FAST.isPrime(n));
  }

  @Property(tries = 2000)
  void fastIsPrimeAgreesWithBigInteger(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
    // BigInteger.isProbablePrime(100) errs with probability below 2^-100: an independent oracle.
    assertEquals(BigInteger.valueOf(n).isProbablePrime(100), FAST.isPrime(n));
  }

  @Property(tries = 3000)
  void montgomeryMultiplicationIsModularMultiplication(
      @ForAll @LongRange(min = 3, max = Long.MAX_VALUE) long modulus,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
    long n = modulus | 1;
    long nInv = MontgomeryMath.inverse(n);
    assertEquals(1L, n * nInv, "inverse");
    long one = MontgomeryMath.one(n);
    long r2 = MontgomeryMath.rSquared(one, n, nInv);
    long am = MontgomeryMath.toMontgomery(a, r2, n, nInv);
    long bm = MontgomeryMath.toMontgomery(b, r2, n, nInv);
    long product = MontgomeryMath.fromMontgomery(MontgomeryMath.mul(am, bm, n, nInv), n, nInv);
    BigInteger big = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(n));
    assertEquals(big.longValueExact(), product);
    assertEquals(BigInteger.valueOf(a).add(BigInteger.valueOf(b)).mod(BigInteger.valueOf(n)).longValueExact(),
        MontgomeryMath.add(a % n, b % n, n));
    assertEquals(BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)).mod(BigInteger.valueOf(n)).longValueExact(),
        MontgomeryMath.sub(a % n, b % n, n));
    assertEquals(BigInteger.valueOf(a).gcd(BigInteger.valueOf(n)).longValueExact(), MontgomeryMath.gcd(a, n));
  }
}
