package brigade.restaurant;

import java.util.Random;

/**
 * How often staff "drop the plate": each task a staff actor finishes throws with probability {@code rate},
 * drawn from a coin seeded per actor (so a faulty run repeats), and the first {@code failFirst} tasks of
 * every staff actor throw for certain (a deterministic hook for tests and demos).
 */
public record Faults(double rate, long seed, int failFirst) {
  public static final Faults NONE = new Faults(0, 0, 0);

  public Faults {
    if (rate < 0 || rate >= 1) throw new IllegalArgumentException("fault rate must be in [0, 1): " + rate);
    if (failFirst < 0) throw new IllegalArgumentException("failFirst must be >= 0: " + failFirst);
  }

  public static Faults failFirst(int n) {
    return new Faults(0, 0, n);
  }

  /** A coin for one actor. Mutable: owned by that actor alone, kept across its restarts. */
  Coin coin(String actorName) {
    return new Coin(this, new Random(seed * 31 + actorName.hashCode()));
  }

  static final class Coin {
    private final Faults faults;
    private final Random random;
    private int tosses;

    private Coin(Faults faults, Random random) {
      this.faults = faults;
      this.random = random;
    }

    /** Tossed once per finished task: true means the task fails now. */
    boolean fails() {
      tosses++;
      if (tosses <= faults.failFirst) return true;
      return faults.rate > 0 && random.nextDouble() < faults.rate;
    }
  }
}
