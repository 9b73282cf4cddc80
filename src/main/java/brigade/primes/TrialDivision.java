package brigade.primes;

/** The classic CPU-bound lesson: trial division by 2 and the odd numbers up to floor(sqrt(n)). */
public final class TrialDivision implements PrimeAlgorithm {
  public static final TrialDivision INSTANCE = new TrialDivision();

  private TrialDivision() {}

  @Override
  public String name() {
    return "trial";
  }

  @Override
  public boolean isPrime(long n) {
    if (n < 2) return false;
    if ((n & 1) == 0) return n == 2;
    // d <= n / d instead of d * d <= n: no overflow near 2^63.
    for (long d = 3; d <= n / d; d += 2) {
      if (n % d == 0) return false;
    }
    return true;
  }

  @Override
  public int factor(long n, long[] out) {
    int k = 0;
    if (n < 2) return 0;
    while ((n & 1) == 0) {
      out[k++] = 2;
      n >>>= 1;
    }
    for (long d = 3; d <= n / d; d += 2) {
      while (n % d == 0) {
        out[k++] = d;
        n /= d;
      }
    }
    if (n > 1) out[k++] = n;
    return k;
  }
}
