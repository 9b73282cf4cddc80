package brigade.bench;

import brigade.config.BrigadeConfig;
import brigade.report.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a sweep found: per point median (min–max) of every measure, the best configuration and how far it is
 * from ideal, the best configuration at router size = cores, and the Amdahl fit. Written as summary.json and
 * printed as the closing table.
 *
 * @param count numbers per run
 * @param cores available processors of this JVM
 * @param runsPlanned points × repeat
 * @param runsMeasured runs completed (fewer when interrupted)
 * @param sequentialThroughputPerSecond numbers per second on one thread (median over all runs)
 * @param best the point with the highest median speedup; null when nothing was measured
 * @param atCores the best point whose pool size equals the number of cores; null when not in the sweep
 * @param amdahl the fitted serial fraction; null where a fit would mean nothing ({@code amdahlNote} says why)
 * @param amdahlNote why there is no Amdahl fit (null when there is one)
 * @param config the settings and logging files the run was configured from
 */
public record BenchSummary(
    String job,
    String algorithm,
    int count,
    long seed,
    long min,
    long max,
    int cores,
    int repeat,
    long warmupMillis,
    boolean interrupted,
    int runsPlanned,
    int runsMeasured,
    double sequentialThroughputPerSecond,
    List<PointSummary> points,
    Best best,
    Best atCores,
    Amdahl amdahl,
    String amdahlNote,
    BrigadeConfig.Sources config) {

  /** A fit of Amdahl's law needs at least this many router sizes: two points fit any serial fraction exactly. */
  public static final int AMDAHL_MIN_SIZES = 3;

  /** One point's statistics over its repeats; {@code forkJoinSpeedup} is sequential / ForkJoinPool time. */
  public record PointSummary(
      String dispatch,
      int poolSize,
      int batchSize,
      String batchSetting,
      int runs,
      Stats wallMillis,
      Stats sequentialMillis,
      Stats forkJoinMillis,
      Stats speedup,
      Stats actorOverForkJoin,
      Stats forkJoinSpeedup,
      double throughputPerSecond) {

    String label() {
      return dispatch + " p=" + poolSize + " b=" + ("auto".equals(batchSetting) ? "auto(" + batchSize + ")" : batchSize);
    }
  }

  /**
   * A configuration singled out, and how close it comes to the ideal: {@code cores} times the sequential
   * throughput (a perfect pool on every core with zero overhead).
   *
   * @param fractionOfIdeal throughputPerSecond / idealThroughputPerSecond: the same medians the report prints next to
   *     it (the median speedup, a median of each run's ratio, can differ from this ratio of medians by a little)
   */
  public record Best(
      String dispatch,
      int poolSize,
      int batchSize,
      String batchSetting,
      Stats speedup,
      Stats actorOverForkJoin,
      double throughputPerSecond,
      double idealSpeedup,
      double idealThroughputPerSecond,
      double fractionOfIdeal) {}

  /**
   * Amdahl's law fitted to the best median speedup at each pool size, with parallelism min(pool size, cores).
   *
   * @param maxSpeedup 1 / serialFraction, the ceiling with unlimited cores; null when the fit gives s = 0
   */
  public record Amdahl(double serialFraction, Double maxSpeedup, double rmse, List<FitPoint> points) {}

  public record FitPoint(int poolSize, int parallelism, double speedup) {}

  /** This summary with the warm-up as it ran, in ms (it runs on past its setting while the JIT compiler is busy). */
  public BenchSummary withWarmupMillis(long ranMillis) {
    return new BenchSummary(job, algorithm, count, seed, min, max, cores, repeat, ranMillis, interrupted, runsPlanned,
        runsMeasured, sequentialThroughputPerSecond, points, best, atCores, amdahl, amdahlNote, config);
  }

  /**
   * Summarises {@code runs} over the sweep's {@code points} (points without runs are left out); its {@code
   * warmupMillis} is the setting's until {@link #withWarmupMillis} gives how long the warm-up ran.
   */
  public static BenchSummary of(
      BenchSettings settings, List<Sweep.Point> points, List<BenchRun> runs, int cores, boolean interrupted) {
    List<PointSummary> summaries = new ArrayList<>();
    for (Sweep.Point p : points) {
      List<BenchRun> at = runs.stream().filter(r -> r.isAt(p)).toList();
      if (at.isEmpty()) continue;
      Stats wall = stats(at, BenchRun::wallMillis);
      summaries.add(new PointSummary(
          p.dispatch().label(),
          p.poolSize(),
          p.batchSize(),
          p.batchSetting(),
          at.size(),
          wall,
          stats(at, BenchRun::sequentialMillis),
          stats(at, BenchRun::forkJoinMillis),
          stats(at, BenchRun::speedup),
          stats(at, BenchRun::actorOverForkJoin),
          stats(at, r -> r.sequentialMillis() / r.forkJoinMillis()),
          settings.count() / (wall.median() / 1000)));
    }
    double seqMillis = stats(runs, BenchRun::sequentialMillis).median();
    double seqThroughput = runs.isEmpty() ? Double.NaN : settings.count() / (seqMillis / 1000);

    Comparator<PointSummary> bySpeedup = Comparator.comparingDouble(s -> s.speedup().median());
    Best best = summaries.stream().max(bySpeedup).map(s -> best(s, cores, seqThroughput)).orElse(null);
    Best atCores = summaries.stream()
        .filter(s -> s.poolSize() == cores)
        .max(bySpeedup)
        .map(s -> best(s, cores, seqThroughput))
        .orElse(null);

    return new BenchSummary(
        settings.job().label(),
        settings.algorithm().name(),
        settings.count(),
        settings.seed(),
        settings.min(),
        settings.max(),
        cores,
        settings.repeat(),
        settings.warmup().toMillis(),
        interrupted,
        points.size() * settings.repeat(),
        runs.size(),
        seqThroughput,
        List.copyOf(summaries),
        best,
        atCores,
        amdahlNote(summaries, cores) == null ? amdahl(summaries, cores).orElse(null) : null,
        amdahlNote(summaries, cores),
        settings.sources());
  }

  private static Best best(PointSummary s, int cores, double seqThroughput) {
    double ideal = cores * seqThroughput;
    return new Best(
        s.dispatch(),
        s.poolSize(),
        s.batchSize(),
        s.batchSetting(),
        s.speedup(),
        s.actorOverForkJoin(),
        s.throughputPerSecond(),
        cores,
        ideal,
        ideal > 0 ? s.throughputPerSecond() / ideal : 0);
  }

  /**
   * Why Amdahl's law cannot be fitted meaningfully to this sweep, or null when it can: fewer than
   * {@link #AMDAHL_MIN_SIZES} router sizes, one core, or no speedup above 1 (then the pool only costs, and a fit
   * would report a serial fraction of 1 as if it were measured).
   */
  static String amdahlNote(List<PointSummary> summaries, int cores) {
    long sizes = summaries.stream().filter(s -> s.speedup().n() > 0).mapToInt(PointSummary::poolSize).distinct().count();
    if (cores < 2) return "one core: every router size runs on it, so there is no parallelism to fit";
    if (sizes < AMDAHL_MIN_SIZES) {
      return sizes + (sizes == 1 ? " router size" : " router sizes") + " measured: a fit needs at least "
          + AMDAHL_MIN_SIZES + " (try --pool-sizes 1,2,4)";
    }
    boolean anyGain = summaries.stream().anyMatch(s -> s.poolSize() > 1 && s.speedup().n() > 0 && s.speedup().median() > 1);
    if (!anyGain) return "no router size beat one thread (every speedup is at most 1): nothing parallel to fit";
    return null;
  }

  /** Fits Amdahl's law to the best median speedup per pool size. */
  static Optional<Amdahl> amdahl(List<PointSummary> summaries, int cores) {
    List<FitPoint> fitPoints = new ArrayList<>();
    summaries.stream()
        .map(PointSummary::poolSize)
        .distinct()
        .sorted()
        .forEach(pool -> summaries.stream()
            .filter(s -> s.poolSize() == pool && s.speedup().n() > 0)
            .mapToDouble(s -> s.speedup().median())
            .max()
            .ifPresent(sp -> fitPoints.add(new FitPoint(pool, Math.min(pool, cores), sp))));
    if (fitPoints.isEmpty()) return Optional.empty();
    double[] p = fitPoints.stream().mapToDouble(FitPoint::parallelism).toArray();
    double[] s = fitPoints.stream().mapToDouble(FitPoint::speedup).toArray();
    return AmdahlFit.fit(p, s).map(f -> new Amdahl(
        f.serialFraction(),
        f.serialFraction() == 0 ? null : f.maxSpeedup(),
        f.rmse(),
        List.copyOf(fitPoints)));
  }

  private static Stats stats(List<BenchRun> runs, java.util.function.ToDoubleFunction<BenchRun> f) {
    return Stats.of(runs.stream().mapToDouble(f).toArray());
  }
}
