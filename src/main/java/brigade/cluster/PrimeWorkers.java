package brigade.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.receptionist.ServiceKey;
import brigade.primes.FaultPlan;
import brigade.primes.PrimeWorker;
import brigade.primes.WorkerSet;
import brigade.primes.WorkerSource;

/** The prime kitchen on a cluster: the service key worker nodes register under, and the coordinator's source. */
public final class PrimeWorkers {
  /** Worker nodes register every prime worker under this key; coordinators subscribe to it. */
  public static final ServiceKey<PrimeWorker.Command> KEY = PrimeWorker.SERVICE_KEY;

  private PrimeWorkers() {}

  /** One prime worker of a worker node, restarted by its supervisor when a batch throws. */
  public static Behavior<PrimeWorker.Command> worker() {
    return PrimeWorker.supervised(FaultPlan.NONE);
  }

  /**
   * The workers of the whole cluster, for {@code PrimeKitchen.start}: the job waits for {@code minWorkers}, uses
   * workers as they join, re-sends the batches of a worker that leaves or becomes unreachable.
   *
   * @param observer told which nodes' workers came and went (for the report); may be {@link ClusterJobLog#none()}
   */
  public static WorkerSource clusterWorkers(int minWorkers, ClusterJobLog observer) {
    return WorkerSource.external(minWorkers, (ActorRef<WorkerSet> ref) ->
        ReceptionistFeeder.create(KEY, minWorkers, ref, WorkerSet::new, observer));
  }
}
