package brigade.report;

import brigade.config.BrigadeConfig;
import brigade.primes.Job;
import brigade.primes.JobResult;
import brigade.primes.JobSession;
import brigade.primes.JobSpec;
import brigade.primes.ResultBatch;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a `primes` run reports: the job, the pool's timings against the sequential baseline, each worker's
 * share, and the counts that show no number was lost or counted twice ({@code numbersIn = numbersOut +
 * numbersFailed} unless interrupted). Rendered as a table ({@link #toText}) or one JSON object ({@link #toJson}).
 *
 * @param input what the numbers were ("range 1..100", "file numbers.txt (12 numbers)" ...)
 * @param count numbers in the input
 * @param cores available processors: efficiency is speedup / min(poolSize, cores)
 * @param primes answered numbers that are prime
 * @param factors prime factors found, with multiplicity (factor jobs only)
 * @param wallMillis the pool run, first batch sent to last reply (the median of the timed rounds)
 * @param wallMillisMin the fastest timed pool run
 * @param wallMillisMax the slowest timed pool run
 * @param sequentialMillis the same work on one thread (the median of the rounds; null when the baseline did not run)
 * @param sequentialMillisMin the fastest baseline
 * @param sequentialMillisMax the slowest baseline
 * @param forkJoinMillis the same batches on a plain {@code ForkJoinPool} of the pool's size (the median of the
 *     rounds; null when it did not run: no baseline, or a cluster job)
 * @param forkJoinMillisMin the fastest ForkJoinPool run
 * @param forkJoinMillisMax the slowest ForkJoinPool run
 * @param actorOverForkJoin forkJoinMillis / wallMillis: the actor pool's speed relative to plain threads doing the
 *     same batches (1.0 = as fast; 0.95 = 5% slower), i.e. what the actors' messages and mailboxes cost
 * @param runs timed rounds: pool runs (and as many baselines and ForkJoinPool runs, when they run), interleaved
 * @param speedup sequentialMillis / wallMillis (null when the job is too small to time)
 * @param efficiency speedup / min(poolSize, cores)
 * @param throughputPerSecond numbers answered per second of the pool run
 * @param baseline whether the baseline ran and why ("on", "off", "auto: on (estimated 2.1 s)" ...)
 * @param warmupMillis how long the pool ran the job's work, untimed, before the timed run (null: no warm-up)
 * @param processStartupMillis from the JVM's start to the job's (settings, logging, the actor system), in ms; null
 *     when not known (a job run from code)
 * @param poolStartupMillis how long the pool's workers took to start, once for the whole session (null: not known,
 *     e.g. a cluster's workers); never part of a pool run's time
 * @param inputMillis the first pool run's reading and parsing of the input, on an I/O thread alongside the run, in
 *     ms (null: not read on an I/O thread)
 * @param outputMillis the first pool run's writing of {@code output}, on an I/O thread alongside the run, with the
 *     flush after it, in ms (null: no output, or not written on an I/O thread)
 * @param tooSmallToTime true when the sequential work is under {@code JobSession.TOO_SMALL}: its times are start-up
 *     and noise, so no speedup is quoted (null otherwise)
 * @param note what the report says instead of a speedup for a job too small to time
 * @param baselineAgrees whether the baseline (and every later round) found the same prime (and factor) counts as
 *     the pool
 * @param splitNumbers numbers whose trial division was split into divisor ranges across the workers (null: none)
 * @param splitRanges the ranges they were split into (null: none)
 * @param rangesSkipped ranges not computed, because another range of the same number found a divisor first
 * @param numbersOut numbers answered (each exactly once)
 * @param interrupted Ctrl-C stopped the run: the counts cover what finished
 * @param workers each worker's share of the first pool run (the one whose results were written)
 * @param results per-number results, for seed-sized runs only (at most {@link #RESULTS_SHOWN} numbers)
 * @param output the CSV file written, if any
 * @param config the settings and logging files the run was configured from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobReport(
    String job,
    String algorithm,
    String dispatch,
    String input,
    long count,
    int poolSize,
    int batchSize,
    int window,
    int cores,
    long batches,
    long primes,
    Long factors,
    double wallMillis,
    double wallMillisMin,
    double wallMillisMax,
    Double sequentialMillis,
    Double sequentialMillisMin,
    Double sequentialMillisMax,
    Double forkJoinMillis,
    Double forkJoinMillisMin,
    Double forkJoinMillisMax,
    Double actorOverForkJoin,
    int runs,
    Double speedup,
    Double efficiency,
    double throughputPerSecond,
    String baseline,
    Double warmupMillis,
    Double processStartupMillis,
    Double poolStartupMillis,
    Double inputMillis,
    Double outputMillis,
    Boolean tooSmallToTime,
    String note,
    Boolean baselineAgrees,
    long failedBatches,
    List<Failure> failures,
    long retries,
    Long splitNumbers,
    Long splitRanges,
    Long rangesSkipped,
    long numbersIn,
    long numbersOut,
    long numbersFailed,
    boolean interrupted,
    List<Worker> workers,
    List<NumberResult> results,
    String output,
    BrigadeConfig.Sources config) {

  /** Runs of at most this many numbers also list each number's result, like the classic lesson. */
  public static final int RESULTS_SHOWN = 20;

  /** A batch given up on: where it starts in the input, its numbers and the last error. */
  public record Failure(long firstIndex, long[] numbers, String error) {}

  /**
   * One worker's share of the pool run; {@code share} is its fraction of the numbers answered, {@code utilisation} the
   * share (0 to 1) of the run it spent computing, {@code longestIdleMillis} its longest stretch of the run with nothing
   * to compute.
   */
  public record Worker(String name, String node, long batches, long numbers, double busyMillis, double share,
      double utilisation, double longestIdleMillis) {}

  /** One number's result: {@code factors} only for factor jobs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NumberResult(long number, boolean prime, List<Long> factors) {}

  /**
   * Builds the report of a measured job: the times quoted are the medians of its timed rounds, with min–max.
   *
   * @param input what the numbers were
   * @param count numbers in the input
   * @param cores available processors
   * @param output the CSV file written, if any (else null)
   * @param config the files the run was configured from (null: not known, e.g. a job run from code)
   */
  public static JobReport of(JobSession.Outcome o, String input, long count, int cores, String output,
      BrigadeConfig.Sources config) {
    return of(o, input, count, cores, output, config, null);
  }

  /**
   * As {@link #of(JobSession.Outcome, String, long, int, String, BrigadeConfig.Sources)}, for a run that knows when
   * its process started.
   *
   * @param processStartupMillis from the JVM's start to the job's, in ms (null: not known)
   */
  public static JobReport of(JobSession.Outcome o, String input, long count, int cores, String output,
      BrigadeConfig.Sources config, Double processStartupMillis) {
    JobSpec spec = o.spec();
    JobResult r = o.result();
    Stats pool = Stats.of(o.poolMillis().stream().mapToDouble(Double::doubleValue).toArray());
    Stats sequential = o.sequentialMillis().isEmpty() ? null
        : Stats.of(o.sequentialMillis().stream().mapToDouble(Double::doubleValue).toArray());
    Stats forkJoin = o.forkJoinMillis().isEmpty() ? null
        : Stats.of(o.forkJoinMillis().stream().mapToDouble(Double::doubleValue).toArray());
    double wall = pool.median();
    Double seq = sequential == null ? null : sequential.median();
    // The estimate (the fastest of many passes over a sample) decides too; one cold timing can come in above it.
    double tooSmallMillis = JobSession.TOO_SMALL.toNanos() / 1e6;
    boolean tooSmall = seq != null && (seq < tooSmallMillis
        || (o.estimatedSequentialMillis() > 0 && o.estimatedSequentialMillis() < tooSmallMillis));
    Double speedup = seq != null && wall > 0 && !tooSmall ? round(seq / wall, 3) : null;
    Double efficiency = speedup != null && spec.poolSize() > 0
        ? round(speedup / Math.min(spec.poolSize(), cores), 3) : null;
    Double actorOverFj = forkJoin != null && wall > 0 && !tooSmall ? round(forkJoin.median() / wall, 3) : null;
    String note = !tooSmall ? null : String.format(Locale.ROOT,
        "too small to time: %s, %.2f ms of work on one thread, which is less than starting and stopping the pool "
            + "costs; try --random 1000000", count == 1 ? "1 number" : String.format(Locale.ROOT, "%,d numbers", count),
        seq == null ? 0 : Math.min(seq, o.estimatedSequentialMillis() > 0 ? o.estimatedSequentialMillis() : seq));
    String baseline = o.baselineMode();
    if (seq == null && !baseline.equals("off") && !baseline.startsWith("auto: off")) {
      baseline += o.interrupted() ? ", interrupted" : !r.failedBatches().isEmpty() ? ", but some batches failed for good,"
          + " so the pool's counts cover less work" : "";
    }
    List<Worker> workers = new ArrayList<>();
    for (JobResult.WorkerStats w : r.workers()) {
      double share = r.numbersAnswered() == 0 ? 0 : (double) w.numbers() / r.numbersAnswered();
      workers.add(new Worker(w.name(), w.node(), w.batches(), w.numbers(), round(w.busyNanos() / 1e6, 3), round(share, 4),
          round(w.utilisation(), 4), round(w.longestIdleNanos() / 1e6, 3)));
    }
    List<Failure> failures = r.failedBatches().stream()
        .map(f -> new Failure(f.firstIndex(), f.numbers(), f.error())).toList();
    double throughput = wall > 0 ? round(r.numbersAnswered() / (wall / 1000), 1) : 0;
    List<NumberResult> results = new ArrayList<>();
    for (ResultBatch b : o.shown()) {
      b.forEach((index, number, prime, fs, offset, n) -> {
        List<Long> list = null;
        if (spec.job() == Job.FACTOR) {
          list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) list.add(fs[offset + i]);
        }
        results.add(new NumberResult(number, prime, list));
      });
    }
    return new JobReport(spec.job().label(), spec.algorithm().name(), spec.dispatch().label(), input, count,
        spec.poolSize(), spec.batchSize(), spec.window(), cores, r.batches(), r.primes(),
        spec.job() == Job.FACTOR ? r.factors() : null, round(wall, 3), round(pool.min(), 3), round(pool.max(), 3),
        seq == null ? null : round(seq, 3), sequential == null ? null : round(sequential.min(), 3),
        sequential == null ? null : round(sequential.max(), 3),
        forkJoin == null ? null : round(forkJoin.median(), 3), forkJoin == null ? null : round(forkJoin.min(), 3),
        forkJoin == null ? null : round(forkJoin.max(), 3), actorOverFj, pool.n(), speedup, efficiency, throughput,
        baseline, o.warmupMillis() == null ? null : round(o.warmupMillis(), 1),
        processStartupMillis == null ? null : round(processStartupMillis, 1),
        o.startupMillis() == null ? null : round(o.startupMillis(), 3),
        o.io() == null || o.io().inputMillis() == null ? null : round(o.io().inputMillis(), 3),
        o.io() == null || output == null ? null : round(o.io().outputMillis(), 3), tooSmall ? true : null, note, o.agrees(),
        r.failedBatches().size(), failures, r.retries(), r.splitNumbers() == 0 ? null : r.splitNumbers(),
        r.splitNumbers() == 0 ? null : r.splitRanges(), r.splitNumbers() == 0 ? null : r.rangesSkipped(), r.numbersIn(), r.numbersAnswered(), r.numbersFailed(),
        o.interrupted() || r.interrupted(), workers, results.isEmpty() ? null : results, output, config);
  }

  public String toJson() {
    return Json.write(this);
  }

  /**
   * The human-readable report: per-number lines for seed-sized runs, a summary, the failed batches, and the
   * per-worker table.
   *
   * @param times the multiplication sign to use between factors ("×", or "*" where it cannot be printed)
   */
  public String toText(String times) {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder();
    if (results != null) {
      for (NumberResult n : results) sb.append(resultLine(n, times)).append(nl);
      sb.append(nl);
    }
    line(sb, "job", job + ", algorithm " + algorithm + ", dispatch " + dispatch);
    line(sb, "input", input);
    line(sb, "pool", poolSize + (poolSize == 1 ? " worker" : " workers") + ", batches of " + batchSize
        + ", window " + window + (window == 1 ? " batch, " : " batches, ") + cores + (cores == 1 ? " core" : " cores"));
    line(sb, "numbers", "in " + num(numbersIn) + ", out " + num(numbersOut) + ", failed " + num(numbersFailed)
        + (numbersIn == numbersOut + numbersFailed ? "" : ", not answered " + num(numbersIn - numbersOut - numbersFailed))
        + (!interrupted ? "" : numbersOut + numbersFailed == count ? "  (INTERRUPTED after the last number: counts are complete)"
            : "  (INTERRUPTED: counts cover what finished)"));
    line(sb, "primes", num(primes) + " of " + num(numbersOut));
    if (factors != null) line(sb, "factors", num(factors) + " prime factors, with multiplicity");
    if (processStartupMillis != null) {
      line(sb, "start-up", ms(processStartupMillis) + " from the JVM's start to the job's"
          + " (settings, logging, the actor system)");
    }
    if (poolStartupMillis != null) {
      line(sb, "kitchen", poolSize + (poolSize == 1 ? " worker" : " workers") + " started in " + ms(poolStartupMillis)
          + ", once: not part of any timed run");
    }
    line(sb, "pool run", ms(wallMillis) + spread(wallMillisMin, wallMillisMax) + ", "
        + num(Math.round(throughputPerSecond)) + " numbers/s"
        + (warmupMillis != null ? String.format(Locale.ROOT, " (after a %.1f s warm-up)", warmupMillis / 1000)
            // compared here, yet not warmed up (--warmup 0s): say why the ratios below may be low
            : forkJoinMillis != null && !Boolean.TRUE.equals(tooSmallToTime) ? " (no warm-up: timed cold)" : ""));
    if (inputMillis != null) {
      line(sb, "reading", ms(inputMillis) + " reading and parsing the input, on an I/O thread alongside the run");
    }
    if (forkJoinMillis != null) {
      line(sb, "fork-join", ms(forkJoinMillis) + spread(forkJoinMillisMin, forkJoinMillisMax) + ", a ForkJoinPool of "
          + poolSize + (poolSize == 1 ? " thread" : " threads") + " on the same batches"
          + (actorOverForkJoin == null ? "" : String.format(Locale.ROOT, ": actor/FJ %.2f", actorOverForkJoin)));
    }
    if (sequentialMillis != null) {
      line(sb, "sequential", ms(sequentialMillis) + spread(sequentialMillisMin, sequentialMillisMax)
          + ", one thread, same algorithm and numbers"
          + (baselineAgrees == null ? "" : baselineAgrees ? ", same results" : ", DIFFERENT RESULTS (a bug: please report)"));
      if (speedup != null && efficiency != null) {
        line(sb, "speedup", String.format(Locale.ROOT, "%.2fx, efficiency %.0f%% (pool of %d on %d cores)",
            speedup, efficiency * 100, poolSize, cores));
      } else if (speedup != null) {
        line(sb, "speedup", String.format(Locale.ROOT, "%.2fx (no worker answered)", speedup));
      } else {
        line(sb, "speedup", note);
      }
    } else {
      line(sb, "sequential", "not measured: baseline " + baseline);
    }
    line(sb, "batches", num(batches) + " answered, " + failedBatches + " failed, " + retries
        + (retries == 1 ? " retry" : " retries"));
    for (Failure f : failures) {
      line(sb, "  failed", "batch at #" + f.firstIndex() + " (" + f.numbers().length + " numbers: "
          + preview(f.numbers()) + "): " + f.error());
    }
    if (splitNumbers != null) {
      line(sb, "split", num(splitNumbers) + (splitNumbers == 1 ? " number" : " numbers") + " into " + num(splitRanges)
          + " divisor ranges across the workers" + (rangesSkipped == 0 ? ""
          : " (" + num(rangesSkipped) + (rangesSkipped == 1 ? " range" : " ranges")
              + " not needed: a smaller divisor was found first)"));
    }
    if (output != null) {
      line(sb, "output", output + (outputMillis == null ? ""
          : ": " + ms(outputMillis) + " writing, on an I/O thread alongside the run"));
    }
    if (!workers.isEmpty()) {
      if (runs > 1) line(sb, "workers", "shares of the first run, which wrote the results");
      TextTable t = new TextTable("worker", "node", "batches", "numbers", "busy ms", "share", "utilisation",
          "longest idle ms");
      for (Worker w : workers) {
        t.row(w.name(), w.node(), num(w.batches()), num(w.numbers()), String.format(Locale.ROOT, "%.1f", w.busyMillis()),
            String.format(Locale.ROOT, "%.1f%%", w.share() * 100),
            String.format(Locale.ROOT, "%.1f%%", w.utilisation() * 100),
            String.format(Locale.ROOT, "%.1f", w.longestIdleMillis()));
      }
      sb.append(nl).append(t);
    }
    if (config != null) sb.append(nl).append(config.toText()).append(nl);
    return sb.toString();
  }

  /** {@code 97 is prime: true} for checks; {@code 1001 = 7 × 11 × 13} for factorisations. */
  static String resultLine(NumberResult n, String times) {
    if (n.factors() == null) return n.number() + " is prime: " + n.prime();
    if (n.factors().isEmpty()) return n.number() + " has no prime factors (neither prime nor composite)";
    if (n.prime()) return n.number() + " is prime";
    StringBuilder sb = new StringBuilder().append(n.number()).append(" =");
    for (int i = 0; i < n.factors().size(); i++) sb.append(i == 0 ? " " : " " + times + " ").append(n.factors().get(i));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, String value) {
    sb.append(String.format(Locale.ROOT, "%-11s %s", key, value)).append(System.lineSeparator());
  }

  private static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String ms(double millis) {
    if (millis < 1) return String.format(Locale.ROOT, "%.3f ms", millis);
    return millis >= 10_000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
        : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  /** " (median of 9 runs, 12.1–14.0)" when the job was timed more than once, else nothing. */
  private String spread(double min, double max) {
    if (runs <= 1) return "";
    return " (median of " + runs + " runs, " + (max >= 10_000 ? String.format(Locale.ROOT, "%.2f–%.2f s", min / 1000,
        max / 1000) : String.format(Locale.ROOT, "%.1f–%.1f", min, max)) + ")";
  }

  private static String preview(long[] numbers) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(numbers.length, 5); i++) sb.append(i == 0 ? "" : " ").append(numbers[i]);
    if (numbers.length > 5) sb.append(" ...");
    return sb.toString();
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
