package brigade.primes;

/**
 * Placeholder for the fast algorithm (deterministic Miller-Rabin + Pollard-Brent rho): until it lands it
 * refuses to run rather than pretend, so nobody measures trial division under the name "fast".
 */
public final class FastAlgorithm implements PrimeAlgorithm {
  public static final FastAlgorithm INSTANCE = new FastAlgorithm();

  private FastAlgorithm() {}

  @Override
  public String name() {
    return "fast";
  }

  @Override
  public boolean isPrime(long n) {
    throw new UnsupportedOperationException("fast algorithm not built yet");
  }

  @Override
  public int factor(long n, long[] out) {
    throw new UnsupportedOperationException("fast algorithm not built yet");
  }
}
