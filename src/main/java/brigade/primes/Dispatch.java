package brigade.primes;

import java.util.Locale;

/** How batches reach the workers. */
public enum Dispatch {
  /** The round-robin pool router pushes batches to workers in turn. */
  PUSH,
  /** Workers get a new batch only when they finish one (work pulling): balances unequal batches. */
  PULL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
