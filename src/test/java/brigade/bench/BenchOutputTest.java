package brigade.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOutputTest {
  @TempDir Path dir;

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void csvHasTheHeaderAndOneRowPerRun() throws Exception {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Sweep.Point> points = BenchFixtures.points(s);
    List<BenchRun> runs = BenchFixtures.runs(s, points);
    Path csv = dir.resolve("results.csv");
    ResultsCsv.write(csv, runs);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("job,algorithm,dispatch,poolSize,batchSize,repeat,wallMillis,sequentialMillis,forkJoinMillis,"
        + "speedup,actorOverForkJoin,batchSetting", lines.get(0));
    assertEquals(1 + points.size() * s.repeat(), lines.size());
    int columns = lines.get(0).split(",").length;
    for (String line : lines.subList(1, lines.size())) assertEquals(columns, line.split(",", -1).length, line);
    // Points are expanded push before pull, p=1 before p=2, auto before 16; p=2 runs at half the wall time.
    String[] p2 = lines.get(3).split(",");
    assertArrayEquals(new String[] {"factor", "trial", "push", "2", "50", "1"}, Arrays.copyOf(p2, 6));
    assertEquals(50.5, Double.parseDouble(p2[6]), 1e-9);
    assertEquals(100, Double.parseDouble(p2[7]), 1e-9);
    assertEquals(100 / 50.5, Double.parseDouble(p2[9]), 1e-4);
    assertEquals("auto", p2[11]);
  }

  @Test
  void summaryJsonHasPointsBestAndAmdahl() throws Exception {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Sweep.Point> points = BenchFixtures.points(s);
    BenchSummary summary = BenchSummary.of(s, points, BenchFixtures.runs(s, points), 2, false);
    JsonNode json = Json.mapper().readTree(Json.write(summary));
    assertEquals("factor", json.get("job").asText());
    assertEquals("trial", json.get("algorithm").asText());
    assertEquals(300, json.get("count").asInt());
    assertEquals(2, json.get("cores").asInt());
    assertEquals(points.size() * 2, json.get("runsMeasured").asInt());
    assertEquals(false, json.get("interrupted").asBoolean());
    JsonNode p = json.get("points");
    assertEquals(points.size(), p.size());
    JsonNode first = p.get(0);
    for (String f : List.of("dispatch", "poolSize", "batchSize", "batchSetting", "runs", "wallMillis",
        "sequentialMillis", "forkJoinMillis", "speedup", "actorOverForkJoin", "forkJoinSpeedup",
        "throughputPerSecond")) {
      assertNotNull(first.get(f), f);
    }
    for (String f : List.of("median", "min", "max", "n")) assertNotNull(first.get("speedup").get(f), f);
    // Repeat 1 has wall 101 ms, repeat 2 102 ms at p=1: median 101.5, min 101, max 102.
    assertEquals(101.5, first.get("wallMillis").get("median").asDouble(), 1e-9);
    assertEquals(101, first.get("wallMillis").get("min").asDouble(), 1e-9);
    assertEquals(102, first.get("wallMillis").get("max").asDouble(), 1e-9);

    JsonNode best = json.get("best");
    assertEquals(2, best.get("poolSize").asInt());
    assertEquals(2, best.get("idealSpeedup").asDouble(), 1e-9);
    double speedup = (100 / 50.5 + 100 / 51.0) / 2; // median of the two runs' speedups
    assertEquals(speedup, best.get("speedup").get("median").asDouble(), 1e-9);
    // The fraction of ideal is of the throughputs the report prints beside it: 1 / 50.75 ms against 2 / 100 ms.
    assertEquals(best.get("throughputPerSecond").asDouble() / best.get("idealThroughputPerSecond").asDouble(),
        best.get("fractionOfIdeal").asDouble(), 1e-9);
    assertEquals(100 / (2 * 50.75), best.get("fractionOfIdeal").asDouble(), 1e-9);
    assertEquals(2, json.get("atCores").get("poolSize").asInt());
    // Two router sizes fit any serial fraction exactly: no fit, and the summary says why.
    assertTrue(json.get("amdahl") == null || json.get("amdahl").isNull(), json.toString());
    assertEquals("2 router sizes measured: a fit needs at least 3 (try --pool-sizes 1,2,4)",
        json.get("amdahlNote").asText());
  }

  @Test
  void threeRouterSizesWithAGainGetAnAmdahlFit() throws Exception {
    BenchSettings s = BenchFixtures.settings(java.util.Map.of("brigade.bench.random", 300,
        "brigade.bench.pool-sizes", "1,2,4", "brigade.bench.batch-sizes", "16", "brigade.bench.repeat", 2,
        "brigade.bench.warmup", "0s", "brigade.bench.out", dir.toString()));
    List<Sweep.Point> points = BenchFixtures.points(s);
    BenchSummary summary = BenchSummary.of(s, points, BenchFixtures.runs(s, points), 2, false);
    assertNull(summary.amdahlNote());
    // The fixture's pool of 2 (and of 4, on 2 cores) runs twice as fast: a serial fraction near 0.
    assertEquals(3, summary.amdahl().points().size());
    assertTrue(summary.amdahl().serialFraction() < 0.05, summary.amdahl().toString());
  }

  @Test
  void aSpeedupAboveTheCoreCountIsFlaggedAsNoise() {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Sweep.Point> points = BenchFixtures.points(s);
    List<BenchRun> cold = BenchFixtures.runs(s, points).stream() // a ForkJoinPool "2.27x" on 2 cores
        .map(r -> new BenchRun(r.job(), r.algorithm(), r.dispatch(), r.poolSize(), r.batchSize(), r.repeat(),
            r.wallMillis(), 100, 44, 100 / r.wallMillis(), 44 / r.wallMillis(), r.batchSetting()))
        .toList();
    java.io.StringWriter text = new java.io.StringWriter();
    BenchReport.print(new java.io.PrintWriter(text), BenchSummary.of(s, points, cold, 2, false), List.of());
    assertTrue(text.toString().contains("2.27 (2.27–2.27) !"), text.toString());
    assertTrue(text.toString().contains("! more than 2× on 2 cores is impossible: noise"), text.toString());
    java.io.StringWriter fine = new java.io.StringWriter();
    BenchReport.print(new java.io.PrintWriter(fine), BenchSummary.of(s, points, BenchFixtures.runs(s, points), 2, false),
        List.of());
    assertTrue(!fine.toString().contains("impossible"), fine.toString());
  }

  @Test
  void noSpeedupAboveOneIsNotFitted() {
    BenchSettings s = BenchFixtures.settings(java.util.Map.of("brigade.bench.random", 300,
        "brigade.bench.pool-sizes", "1,2,4", "brigade.bench.batch-sizes", "16", "brigade.bench.repeat", 2,
        "brigade.bench.warmup", "0s", "brigade.bench.out", dir.toString()));
    List<Sweep.Point> points = BenchFixtures.points(s);
    List<BenchRun> slow = BenchFixtures.runs(s, points).stream() // every pool slower than one thread
        .map(r -> new BenchRun(r.job(), r.algorithm(), r.dispatch(), r.poolSize(), r.batchSize(), r.repeat(), 150, 100,
            150, 100 / 150.0, 1, r.batchSetting()))
        .toList();
    BenchSummary summary = BenchSummary.of(s, points, slow, 2, false);
    assertNull(summary.amdahl());
    assertEquals("no router size beat one thread (every speedup is at most 1): nothing parallel to fit",
        summary.amdahlNote());
  }

  @Test
  void summaryWithoutParallelismHasNoAmdahlFit() {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Sweep.Point> points = BenchFixtures.points(s).stream().filter(p -> p.poolSize() == 1).toList();
    BenchSummary summary = BenchSummary.of(s, points, BenchFixtures.runs(s, points), 2, true);
    assertEquals(null, summary.amdahl());
    assertEquals(null, summary.atCores());
    assertTrue(summary.interrupted());
  }

  @Test
  void writesCsvJsonAndEveryChartAsPngAndSvg() throws Exception {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Sweep.Point> points = BenchFixtures.points(s);
    List<BenchRun> runs = BenchFixtures.runs(s, points);
    List<Path> files = BenchOutput.write(dir, runs, BenchSummary.of(s, points, runs, 2, false));
    assertEquals(2 + 3 * 2, files.size());
    for (String chart : List.of(BenchCharts.SPEEDUP, BenchCharts.BATCH_SIZE, BenchCharts.ACTOR_VS_FORKJOIN)) {
      Path png = dir.resolve(chart + ".png");
      byte[] bytes = Files.readAllBytes(png);
      assertTrue(bytes.length > 1000, png + " is " + bytes.length + " bytes");
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8), png + " is a PNG");
      String svg = Files.readString(dir.resolve(chart + ".svg"), StandardCharsets.UTF_8);
      assertTrue(svg.contains("<svg"), chart + ".svg has an <svg> element");
      assertTrue(svg.length() > 1000, chart + ".svg is " + svg.length() + " chars");
    }
    assertTrue(Files.size(dir.resolve("results.csv")) > 0);
    assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"amdahl\""));
  }

  @Test
  void aSinglePointStillDrawsEveryChart() {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Sweep.Point> one = List.of(BenchFixtures.point(1, 16));
    List<BenchRun> runs = BenchFixtures.runs(s, one);
    assertEquals(6, BenchCharts.write(dir, BenchSummary.of(s, one, runs, 1, false)).size());
  }

  @Test
  void noRunsMeansNoChartsButCsvAndJsonAreWritten() throws Exception {
    BenchSettings s = BenchFixtures.tiny(dir);
    List<Path> files = BenchOutput.write(dir, List.of(), BenchSummary.of(s, BenchFixtures.points(s), List.of(), 2, true));
    assertEquals(2, files.size());
    assertEquals(1, Files.readAllLines(dir.resolve("results.csv")).size());
  }
}
