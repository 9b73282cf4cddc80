package brigade.cluster;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;

/**
 * Logs this node's view of the cluster (members up, leaving, unreachable, removed) and tells the node when the
 * coordinator it served is gone for good: left after its job, or lost and downed by the split-brain resolver.
 * The workers themselves never depend on the coordinator: they answer whoever sends a batch, so they simply
 * stay up; the callback lets the {@code node} command rejoin the seed nodes to serve the next coordinator.
 */
public final class ClusterWatch {
  private ClusterWatch() {}

  public static Behavior<ClusterEvent.ClusterDomainEvent> create(Runnable onCoordinatorGone) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
          .onMessage(ClusterEvent.MemberUp.class, e -> {
            ctx.getLog().info("Member up: {} {}", e.member().address(), e.member().getRoles());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberLeft.class, e -> {
            ctx.getLog().info("Member leaving: {}", e.member().address());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            Member m = e.member();
            if (isCoordinator(m)) {
              ctx.getLog().warn("Coordinator {} is unreachable: its job cannot finish here (batches this node answers "
                  + "go nowhere); the workers on this node stay up. The split-brain resolver downs it once the "
                  + "cluster is stable again.", m.address());
            } else {
              ctx.getLog().warn("Member unreachable: {} {}", m.address(), m.getRoles());
            }
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, e -> {
            ctx.getLog().info("Member reachable again: {}", e.member().address());
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> onRemoved(ctx, cluster, e, onCoordinatorGone))
          .onAnyMessage(e -> Behaviors.same())
          .build();
    });
  }

  private static Behavior<ClusterEvent.ClusterDomainEvent> onRemoved(
      ActorContext<ClusterEvent.ClusterDomainEvent> ctx, Cluster cluster, ClusterEvent.MemberRemoved e,
      Runnable onCoordinatorGone) {
    Member m = e.member();
    boolean graceful = e.previousStatus().equals(MemberStatus.exiting());
    if (!isCoordinator(m)) {
      ctx.getLog().info("Member removed: {} ({})", m.address(), graceful ? "left" : "downed");
      return Behaviors.same();
    }
    if (graceful) {
      ctx.getLog().info("Coordinator {} finished and left the cluster; the workers on this node stay up for the next job",
          m.address());
    } else {
      ctx.getLog().warn("Coordinator {} was lost (unreachable, then downed): its job ended without it; the workers "
          + "on this node stay up for the next job", m.address());
    }
    boolean anotherCoordinator = false;
    for (Member other : cluster.state().getMembers()) {
      if (!other.equals(m) && isCoordinator(other) && other.status().equals(MemberStatus.up())) anotherCoordinator = true;
    }
    if (!anotherCoordinator) onCoordinatorGone.run();
    return Behaviors.same();
  }

  static boolean isCoordinator(Member m) {
    return m.hasRole(ClusterSettings.COORDINATOR_ROLE);
  }
}
