package brigade.primes;

import java.util.Locale;

/** The two jobs of the prime kitchen. */
public enum Job {
  /** Is n prime? */
  CHECK,
  /** The prime factors of n, with multiplicity. */
  FACTOR;

  /** The name on the command line and in reports: "check" or "factor". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
