package brigade.cluster;

import brigade.primes.JobResult;
import brigade.report.Json;
import brigade.report.TextTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster part of a `primes --cluster` report: the coordinator's address, each worker node's share (its
 * workers, batches, numbers, busy time), the nodes lost while the job ran, and how many batches were re-sent.
 *
 * @param batchesResent re-sends of batches during the job: after a lost worker (the usual cause in a cluster),
 *     a timeout or a worker failure; the job's {@code retries}
 */
public record ClusterReport(
    String coordinator, int minWorkers, List<NodeShare> nodes, List<ClusterJobLog.LostNode> lostNodes,
    long batchesResent, long numbersLost) {

  /** One worker node's share of the job. */
  public record NodeShare(String node, int workers, long batches, long numbers, double busyMillis, double share) {}

  public static ClusterReport of(String coordinator, int minWorkers, JobResult result, ClusterJobLog log) {
    Map<String, long[]> byNode = new TreeMap<>(); // node -> batches, numbers, busyNanos
    Map<String, Set<String>> names = new TreeMap<>();
    for (JobResult.WorkerStats w : result.workers()) {
      long[] t = byNode.computeIfAbsent(w.node(), k -> new long[3]);
      t[0] += w.batches();
      t[1] += w.numbers();
      t[2] += w.busyNanos();
      names.computeIfAbsent(w.node(), k -> new HashSet<>()).add(w.name());
    }
    Map<String, Integer> seen = log.workersByNode();
    for (String node : seen.keySet()) byNode.computeIfAbsent(node, k -> new long[3]);
    List<NodeShare> nodes = new ArrayList<>();
    for (Map.Entry<String, long[]> e : byNode.entrySet()) {
      long[] t = e.getValue();
      int workers = Math.max(seen.getOrDefault(e.getKey(), 0), names.getOrDefault(e.getKey(), Set.of()).size());
      double share = result.numbersAnswered() == 0 ? 0 : (double) t[1] / result.numbersAnswered();
      nodes.add(new NodeShare(e.getKey(), workers, t[0], t[1], Math.round(t[2] / 1e3) / 1e3,
          Math.round(share * 10_000) / 10_000.0));
    }
    long lost = result.interrupted() ? 0 : result.numbersIn() - result.numbersAnswered() - result.numbersFailed();
    return new ClusterReport(coordinator, minWorkers, nodes, log.lostNodes(), result.retries(), lost);
  }

  /** The lines added to the text report. */
  public String toText() {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder();
    line(sb, "cluster", "coordinator " + coordinator + ", " + nodes.size() + " worker node"
        + (nodes.size() == 1 ? "" : "s") + ", " + nodes.stream().mapToInt(NodeShare::workers).sum()
        + " workers (waited for at least " + minWorkers + ")");
    if (lostNodes.isEmpty()) {
      line(sb, "lost nodes", "none");
    } else {
      for (ClusterJobLog.LostNode n : lostNodes) {
        line(sb, "lost node", n.node() + " (" + n.workers() + " worker" + (n.workers() == 1 ? "" : "s") + ", "
            + n.why() + "): " + n.batchesResent() + " batch" + (n.batchesResent() == 1 ? "" : "es")
            + " it held re-sent to the other workers");
      }
    }
    line(sb, "re-sent", batchesResent + " batch" + (batchesResent == 1 ? "" : "es")
        + " re-sent in all (lost workers, timeouts, failures); numbers lost: " + numbersLost);
    TextTable t = new TextTable("node", "workers", "batches", "numbers", "busy ms", "share");
    for (NodeShare n : nodes) {
      t.row(n.node(), n.workers(), n.batches(), n.numbers(), String.format(Locale.ROOT, "%.1f", n.busyMillis()),
          String.format(Locale.ROOT, "%.1f%%", n.share() * 100));
    }
    sb.append(nl).append(t);
    return sb.toString();
  }

  /** Adds this report as a {@code "cluster"} field to a JSON object report. */
  public String addTo(String jsonObject) {
    try {
      JsonNode root = Json.mapper().readTree(jsonObject);
      ((ObjectNode) root).set("cluster", Json.mapper().valueToTree(this));
      return Json.mapper().writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException("cannot add the cluster report to " + jsonObject, e);
    }
  }

  private static void line(StringBuilder sb, String key, String value) {
    sb.append(String.format(Locale.ROOT, "%-11s %s", key, value)).append(System.lineSeparator());
  }
}
