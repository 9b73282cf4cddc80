package brigade.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import akka.actor.typed.ActorRef;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import brigade.CborSerializable;
import brigade.primes.Job;
import brigade.primes.PrimeWorker;
import brigade.testkit.BrigadeTestKit;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Every message that crosses the network survives a real round trip through the serializer the config binds it
 * to: Jackson CBOR, chosen by the {@link CborSerializable} marker (never Java serialization). The actor system is
 * a cluster node, so actor refs in messages serialize to their full remote paths and back.
 */
@BrigadeTestKit(config = TestCluster.KIT_CONFIG)
class ClusterSerializationTest {

  static List<Object> everyMessage(ActorTestKit kit) {
    ActorRef<PrimeWorker.Command> worker = kit.createTestProbe(PrimeWorker.Command.class).getRef();
    ActorRef<PrimeWorker.Reply> replyTo = kit.createTestProbe(PrimeWorker.Reply.class).getRef();
    return List.of(
        new PrimeWorker.Compute(7, Job.CHECK, "trial", new long[] {2, 1099726899285419L, Long.MAX_VALUE}, replyTo),
        new PrimeWorker.Compute(8, Job.FACTOR, "fast", new long[] {0, 1, 12}, replyTo),
        new PrimeWorker.Compute(9, Job.FACTOR, "trial", new long[0], replyTo),
        new PrimeWorker.Compute(10, Job.CHECK, "trial", new long[] {97}, replyTo, true),
        new PrimeWorker.CheckRange(11, 3, 1099726899285419L, 3_000_001, 4_000_001, replyTo, false),
        new PrimeWorker.Computed(7, worker, "prime-worker-1", "127.0.0.1:25521", 12345,
            new boolean[] {true, false, false}, new long[0], new int[0]),
        new PrimeWorker.Computed(8, worker, "prime-worker-2", "127.0.0.1:25522", 1,
            new boolean[0], new long[] {2, 2, 3}, new int[] {0, 0, 3}),
        new PrimeWorker.Computed(8, worker, "worker-2", "127.0.0.1:25522", 1,
            new boolean[0], new long[] {2, 2, 3}, new int[] {0, 0, 3}, "brigade.primes.worker-dispatcher-7"),
        new PrimeWorker.RangeChecked(11, 3, worker, "worker-1", "127.0.0.1:25521", 5_000_000, 3306091,
            "brigade.primes.worker-dispatcher-8"),
        new PrimeWorker.Failed(9, worker, "prime-worker-1", "local", "ArithmeticException: boom"),
        new PrimeWorker.Failed(11, worker, "worker-1", "local", "InjectedFault: injected fault in batch 11", 3),
        // With the span's start (epoch microseconds) that a trace places on the coordinator's clock.
        new PrimeWorker.Computed(12, worker, "worker-1", "127.0.0.1:25522", 7_000_123,
            new boolean[] {true}, new long[0], new int[0], "brigade.primes.worker-dispatcher-7", 1_795_000_000_123_456L),
        new PrimeWorker.RangeChecked(13, 1, worker, "worker-2", "127.0.0.1:25521", 42, 0,
            "brigade.primes.worker-dispatcher-8", 1_795_000_000_654_321L),
        new PrimeWorker.Failed(14, worker, "worker-1", "127.0.0.1:25521", "InjectedFault: injected fault in batch 14", 0,
            999, 1_795_000_000_000_001L, "brigade.primes.worker-dispatcher-9"));
  }

  @Test
  void everyNetworkMessageRoundTripsThroughJacksonCbor(ActorTestKit kit) {
    SerializationTestKit serialization = new SerializationTestKit(kit.system());
    Serialization serializers = SerializationExtension.get(akka.actor.typed.javadsl.Adapter.toClassic(kit.system()));
    for (Object message : everyMessage(kit)) {
      Serializer serializer = serializers.findSerializerFor(message);
      assertEquals("akka.serialization.jackson.JacksonCborSerializer", serializer.getClass().getName(),
          message.getClass().getSimpleName() + " must be bound to jackson-cbor");
      Object back = serialization.verifySerialization(message, false);
      assertNotSame(message, back);
      assertDeepEquals(message, back);
    }
  }

  @Test
  void everyMessageTypeIsCovered(ActorTestKit kit) {
    List<Class<?>> covered = everyMessage(kit).stream().<Class<?>>map(Object::getClass).distinct().toList();
    for (Class<?> type : List.of(PrimeWorker.Compute.class, PrimeWorker.CheckRange.class, PrimeWorker.Computed.class,
        PrimeWorker.RangeChecked.class, PrimeWorker.Failed.class)) {
      assertTrue(covered.contains(type), type.getName());
    }
    // The sealed protocols permit nothing else.
    assertEquals(List.of(PrimeWorker.Compute.class, PrimeWorker.CheckRange.class),
        List.of(PrimeWorker.Command.class.getPermittedSubclasses()));
    assertEquals(List.of(PrimeWorker.Computed.class, PrimeWorker.Failed.class, PrimeWorker.RangeChecked.class),
        List.of(PrimeWorker.Reply.class.getPermittedSubclasses()));
  }

  /** Records holding arrays: compare component by component, arrays by content. */
  static void assertDeepEquals(Object expected, Object actual) {
    assertEquals(expected.getClass(), actual.getClass());
    try {
      for (RecordComponent c : expected.getClass().getRecordComponents()) {
        Object e = c.getAccessor().invoke(expected);
        Object a = c.getAccessor().invoke(actual);
        assertTrue(Objects.deepEquals(e, a),
            expected.getClass().getSimpleName() + "." + c.getName() + ": expected " + e + " but got " + a);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
