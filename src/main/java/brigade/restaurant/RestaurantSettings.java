package brigade.restaurant;

import brigade.UserError;
import brigade.config.BrigadeConfig;
import brigade.config.SettingsReader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The restaurant's settings ({@code brigade.restaurant} in conf/application.conf), read and validated once.
 * Durations here are <em>simulated</em>; {@link #scaled(Duration)} turns one into the wall time a timer waits.
 *
 * <p>In code (a scenario, a demo): start from {@link #defaults()} and change what matters with the withers, e.g.
 * {@code RestaurantSettings.defaults().withWorkers(3).withOrders(10).withTimeScale(0.01)}. Each returns new settings
 * validated by the config's own rules ({@link #from}): a value the config file would refuse throws the same
 * {@link UserError}, naming the wither as where the value came from.
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
   * The bundled defaults ({@code brigade.restaurant} in the bundled application.conf, with any {@code -D} system
   * property over them): 2 workers, 1 delivery, 1 dish-retrieval, 20 orders at once, 8 dishes, time-scale 1.0, ...
   *
   * @return validated settings
   * @throws UserError if a {@code -Dbrigade.restaurant...} system property holds a value the config refuses
   */
  public static RestaurantSettings defaults() {
    return from(BrigadeConfig.defaults());
  }

  /**
   * @param n kitchen workers (cooks), 1..10,000
   * @return these settings with {@code workers = n}
   * @throws UserError out of range
   */
  public RestaurantSettings withWorkers(int n) {
    return with("workers", n, "withWorkers");
  }

  /**
   * @param n delivery actors, 1..10,000
   * @return these settings with {@code delivery = n}
   * @throws UserError out of range
   */
  public RestaurantSettings withDelivery(int n) {
    return with("delivery", n, "withDelivery");
  }

  /**
   * @param n dish-retrieval actors, 1..10,000
   * @return these settings with {@code retrieval = n}
   * @throws UserError out of range
   */
  public RestaurantSettings withRetrieval(int n) {
    return with("retrieval", n, "withRetrieval");
  }

  /**
   * @param n orders taken at once when there is no rate, 0..{@value #MAX_ORDERS}
   * @return these settings with {@code orders = n}
   * @throws UserError out of range
   */
  public RestaurantSettings withOrders(int n) {
    return with("orders", n, "withOrders");
  }

  /**
   * Orders arriving over time instead of at once: the two settings that go together ({@code rate} and
   * {@code duration}), set in one call since a rate without a duration is refused.
   *
   * @param perSecond orders per simulated second, 0..1,000,000 (0: {@code orders} at once, as by default)
   * @param duration how long (simulated) orders keep coming; > 0 when perSecond > 0
   * @return these settings with {@code rate} and {@code duration}
   * @throws UserError for a value out of range, a zero duration with a rate, or more than {@value #MAX_ORDERS} orders
   */
  public RestaurantSettings withRate(double perSecond, Duration duration) {
    Map<String, Object> changed = new LinkedHashMap<>();
    changed.put("rate", perSecond);
    changed.put("duration", nanos(duration));
    return with(changed, "withRate");
  }

  /**
   * @param n clean dishes in stock, 1..100,000,000
   * @return these settings with {@code dishes = n}
   * @throws UserError out of range
   */
  public RestaurantSettings withDishes(int n) {
    return with("dishes", n, "withDishes");
  }

  /**
   * @param factor multiplies every simulated duration into wall time, > 0 and <= 1000 (0.01 runs 100x faster)
   * @return these settings with {@code time-scale = factor}
   * @throws UserError out of range
   */
  public RestaurantSettings withTimeScale(double factor) {
    return with("time-scale", factor, "withTimeScale");
  }

  /**
   * @param d a worker's time to cook one order (simulated), >= 0
   * @return these settings with {@code cook-time = d}
   * @throws UserError if negative
   */
  public RestaurantSettings withCookTime(Duration d) {
    return with("cook-time", nanos(d), "withCookTime");
  }

  /**
   * @param d time to carry a dish to its table (simulated), >= 0
   * @return these settings with {@code delivery-time = d}
   * @throws UserError if negative
   */
  public RestaurantSettings withDeliveryTime(Duration d) {
    return with("delivery-time", nanos(d), "withDeliveryTime");
  }

  /**
   * @param d time a customer eats before the dish can be collected (simulated), >= 0
   * @return these settings with {@code eating-time = d}
   * @throws UserError if negative
   */
  public RestaurantSettings withEatingTime(Duration d) {
    return with("eating-time", nanos(d), "withEatingTime");
  }

  /**
   * @param d time to bring a used dish back to the kitchen (simulated), >= 0
   * @return these settings with {@code retrieval-time = d}
   * @throws UserError if negative
   */
  public RestaurantSettings withRetrievalTime(Duration d) {
    return with("retrieval-time", nanos(d), "withRetrievalTime");
  }

  /**
   * @param d how often a worker on shift announces its periodic work (simulated), > 0
   * @return these settings with {@code work-interval = d}
   * @throws UserError unless > 0
   */
  public RestaurantSettings withWorkInterval(Duration d) {
    return with("work-interval", nanos(d), "withWorkInterval");
  }

  /**
   * @param p chance in [0, 1) that a staff actor throws on a task, from a coin seeded by {@link #withSeed}; a fault
   *     aimed at one member or role is a {@link Faults#failOn} passed to {@link Restaurant#create} instead
   * @return these settings with {@code fault-rate = p}
   * @throws UserError out of range
   */
  public RestaurantSettings withFaultRate(double p) {
    return with("fault-rate", p, "withFaultRate");
  }

  /**
   * @param seed seed of the fault coin, any 64-bit number
   * @return these settings with {@code seed}
   */
  public RestaurantSettings withSeed(long seed) {
    return with("seed", seed, "withSeed");
  }

  /**
   * @param d how long closing waits (wall time) for the orders in flight before it cancels the rest, > 0
   * @return these settings with {@code close-timeout = d}
   * @throws UserError unless > 0
   */
  public RestaurantSettings withCloseTimeout(Duration d) {
    return with("close-timeout", nanos(d), "withCloseTimeout");
  }

  /**
   * @param mode "on", "off" or "auto": each order's steps logged at INFO always, never, or in runs of up to 50 orders
   * @return these settings with {@code order-log = mode}
   * @throws UserError for another word
   */
  public RestaurantSettings withOrderLog(String mode) {
    return with("order-log", Objects.requireNonNull(mode, "mode"), "withOrderLog");
  }

  /** These settings as the config keys they are read from: {@link #from} reads them back. */
  private Map<String, Object> asConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workers", workers);
    m.put("delivery", delivery);
    m.put("retrieval", retrieval);
    m.put("orders", orders);
    m.put("rate", rate);
    m.put("duration", nanos(duration));
    m.put("dishes", dishes);
    m.put("time-scale", timeScale);
    m.put("cook-time", nanos(cookTime));
    m.put("delivery-time", nanos(deliveryTime));
    m.put("eating-time", nanos(eatingTime));
    m.put("retrieval-time", nanos(retrievalTime));
    m.put("work-interval", nanos(workInterval));
    m.put("fault-rate", faultRate);
    m.put("seed", seed);
    m.put("close-timeout", nanos(closeTimeout));
    m.put("order-log", orderLog);
    return m;
  }

  private RestaurantSettings with(String key, Object value, String wither) {
    return with(Map.of(key, value), wither);
  }

  /** One rule for every value: the changed keys laid over these settings, read back by {@link #from}. */
  private RestaurantSettings with(Map<String, Object> changed, String wither) {
    Map<String, Object> changes = new LinkedHashMap<>();
    changed.forEach((k, v) -> changes.put(PREFIX + "." + k, shown(v)));
    Map<String, Object> current = new LinkedHashMap<>();
    asConfig().forEach((k, v) -> current.put(PREFIX + "." + k, v));
    return from(ConfigFactory.parseMap(changes, wither)
        .withFallback(ConfigFactory.parseMap(current, "RestaurantSettings.defaults()")));
  }

  /** A whole double as a whole number, so an error quotes {@code withTimeScale(0)} as 0, as the config file would. */
  private static Object shown(Object v) {
    return v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : v;
  }

  /** A duration as the config would write it, in its largest whole unit: 250ms, 2s, 1ns. */
  private static String nanos(Duration d) {
    long n = Objects.requireNonNull(d, "duration").toNanos();
    if (n % 1_000_000_000L == 0) return n / 1_000_000_000L + "s";
    if (n % 1_000_000L == 0) return n / 1_000_000L + "ms";
    if (n % 1_000L == 0) return n / 1_000L + "us";
    return n + "ns";
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

  /** @return the faults these settings ask for: {@code fault-rate}, seeded by {@code seed}, none aimed */
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
