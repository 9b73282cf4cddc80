package brigade.cli;

import brigade.UserError;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags that turn a {@code primes} run into the coordinator of a cluster job (mixed into the command):
 * {@code --cluster} plus where this node lives, whom it joins, and how many workers the job waits for. Each
 * sets a {@code brigade.cluster} setting, validated by {@code ClusterSettings}.
 */
public final class ClusterOptions {
  @Option(names = "--cluster",
      description = "Run the job on the prime workers of a cluster (`brigade node` processes) instead of a local pool.")
  boolean cluster;

  @Option(names = "--host", paramLabel = "HOST",
      description = "With --cluster: address this node binds to and is reached at (brigade.cluster.host).")
  String host;

  @Option(names = "--port", paramLabel = "PORT",
      description = "With --cluster: this node's port, 0 = any free one (brigade.cluster.port, default 25520).")
  Integer port;

  @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
      description = "With --cluster: seed node(s) to join (brigade.cluster.seed-nodes); this node's own address "
          + "or none founds the cluster.")
  List<String> join;

  @Option(names = "--role", paramLabel = "ROLE", split = ",",
      description = "With --cluster: extra cluster role(s) of this node (brigade.cluster.roles).")
  List<String> roles;

  @Option(names = "--min-workers", paramLabel = "N",
      description = "With --cluster: prime workers (over all nodes) the job waits for before it starts "
          + "(brigade.cluster.min-workers).")
  Integer minWorkers;

  /** Whether this run is a cluster job. */
  public boolean enabled() {
    return cluster;
  }

  /** Puts the given cluster flags into {@code flags}; a cluster flag without {@code --cluster} is a usage error. */
  public Flags addTo(Flags flags) {
    if (!cluster) {
      String given = host != null ? "--host" : port != null ? "--port" : join != null ? "--join"
          : roles != null ? "--role" : minWorkers != null ? "--min-workers" : null;
      if (given != null) throw new UserError(given + " only applies to cluster jobs: add --cluster");
      return flags;
    }
    return flags
        .put("brigade.cluster.host", "--host", host)
        .put("brigade.cluster.port", "--port", port)
        .put("brigade.cluster.seed-nodes", "--join", join == null ? null : String.join(",", join))
        .put("brigade.cluster.roles", "--role", roles == null ? null : String.join(",", roles))
        .put("brigade.cluster.min-workers", "--min-workers", minWorkers);
  }
}
