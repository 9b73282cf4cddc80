package brigade.primes;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import java.util.Objects;
import java.util.function.Function;

/** Where a job's prime workers come from. */
public sealed interface WorkerSource {

  /**
   * A {@link WorkerPool} of {@code spec.poolSize()} workers started for the job on this node and stopped with it
   * (a one-off job; {@link PrimeKitchen#open} keeps one pool for many jobs). PUSH dispatch goes through the pool's
   * round-robin router; PULL gives each of its workers a credit of batches.
   */
  static WorkerSource localPool() {
    return new LocalPool(FaultPlan.NONE);
  }

  /** A job-owned local pool whose workers throw where {@code faults} says (tests, demos of supervision and retries). */
  static WorkerSource localPool(FaultPlan faults) {
    return new LocalPool(faults);
  }

  /**
   * The workers of a long-lived {@link WorkerPool}, borrowed for the job: the pool outlives it. {@code faults} is
   * the job's own: the coordinator decides per delivery and tells the worker with the batch.
   */
  static WorkerSource pooled(ActorRef<WorkerPool.Command> pool, FaultPlan faults) {
    return new Pooled(pool, faults, null);
  }

  /**
   * Workers appear and disappear at run time (cluster receptionist). The coordinator spawns
   * {@code feeder.apply(ref)} as a child, where ref receives {@link WorkerSet} updates; dispatching starts once
   * at least {@code minWorkers} are known; workers that join later are used; a worker that leaves the set or
   * terminates (the coordinator watches every worker) has its in-flight batches re-sent to the others.
   * Dispatch is pull-style (credit per worker) in this mode, whatever {@code spec.dispatch()} says.
   */
  static WorkerSource external(int minWorkers, Function<ActorRef<WorkerSet>, Behavior<?>> feeder) {
    return new External(minWorkers, feeder);
  }

  /**
   * The workers registered with the receptionist under {@code key} (on this node, or on any node of the
   * cluster): an {@link #external} source whose feeder subscribes to the receptionist and publishes each
   * listing's reachable workers. Workers are registered with {@link PrimeWorker#registered}.
   */
  static WorkerSource receptionist(ServiceKey<PrimeWorker.Command> key, int minWorkers) {
    return external(minWorkers, updates -> Behaviors.<Receptionist.Listing>setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(key, ctx.getSelf()));
      return Behaviors.receiveMessage(listing -> {
        updates.tell(new WorkerSet(listing.getServiceInstances(key)));
        return Behaviors.same();
      });
    }));
  }

  /** See {@link #localPool()}. */
  record LocalPool(FaultPlan faults) implements WorkerSource {
    public LocalPool {
      Objects.requireNonNull(faults, "faults");
    }
  }

  /**
   * See {@link #pooled}.
   *
   * @param lent the pool's workers and router when already known (a ready kitchen's): the job starts dispatching
   *     at once, without asking the pool first; null to ask
   */
  record Pooled(ActorRef<WorkerPool.Command> pool, FaultPlan faults, WorkerPool.Lent lent) implements WorkerSource {
    public Pooled {
      Objects.requireNonNull(pool, "pool");
      Objects.requireNonNull(faults, "faults");
    }
  }

  /** See {@link #external}. */
  record External(int minWorkers, Function<ActorRef<WorkerSet>, Behavior<?>> feeder) implements WorkerSource {
    public External {
      if (minWorkers < 1) throw new IllegalArgumentException("minWorkers must be >= 1, was " + minWorkers);
      Objects.requireNonNull(feeder, "feeder");
    }
  }
}
