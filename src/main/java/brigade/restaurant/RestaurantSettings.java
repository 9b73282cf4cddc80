package brigade.restaurant;

import brigade.UserError;
import brigade.config.SettingsReader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
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
  /**
   * The intake timer never ticks faster than this (Brigade runs Akka's scheduler at a 1 ms tick); each tick
   * lets in every order that arrived since the last one, each with its own arrival time.
   */
  static final Duration SHORTEST_PERIOD = Duration.ofMillis(1);
  /**
   * The most orders a run may plan ({@code orders}, or {@code rate} x {@code duration}). Memory does not limit it
   * (orders are taken in as the book has room, see {@link #bookWindow}); it keeps a typo from planning a run
   * of years.
   */
  public static final long MAX_ORDERS = 1_000_000_000L;
  /** Orders a member of staff may hold at once when its step takes no time (see {@link #rosterDepth}). */
  static final int ZERO_TIME_DEPTH = 16;
  /** The order book holds at most this many orders in flight, however many are planned. */
  static final int MAX_BOOK_WINDOW = 65_536;
  /** With order-log = auto, runs of at most this many orders log every order's steps at INFO. */
  static final int ORDER_LOG_AUTO_LIMIT = 50;

  public static RestaurantSettings from(Config config) {
    SettingsReader r = new SettingsReader(config, PREFIX);
    int workers = r.intBetween("workers", 1, 10_000);
    int delivery = r.intBetween("delivery", 1, 10_000);
    int retrieval = r.intBetween("retrieval", 1, 10_000);
    int orders = r.intBetween("orders", 0, (int) MAX_ORDERS);
    double rate = r.doubleBetween("rate", 0, 1_000_000, true);
    Duration duration = r.duration("duration", true);
    if (rate > 0 && duration.isZero()) {
      throw positive(config, "duration", "a duration > 0 such as 10s when rate > 0");
    }
    double planned = Math.floor(rate * duration.toNanos() / 1e9);
    if (rate > 0 && planned > MAX_ORDERS) {
      throw new UserError("invalid settings " + PREFIX + ".rate x " + PREFIX + ".duration = "
          + String.format(java.util.Locale.ROOT, "%.0f", planned) + " orders (rate " + shown(config, "rate")
          + " x duration " + shown(config, "duration") + "): expected at most " + MAX_ORDERS
          + " orders; lower the rate or the duration");
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

  /**
   * The wall time a simulated duration takes at this time-scale, to the nanosecond (rounded to the nearest; not
   * truncated to whole ms, nor rounded up to a scheduler tick): 300 ms at 0.001 is 300 us.
   *
   * @return the wall time; zero only for a zero duration (or one under half a nanosecond once scaled)
   */
  public Duration scaled(Duration simulated) {
    double nanos = simulated.toNanos() * timeScale;
    return Duration.ofNanos(Math.round(Math.min(nanos, Long.MAX_VALUE)));
  }

  /**
   * How many orders the book holds in flight at most: enough to keep every member of staff and every dish busy
   * (4 x (staff + dishes)), at least 1,024, at most {@link #MAX_BOOK_WINDOW}. Planned orders beyond it wait
   * at the door, as a count.
   */
  public int bookWindow() {
    long wanted = 4L * ((long) workers + delivery + retrieval + dishes);
    return (int) Math.max(1024, Math.min(MAX_BOOK_WINDOW, wanted));
  }

  /**
   * Orders one member of a role may hold at once: 1 when its step takes time (the restaurant hands each order
   * to whoever is free first, as in the simulated restaurant), {@link #ZERO_TIME_DEPTH} when it takes none (the
   * order of work is then immaterial, and batches save a round trip per order).
   */
  public int rosterDepth(Staff.Role role) {
    Duration step = switch (role) {
      case WORKER -> cookTime;
      case DELIVERY -> deliveryTime;
      case RETRIEVAL -> retrievalTime;
    };
    return scaled(step).isZero() ? ZERO_TIME_DEPTH : 1;
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

  private static String shown(Config config, String path) {
    ConfigValue v = config.getValue(PREFIX + "." + path);
    Object u = v.unwrapped();
    String d = v.origin().description();
    String from = d.startsWith("flag ") || d.startsWith("-D") ? " from " + d : "";
    return (u instanceof String str ? str : String.valueOf(u)) + from;
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
