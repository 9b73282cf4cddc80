package brigade.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a cluster job saw of its worker nodes, for the report: which nodes served workers, and which were lost
 * (their workers left the job's set: the node became unreachable, or left the cluster) while the job ran. Written
 * by the {@link ReceptionistFeeder} (an actor), read by the command once the job is over: hence synchronized.
 */
public final class ClusterJobLog {
  /** A node whose workers all left a running job, and how many of the batches they held were re-sent. */
  public record LostNode(String node, int workers, String why, int batchesResent) {}

  private final Map<String, Integer> workersByNode = new LinkedHashMap<>();
  private final Map<String, LostNode> lost = new LinkedHashMap<>();
  private final Map<String, Integer> resentByNode = new LinkedHashMap<>();
  private boolean closed;

  /** A log nobody reads (tests, callers without a report). */
  public static ClusterJobLog none() {
    return new ClusterJobLog();
  }

  /**
   * @param reachable workers per node now in the job's set
   * @param unreachableNodes nodes whose workers are registered but unreachable
   */
  synchronized void changed(Map<String, Integer> reachable, Set<String> unreachableNodes) {
    if (closed) return;
    for (Map.Entry<String, Integer> e : workersByNode.entrySet()) {
      if (!reachable.containsKey(e.getKey()) && !lost.containsKey(e.getKey())) {
        String why = unreachableNodes.contains(e.getKey()) ? "unreachable" : "left the cluster";
        lost.put(e.getKey(), new LostNode(e.getKey(), e.getValue(), why, 0));
      }
    }
    for (Map.Entry<String, Integer> e : reachable.entrySet()) {
      workersByNode.merge(e.getKey(), e.getValue(), Math::max);
      lost.remove(e.getKey()); // back (reachable again): not lost after all
    }
  }

  /** Stops recording: what happens after the job (nodes leaving as the coordinator shuts down) is not the job's. */
  public synchronized void close() {
    closed = true;
  }

  /** The coordinator re-sent {@code batchesResent} batches held by a worker of {@code node} that left the job. */
  public synchronized void workerLost(String node, int batchesResent) {
    if (!closed) resentByNode.merge(node, batchesResent, Integer::sum);
  }

  public synchronized List<LostNode> lostNodes() {
    List<LostNode> out = new ArrayList<>();
    for (LostNode n : lost.values()) {
      out.add(new LostNode(n.node(), n.workers(), n.why(), resentByNode.getOrDefault(n.node(), 0)));
    }
    return out;
  }

  /** The most workers each node served at once during the job. */
  public synchronized Map<String, Integer> workersByNode() {
    return new LinkedHashMap<>(workersByNode);
  }
}
