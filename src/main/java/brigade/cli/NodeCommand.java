package brigade.cli;

import akka.actor.typed.receptionist.ServiceKey;
import brigade.cluster.ClusterSettings;
import brigade.cluster.NodeRunner;
import brigade.cluster.PrimeWorkers;
import brigade.primes.PrimesSettings;
import com.typesafe.config.Config;
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
      // The first line stands alone: `brigade --help` lists each command by it.
      "Run a worker node of a Brigade cluster: a pool of prime workers.",
      "Coordinators (`brigade primes check|factor ... --cluster`) find it through",
      "the cluster receptionist. Runs until Ctrl-C, then leaves the cluster",
      "gracefully. To try it on one machine, loopback is all it needs:",
      "  brigade node --port 25521 --join 127.0.0.1:25520 --pool-size 2"
    })
public final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin(name = "config")
  ConfigOptions config;

  @Mixin ClusterAddressOptions address;

  @Option(names = "--pool-size", paramLabel = "N",
      description = "Prime workers on this node, or auto = available processors (brigade.primes.pool-size).")
  String poolSize;

  @Override
  public Integer call() {
    Config c = PrimesSettings.kitchenSystemConfig(config.load(address.addTo(new Flags())
        .put("brigade.primes.pool-size", "--pool-size", poolSize)
        .asMap()));
    ClusterSettings settings = ClusterSettings.from(c);
    int pool = PrimesSettings.from(c).poolSize(); // validated like any primes run's
    ServiceKey<brigade.primes.PrimeWorker.Command> key = PrimeWorkers.KEY;
    var current = new java.util.concurrent.atomic.AtomicReference<akka.actor.typed.ActorSystem<Void>>();
    java.io.PrintWriter err = spec.commandLine().getErr();
    // Ctrl-C: leave the cluster gracefully (batches in flight are re-sent by the coordinator); Ctrl-C again: now.
    try (Interrupts ctrlC = Interrupts.install(() -> NodeRunner.leave(current), () -> {
      err.println(spec.qualifiedName() + ": stopped now (Ctrl-C again), without leaving the cluster");
      err.flush();
      Runtime.getRuntime().halt(Main.EXIT_INTERRUPTED);
    })) {
      NodeRunner.run(settings, c, key, pool, i -> PrimeWorkers.worker(), spec.commandLine().getOut(), current);
    }
    return Main.EXIT_OK;
  }
}
