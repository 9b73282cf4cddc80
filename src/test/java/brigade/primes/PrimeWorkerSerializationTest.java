package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.testkit.BrigadeTestKit;
import org.junit.jupiter.api.Test;

/**
 * The worker protocol crosses the network in a cluster: every message must survive Jackson CBOR (arrays, enums,
 * actor refs). The binding is laid on here in case application.conf does not carry it yet.
 */
@BrigadeTestKit(config = "akka.actor.serialization-bindings { \"brigade.CborSerializable\" = jackson-cbor }")
class PrimeWorkerSerializationTest {
  @Test
  void computeRoundTrips(ActorTestKit kit) {
    TestProbe<PrimeWorker.Reply> probe = kit.createTestProbe();
    PrimeWorker.Compute c = new PrimeWorker.Compute(5, Job.FACTOR, "fast", new long[] {2, Long.MAX_VALUE}, probe.ref());
    PrimeWorker.Compute back = kit.serializationTestKit().verifySerialization(c, false);
    assertEquals(5, back.batchId());
    assertEquals(Job.FACTOR, back.job());
    assertEquals("fast", back.algorithm());
    assertArrayEquals(c.numbers(), back.numbers());
    assertEquals(probe.ref(), back.replyTo());
  }

  @Test
  void repliesRoundTrip(ActorTestKit kit) {
    ActorRef<PrimeWorker.Command> worker = kit.spawn(PrimeWorker.create(), "serialized");
    PrimeWorker.Computed computed = new PrimeWorker.Computed(9, worker, "serialized", "127.0.0.1:25521", 1234,
        new boolean[] {true, false}, new long[] {2, 2, 3}, new int[] {2, 1});
    PrimeWorker.Computed back = kit.serializationTestKit().verifySerialization(computed, false);
    assertEquals(worker, back.worker());
    assertEquals("127.0.0.1:25521", back.node());
    assertEquals(1234, back.busyNanos());
    assertArrayEquals(computed.prime(), back.prime());
    assertArrayEquals(computed.factors(), back.factors());
    assertArrayEquals(computed.factorCounts(), back.factorCounts());

    PrimeWorker.Failed failed = new PrimeWorker.Failed(3, worker, "serialized", "local", "InjectedFault: boom");
    assertEquals(failed, kit.serializationTestKit().verifySerialization(failed, false));

    // the Reply interface is what the coordinator's adapter receives: a reply read back is still a Reply
    PrimeWorker.Reply asReply = kit.serializationTestKit().verifySerialization((PrimeWorker.Reply) failed, false);
    assertEquals(3, asReply.batchId());
  }
}
