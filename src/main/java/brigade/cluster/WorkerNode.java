package brigade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import brigade.primes.PrimeWorker;
import java.util.function.IntFunction;

/**
 * The guardian of a worker node ({@code brigade node}): spawns {@code poolSize} prime workers on the worker
 * dispatcher, registers each with the cluster Receptionist under the service key the coordinators look up, and
 * watches the cluster ({@link ClusterWatch}). Workers are registered one by one rather than behind a pool
 * router, so a coordinator sees (and balances over, and accounts per) every worker of every node; a worker
 * that stops is deregistered by the Receptionist automatically.
 */
public final class WorkerNode {
  private WorkerNode() {}

  /**
   * @param worker the behavior of worker number {@code i} (1-based), already supervised as it should be
   * @param onCoordinatorGone run when the last coordinator of the cluster left or was downed
   */
  public static <T> Behavior<Void> create(
      ServiceKey<T> key, int poolSize, IntFunction<Behavior<T>> worker, Runnable onCoordinatorGone) {
    return Behaviors.<Void>setup(ctx -> {
      for (int i = 1; i <= poolSize; i++) {
        ActorRef<T> w = ctx.spawn(worker.apply(i), "prime-worker-" + i, PrimeWorker.props()); // the worker dispatcher
        ctx.watch(w);
        ctx.getSystem().receptionist().tell(Receptionist.register(key, w));
      }
      ctx.spawn(ClusterWatch.create(onCoordinatorGone), "cluster-watch");
      ctx.getLog().info("{} prime worker(s) registered as '{}' on {}", poolSize, key.id(), ctx.getSystem().address());
      return Behaviors.receive(Void.class)
          .onSignal(Terminated.class, t -> {
            ctx.getLog().error("Prime worker {} stopped; it no longer takes batches", t.getRef().path().name());
            return Behaviors.same();
          })
          .build();
    });
  }
}
