package brigade.cluster;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.receptionist.ServiceKey;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.cluster.typed.JoinSeedNodes;
import brigade.UserError;
import brigade.config.ReferenceConfig;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a worker node until Ctrl-C (or until its actor system is shut down for good): starts the actor system,
 * joins the seed nodes, serves prime workers. When the seed it joined through is gone (typically: the
 * coordinator that founded the cluster finished its job and left, or was lost), an actor system cannot join
 * another cluster, so the node leaves, starts a fresh actor system on the same address and joins the seed
 * nodes again, ready for the next coordinator. The same happens if this node is downed by the split-brain
 * resolver (it was on the losing side): the process stays up and rejoins.
 */
public final class NodeRunner {
  private static final Logger log = LoggerFactory.getLogger(NodeRunner.class);

  /** Why a node restarts its actor system: the cluster it joined lost its seed (the coordinator). */
  public enum Rejoin implements CoordinatedShutdown.Reason { SEED_GONE }

  private NodeRunner() {}

  /**
   * Blocks until the node stops for good (Ctrl-C).
   *
   * @param current set to the node's actor system while it runs (each restart has a new one), so that the caller
   *     can stop it: {@link #leave}
   */
  public static <T> void run(
      ClusterSettings settings, Config config, ServiceKey<T> key, int poolSize, IntFunction<Behavior<T>> worker,
      PrintWriter out, AtomicReference<ActorSystem<Void>> current) {
    Config full = settings.clusterConfig(ClusterSettings.WORKER_ROLE, config);
    boolean first = true;
    while (true) {
      Runnable onCoordinatorGone = () -> {
        ActorSystem<Void> sys = current.get();
        if (sys != null && !seedStillMember(sys, settings)) {
          log.info("The seed node(s) {} are gone: leaving, then joining them again to serve the next coordinator",
              settings.seedNodes());
          CoordinatedShutdown.get(sys).runAll(Rejoin.SEED_GONE);
        }
      };
      ActorSystem<Void> system = start(settings, full, WorkerNode.create(key, poolSize, worker, onCoordinatorGone), first);
      current.set(system);
      join(system, settings);
      if (first) {
        out.println("Node " + system.address() + " (pid " + ProcessHandle.current().pid() + ", roles " + String.join(", ", rolesOf(system)) + ") serving "
            + poolSize + " prime worker(s); " + (settings.seedNodes().isEmpty()
                ? "founded a new cluster (others join it with --join " + settings.host() + ":" + system.address().getPort().orElse(0) + ")"
                : "joining " + settings.seedNodes())
            + ". Ctrl-C leaves the cluster and stops.");
        out.flush();
      }
      first = false;
      system.getWhenTerminated().toCompletableFuture().join();
      Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(system).getShutdownReason();
      boolean again = reason.isPresent()
          && (reason.get() == Rejoin.SEED_GONE || reason.get() == CoordinatedShutdown.clusterDowningReason());
      if (!again) {
        log.info("Node stopped ({})", reason.map(Object::toString).orElse("actor system terminated"));
        return;
      }
      if (reason.get() == CoordinatedShutdown.clusterDowningReason()) {
        log.warn("This node was downed (it was on the minority side of a partition or unreachable): restarting "
            + "and joining {} again", settings.seedNodes());
      }
    }
  }

  /** Leaves the cluster gracefully and stops the node's actor system (Ctrl-C); {@link #run} then returns. */
  public static void leave(AtomicReference<ActorSystem<Void>> current) {
    ActorSystem<Void> system = current.get();
    if (system != null) CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.jvmExitReason());
  }

  private static boolean seedStillMember(ActorSystem<?> system, ClusterSettings settings) {
    if (settings.seedNodes().isEmpty()) return true; // this node founded the cluster: it is its own seed
    for (Member m : Cluster.get(system).state().getMembers()) {
      String hp = m.address().host().getOrElse(() -> "") + ":" + m.address().port().getOrElse(() -> 0);
      for (ClusterSettings.HostPort seed : settings.seedNodes()) {
        if (seed.toString().equals(hp) && m.status().equals(akka.cluster.MemberStatus.up())) return true;
      }
    }
    return false;
  }

  /** Joins the seed nodes, or founds a new cluster (joins itself) when there are none. */
  public static void join(ActorSystem<?> system, ClusterSettings settings) {
    Cluster cluster = Cluster.get(system);
    if (settings.seedNodes().isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      List<akka.actor.Address> seeds =
          settings.seedAddresses().stream().map(akka.actor.AddressFromURIString::parse).toList();
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
  }

  /**
   * Starts the actor system of a cluster node; a port already in use is a user error on the first start, and is
   * retried for a while on a restart (the previous incarnation may still be releasing it).
   */
  public static <T> ActorSystem<T> start(ClusterSettings settings, Config full, Behavior<T> guardian, boolean first) {
    int attempts = first ? 1 : 30;
    for (int i = 1; ; i++) {
      if (i >= attempts && !portFree(settings)) { // say so in one line, before Akka logs a BindException's trace
        throw cannotBind(settings);
      }
      try {
        // full holds the reference settings already (BrigadeConfig): Akka need not parse them again.
        ActorSystem<T> system =
            ActorSystem.create(guardian, ClusterSettings.SYSTEM_NAME, ReferenceConfig.bootstrap(full));
        awaitDowningBeforeLeaving(system, full);
        return system;
      } catch (RuntimeException e) {
        if (!isBindFailure(e)) throw e;
        if (i >= attempts) throw cannotBind(settings);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static UserError cannotBind(ClusterSettings settings) {
    return new UserError("cannot bind " + settings.host() + ":" + settings.port()
        + ": the address is in use or not local to this machine (pick another with --port / --host)");
  }

  /**
   * Whether this node's address can be bound now (port 0, any free port, always can). Racy by nature (another
   * process may take the port next): a bind failure inside Akka is still reported, only with Akka's log line too.
   */
  private static boolean portFree(ClusterSettings settings) {
    if (settings.port() == 0) return true;
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true); // as Akka's own listener binds: a port in TIME_WAIT is free
      probe.bind(new java.net.InetSocketAddress(settings.host(), settings.port()));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * A node leaving while another is unreachable (typically: the job is done just after a worker died) makes the
   * split-brain resolver's decision ambiguous (the leaving node counts on both sides), and keep-majority then downs
   * every node. So leaving waits, up to stable-after plus a margin, for the resolver to down the unreachable node.
   */
  private static void awaitDowningBeforeLeaving(ActorSystem<?> system, Config full) {
    java.time.Duration limit = full.getDuration("akka.cluster.split-brain-resolver.stable-after").plusSeconds(4);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeClusterShutdown(), "await-downing", () ->
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          long deadline = System.nanoTime() + limit.toNanos();
          boolean logged = false;
          while (System.nanoTime() < deadline && !Cluster.get(system).state().getUnreachable().isEmpty()) {
            if (!logged) {
              log.info("Waiting for the split-brain resolver to down the unreachable node(s) before leaving");
              logged = true;
            }
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              break;
            }
          }
          return akka.Done.getInstance();
        }));
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) return true;
      String m = t.getMessage();
      if (m != null && (m.contains("Failed to bind") || m.contains("Address already in use"))) return true;
    }
    return false;
  }

  private static List<String> rolesOf(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList();
  }
}
