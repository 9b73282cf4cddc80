package brigade.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Feeds a job coordinator the workers of the whole cluster: subscribes to the Receptionist for a service key
 * and forwards every change of the set of <em>reachable</em> registered workers, wrapped by {@code toMessage}
 * (e.g. the kitchen's {@code WorkerSet}). A worker on a node that becomes unreachable leaves the set at once
 * (the coordinator re-sends its batches); it comes back if the node does, and is gone for good once the
 * split-brain resolver downs the node. Logs each change per node, and while fewer than {@code minWorkers} are
 * known, that the job is waiting for them.
 */
public final class ReceptionistFeeder {
  private ReceptionistFeeder() {}

  public static <T, M> Behavior<Receptionist.Listing> create(
      ServiceKey<T> key, int minWorkers, ActorRef<M> target, Function<Set<ActorRef<T>>, M> toMessage) {
    return create(key, minWorkers, target, toMessage, ClusterJobLog.none());
  }

  /** Same, also telling {@code log} which nodes' workers come and go. */
  public static <T, M> Behavior<Receptionist.Listing> create(
      ServiceKey<T> key, int minWorkers, ActorRef<M> target, Function<Set<ActorRef<T>>, M> toMessage,
      ClusterJobLog log) {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(key, ctx.getSelf()));
      ctx.getLog().info("Waiting for at least {} prime worker(s) to register in the cluster (service key '{}')",
          minWorkers, key.id());
      return listening(ctx, key, minWorkers, target, toMessage, log, Set.of(), true);
    });
  }

  private static <T, M> Behavior<Receptionist.Listing> listening(
      ActorContext<Receptionist.Listing> ctx, ServiceKey<T> key, int minWorkers, ActorRef<M> target,
      Function<Set<ActorRef<T>>, M> toMessage, ClusterJobLog log, Set<ActorRef<T>> current, boolean waiting) {
    return Behaviors.receive(Receptionist.Listing.class)
        .onMessage(Receptionist.Listing.class, listing -> {
          if (!listing.isForKey(key)) return Behaviors.same();
          Set<ActorRef<T>> now = Set.copyOf(listing.getServiceInstances(key));
          if (now.equals(current)) return Behaviors.same();
          Set<ActorRef<T>> all = listing.getAllServiceInstances(key);
          logChange(ctx, current, now, all.size() - now.size());
          Set<String> unreachableNodes = new java.util.HashSet<>();
          for (ActorRef<T> w : all) if (!now.contains(w)) unreachableNodes.add(nodeOf(w));
          log.changed(byNode(now), unreachableNodes);
          boolean stillWaiting = waiting;
          if (now.size() < minWorkers) {
            ctx.getLog().info("Waiting for prime workers: {} of at least {} available", now.size(), minWorkers);
          } else if (waiting) {
            ctx.getLog().info("{} prime worker(s) on {} node(s) available (at least {} wanted): the job can start",
                now.size(), byNode(now).size(), minWorkers);
            stillWaiting = false;
          }
          target.tell(toMessage.apply(now));
          return listening(ctx, key, minWorkers, target, toMessage, log, now, stillWaiting);
        })
        .build();
  }

  private static <T> void logChange(
      ActorContext<?> ctx, Set<ActorRef<T>> before, Set<ActorRef<T>> now, int unreachable) {
    Map<String, Integer> was = byNode(before);
    Map<String, Integer> is = byNode(now);
    for (Map.Entry<String, Integer> e : is.entrySet()) {
      int old = was.getOrDefault(e.getKey(), 0);
      if (e.getValue() > old) ctx.getLog().info("Workers on node {}: {} (was {})", e.getKey(), e.getValue(), old);
    }
    for (Map.Entry<String, Integer> e : was.entrySet()) {
      int n = is.getOrDefault(e.getKey(), 0);
      if (n < e.getValue()) {
        ctx.getLog().warn("Workers on node {}: {} (was {}){}", e.getKey(), n, e.getValue(),
            unreachable > 0 ? "; " + unreachable + " worker(s) on unreachable nodes are left out" : "");
      }
    }
  }

  /** Worker count per node address, local workers under "local". */
  static <T> Map<String, Integer> byNode(Set<ActorRef<T>> workers) {
    Map<String, Integer> m = new TreeMap<>();
    for (ActorRef<T> w : workers) m.merge(nodeOf(w), 1, Integer::sum);
    return m;
  }

  /** The node an actor lives on, as {@code host:port}, or "local" for an actor of a non-cluster system. */
  public static String nodeOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    if (a.host().isDefined() && a.port().isDefined()) return a.host().get() + ":" + a.port().get();
    return "local";
  }
}
