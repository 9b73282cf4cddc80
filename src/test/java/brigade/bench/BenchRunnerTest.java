package brigade.bench;

import brigade.primes.Tally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.bench.BenchRunner.Variant;
import brigade.primes.Job;
import brigade.primes.TrialDivision;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunnerTest {
  @TempDir Path dir;

  /** Stands in for the actor pool: computes the batches on the calling thread. */
  private static class InlinePool implements PoolVariant {
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public Tally run(Workload work, Sweep.Point point) {
      runs.incrementAndGet();
      Tally.Builder t = new Tally.Builder();
      for (int from = 0; from < work.count(); from += point.batchSize()) {
        t.add(work.batch(from, Math.min(from + point.batchSize(), work.count())));
      }
      return t.build();
    }

    @Override
    public void cancel() {}
  }

  private Workload work(BenchSettings s) {
    return new Workload(Workload.randomNumbers(s.count(), s.seed(), s.min(), s.max()), s.job(), s.algorithm());
  }

  @Test
  void everyRotationPutsEachVariantInEachPosition() {
    Set<List<Variant>> orders = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      List<Variant> o = BenchRunner.order(round, 0);
      assertEquals(EnumSet.allOf(Variant.class), EnumSet.copyOf(o));
      orders.add(o);
    }
    assertEquals(3, orders.size());
    assertEquals(List.of(Variant.POOL, Variant.FORK_JOIN, Variant.SEQUENTIAL), BenchRunner.order(0, 0));
    assertEquals(List.of(Variant.FORK_JOIN, Variant.SEQUENTIAL, Variant.POOL), BenchRunner.order(1, 0));
    assertEquals(BenchRunner.order(1, 0), BenchRunner.order(0, 1), "the next point starts one step further on");
  }

  @Test
  void measuresEveryPointRepeatTimesRoundByRound() throws Exception {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Sweep.Point> points = BenchFixtures.points(s);
    InlinePool pool = new InlinePool();
    AtomicInteger told = new AtomicInteger();
    BenchRunner runner = new BenchRunner(s, work(s), points, pool, new BenchRunner.Listener() {
      @Override
      public void measured(BenchRun run, int done, int total) {
        assertEquals(told.incrementAndGet(), done);
        assertEquals(points.size() * s.repeat(), total);
      }
    });
    List<BenchRun> runs = runner.run();
    assertEquals(points.size() * s.repeat(), runs.size());
    assertEquals(runs.size(), pool.runs.get());
    for (int i = 0; i < runs.size(); i++) {
      BenchRun r = runs.get(i);
      assertTrue(r.isAt(points.get(i % points.size())), r.toString());
      assertEquals(i / points.size() + 1, r.repeat());
      assertTrue(r.wallMillis() > 0 && r.sequentialMillis() > 0 && r.forkJoinMillis() > 0, r.toString());
      assertEquals(r.sequentialMillis() / r.wallMillis(), r.speedup(), 1e-3 * r.speedup());
      assertEquals(r.forkJoinMillis() / r.wallMillis(), r.actorOverForkJoin(), 1e-3 * r.actorOverForkJoin());
      assertEquals("factor", r.job());
      assertEquals("trial", r.algorithm());
    }
  }

  @Test
  void warmUpRunsBeforeMeasuringAndIsNotRecorded() throws Exception {
    BenchSettings s = BenchFixtures.settings(java.util.Map.of(
        "brigade.bench.random", 100, "brigade.bench.pool-sizes", "2", "brigade.bench.batch-sizes", "10", "brigade.bench.dispatch", "push",
        "brigade.bench.repeat", 1, "brigade.bench.warmup", "50ms"));
    InlinePool pool = new InlinePool();
    AtomicInteger warmRounds = new AtomicInteger(-1);
    BenchRunner runner = new BenchRunner(s, work(s), BenchFixtures.points(s), pool, new BenchRunner.Listener() {
      @Override
      public void warmUpDone(int rounds) {
        warmRounds.set(rounds);
      }
    });
    assertEquals(1, runner.run().size());
    assertTrue(warmRounds.get() >= 1, "warm-up rounds: " + warmRounds.get());
    assertEquals(warmRounds.get() + 1, pool.runs.get());
  }

  @Test
  void aPoolThatLosesANumberStopsTheBench() {
    BenchSettings s = BenchFixtures.tiny(dir);
    PoolVariant lossy = new InlinePool() {
      @Override
      public Tally run(Workload work, Sweep.Point point) {
        Tally t = super.run(work, point);
        return new Tally(t.answered() - 1, t.primes(), t.factors(), t.checksum());
      }
    };
    BenchRunner runner = new BenchRunner(s, work(s), BenchFixtures.points(s), lossy, new BenchRunner.Listener() {});
    IllegalStateException e = assertThrows(IllegalStateException.class, runner::run);
    assertTrue(e.getMessage().contains("sequential reference"), e.getMessage());
  }

  @Test
  void cancelKeepsTheRunsAlreadyMeasured() throws Exception {
    BenchSettings s = BenchFixtures.tiny(dir);
    BenchRunner[] holder = new BenchRunner[1];
    InlinePool pool = new InlinePool() {
      @Override
      public Tally run(Workload work, Sweep.Point point) {
        if (runs.get() == 2) holder[0].cancel(); // Ctrl-C during the third pool run
        return super.run(work, point);
      }
    };
    holder[0] = new BenchRunner(s, work(s), BenchFixtures.points(s), pool, new BenchRunner.Listener() {});
    List<BenchRun> runs = holder[0].run();
    assertTrue(holder[0].cancelled());
    assertEquals(2, runs.size());
  }

  @Test
  void checkJobsAreComparedToo() throws Exception {
    BenchSettings s = BenchFixtures.settings(java.util.Map.of(
        "brigade.bench.job", "check", "brigade.bench.random", 200, "brigade.bench.pool-sizes", "1",
        "brigade.bench.batch-sizes", "7", "brigade.bench.dispatch", "push", "brigade.bench.repeat", 1, "brigade.bench.warmup", "0s"));
    Workload w = work(s);
    assertEquals(Job.CHECK, w.job());
    assertEquals(TrialDivision.INSTANCE, w.algorithm());
    List<BenchRun> runs = new BenchRunner(s, w, BenchFixtures.points(s), new InlinePool(),
        new BenchRunner.Listener() {}).run();
    assertEquals(1, runs.size());
    assertEquals("check", runs.get(0).job());
  }
}
