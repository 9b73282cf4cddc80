package brigade.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.primes.Dispatch;
import brigade.primes.Job;
import brigade.primes.JobResult;
import brigade.primes.JobSpec;
import brigade.primes.TrialDivision;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobReportTest {
  private static JobSpec spec(Job job) {
    return new JobSpec(job, TrialDivision.INSTANCE, Dispatch.PULL, 4, 100, 16, 3, Duration.ofSeconds(60));
  }

  private static JobResult result() {
    return new JobResult(1000, 900, 100, 90, 2500, 9,
        List.of(new JobResult.FailedBatch(300, new long[] {300, 301}, "ArithmeticException: boom")), 4,
        2_000_000_000L, List.of(new JobResult.WorkerStats("w1", "local", 5, 500, 1_500_000_000L),
            new JobResult.WorkerStats("w2", "local", 4, 400, 1_200_000_000L)), false);
  }

  @Test
  void jsonHasEveryKeyTheIssueNames() throws Exception {
    JobReport r = JobReport.of(spec(Job.FACTOR), "range 1..1000", 1000, 2, result(),
        new JobReport.BaselineOutcome("on", 6000.0, 90L, 2500L), 2200.04, List.of(), "out.csv", false);
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    for (String k : List.of("job", "algorithm", "dispatch", "count", "poolSize", "batchSize", "batches", "factors",
        "primes", "wallMillis", "sequentialMillis", "speedup", "efficiency", "throughputPerSecond", "failedBatches",
        "retries", "numbersIn", "numbersOut", "interrupted", "workers")) {
      assertTrue(keys.contains(k), "missing " + k + " in " + keys);
    }
    assertEquals("factor", json.get("job").asText());
    assertEquals("pull", json.get("dispatch").asText());
    assertEquals(2000.0, json.get("wallMillis").asDouble());
    assertEquals(3.0, json.get("speedup").asDouble());
    assertEquals(1.5, json.get("efficiency").asDouble()); // speedup / min(poolSize 4, cores 2)
    assertEquals(450.0, json.get("throughputPerSecond").asDouble());
    assertEquals(1, json.get("failedBatches").asInt());
    assertEquals(300, json.get("failures").get(0).get("numbers").get(0).asLong());
    assertEquals("ArithmeticException: boom", json.get("failures").get(0).get("error").asText());
    assertEquals(4, json.get("retries").asLong());
    assertEquals(1000, json.get("numbersIn").asLong());
    assertEquals(900, json.get("numbersOut").asLong());
    assertEquals(100, json.get("numbersFailed").asLong());
    // With failed batches the counts cannot be compared with the baseline's.
    assertFalse(json.has("baselineAgrees"));
    JsonNode w = json.get("workers").get(0);
    for (String k : List.of("name", "node", "batches", "numbers", "busyMillis")) assertTrue(w.has(k), k);
    assertEquals(1500.0, w.get("busyMillis").asDouble());
    assertFalse(json.has("results"));
    assertEquals(2200.0, json.get("warmupMillis").asDouble());
    assertTrue(r.toText("x").contains("numbers/s (after a 2.2 s warm-up)"), r.toText("x"));
  }

  @Test
  void checkReportHasPrimesButNoFactorsAndNoTimesWithoutBaseline() throws Exception {
    JobReport r = JobReport.of(spec(Job.CHECK), "x", 1000, 2, result(), JobReport.BaselineOutcome.skipped("off"),
        null, null, null, false);
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertTrue(json.has("primes"));
    assertFalse(json.has("factors"));
    assertFalse(json.has("sequentialMillis"));
    assertFalse(json.has("speedup"));
    assertEquals("off", json.get("baseline").asText());
  }

  @Test
  void textStatesNumbersInAndOutFailuresAndWorkers() {
    JobReport r = JobReport.of(spec(Job.FACTOR), "range 1..1000", 1000, 2, result(),
        new JobReport.BaselineOutcome("on", 6000.0, 90L, 2500L), null, List.of(), null, true);
    String text = r.toText("×");
    assertTrue(text.contains("in 1,000, out 900, failed 100"), text);
    assertTrue(text.contains("INTERRUPTED"), text);
    assertTrue(text.contains("3.00x, efficiency 150% (pool of 4 on 2 cores)"), text);
    assertTrue(text.contains("batch at #300 (2 numbers: 300 301): ArithmeticException: boom"), text);
    assertTrue(text.contains("w1"), text);
    assertTrue(text.contains("55.6%"), text); // w1's share: 500 of 900
  }

  @Test
  void resultLines() {
    assertEquals("112272535095293 is prime: true",
        JobReport.resultLine(new JobReport.NumberResult(112272535095293L, true, null), "×"));
    assertEquals("1099726899285419 = 3306091 × 332636609",
        JobReport.resultLine(new JobReport.NumberResult(1099726899285419L, false, List.of(3306091L, 332636609L)), "×"));
    assertEquals("0 has no prime factors (neither prime nor composite)",
        JobReport.resultLine(new JobReport.NumberResult(0, false, List.of()), "×"));
  }
}
