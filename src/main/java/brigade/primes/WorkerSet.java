package brigade.primes;

import akka.actor.typed.ActorRef;
import java.util.Set;

/**
 * The prime workers currently available to a job, as published by a {@link WorkerSource#external} feeder
 * (e.g. from a cluster receptionist Listing). Each message replaces the previous set: workers missing from
 * it have left.
 */
public record WorkerSet(Set<ActorRef<PrimeWorker.Command>> workers) {
  public WorkerSet {
    workers = Set.copyOf(workers);
  }
}
