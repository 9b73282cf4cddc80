package brigade.bench;

import brigade.UserError;
import brigade.config.BrigadeConfig;
import brigade.config.SettingsReader;
import brigade.primes.Dispatch;
import brigade.primes.Job;
import brigade.primes.PrimeAlgorithm;
import com.typesafe.config.Config;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The bench's settings ({@code brigade.bench.*}, plus the kitchen's {@code window}, {@code max-retries} and
 * {@code batch-timeout} from {@code brigade.primes}), validated once here.
 *
 * @param count numbers per run ({@code random})
 * @param batchSizes batch sizes to sweep; {@link Sweep#AUTO} for auto
 * @param window batches in flight per job; 0 = auto ({@code BatchPlan.autoWindow}, as the kitchen does)
 * @param sources the config and logging files these settings came from, for the report
 */
public record BenchSettings(
    Job job,
    PrimeAlgorithm algorithm,
    int count,
    long seed,
    long min,
    long max,
    List<Integer> poolSizes,
    List<Integer> batchSizes,
    List<Dispatch> dispatches,
    int repeat,
    Duration warmup,
    Path out,
    int window,
    int maxRetries,
    Duration batchTimeout,
    BrigadeConfig.Sources sources) {

  /** Numbers per run are held in memory (8 bytes each), so a bench run stays well inside a default heap. */
  public static final int MAX_COUNT = 20_000_000;
  public static final int MAX_POOL_SIZE = 1024;
  public static final int MAX_BATCH_SIZE = 10_000_000;

  public static BenchSettings from(Config config) {
    SettingsReader r = new SettingsReader(config, "brigade.bench");
    Job job = Job.valueOf(r.oneOf("job", Set.of("check", "factor")).toUpperCase(Locale.ROOT));
    PrimeAlgorithm algorithm = PrimeAlgorithm.named(r.oneOf("algorithm", Set.of("trial", "fast")));
    int count = r.intBetween("random", 1, MAX_COUNT);
    long seed = r.longBetween("seed", Long.MIN_VALUE, Long.MAX_VALUE);
    long min = r.longBetween("min", 0, Long.MAX_VALUE);
    long max = r.longBetween("max", 0, Long.MAX_VALUE);
    if (min > max) {
      throw new UserError("invalid settings " + r.key("min") + " = " + min + " and " + r.key("max") + " = " + max
          + ": expected min <= max");
    }
    List<Integer> poolSizes = r.list("pool-sizes", "whole numbers from 1 to " + MAX_POOL_SIZE,
        w -> parseInt(w, 1, MAX_POOL_SIZE));
    List<Integer> batchSizes = r.list("batch-sizes", "\"auto\" or whole numbers from 1 to " + MAX_BATCH_SIZE,
        w -> w.equalsIgnoreCase("auto") ? Integer.valueOf(Sweep.AUTO) : parseInt(w, 1, MAX_BATCH_SIZE));
    List<Dispatch> dispatches = r.list("dispatch", "push or pull", w -> switch (w.toLowerCase(Locale.ROOT)) {
      case "push" -> Dispatch.PUSH;
      case "pull" -> Dispatch.PULL;
      default -> null;
    });
    int repeat = r.intBetween("repeat", 1, 1000);
    Duration warmup = r.duration("warmup", true);
    Path out = path(r);

    SettingsReader primes = new SettingsReader(config, "brigade.primes");
    int window = primes.intOrAuto("window", 1, 1_000_000, 0);
    int maxRetries = primes.intBetween("max-retries", 0, 1000);
    Duration batchTimeout = primes.duration("batch-timeout", false);

    return new BenchSettings(job, algorithm, count, seed, min, max,
        List.copyOf(new java.util.LinkedHashSet<>(poolSizes)),
        List.copyOf(new java.util.LinkedHashSet<>(batchSizes)),
        List.copyOf(new java.util.LinkedHashSet<>(dispatches)),
        repeat, warmup, out, window, maxRetries, batchTimeout, BrigadeConfig.sources(config));
  }

  /** The window the kitchen gets for a pool of {@code poolSize}. */
  public int windowFor(int poolSize) {
    return window == 0 ? brigade.primes.BatchPlan.autoWindow(poolSize) : window;
  }

  /** Runs the sweep asks for: points × repeat. */
  public int plannedRuns() {
    return poolSizes.size() * batchSizes.size() * dispatches.size() * repeat;
  }

  private static Integer parseInt(String word, int min, int max) {
    try {
      long v = Long.parseLong(word.replace("_", ""));
      return v >= min && v <= max ? (int) v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Path path(SettingsReader r) {
    String s = r.string("out");
    if (s.isBlank()) throw new UserError("invalid setting " + r.key("out") + " = '': expected a directory path");
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new UserError("invalid setting " + r.key("out") + " = '" + s + "': " + e.getMessage());
    }
  }
}
