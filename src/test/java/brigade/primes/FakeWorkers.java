package brigade.primes;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stand-in prime workers driven by the test: each fake worker forwards the batches it gets to one shared probe,
 * and the test decides when, in which order and how each is answered (computed, failed, twice, never). The
 * workers reach the coordinator through {@link WorkerSource#external}, whose feeder hands the test the ref that
 * takes {@link WorkerSet} updates.
 */
final class FakeWorkers {
  /** A batch delivered to fake worker {@code worker}. */
  record Delivery(ActorRef<PrimeWorker.Command> worker, PrimeWorker.Compute compute) {
    long id() {
      return compute.batchId();
    }

    /** Answer with the real results, as a worker would. */
    void answer() {
      compute.replyTo().tell(computed(worker, compute));
    }

    void fail(String error) {
      compute.replyTo().tell(new PrimeWorker.Failed(compute.batchId(), worker, worker.path().name(), "fake", error));
    }
  }

  final ActorTestKit kit;
  final TestProbe<Delivery> deliveries;
  private final TestProbe<ActorRef<WorkerSet>> feederProbe;
  private ActorRef<WorkerSet> updates;
  final Set<ActorRef<PrimeWorker.Command>> current = new HashSet<>();

  FakeWorkers(ActorTestKit kit) {
    this.kit = kit;
    this.deliveries = kit.createTestProbe();
    this.feederProbe = kit.createTestProbe();
  }

  /** The worker source to start the job with. */
  WorkerSource source(int minWorkers) {
    ActorRef<ActorRef<WorkerSet>> report = feederProbe.ref();
    return WorkerSource.external(minWorkers, updates -> Behaviors.setup(ctx -> {
      report.tell(updates);
      return Behaviors.empty();
    }));
  }

  /** Waits for the job's feeder to start (call once, after start). */
  FakeWorkers connected() {
    updates = feederProbe.receiveMessage();
    return this;
  }

  private static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

  /** A fake worker named {@code name-N} (unique in the kit). */
  ActorRef<PrimeWorker.Command> spawn(String name) {
    ActorRef<Delivery> to = deliveries.ref();
    return kit.spawn(Behaviors.setup(ctx -> Behaviors.receive(PrimeWorker.Command.class)
        .onMessage(PrimeWorker.Compute.class, c -> {
          to.tell(new Delivery(ctx.getSelf(), c));
          return Behaviors.same();
        })
        .build()), name + "-" + SEQ.incrementAndGet());
  }

  /** Spawns workers and publishes them (added to those already published). */
  List<ActorRef<PrimeWorker.Command>> add(String... names) {
    List<ActorRef<PrimeWorker.Command>> refs = java.util.Arrays.stream(names).map(this::spawn).toList();
    current.addAll(refs);
    publish();
    return refs;
  }

  void remove(ActorRef<PrimeWorker.Command> worker) {
    current.remove(worker);
    publish();
  }

  void publish() {
    updates.tell(new WorkerSet(current));
  }

  Delivery next() {
    return deliveries.receiveMessage();
  }

  List<Delivery> next(int n) {
    return new java.util.ArrayList<>(deliveries.receiveSeveralMessages(n));
  }

  void expectNothing() {
    deliveries.expectNoMessage(Duration.ofMillis(200));
  }

  static PrimeWorker.Computed computed(ActorRef<PrimeWorker.Command> worker, PrimeWorker.Compute c) {
    PrimeAlgorithm algorithm = PrimeAlgorithm.named(c.algorithm());
    String name = worker.path().name();
    if (c.job() == Job.CHECK) {
      return new PrimeWorker.Computed(c.batchId(), worker, name, "fake", 1,
          BatchCompute.check(algorithm, c.numbers()), new long[0], new int[0]);
    }
    int[] counts = new int[c.numbers().length];
    long[] factors = BatchCompute.factor(algorithm, c.numbers(), counts);
    return new PrimeWorker.Computed(c.batchId(), worker, name, "fake", 1, new boolean[0], factors, counts);
  }
}
