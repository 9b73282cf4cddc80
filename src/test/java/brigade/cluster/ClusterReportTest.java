package brigade.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.primes.JobResult;
import brigade.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterReportTest {
  static JobResult result(long in, long answered) {
    return new JobResult(in, answered, 0, 10, 20, 6, List.of(), 3, 1_000_000_000L, List.of(
        new JobResult.WorkerStats("prime-worker-1", "127.0.0.1:25521", 1, 100, 2_000_000),
        new JobResult.WorkerStats("prime-worker-1", "127.0.0.1:25522", 3, 300, 5_000_000),
        new JobResult.WorkerStats("prime-worker-2", "127.0.0.1:25522", 2, 200, 4_000_000)), false);
  }

  @Test
  void perNodeBreakdownLostNodesAndResentBatches() throws Exception {
    ClusterJobLog log = new ClusterJobLog();
    log.changed(Map.of("127.0.0.1:25521", 2, "127.0.0.1:25522", 2), Set.of());
    log.workerLost("127.0.0.1:25521", 2);
    log.workerLost("127.0.0.1:25521", 1);
    log.changed(Map.of("127.0.0.1:25522", 2), Set.of("127.0.0.1:25521"));
    ClusterReport r = ClusterReport.of("127.0.0.1:25520", 4, result(600, 600), log);

    assertEquals(List.of(
        new ClusterReport.NodeShare("127.0.0.1:25521", 2, 1, 100, 2.0, 0.1667),
        new ClusterReport.NodeShare("127.0.0.1:25522", 2, 5, 500, 9.0, 0.8333)), r.nodes());
    assertEquals(List.of(new ClusterJobLog.LostNode("127.0.0.1:25521", 2, "unreachable", 3)), r.lostNodes());
    assertEquals(3, r.batchesResent());
    assertEquals(0, r.numbersLost());
    String text = r.toText();
    assertTrue(text.contains("cluster     coordinator 127.0.0.1:25520, 2 worker nodes, 4 workers (waited for at least 4)"), text);
    assertTrue(text.contains("lost node   127.0.0.1:25521 (2 workers, unreachable): 3 batches it held re-sent"), text);
    assertTrue(text.contains("numbers lost: 0"), text);

    JsonNode json = Json.mapper().readTree(r.addTo("{\"job\":\"factor\"}"));
    assertEquals("factor", json.get("job").asText());
    assertEquals("127.0.0.1:25521", json.get("cluster").get("lostNodes").get(0).get("node").asText());
    assertEquals(2, json.get("cluster").get("nodes").size());
  }

  @Test
  void aNodeThatComesBackIsNotLostAndNothingIsRecordedAfterTheJob() {
    ClusterJobLog log = new ClusterJobLog();
    log.changed(Map.of("a:1", 2, "b:2", 2), Set.of());
    log.changed(Map.of("a:1", 2), Set.of("b:2"));
    log.changed(Map.of("a:1", 2, "b:2", 2), Set.of());
    log.close();
    log.changed(Map.of(), Set.of());
    assertEquals(List.of(), log.lostNodes());
    assertEquals(Map.of("a:1", 2, "b:2", 2), log.workersByNode());
  }

  @Test
  void unansweredNumbersOfAFinishedJobCountAsLost() {
    ClusterReport r = ClusterReport.of("c:1", 1, result(700, 600), new ClusterJobLog());
    assertEquals(100, r.numbersLost());
  }
}
