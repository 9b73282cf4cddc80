package brigade.bench;

import akka.actor.typed.ActorSystem;
import brigade.primes.BatchPlan;
import brigade.primes.NumberSources;
import brigade.primes.WorkEstimate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bench session, for the {@code bench} command: the numbers (drawn once), the sweep's points, the runner
 * with the kitchen's actor pool on an actor system, and what to write and print at the end. Use:
 * {@link #run} (blocks; {@link #cancel()} from another thread stops it early), then {@link #report}.
 */
public final class Bench {
  /** Numbers timed to estimate the cost of one, which `auto` batch sizes take into account (as `primes` does). */
  private static final int AUTO_SAMPLE = 64;

  private final BenchSettings settings;
  private final int cores;
  private final List<Sweep.Point> points;
  private final Workload work;
  private volatile BenchRunner runner;
  private volatile boolean cancelled;
  private final AtomicLong runsDone = new AtomicLong();
  private volatile boolean warmingUp;
  private long warmUpStart;
  /** How long the warm-up ran, in ms; -1 until it has. */
  private volatile long warmedUpMillis = -1;
  private RuntimeException failure;

  /** Prepares the output directory first: a bad path fails here, before any work. */
  public Bench(BenchSettings settings, int cores) {
    BenchOutput.prepare(settings.out());
    this.settings = settings;
    this.cores = cores;
    this.work = new Workload(
        Workload.randomNumbers(settings.count(), settings.seed(), settings.min(), settings.max()),
        settings.job(), settings.algorithm());
    // auto resolves exactly as the primes command resolves it: by count and by the estimated cost of a number.
    double nanosPerNumber = WorkEstimate.nanosPerNumber(settings.algorithm(), settings.job(),
        NumberSources.of("the bench's numbers", work.numbers()).sample(AUTO_SAMPLE));
    this.points = Sweep.expand(settings.poolSizes(), settings.batchSizes(), settings.dispatches(), settings.count(),
        (count, pool) -> BatchPlan.autoBatchSize(OptionalLong.of(count), pool, nanosPerNumber));
  }

  private BenchRunner runner(ActorSystem<?> system) {
    return new BenchRunner(settings, work, points, new KitchenVariant(system, settings),
        new BenchRunner.Listener() {
          @Override
          public void warmUpStarted(java.time.Duration warmup) {
            warmingUp = true;
            warmUpStart = System.nanoTime();
          }

          @Override
          public void warmUpDone(int rounds) {
            warmingUp = false;
            warmedUpMillis = (System.nanoTime() - warmUpStart) / 1_000_000;
          }

          @Override
          public void measured(BenchRun run, int done, int total) {
            runsDone.set(done);
          }
        });
  }

  public List<Sweep.Point> points() {
    return points;
  }

  /** Points × repeat. */
  public long plannedRuns() {
    return (long) points.size() * settings.repeat();
  }

  /** Runs measured so far (safe from any thread: drives the progress bar). */
  public long runsDone() {
    return runsDone.get();
  }

  public boolean warmingUp() {
    return warmingUp;
  }

  /**
   * Warm-up and sweep; returns when done, cancelled, or failed (a variant computed a different result, or the
   * pool failed). The failure is kept for {@link #report}, so what was measured before it is not lost.
   */
  public void run(ActorSystem<?> system) throws InterruptedException {
    BenchRunner r = runner(system);
    runner = r;
    if (cancelled) r.cancel(); // Ctrl-C came before the sweep started
    try {
      r.run();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** Asks the sweep to stop after the run in progress (Ctrl-C); safe from any thread. */
  public void cancel() {
    cancelled = true;
    BenchRunner r = runner;
    if (r != null) r.cancel();
  }

  public boolean cancelled() {
    return cancelled;
  }

  /** Why the sweep stopped early, if it failed; null otherwise. */
  public RuntimeException failure() {
    return failure;
  }

  /** Writes results.csv, summary.json and the charts of what was measured, and prints the table. */
  public BenchSummary report(PrintWriter out) {
    List<BenchRun> runs = runner == null ? List.of() : runner.measured();
    BenchSummary summary = BenchSummary.of(settings, points, runs, cores, cancelled() || failure != null);
    if (warmedUpMillis >= 0) summary = summary.withWarmupMillis(warmedUpMillis);
    List<Path> files = BenchOutput.write(settings.out(), runs, summary);
    BenchReport.print(out, summary, files);
    return summary;
  }
}
