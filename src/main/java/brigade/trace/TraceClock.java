package brigade.trace;

/**
 * One anchor per JVM between {@link System#nanoTime()} (monotonic, what every span is measured with) and the epoch
 * in microseconds (what crosses the network, so that another node's spans can be placed on this node's clock).
 * Within one JVM the two conversions are exact inverses; across JVMs the anchors differ by the machines' clock
 * difference, which {@link NodeClock} estimates from send/reply times.
 */
public final class TraceClock {
  private TraceClock() {}

  private static final long ANCHOR_NANOS = System.nanoTime();
  /** To the microsecond where the OS clock gives it (Linux does), not rounded to the millisecond. */
  private static final long ANCHOR_EPOCH_MICROS = micros(java.time.Instant.now());

  private static long micros(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  /** @return {@code nanoTime} (a {@link System#nanoTime()} value of this JVM) as microseconds since the epoch */
  public static long epochMicros(long nanoTime) {
    return ANCHOR_EPOCH_MICROS + Math.floorDiv(nanoTime - ANCHOR_NANOS, 1000);
  }

  /** @return microseconds since the epoch as a {@link System#nanoTime()} value of this JVM */
  public static long nanoTime(long epochMicros) {
    return ANCHOR_NANOS + (epochMicros - ANCHOR_EPOCH_MICROS) * 1000;
  }
}
