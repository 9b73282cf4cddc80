package brigade.bench;

import brigade.report.TextTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The closing table and verdict lines, for a human reading a terminal. */
final class BenchReport {
  private BenchReport() {}

  static void print(PrintWriter out, BenchSummary s, List<Path> files) {
    out.println();
    out.printf(Locale.ROOT, "bench: %s, %s algorithm, %,d random numbers in [%d, %d] (seed %d), %d cores%s%n",
        s.job(), s.algorithm(), s.count(), s.min(), s.max(), s.seed(), s.cores(),
        s.interrupted() ? " — INTERRUPTED: " + s.runsMeasured() + " of " + s.runsPlanned() + " runs measured" : "");
    if (s.config() != null) out.println(s.config().toText());
    if (s.points().isEmpty()) {
      out.println("nothing measured yet");
      printFiles(out, files);
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "median (min–max) over each point's runs; speedup = one thread's time / the actor pool's; "
        + "actor/FJ = ForkJoinPool time / actor pool time (1.00 = as fast)%n%n");
    TextTable t = new TextTable("dispatch", "pool", "batch", "runs", "actor pool ms", "speedup", "actor/FJ",
        "FJ speedup");
    boolean noise = false;
    for (BenchSummary.PointSummary p : s.points()) {
      // More speedup than cores is impossible: such a median was measured against a slow (cold, disturbed) baseline.
      boolean impossible = p.speedup().median() > s.cores() || p.forkJoinSpeedup().median() > s.cores();
      noise |= impossible;
      t.row(p.dispatch(), p.poolSize(), "auto".equals(p.batchSetting()) ? "auto (" + p.batchSize() + ")" : p.batchSize(),
          p.runs(), p.wallMillis().format(1), p.speedup().format(2) + (p.speedup().median() > s.cores() ? " !" : ""),
          p.actorOverForkJoin().format(2),
          p.forkJoinSpeedup().format(2) + (p.forkJoinSpeedup().median() > s.cores() ? " !" : ""));
    }
    out.print(t);
    if (noise) {
      out.printf(Locale.ROOT, "! more than %d× on %d cores is impossible: noise (a cold first run, a busy machine); "
          + "more --repeat or a longer --warmup steadies it%n", s.cores(), s.cores());
    }
    out.println();
    out.printf(Locale.ROOT, "sequential: %,.0f numbers/s on one thread (median)%n", s.sequentialThroughputPerSecond());
    BenchSummary.Best b = s.best();
    out.printf(Locale.ROOT, "best:       %s, router size %d, batch %s: speedup %s, actor/FJ %s, %,.0f numbers/s%n",
        b.dispatch(), b.poolSize(), batch(b), b.speedup().format(2), b.actorOverForkJoin().format(2),
        b.throughputPerSecond());
    out.printf(Locale.ROOT, "ideal:      %d cores × sequential = speedup %.2f, %,.0f numbers/s; best reaches %.1f%% of it%n",
        s.cores(), b.idealSpeedup(), b.idealThroughputPerSecond(), 100 * b.fractionOfIdeal());
    BenchSummary.Best c = s.atCores();
    if (c != null && c != b && !sameConfig(b, c)) {
      out.printf(Locale.ROOT, "at cores:   %s, router size %d, batch %s: speedup %s, actor/FJ %s%n",
          c.dispatch(), c.poolSize(), batch(c), c.speedup().format(2), c.actorOverForkJoin().format(2));
    }
    BenchSummary.Amdahl a = s.amdahl();
    if (a == null) {
      out.println("Amdahl:     no fit: " + (s.amdahlNote() != null ? s.amdahlNote() : "the speedups fit no serial fraction"));
    } else {
      out.printf(Locale.ROOT, "Amdahl:     serial fraction s = %.4f (speedup ceiling 1/s = %s), rms error %.3f over %d router sizes%n",
          a.serialFraction(), a.maxSpeedup() == null ? "unbounded" : String.format(Locale.ROOT, "%.1f", a.maxSpeedup()),
          a.rmse(), a.points().size());
    }
    printFiles(out, files);
    out.flush();
  }

  private static boolean sameConfig(BenchSummary.Best a, BenchSummary.Best b) {
    return a.dispatch().equals(b.dispatch()) && a.poolSize() == b.poolSize() && a.batchSize() == b.batchSize()
        && a.batchSetting().equals(b.batchSetting());
  }

  private static String batch(BenchSummary.Best b) {
    return "auto".equals(b.batchSetting()) ? "auto (" + b.batchSize() + ")" : Integer.toString(b.batchSize());
  }

  private static void printFiles(PrintWriter out, List<Path> files) {
    if (files.isEmpty()) return;
    Path dir = files.get(0).toAbsolutePath().getParent();
    out.println("wrote:      " + dir + "/{"
        + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList()) + "}");
  }
}
