package brigade.bench;

import brigade.UserError;
import brigade.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The output directory: results.csv, summary.json and the charts. */
final class BenchOutput {
  static final String RESULTS = "results.csv";
  static final String SUMMARY = "summary.json";

  private BenchOutput() {}

  /** Creates the directory (before anything is measured, so a bad path costs nothing) and checks it is writable. */
  static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new UserError("cannot create output directory '" + dir + "': " + reason(e));
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError("output directory '" + dir + "' is not a writable directory");
    }
  }

  /** Writes everything; returns the files written, in the order written. */
  static List<Path> write(Path dir, List<BenchRun> runs, BenchSummary summary) {
    List<Path> files = new ArrayList<>();
    Path csv = dir.resolve(RESULTS);
    ResultsCsv.write(csv, runs);
    files.add(csv);
    Path json = dir.resolve(SUMMARY);
    try {
      Files.writeString(json, Json.write(summary) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
    }
    files.add(json);
    files.addAll(BenchCharts.write(dir, summary));
    return files;
  }

  private static String reason(Exception e) {
    return brigade.report.IoReason.of(e);
  }
}
