package brigade.bench;

import brigade.config.BrigadeConfig;
import brigade.primes.Dispatch;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small settings, points and made-up runs for the bench's unit tests. */
final class BenchFixtures {
  private BenchFixtures() {}

  static BenchSettings settings(Map<String, Object> overrides) {
    Config c = ConfigFactory.parseMap(overrides).withFallback(BrigadeConfig.defaults());
    return BenchSettings.from(c);
  }

  static BenchSettings tiny(Path out) {
    return settings(Map.of(
        "brigade.bench.random", 300,
        "brigade.bench.pool-sizes", "1,2",
        "brigade.bench.batch-sizes", "auto,16",
        "brigade.bench.repeat", 2,
        "brigade.bench.warmup", "0s",
        "brigade.bench.out", out.toString()));
  }

  static List<Sweep.Point> points(BenchSettings s) {
    return Sweep.expand(s.poolSizes(), s.batchSizes(), s.dispatches(), s.count(), (n, p) -> 50);
  }

  /** Made-up runs with known medians: wall = 100 / min(p, 2) ms scaled per repeat, sequential 100 ms. */
  static List<BenchRun> runs(BenchSettings s, List<Sweep.Point> points) {
    List<BenchRun> runs = new ArrayList<>();
    for (int r = 1; r <= s.repeat(); r++) {
      for (Sweep.Point p : points) {
        double wall = 100.0 / Math.min(p.poolSize(), 2) * (1 + 0.01 * r);
        double fj = wall * 0.99;
        runs.add(new BenchRun("factor", "trial", p.dispatch().label(), p.poolSize(), p.batchSize(), r,
            wall, 100, fj, 100 / wall, fj / wall, p.batchSetting()));
      }
    }
    return runs;
  }

  static Sweep.Point point(int pool, int batch) {
    return new Sweep.Point(Dispatch.PUSH, pool, batch, false);
  }
}
