package brigade.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where a cluster node lives and whom it joins: the flags `brigade node` and `primes --cluster` share, each
 * setting a {@code brigade.cluster} key that {@code ClusterSettings} validates.
 */
public final class ClusterAddressOptions {
  @Option(names = "--host", paramLabel = "HOST",
      description = "Address this node binds to and is reached at (brigade.cluster.host, default 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT",
      description = "This node's port, 0 = any free one (brigade.cluster.port, default 25520).")
  Integer port;

  @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
      description = "Seed node(s) to join, normally the coordinator's address (brigade.cluster.seed-nodes); "
          + "none, or this node's own address: it founds a new cluster.")
  List<String> join;

  @Option(names = "--role", paramLabel = "ROLE", split = ",",
      description = "Extra cluster role(s) of this node (brigade.cluster.roles).")
  List<String> roles;

  /** The first of these flags given, or null: for "only applies to cluster jobs" errors. */
  String firstGiven() {
    return host != null ? "--host" : port != null ? "--port" : join != null ? "--join" : roles != null ? "--role" : null;
  }

  Flags addTo(Flags flags) {
    return flags
        .put("brigade.cluster.host", "--host", host)
        .put("brigade.cluster.port", "--port", port)
        .put("brigade.cluster.seed-nodes", "--join", join == null ? null : String.join(",", join))
        .put("brigade.cluster.roles", "--role", roles == null ? null : String.join(",", roles));
  }
}
