package brigade.trace;

/**
 * One anchor per JVM between {@link System#nanoTime()} (monotonic, what every span is measured with) and the epoch
 * in microseconds (what crosses the network, so that another node's spans can be placed on this node's clock).
 * Within one JVM the two conversions are exact inverses; across JVMs the anchors differ by the machines' clock
 * difference plus up to a millisecond of anchor rounding, which {@link NodeClock} estimates from send/reply times.
 */
public final class TraceClock {
  private TraceClock() {}

  private static final long ANCHOR_NANOS = System.nanoTime();
  private static final long ANCHOR_EPOCH_MICROS = System.currentTimeMillis() * 1000;

  /** @return {@code nanoTime} (a {@link System#nanoTime()} value of this JVM) as microseconds since the epoch */
  public static long epochMicros(long nanoTime) {
    return ANCHOR_EPOCH_MICROS + Math.floorDiv(nanoTime - ANCHOR_NANOS, 1000);
  }

  /** @return microseconds since the epoch as a {@link System#nanoTime()} value of this JVM */
  public static long nanoTime(long epochMicros) {
    return ANCHOR_NANOS + (epochMicros - ANCHOR_EPOCH_MICROS) * 1000;
  }
}
