package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import brigade.config.BrigadeConfig;
import brigade.testkit.BrigadeTestKit;
import brigade.trace.TraceCheck;
import brigade.trace.Tracer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A traced prime job: one slice per batch a worker computed (answered, or thrown and retried), each tied to its
 * send and reply by one flow; the passes of a session as slices; the columns filled.
 */
@BrigadeTestKit
class PrimesTraceTest {

  private static JobSpec spec(Dispatch dispatch) {
    return new JobSpec(Job.FACTOR, PrimeAlgorithm.named("trial"), dispatch, 2, 25, 4, 5, Duration.ofSeconds(60));
  }

  private static List<JsonNode> batchSlices(TraceCheck trace) {
    return trace.slices().stream().filter(e -> e.get("cat").asText().equals("batch")
        && (e.get("name").asText().equals("batch") || e.get("name").asText().equals("batch failed"))).toList();
  }

  @Test
  void batchSlicesAreBatchesAnsweredPlusRetriesEachJoinedByAFlow(ActorTestKit kit, @TempDir Path dir) throws Exception {
    for (Dispatch dispatch : Dispatch.values()) {
      Path file = dir.resolve(dispatch + ".json");
      Tracer tracer = Tracer.open(file, 1_000_000, "--trace");
      JobResult r = PrimeKitchen.start(kit.system(), spec(dispatch),
              NumberSources.random(1_000, 20_000, 1_000_000, 5).open(), ResultSink.NONE,
              ProgressListener.traced(ProgressListener.NONE, tracer),
              WorkerSource.localPool(FaultPlan.rate(0.2, 9)))
          .result().toCompletableFuture().get(60, TimeUnit.SECONDS);
      tracer.close();
      TraceCheck trace = TraceCheck.of(file); // valid, fields per phase, no overlap on a track, counters >= 0

      assertTrue(r.retries() > 0, "the fault rate makes retries");
      assertEquals(1_000, r.numbersAnswered());
      List<JsonNode> slices = batchSlices(trace);
      assertEquals(r.batches() + r.retries(), slices.size(), dispatch + ": slices = answered + retries");
      assertEquals(r.retries(), slices.stream().filter(e -> e.get("name").asText().equals("batch failed")).count());
      assertEquals(r.retries(), trace.named("i", "restarted").size(), "each fault restarts its worker");
      // Every slice is on a worker's track and joined to its send and reply: s on the coordinator, t on the worker,
      // f on the coordinator.
      Map<Long, String> flows = new HashMap<>();
      for (JsonNode e : trace.events) {
        String ph = e.get("ph").asText();
        if (ph.equals("s") || ph.equals("t") || ph.equals("f")) {
          flows.merge(e.get("id").asLong(), ph + "@" + trace.trackOf(e) + " ", String::concat);
        }
      }
      assertEquals(slices.size(), flows.size());
      assertTrue(flows.values().stream().allMatch(f -> f.matches("s@coordinator t@worker-\\d+ f@coordinator ")), flows.toString());
      for (JsonNode s : slices) assertTrue(trace.trackOf(s).startsWith("worker-"), s.toString());
      assertTrue(trace.named("C", "batches").size() > 0);
      if (dispatch == Dispatch.PULL) assertTrue(trace.named("C", "idle workers").size() > 0);
      for (JobResult.WorkerStats w : r.workers()) {
        assertTrue(w.utilisation() > 0 && w.utilisation() <= 1, w.toString());
        assertTrue(w.longestIdleNanos() >= 0 && w.longestIdleNanos() <= r.wallNanos(), w.toString());
      }
    }
  }

  @Test
  void aSessionTracesItsPassesAndFillsTheColumnsWithoutATrace(ActorTestKit kit, @TempDir Path dir) {
    Path file = dir.resolve("t.json");
    Tracer tracer = Tracer.open(file, 1_000_000, "--trace");
    PrimesSettings s = PrimesSettings.from(com.typesafe.config.ConfigFactory.parseMap(Map.of(
        "brigade.primes.baseline", "on", "brigade.primes.warmup", "0s", "brigade.primes.repeat", 1,
        "brigade.primes.pool-size", 2)).withFallback(BrigadeConfig.defaults()));
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2, FaultPlan.NONE, tracer)) {
      JobSession.Outcome o = new JobSession(s, Job.FACTOR, NumberSources.random(2_000, 20_000, 1_000_000, 3),
          JobSession.Workers.kitchen(kitchen, FaultPlan.NONE), ResultSink.NONE, JobSession.Progress.NONE,
          Duration.ofSeconds(5), 20, null, tracer).run();
      tracer.close();
      TraceCheck trace = TraceCheck.of(file);
      assertEquals(1, trace.named("X", "actor pool").size());
      assertEquals(1, trace.named("X", "fork-join").size());
      assertEquals(1, trace.named("X", "sequential").size());
      assertTrue(trace.named("X", "actor pool").stream().allMatch(e -> trace.trackOf(e).equals("passes")));
      assertEquals(o.result().batches() + o.result().retries(), batchSlices(trace).size());
      // The kitchen's own start: a slice on its track, each worker spawned, then ready, before its first batch.
      assertEquals(1, trace.named("X", "starting the workers").size());
      assertEquals("kitchen", trace.trackOf(trace.named("X", "starting the workers").get(0)));
      for (String worker : List.of("worker-1", "worker-2")) {
        List<JsonNode> spawned = trace.named("i", "spawned").stream().filter(e -> trace.trackOf(e).equals(worker)).toList();
        List<JsonNode> ready = trace.named("i", "ready").stream().filter(e -> trace.trackOf(e).equals(worker)).toList();
        assertEquals(1, spawned.size(), worker);
        assertEquals(1, ready.size(), worker);
        double firstBatch = batchSlices(trace).stream().filter(e -> trace.trackOf(e).equals(worker))
            .mapToDouble(e -> e.get("ts").asDouble()).min().orElseThrow();
        assertTrue(spawned.get(0).get("ts").asDouble() <= ready.get(0).get("ts").asDouble()
            && ready.get(0).get("ts").asDouble() <= firstBatch, worker);
      }
    }
  }
}
