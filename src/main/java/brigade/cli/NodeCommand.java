package brigade.cli;

import akka.actor.typed.receptionist.ServiceKey;
import brigade.cluster.ClusterSettings;
import brigade.cluster.NodeRunner;
import brigade.cluster.PrimeWorkers;
import brigade.config.SettingsReader;
import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brigade node}: a worker node of a Brigade cluster. Joins the seed nodes, serves a pool of prime workers
 * to whichever coordinator runs a job ({@code brigade primes ... --cluster}), until Ctrl-C, then leaves the
 * cluster gracefully.
 */
@Command(
    name = "node",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Run a worker node of a Brigade cluster: a pool of prime workers that coordinators",
      "(`brigade primes check|factor ... --cluster`) find through the cluster receptionist.",
      "Runs until Ctrl-C, then leaves the cluster gracefully. Only the loopback address is",
      "needed to try it on one machine:",
      "  brigade node --port 25521 --join 127.0.0.1:25520 --pool-size 2"
    })
public final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin(name = "config")
  ConfigOptions config;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Address this node binds to and is reached at (brigade.cluster.host, default 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT",
      description = "This node's port, 0 = any free one (brigade.cluster.port).")
  Integer port;

  @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
      description = "Seed node(s) to join, normally the coordinator's address (brigade.cluster.seed-nodes); "
          + "none: this node founds a new cluster.")
  List<String> join;

  @Option(names = "--role", paramLabel = "ROLE", split = ",",
      description = "Extra cluster role(s) of this node (brigade.cluster.roles); it always has role 'worker'.")
  List<String> roles;

  @Option(names = "--pool-size", paramLabel = "N",
      description = "Prime workers on this node, or auto = available processors (brigade.primes.pool-size).")
  String poolSize;

  @Override
  public Integer call() {
    Config c = config.load(new Flags()
        .put("brigade.cluster.host", "--host", host)
        .put("brigade.cluster.port", "--port", port)
        .put("brigade.cluster.seed-nodes", "--join", join == null ? null : String.join(",", join))
        .put("brigade.cluster.roles", "--role", roles == null ? null : String.join(",", roles))
        .put("brigade.primes.pool-size", "--pool-size", poolSize)
        .asMap());
    ClusterSettings settings = ClusterSettings.from(c);
    int cores = Runtime.getRuntime().availableProcessors();
    int pool = new SettingsReader(c, "brigade.primes").intOrAuto("pool-size", 1, 1024, Math.min(cores, 1024));
    ServiceKey<brigade.primes.PrimeWorker.Command> key = PrimeWorkers.KEY;
    NodeRunner.run(settings, c, key, pool, i -> PrimeWorkers.worker(), spec.commandLine().getOut());
    return Main.EXIT_OK;
  }
}
