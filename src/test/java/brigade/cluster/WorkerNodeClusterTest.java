package brigade.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.ServiceKey;
import brigade.CborSerializable;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three actor systems on 127.0.0.1 form a cluster: two worker nodes register stand-in workers (this test does
 * not depend on the prime kitchen), the test kit's system feeds their set to a probe through the Receptionist,
 * talks to every worker across the network (CBOR), sees a node's workers go when it leaves, and the workers see
 * a coordinator go.
 */
@BrigadeTestKit(config = TestCluster.KIT_CONFIG)
class WorkerNodeClusterTest {
  /** A stand-in worker: squares numbers, says where it lives. */
  static final class Squarer {
    sealed interface Command extends CborSerializable {}
    record Square(long n, ActorRef<Squared> replyTo) implements Command {}
    record Squared(long n, long square, String node) implements CborSerializable {}

    static Behavior<Command> create(String node) {
      return Behaviors.receive(Command.class)
          .onMessage(Square.class, m -> {
            m.replyTo().tell(new Squared(m.n(), m.n() * m.n(), node));
            return Behaviors.same();
          })
          .build();
    }
  }

  record Workers(Set<ActorRef<Squarer.Command>> workers) {}

  static String hostPort(ActorSystem<?> s) {
    return s.address().getHost().get() + ":" + s.address().getPort().get();
  }

  static final ServiceKey<Squarer.Command> KEY = ServiceKey.create(Squarer.Command.class, "test-squarer");

  @Test
  void workersOfTwoNodesAreFedToTheCoordinatorAndAnswerAcrossTheNetwork(ActorTestKit kit) throws Exception {
    try (TestCluster cluster = new TestCluster(kit)) {
      CountDownLatch coordinatorGone = new CountDownLatch(1);
      ActorSystem<Void> a = cluster.start(
          Behaviors.setup(ctx -> WorkerNode.create(KEY, 2, i -> Squarer.create(ctx.getSystem().address().toString()),
              coordinatorGone::countDown)), "worker");
      ActorSystem<Void> b = cluster.start(
          Behaviors.setup(ctx -> WorkerNode.create(KEY, 2, i -> Squarer.create(ctx.getSystem().address().toString()),
              () -> {})), "worker");
      cluster.awaitUp(3);

      TestProbe<Workers> feed = kit.createTestProbe();
      kit.spawn(ReceptionistFeeder.create(KEY, 4, feed.getRef(), Workers::new));
      Workers all = feed.fishForMessage(Duration.ofSeconds(30),
          w -> w.workers().size() == 4 ? FishingOutcomes.complete()
              : FishingOutcomes.continueAndIgnore()).get(0);
      assertEquals(Set.of(hostPort(a), hostPort(b)), ReceptionistFeeder.byNode(all.workers()).keySet());

      TestProbe<Squarer.Squared> replies = kit.createTestProbe();
      long n = 3_000_000_000L;
      for (ActorRef<Squarer.Command> w : all.workers()) w.tell(new Squarer.Square(n++, replies.getRef()));
      Set<String> nodes = new HashSet<>();
      Set<Long> answered = new HashSet<>();
      for (int i = 0; i < 4; i++) {
        Squarer.Squared r = replies.receiveMessage(Duration.ofSeconds(10));
        assertEquals(r.n() * r.n(), r.square());
        answered.add(r.n());
        nodes.add(r.node());
      }
      assertEquals(4, answered.size());
      assertEquals(Set.of(a.address().toString(), b.address().toString()), nodes);

      // A node that leaves takes its workers out of the set.
      b.terminate();
      Workers after = feed.fishForMessage(Duration.ofSeconds(30),
          w -> w.workers().size() == 2 ? FishingOutcomes.complete()
              : FishingOutcomes.continueAndIgnore()).get(0);
      assertEquals(Set.of(hostPort(a)), ReceptionistFeeder.byNode(after.workers()).keySet());

      // A coordinator joins and leaves: the worker node is told, and stays up.
      ActorSystem<Void> coordinator = cluster.start(Behaviors.empty(), ClusterSettings.COORDINATOR_ROLE);
      cluster.awaitUp(3);
      coordinator.terminate();
      assertTrue(coordinatorGone.await(30, TimeUnit.SECONDS), "worker node a was told the coordinator is gone");
      assertTrue(a.whenTerminated().value().isEmpty(), "the worker node stays up");
    }
  }
}
