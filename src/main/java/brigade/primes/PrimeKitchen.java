package brigade.primes;

/**
 * The facade every caller (the `primes` command, the bench, the cluster coordinator node) runs jobs through.
 * Implemented by the prime kitchen's coordinator; see {@code PrimeKitchen.start}.
 */
public final class PrimeKitchen {
  private PrimeKitchen() {}
}
