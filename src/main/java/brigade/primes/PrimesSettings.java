package brigade.primes;

import brigade.UserError;
import brigade.config.SettingsReader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Set;

/**
 * The validated {@code brigade.primes} settings: what every `primes` run reads once at start. "auto" values
 * are kept as {@code AUTO} here and resolved per job ({@link #resolve}), since the automatic batch size
 * depends on how many numbers there are.
 *
 * @param poolSize prime workers in the router pool (auto = available processors, resolved here)
 * @param batchSize numbers per batch, or {@link #AUTO}
 * @param window batches in flight at once, or {@link #AUTO} (= 4 x pool size)
 * @param baseline on, off or auto (on when the estimated sequential time is under {@link #BASELINE_AUTO_LIMIT})
 * @param warmup how long the pool runs the job's own work before it is timed against the baseline, or null for
 *     auto ({@link #warmupFor})
 * @param repeat timed rounds of the pool run and the baseline, interleaved, or {@link #AUTO} ({@link #roundsFor})
 * @param split whether heavy numbers of a check job with trial division are split into divisor ranges
 * @param splitRanges ranges a split number is cut into, or {@link #AUTO} (= {@link DivisorRanges#AUTO_RANGES_PER_WORKER}
 *     x pool size)
 * @param randomCount how many random numbers `primes factor` draws with no input
 * @param randomMin smallest random number (inclusive)
 * @param randomMax largest random number (inclusive)
 * @param order whether results reach the output in input order or as batches complete
 */
