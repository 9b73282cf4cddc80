package brigade.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** results.csv: one row per measured run, every repeat, so anyone can redo the statistics. */
public final class ResultsCsv {
  public static final String HEADER =
      "job,algorithm,dispatch,poolSize,batchSize,repeat,wallMillis,sequentialMillis,forkJoinMillis,"
          + "speedup,actorOverForkJoin,batchSetting";

  private ResultsCsv() {}

  public static void write(Path file, List<BenchRun> runs) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (BenchRun r : runs) {
        w.write(row(r));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static String row(BenchRun r) {
    return String.join(
        ",",
        r.job(),
        r.algorithm(),
        r.dispatch(),
        Integer.toString(r.poolSize()),
        Integer.toString(r.batchSize()),
        Integer.toString(r.repeat()),
        num(r.wallMillis(), 3),
        num(r.sequentialMillis(), 3),
        num(r.forkJoinMillis(), 3),
        num(r.speedup(), 4),
        num(r.actorOverForkJoin(), 4),
        r.batchSetting());
  }

  private static String num(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
