package brigade.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.primes.Dispatch;
import brigade.primes.Job;
import brigade.primes.JobResult;
import brigade.primes.JobSession;
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

  /** A session's outcome: pool, sequential and fork-join times in ms (empty lists: did not run). */
  private static JobSession.Outcome outcome(Job job, JobResult r, String baseline, List<Double> pool,
      List<Double> seq, List<Double> fj, Boolean agrees, Double warmup, Double startup, boolean interrupted) {
    return new JobSession.Outcome(spec(job), r, baseline, pool, seq, fj, agrees, warmup, startup, 0, List.of(),
        interrupted);
  }

  @Test
  void jsonHasEveryKeyTheIssueNames() throws Exception {
    JobReport r = JobReport.of(outcome(Job.FACTOR, result(), "on", List.of(2000.0), List.of(6000.0),
        List.of(1900.0), null, 2200.04, 3.21, false), "range 1..1000", 1000, 2, "out.csv", null);
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
    assertEquals(1, json.get("runs").asInt()); // timed once: min = max = the one timing
    assertEquals(2000.0, json.get("wallMillisMin").asDouble());
    assertEquals(6000.0, json.get("sequentialMillisMax").asDouble());
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
    assertTrue(r.toText("x").contains("pool run    2000.0 ms, 450 numbers/s (after a 2.2 s warm-up)"), r.toText("x"));
    // The ForkJoinPool on the same batches: what the actors cost, as a ratio of speeds.
    assertEquals(1900.0, json.get("forkJoinMillis").asDouble());
    assertEquals(0.95, json.get("actorOverForkJoin").asDouble());
    assertTrue(r.toText("x").contains("fork-join   1900.0 ms, a ForkJoinPool of 4 threads on the same batches: "
        + "actor/FJ 0.95"), r.toText("x"));
    // The pool's start-up, measured once, on a line of its own.
    assertEquals(3.21, json.get("poolStartupMillis").asDouble());
    assertTrue(r.toText("x").contains("kitchen     4 workers started in 3.2 ms, once: not part of any timed run"), r.toText("x"));
    assertFalse(json.has("tooSmallToTime"));
  }

  @Test
  void aJobTooSmallToTimeSaysSoInsteadOfASpeedup() throws Exception {
    JobReport r = JobReport.of(outcome(Job.CHECK, cleanResult(300_000L), "on", List.of(0.3), List.of(0.02),
        List.of(0.2), true, null, 2.0, false), "2 numbers", 2, 2, null, null);
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertTrue(json.get("tooSmallToTime").asBoolean());
    assertFalse(json.has("speedup"));
    assertFalse(json.has("actorOverForkJoin"));
    String text = r.toText("x");
    assertTrue(text.contains("speedup     too small to time: 2 numbers, 0.02 ms of work on one thread"), text);
    assertTrue(text.contains("try --random 1000000"), text);
    assertFalse(text.contains("efficiency"), text);
  }

  @Test
  void checkReportHasPrimesButNoFactorsAndNoTimesWithoutBaseline() throws Exception {
    JobReport r = JobReport.of(outcome(Job.CHECK, result(), "off", List.of(2000.0), List.of(), List.of(), null, null,
        null, false), "x", 1000, 2, null, null);
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertTrue(json.has("primes"));
    assertFalse(json.has("factors"));
    assertFalse(json.has("sequentialMillis"));
    assertFalse(json.has("speedup"));
    assertFalse(json.has("sequentialMillisMin"));
    assertEquals("off", json.get("baseline").asText());
  }

  @Test
  void textStatesNumbersInAndOutFailuresAndWorkers() {
    JobReport r = JobReport.of(outcome(Job.FACTOR, result(), "on", List.of(2000.0), List.of(6000.0), List.of(), null,
        null, null, true), "range 1..1000", 1000, 2, null, null);
    String text = r.toText("×");
    assertTrue(text.contains("in 1,000, out 900, failed 100"), text);
    assertTrue(text.contains("INTERRUPTED"), text);
    assertTrue(text.contains("3.00x, efficiency 150% (pool of 4 on 2 cores)"), text);
    assertTrue(text.contains("batch at #300 (2 numbers: 300 301): ArithmeticException: boom"), text);
    assertTrue(text.contains("w1"), text);
    assertTrue(text.contains("55.6%"), text); // w1's share: 500 of 900
  }

  /** A result with nothing failed, so that the baseline's counts can be compared: 90 primes, 2500 factors. */
  private static JobResult cleanResult(long wallNanos) {
    return new JobResult(1000, 1000, 0, 90, 2500, 10, List.of(), 0, wallNanos,
        List.of(new JobResult.WorkerStats("w1", "local", 10, 1000, wallNanos)), false);
  }

  @Test
  void laterRoundsAreQuotedAsMediansWithMinAndMaxAndTheSpeedupIsTheirRatio() throws Exception {
    // Round 1: pool 30 ms (a slow outlier), baseline 60; later rounds: pool 20, 22, 21, 19; baseline 41, 40, 44, 39.
    JobReport r = JobReport.of(outcome(Job.FACTOR, cleanResult(30_000_000L), "on",
        List.of(30.0, 20.0, 22.0, 21.0, 19.0), List.of(60.0, 41.0, 40.0, 44.0, 39.0), List.of(), true, null, null,
        false), "x", 1000, 2, null, null);
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertEquals(5, json.get("runs").asInt());
    assertEquals(21.0, json.get("wallMillis").asDouble());
    assertEquals(19.0, json.get("wallMillisMin").asDouble());
    assertEquals(30.0, json.get("wallMillisMax").asDouble());
    assertEquals(41.0, json.get("sequentialMillis").asDouble());
    assertEquals(39.0, json.get("sequentialMillisMin").asDouble());
    assertEquals(60.0, json.get("sequentialMillisMax").asDouble());
    assertEquals(1.952, json.get("speedup").asDouble()); // 41 / 21
    assertEquals(47619.0, json.get("throughputPerSecond").asDouble()); // 1000 numbers in the median 21 ms
    assertTrue(json.get("baselineAgrees").asBoolean());
    String text = r.toText("x");
    assertTrue(text.contains("pool run    21.0 ms (median of 5 runs, 19.0–30.0), 47,619 numbers/s"), text);
    assertTrue(text.contains("sequential  41.0 ms (median of 5 runs, 39.0–60.0), one thread"), text);
    assertTrue(text.contains("workers     shares of the first run, which wrote the results"), text);
  }

  @Test
  void passesWithOtherResultsAreReportedAsDisagreeing() throws Exception {
    JobReport withBaseline = JobReport.of(outcome(Job.FACTOR, cleanResult(30_000_000L), "on", List.of(30.0, 20.0),
        List.of(60.0, 41.0), List.of(), false, null, null, false), "x", 1000, 2, null, null);
    assertFalse(withBaseline.baselineAgrees());
    assertTrue(withBaseline.toText("x").contains("DIFFERENT RESULTS"), withBaseline.toText("x"));
    JobReport poolOnly = JobReport.of(outcome(Job.FACTOR, cleanResult(30_000_000L), "off", List.of(30.0, 20.0),
        List.of(), List.of(), false, null, null, false), "x", 1000, 2, null, null);
    assertFalse(poolOnly.baselineAgrees());
    JobReport agreeing = JobReport.of(outcome(Job.FACTOR, cleanResult(30_000_000L), "off", List.of(30.0, 20.0),
        List.of(), List.of(), null, null, null, false), "x", 1000, 2, null, null);
    assertNull(agreeing.baselineAgrees());
    assertEquals(25.0, agreeing.wallMillis()); // the median of 30 and 20
  }

  @Test
  void anInterruptAfterTheLastNumberSaysTheCountsAreComplete() {
    JobReport complete = JobReport.of(outcome(Job.FACTOR, cleanResult(30_000_000L), "on", List.of(30.0), List.of(),
        List.of(), null, null, null, true), "x", 1000, 2, null, null);
    assertTrue(complete.toText("x").contains("failed 0  (INTERRUPTED after the last number: counts are complete)"),
        complete.toText("x"));
    JobReport partial = JobReport.of(outcome(Job.FACTOR, cleanResult(30_000_000L), "on", List.of(30.0), List.of(),
        List.of(), null, null, null, true), "x", 2000, 2, null, null);
    assertTrue(partial.toText("x").contains("(INTERRUPTED: counts cover what finished)"), partial.toText("x"));
  }

  @Test
  void unitsAndPluralsReadNaturallyAndAPoolWithNoWorkerSaysSo() {
    JobSpec oneBatch = new JobSpec(Job.CHECK, TrialDivision.INSTANCE, Dispatch.PULL, 1, 1, 1, 3, Duration.ofSeconds(60));
    JobResult one = new JobResult(1, 1, 0, 1, 0, 1, List.of(), 0, 1_000_000L,
        List.of(new JobResult.WorkerStats("worker-1", "local", 1, 1, 1_000_000L)), false);
    String text = JobReport.of(new JobSession.Outcome(oneBatch, one, "off", List.of(1.0), List.of(), List.of(), null,
        null, null, 0, List.of(), false), "1 number", 1, 1, null, null).toText("x");
    assertTrue(text.contains("pool        1 worker, batches of 1, window 1 batch, 1 core"), text);
    // A cluster job that found no worker: its pool is what it found, not this node's setting.
    JobResult none = new JobResult(0, 0, 0, 0, 0, 0, List.of(), 0, 0, List.of(), true);
    String empty = JobReport.of(new JobSession.Outcome(oneBatch.withPoolSize(0), none, "off", List.of(0.0), List.of(),
        List.of(), null, null, null, 0, List.of(), true), "1 number", 1, 2, null, null).toText("x");
    assertTrue(empty.contains("pool        0 workers"), empty);
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

  @Test
  void theProcessStartUpInputAndOutputEachHaveALineAndJsonFields() throws Exception {
    JobSpec spec = new JobSpec(Job.CHECK, TrialDivision.INSTANCE, Dispatch.PULL, 2, 1, 1, 3, Duration.ofSeconds(60));
    JobResult one = new JobResult(1, 1, 0, 1, 0, 1, List.of(), 0, 1_000_000L,
        List.of(new JobResult.WorkerStats("worker-1", "local", 1, 1, 1_000_000L)), false);
    JobSession.Outcome o = new JobSession.Outcome(spec, one, "off", List.of(1.0), List.of(), List.of(), null, null,
        4.0, 0, List.of(), false, null, new JobSession.IoTimes(35.25, 40.5));
    JobReport r = JobReport.of(o, "file n.txt", 1, 2, "out.csv", null, 812.34);
    String text = r.toText("x");
    assertTrue(text.contains("start-up    812.3 ms from the JVM's start to the job's"), text);
    assertTrue(text.indexOf("start-up") < text.indexOf("kitchen"), "the process's start-up, then the kitchen's");
    assertTrue(text.contains("reading     35.3 ms reading and parsing the input, on an I/O thread alongside the run"), text);
    assertTrue(text.contains("output      out.csv: 40.5 ms writing, on an I/O thread alongside the run"), text);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.toJson());
    assertEquals(812.3, json.get("processStartupMillis").asDouble());
    assertEquals(35.25, json.get("inputMillis").asDouble());
    assertEquals(40.5, json.get("outputMillis").asDouble());
    // Without an output file there is no output time; without a clock, no start-up line.
    String plain = JobReport.of(o, "file n.txt", 1, 2, null, null).toText("x");
    assertFalse(plain.contains("start-up"), plain);
    assertFalse(plain.contains("output"), plain);
    assertTrue(plain.contains("reading     35.3 ms"), plain);
  }
}