public record PrimesSettings(
    int poolSize,
    int batchSize,
    int window,
    Dispatch dispatch,
    String algorithm,
    int maxRetries,
    Duration batchTimeout,
    Baseline baseline,
    Duration warmup,
    int repeat,
    Split split,
    int splitRanges,
    long randomCount,
    long randomMin,
    long randomMax,
    long seed,
    double faultRate,
    ResultOrder order) {

  public static final String PREFIX = "brigade.primes";
  /** Marks an "auto" batch size or window, resolved by {@link #resolve}. */
  public static final int AUTO = 0;
  public static final int MAX_POOL_SIZE = 1024;
  public static final int MAX_BATCH_SIZE = 1_000_000;
  /** With baseline = auto, the sequential baseline runs when it is estimated to take less than this. */
  public static final Duration BASELINE_AUTO_LIMIT = Duration.ofSeconds(10);
  /** The shortest and longest automatic warm-up: see {@link #warmupFor}. */
  public static final Duration WARMUP_AUTO_MIN = Duration.ofSeconds(1);
  public static final Duration WARMUP_AUTO_MAX = Duration.ofSeconds(5);
  public static final int MAX_REPEAT = 1000;
  /**
   * With repeat = auto, later rounds may take twice the first round's time, but at least this and at most ... The
   * first rounds after a warm-up still run a little slower (the six reference numbers: the first ~10-20% over the
   * later ones, measured): 2 s of rounds give such a job a median of nine, which they move less than a median of five.
   */
  public static final Duration REPEAT_AUTO_MIN_BUDGET = Duration.ofSeconds(2);
  /** ... this; and there are at most {@link #REPEAT_AUTO_MAX} rounds in all. */
  public static final Duration REPEAT_AUTO_MAX_BUDGET = Duration.ofSeconds(10);
  public static final int REPEAT_AUTO_MAX = 15;

  public static final int MAX_SPLIT_RANGES = 65_536;
  /** The bounds of {@code scheduler-tick}: Akka's scheduler ticks no faster than 1 ms, in whole milliseconds. */
  public static final Duration MIN_SCHEDULER_TICK = Duration.ofMillis(1);
  public static final Duration MAX_SCHEDULER_TICK = Duration.ofSeconds(1);
  /** The default {@code scheduler-tick} (conf/application.conf), shown in its error: Akka's own default. */
  static final Duration SCHEDULER_TICK_EXAMPLE = Duration.ofMillis(10);
  private static final String AKKA_TICK = "akka.scheduler.tick-duration";

  /** Whether a heavy number's trial division is split across workers (check jobs with trial division only). */
  public enum Split {
    ON,
    OFF,
    /** When there are too few numbers to keep every worker busy: at most pool size x batches per worker. */
    AUTO
  }

  /** Whether to run the same work on one thread for comparison. */
  public enum Baseline {
    ON,
    OFF,
    AUTO
  }

  public static PrimesSettings from(Config config) {
    SettingsReader r = new SettingsReader(config, PREFIX);
    int cores = Runtime.getRuntime().availableProcessors();
    int poolSize = r.intOrAuto("pool-size", 1, MAX_POOL_SIZE, Math.min(cores, MAX_POOL_SIZE));
    int batchSize = r.intOrAuto("batch-size", 1, MAX_BATCH_SIZE, AUTO);
    int window = r.intOrAuto("window", 1, Integer.MAX_VALUE, AUTO);
    Dispatch dispatch = Dispatch.valueOf(r.oneOf("dispatch", Set.of("push", "pull")).toUpperCase(java.util.Locale.ROOT));
    String algorithm = r.oneOf("algorithm", Set.of("trial", "fast"));
    int maxRetries = r.intAtLeast("max-retries", 0);
    Duration batchTimeout = r.duration("batch-timeout", false);
    Baseline baseline = baseline(r);
    Duration warmup = r.durationOrAuto("warmup");
    int repeat = r.intOrAuto("repeat", 1, MAX_REPEAT, AUTO);
    Split split = Split.valueOf(r.oneOf("split", Set.of("on", "off", "auto")).toUpperCase(java.util.Locale.ROOT));
    int splitRanges = r.intOrAuto("split-ranges", 2, MAX_SPLIT_RANGES, AUTO);
    if (split == Split.ON && !algorithm.equals("trial")) {
      throw new UserError("invalid setting " + r.key("split") + " = on with " + r.key("algorithm") + " = " + algorithm
          + ": splitting a number into divisor ranges applies to trial division only (use --split off or auto)");
    }
    long randomCount = wholeLong(r, "random-count", 1);
    long randomMin = wholeLong(r, "random-min", 0);
    long randomMax = wholeLong(r, "random-max", 0);
    if (randomMin > randomMax) {
      throw new UserError("invalid settings " + r.key("random-min") + " = " + randomMin + " and "
          + r.key("random-max") + " = " + randomMax + ": expected random-min <= random-max");
    }
    long seed = wholeLong(r, "seed", Long.MIN_VALUE);
    double faultRate = r.doubleBetween("fault-rate", 0, 1, false);
    ResultOrder order = ResultOrder.valueOf(r.oneOf("order", Set.of("input", "completion")).toUpperCase(java.util.Locale.ROOT));
    return new PrimesSettings(poolSize, batchSize, window, dispatch, algorithm, maxRetries, batchTimeout,
        baseline, warmup, repeat, split, splitRanges, randomCount, randomMin, randomMax, seed, faultRate, order);
  }

  /**
   * The config an actor system that runs the prime kitchen starts on ({@code primes}, local or the {@code --cluster}
   * coordinator, {@code bench}, {@code node}): {@code config} with Akka's scheduler tick ({@code
   * akka.scheduler.tick-duration}, 1 ms in conf/application.conf for the restaurant's short timers) replaced by
   * {@code brigade.primes.scheduler-tick}, whatever the run set the Akka key to. Akka's scheduler thread wakes on
   * every tick whether a timer is due or not; measured on 2 cores, a 1 ms tick took ~1.7% of a core from the workers
   * (~19 us a wake-up), while a kitchen's timers (batch timeouts, the readiness ask) are seconds long. Validates the
   * setting: the commands call this at their start, before any work.
   *
   * @param config a resolved run config holding {@code brigade.primes}
   * @return the config with the tick laid over it
   * @throws brigade.UserError if {@code brigade.primes.scheduler-tick} is not a whole number of milliseconds from
   *     1 ms to 1 s
   */
  public static Config kitchenSystemConfig(Config config) {
    Duration tick = new SettingsReader(config, PREFIX).millisBetween("scheduler-tick", MIN_SCHEDULER_TICK,
        MAX_SCHEDULER_TICK, SCHEDULER_TICK_EXAMPLE);
    return ConfigFactory.parseMap(java.util.Map.of(AKKA_TICK, tick.toMillis() + "ms"), "brigade.primes.scheduler-tick")
        .withFallback(config);
  }

  /**
   * A 64-bit whole number >= min. HOCON reads a number beyond 2^63-1 as a double, which getLong would
   * silently clamp: such values are rejected here instead.
   */
  private static long wholeLong(SettingsReader r, String path, long min) {
    long v = r.longBetween(path, min, Long.MAX_VALUE);
    com.typesafe.config.ConfigValue raw = r.config().getValue(r.key(path));
    Object u = raw.unwrapped();
    boolean exact = u instanceof Integer || u instanceof Long
        || (u instanceof String s && s.trim().matches("[+-]?[0-9]+") && fitsLong(s.trim()));
    if (!exact) {
      String origin = raw.origin().description();
      throw new UserError("invalid setting " + r.key(path) + " = " + (u instanceof String ? "'" + u + "'" : u)
          + " (from " + origin + "): expected a whole number from " + min + " to 2^63-1 (" + Long.MAX_VALUE + ")");
    }
    return v;
  }

  private static boolean fitsLong(String s) {
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** on/off/auto; HOCON also reads unquoted on/off as booleans, so both spellings are accepted. */
  private static Baseline baseline(SettingsReader r) {
    String key = r.key("baseline");
    Object raw = r.config().hasPath(key) ? r.config().getValue(key).unwrapped() : null;
    if (raw instanceof Boolean b) return b ? Baseline.ON : Baseline.OFF;
    String word = r.oneOf("baseline", Set.of("on", "off", "auto", "true", "false", "yes", "no"));
    return switch (word) {
      case "on", "true", "yes" -> Baseline.ON;
      case "off", "false", "no" -> Baseline.OFF;
      default -> Baseline.AUTO;
    };
  }

  /**
   * The pool's warm-up before a job timed against the baseline: the setting, or with {@code auto} as long as the
   * job's estimated sequential work, from {@link #WARMUP_AUTO_MIN} to {@link #WARMUP_AUTO_MAX}; with {@code auto} this
   * is the shortest warm-up, and {@code JobSession} goes on until the JIT compiler has settled, up to
   * {@link #WARMUP_AUTO_MAX} in all. Until the JIT has
   * compiled the workers' and the coordinator's code for this job's shape, a pool run is measured slow, and the
   * longer the job, the more a slow start would skew its speedup, so the longer the warm-up it is worth.
   */
  public Duration warmupFor(long estimatedSequentialNanos) {
    if (warmup != null) return warmup;
    long nanos = Math.max(WARMUP_AUTO_MIN.toNanos(), Math.min(WARMUP_AUTO_MAX.toNanos(), estimatedSequentialNanos));
    return Duration.ofNanos(nanos);
  }

  /**
   * How many timed rounds (pool run and baseline) a job gets: the setting, or with {@code auto}, when the baseline
   * runs and no fault is injected, as many as fit after the first (whose round took {@code firstRoundNanos}) in
   * twice its time, at least {@link #REPEAT_AUTO_MIN_BUDGET} and at most {@link #REPEAT_AUTO_MAX_BUDGET}, up to
   * {@link #REPEAT_AUTO_MAX} rounds. One timing is noisy: a run of milliseconds is at the mercy of a GC pause or a
   * compiler thread, and even a run of a second moves by 5% on a shared machine and comes in slow while the JIT
   * still settles. The median of three or more is the run's real speed; a job of over ~10 s is timed once, since
   * timing it again would double a long wait.
   */
  public int roundsFor(long firstRoundNanos, boolean baselineOn) {
    if (repeat != AUTO) return repeat;
    if (!baselineOn || faultRate > 0 || firstRoundNanos <= 0) return 1;
    long budget = Math.max(REPEAT_AUTO_MIN_BUDGET.toNanos(),
        Math.min(REPEAT_AUTO_MAX_BUDGET.toNanos(), 2 * firstRoundNanos));
    return (int) Math.min(REPEAT_AUTO_MAX, 1 + budget / firstRoundNanos);
  }

  /** Where the local pool's workers throw on purpose (none at fault-rate 0): supervision and retries, visible. */
  public FaultPlan faultPlan() {
    return FaultPlan.rate(faultRate, seed);
  }

  /** The algorithm object for {@link #algorithm}. */
  public PrimeAlgorithm primeAlgorithm() {
    return PrimeAlgorithm.named(algorithm);
  }

  /**
   * The job spec with every "auto" resolved for an input of {@code count} numbers (or unknown size), each
   * estimated to cost {@code nanosPerNumber} (0 if unknown), by {@link BatchPlan}'s rule.
   */
  public JobSpec resolve(Job job, java.util.OptionalLong count, double nanosPerNumber) {
    int batch = batchSize != AUTO ? batchSize : BatchPlan.autoBatchSize(count, poolSize, nanosPerNumber);
    int win = window != AUTO ? window : BatchPlan.autoWindow(poolSize);
    JobSpec spec = new JobSpec(job, primeAlgorithm(), dispatch, poolSize, batch, win, maxRetries, batchTimeout)
        .withOrder(order);
    if (job != Job.CHECK || !algorithm.equals("trial") || split == Split.OFF) return spec;
    int ranges = splitRanges != AUTO ? splitRanges : DivisorRanges.AUTO_RANGES_PER_WORKER * poolSize;
    if (split == Split.ON) return spec.withSplit(ranges, 2);
    // auto: only where batches cannot spread the work, and only numbers heavy enough to be worth several messages
    boolean fewNumbers = count.isPresent() && count.getAsLong() <= (long) poolSize * BatchPlan.BATCHES_PER_WORKER;
    return fewNumbers && poolSize > 1 ? spec.withSplit(ranges, DivisorRanges.AUTO_MIN_CANDIDATES) : spec;
  }

}
