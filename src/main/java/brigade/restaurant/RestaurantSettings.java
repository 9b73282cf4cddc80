package brigade.restaurant;

import brigade.UserError;
import brigade.config.SettingsReader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * The restaurant's settings ({@code brigade.restaurant} in conf/application.conf), read and validated once.
 * Durations here are <em>simulated</em>; {@link #scaled(Duration)} turns one into the wall time a timer waits.
 */
public record RestaurantSettings(
    int workers,
    int delivery,
    int retrieval,
    int orders,
    double rate,
    Duration duration,
    int dishes,
    double timeScale,
    Duration cookTime,
    Duration deliveryTime,
    Duration eatingTime,
    Duration retrievalTime,
    Duration workInterval,
    double faultRate,
    long seed,
    Duration closeTimeout,
    String orderLog) {

  public static final String PREFIX = "brigade.restaurant";
  /** Akka's scheduler ticks every 10 ms: no periodic timer can usefully be shorter. */
  static final Duration SHORTEST_PERIOD = Duration.ofMillis(10);
  /** With order-log = auto, runs of at most this many orders log every order's steps at INFO. */
  static final int ORDER_LOG_AUTO_LIMIT = 50;

  public static RestaurantSettings from(Config config) {
    SettingsReader r = new SettingsReader(config, PREFIX);
    int workers = r.intBetween("workers", 1, 10_000);
    int delivery = r.intBetween("delivery", 1, 10_000);
    int retrieval = r.intBetween("retrieval", 1, 10_000);
    int orders = r.intBetween("orders", 0, 10_000_000); // each order in flight is kept in the book
    double rate = r.doubleBetween("rate", 0, 1_000_000, true);
    Duration duration = r.duration("duration", true);
    if (rate > 0 && duration.isZero()) {
      throw positive(config, "duration", "a duration > 0 such as 10s when rate > 0");
    }
    int dishes = r.intBetween("dishes", 1, 100_000_000);
    double timeScale = r.doubleBetween("time-scale", 0, 1000, true);
    if (timeScale == 0) throw positive(config, "time-scale", "a number > 0 (and <= 1000), such as 0.01");
    Duration cook = r.duration("cook-time", true);
    Duration deliver = r.duration("delivery-time", true);
    Duration eat = r.duration("eating-time", true);
    Duration retrieve = r.duration("retrieval-time", true);
    Duration interval = r.duration("work-interval", false);
    double faultRate = r.doubleBetween("fault-rate", 0, 1, false);
    long seed = r.longBetween("seed", Long.MIN_VALUE, Long.MAX_VALUE);
    Duration closeTimeout = r.duration("close-timeout", false);
    String orderLog = r.oneOf("order-log", Set.of("on", "off", "auto"));
    return new RestaurantSettings(workers, delivery, retrieval, orders, rate, duration, dishes, timeScale,
        cook, deliver, eat, retrieve, interval, faultRate, seed, closeTimeout, orderLog);
  }

  /** The wall time a simulated duration takes at this time-scale, truncated to whole ms (0 = at once). */
  public Duration scaled(Duration simulated) {
    double nanos = simulated.toNanos() * timeScale;
    return Duration.ofNanos((long) Math.min(nanos, Long.MAX_VALUE)).truncatedTo(ChronoUnit.MILLIS);
  }

  /** The worker's overwork period in wall time: never shorter than a scheduler tick. */
  public Duration scaledWorkInterval() {
    Duration d = scaled(workInterval);
    return d.compareTo(SHORTEST_PERIOD) < 0 ? SHORTEST_PERIOD : d;
  }

  /** True when orders arrive at a rate, false when {@link #orders} arrive at once. */
  public boolean atRate() {
    return rate > 0;
  }

  /** How many orders the run takes in: {@code orders}, or rate x duration (simulated seconds). */
  public long expectedOrders() {
    return atRate() ? (long) Math.floor(rate * duration.toNanos() / 1e9) : orders;
  }

  /** Whether each order's steps are logged at INFO (else at DEBUG). */
  public boolean logOrders() {
    return switch (orderLog) {
      case "on" -> true;
      case "off" -> false;
      default -> expectedOrders() <= ORDER_LOG_AUTO_LIMIT;
    };
  }

  public Faults faults() {
    return new Faults(faultRate, seed, 0);
  }

  /** "> 0" checks the reader has no method for: same one-line form as SettingsReader's errors. */
  private static UserError positive(Config config, String path, String allowed) {
    String key = PREFIX + "." + path;
    ConfigValue v = config.getValue(key);
    Object u = v.unwrapped();
    String shown = u instanceof String s ? "'" + s + "'" : String.valueOf(u);
    String d = v.origin().description();
    String origin = d.startsWith("flag ") || d.startsWith("-D") ? "from " + d
        : d.startsWith("system properties") ? "from a -D system property" : "from " + d.replace("merge of ", "");
    return new UserError("invalid setting " + key + " = " + shown + " (" + origin + "): expected " + allowed);
  }
}
