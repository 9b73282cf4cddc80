package brigade.cli;

import brigade.UserError;
import picocli.CommandLine.Mixin;
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

  @Mixin ClusterAddressOptions address; // --host, --port, --join, --role, as for `brigade node`

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
      String given = address.firstGiven() != null ? address.firstGiven() : minWorkers != null ? "--min-workers" : null;
      if (given != null) throw new UserError(given + " only applies to cluster jobs: add --cluster");
      return flags;
    }
    return address.addTo(flags).put("brigade.cluster.min-workers", "--min-workers", minWorkers);
  }
}
