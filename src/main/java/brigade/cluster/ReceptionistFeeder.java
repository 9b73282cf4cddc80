package brigade.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Feeds a job coordinator the workers of the whole cluster: subscribes to the Receptionist for a service key
 * and forwards every change of the set of <em>reachable</em> registered workers, wrapped by {@code toMessage}
 * (e.g. the kitchen's {@code WorkerSet}). A worker on a node that becomes unreachable leaves the set at once
 * (the coordinator re-sends its batches); it comes back if the node does, and is gone for good once the
 * split-brain resolver downs the node. Logs each change per node and, while fewer than {@code minWorkers} are
 * known, a reminder every {@link #REMINDER} of what the job is waiting for.
 */
public final class ReceptionistFeeder<T, M> {
  static final Duration REMINDER = Duration.ofSeconds(10);

  public sealed interface Command {}

  private record ListingChanged(Receptionist.Listing listing) implements Command {}

  private enum Remind implements Command { INSTANCE }

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final ServiceKey<T> key;
  private final int minWorkers;
  private final ActorRef<M> target;
  private final Function<Set<ActorRef<T>>, M> toMessage;
  private final ClusterJobLog log;
  private Set<ActorRef<T>> current = Set.of();
  private boolean waiting = true;

  private ReceptionistFeeder(ActorContext<Command> ctx, TimerScheduler<Command> timers, ServiceKey<T> key,
      int minWorkers, ActorRef<M> target, Function<Set<ActorRef<T>>, M> toMessage, ClusterJobLog log) {
    this.ctx = ctx;
    this.timers = timers;
    this.key = key;
    this.minWorkers = minWorkers;
    this.target = target;
    this.toMessage = toMessage;
    this.log = log;
  }

  public static <T, M> Behavior<Command> create(
      ServiceKey<T> key, int minWorkers, ActorRef<M> target, Function<Set<ActorRef<T>>, M> toMessage) {
    return create(key, minWorkers, target, toMessage, ClusterJobLog.none());
  }

  /** Same, also telling {@code log} which nodes' workers come and go. */
  public static <T, M> Behavior<Command> create(
      ServiceKey<T> key, int minWorkers, ActorRef<M> target, Function<Set<ActorRef<T>>, M> toMessage,
      ClusterJobLog log) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, ListingChanged::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(key, listings));
      ctx.getLog().info("Waiting for at least {} prime worker(s) to register in the cluster (service key '{}')",
          minWorkers, key.id());
      timers.startTimerWithFixedDelay(Remind.INSTANCE, REMINDER);
      return new ReceptionistFeeder<>(ctx, timers, key, minWorkers, target, toMessage, log).behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(ListingChanged.class, m -> onListing(m.listing()))
        .onMessageEquals(Remind.INSTANCE, this::onRemind)
        .build();
  }

  private Behavior<Command> onListing(Receptionist.Listing listing) {
    if (!listing.isForKey(key)) return Behaviors.same();
    Set<ActorRef<T>> now = Set.copyOf(listing.getServiceInstances(key));
    if (now.equals(current)) return Behaviors.same();
    Set<ActorRef<T>> all = listing.getAllServiceInstances(key);
    logChange(current, now, all.size() - now.size());
    Set<String> unreachableNodes = new HashSet<>();
    for (ActorRef<T> w : all) if (!now.contains(w)) unreachableNodes.add(nodeOf(w));
    log.changed(byNode(now), unreachableNodes);
    if (now.size() < minWorkers) {
      ctx.getLog().info("Waiting for prime workers: {} of at least {} available", now.size(), minWorkers);
    } else if (waiting) {
      ctx.getLog().info("{} prime worker(s) on {} node(s) available (at least {} wanted): the job can start",
          now.size(), byNode(now).size(), minWorkers);
      waiting = false;
      timers.cancel(Remind.INSTANCE);
    }
    current = now;
    target.tell(toMessage.apply(now));
    return Behaviors.same();
  }

  private Behavior<Command> onRemind() {
    if (!waiting) return Behaviors.same();
    Address self = ctx.getSystem().address();
    String at = self.getHost().isPresent() ? self.getHost().get() + ":" + self.getPort().orElse(0) : "HOST:PORT";
    ctx.getLog().info("Still waiting for prime workers: {} of at least {} available; start worker nodes with "
        + "`brigade node --port PORT --join {}`, or lower --min-workers", current.size(), minWorkers, at);
    return Behaviors.same();
  }

  private void logChange(Set<ActorRef<T>> before, Set<ActorRef<T>> now, int unreachable) {
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
