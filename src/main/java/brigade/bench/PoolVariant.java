package brigade.bench;

import brigade.primes.Tally;

/** The variant under test: the workload through a pool at one sweep point (the actor pool, in the bench). */
interface PoolVariant {
  /** Runs the whole workload at {@code point} and returns what it computed; returns early after {@link #cancel}. */
  Tally run(Workload work, Sweep.Point point) throws InterruptedException;

  /** Asks a run in progress to stop (Ctrl-C). */
  void cancel();

  /** Releases what the variant keeps between runs (its long-lived kitchens), once the sweep is over. */
  default void close() {}
}
