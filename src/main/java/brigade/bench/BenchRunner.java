package brigade.bench;

import brigade.primes.ForkJoinPass;
import brigade.primes.NumberSource;
import brigade.primes.Tally;
import brigade.primes.TimedRounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the sweep on the prime kitchen's one measuring harness ({@link TimedRounds}): a warm-up of the same work
 * (all variants, cycling through the points), then {@code repeat} rounds over all points. At each point the three
 * variants run back to back, in an order that rotates from round to round and point to point (pool, fork-join,
 * sequential; fork-join, sequential, pool; ...), so a machine that drifts during the run shifts all three alike
 * and the ratios stay honest. Rounds go over the whole grid (round 1 of every point, then round 2...) so drift
 * spreads over points as well.
 *
 * <p>Every variant's result is checked against the sequential one: a pool that lost or changed an answer
 * stops the bench instead of producing a flattering time.
 */
final class BenchRunner {
  enum Variant { POOL, FORK_JOIN, SEQUENTIAL }

  /** Told about progress, from the runner's thread. */
  interface Listener {
    default void warmUpStarted(Duration warmup) {}

    default void warmUpDone(int rounds) {}

    default void measured(BenchRun run, int done, int total) {}
  }

  private final BenchSettings settings;
  private final Workload work;
  private final List<Sweep.Point> points;
  private final PoolVariant pool;
  private final ForkJoinPass forkJoin = new ForkJoinPass();
  private final Listener listener;
  private final List<BenchRun> runs = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean cancelled;
  private Tally expected;

  BenchRunner(BenchSettings settings, Workload work, List<Sweep.Point> points, PoolVariant pool, Listener listener) {
    this.settings = settings;
    this.work = work;
    this.points = points;
    this.pool = pool;
    this.listener = listener;
  }

  /** The order of the variants in round {@code round} (from 0) at the point with index {@code point}. */
  static List<Variant> order(int round, int point) {
    return TimedRounds.order(Variant.values().length, round, point).stream().map(i -> Variant.values()[i]).toList();
  }

  /** Runs warm-up and sweep; returns the runs measured (all of them, or those before {@link #cancel}). */
  List<BenchRun> run() throws InterruptedException {
    try {
      expected = work.sequential(this::cancelled);
      if (cancelled) return measured();
      warmUp();
      int total = points.size() * settings.repeat();
      for (int round = 0; round < settings.repeat() && !cancelled; round++) {
        for (int k = 0; k < points.size() && !cancelled; k++) {
          BenchRun r = measure(points.get(k), round, k);
          if (r == null) break;
          runs.add(r);
          listener.measured(r, runs.size(), total);
        }
      }
      return measured();
    } finally {
      forkJoin.close();
      pool.close();
    }
  }

  /** Stops after the variant now running; the run in progress is not recorded. Safe from any thread. */
  void cancel() {
    cancelled = true;
    pool.cancel();
  }

  boolean cancelled() {
    return cancelled;
  }

  /** A snapshot of the runs measured so far. */
  List<BenchRun> measured() {
    synchronized (runs) {
      return List.copyOf(runs);
    }
  }

  private void warmUp() throws InterruptedException {
    Duration warmup = settings.warmup();
    if (warmup.isZero()) return;
    listener.warmUpStarted(warmup);
    // At least the setting, then on while the JIT compiler is still busy (up to twice the setting): the primes
    // command's rule, so the bench and the command time the same, compiled machinery.
    int rounds = TimedRounds.warmUp(warmup, warmup.multipliedBy(2),
        round -> !cancelled && measure(points.get(round % points.size()), round, 0) != null);
    listener.warmUpDone(rounds);
  }

  /** One round at one point: all three variants timed; null when cancelled meanwhile. */
  private BenchRun measure(Sweep.Point point, int round, int pointIndex) throws InterruptedException {
    List<TimedRounds.Pass> passes = List.of(
        TimedRounds.pass("actor pool", () -> pool.run(work, point)),
        TimedRounds.pass("fork-join", () -> forkJoin.run(work.job(), work.algorithm(), NumberSource.of(work.numbers()),
            point.poolSize(), point.batchSize(), settings.windowFor(point.poolSize()), this::cancelled)),
        TimedRounds.pass("sequential", () -> work.sequential(this::cancelled)));
    TimedRounds.Round r;
    try {
      r = TimedRounds.round(passes, round, pointIndex, expected, "the sequential reference", this::cancelled);
    } catch (TimedRounds.Mismatch e) {
      throw new IllegalStateException("at " + point.label() + ", " + e.getMessage(), e);
    }
    if (r == null) return null;
    long[] nanos = r.nanos();
    return BenchRun.of(work, point, round + 1, nanos[0], nanos[2], nanos[1]);
  }
}
