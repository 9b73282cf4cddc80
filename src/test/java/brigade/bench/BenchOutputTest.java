package brigade.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
    assertEquals(speedup / 2, best.get("fractionOfIdeal").asDouble(), 1e-9);
    assertEquals(2, json.get("atCores").get("poolSize").asInt());
    JsonNode amdahl = json.get("amdahl");
    // The fit must pass through p = 2 (p = 1 holds no information): s = 2 / speedup - 1.
    assertEquals(2 / speedup - 1, amdahl.get("serialFraction").asDouble(), 1e-6);
    assertEquals(2, amdahl.get("points").size());
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
