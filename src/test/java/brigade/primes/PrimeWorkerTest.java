package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.testkit.BrigadeTestKit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

@BrigadeTestKit(config = "akka.actor.testkit.typed.single-expect-default = 20s")
class PrimeWorkerTest {
  static final long[] SEED = {
    112272535095293L, 112582705942171L, 112272535095293L, 115280095190773L, 115797848077099L, 1099726899285419L
  };

  @Test
  void checksABatchAndReportsItsBusyTimeNameAndNode(ActorTestKit kit) {
    ActorRef<PrimeWorker.Command> worker = kit.spawn(PrimeWorker.supervised(FaultPlan.NONE), "checker",
        PrimeWorker.props());
    TestProbe<PrimeWorker.Reply> probe = kit.createTestProbe();
    worker.tell(new PrimeWorker.Compute(7, Job.CHECK, "trial", SEED, probe.ref()));
    PrimeWorker.Computed r = probe.expectMessageClass(PrimeWorker.Computed.class);
    assertEquals(7, r.batchId());
    assertArrayEquals(new boolean[] {true, true, true, true, true, false}, r.prime());
    assertEquals(worker, r.worker());
    assertEquals("checker", r.workerName());
    assertEquals("local", r.node());
    assertTrue(r.busyNanos() > 0, "busy time measured");
    assertEquals(0, r.factors().length);
  }

  @Test
  void factorsABatchIntoFlattenedFactorsAndCounts(ActorTestKit kit) {
    ActorRef<PrimeWorker.Command> worker = kit.spawn(PrimeWorker.supervised(FaultPlan.NONE), "factorer",
        PrimeWorker.props());
    TestProbe<PrimeWorker.Reply> probe = kit.createTestProbe();
    long[] numbers = {0, 1, 2, 12, 1099726899285419L, 97};
    worker.tell(new PrimeWorker.Compute(1, Job.FACTOR, "trial", numbers, probe.ref()));
    PrimeWorker.Computed r = probe.expectMessageClass(PrimeWorker.Computed.class);
    assertArrayEquals(new int[] {0, 0, 1, 3, 2, 1}, r.factorCounts());
    assertArrayEquals(new long[] {2, 2, 2, 3, 3306091, 332636609, 97}, r.factors());
    assertTrue(r.busyNanos() > 0);
  }

  @Test
  void aBatchThatThrowsIsAnsweredWithFailureAndTheRestartedWorkerGoesOn(ActorTestKit kit) {
    ActorRef<PrimeWorker.Command> worker = kit.spawn(PrimeWorker.supervised(FaultPlan.poison(13)), "faulty",
        PrimeWorker.props());
    TestProbe<PrimeWorker.Reply> probe = kit.createTestProbe();
    worker.tell(new PrimeWorker.Compute(1, Job.CHECK, "trial", new long[] {11, 13}, probe.ref()));
    PrimeWorker.Failed failed = probe.expectMessageClass(PrimeWorker.Failed.class);
    assertEquals(1, failed.batchId());
    assertEquals("InjectedFault: injected fault in batch 1", failed.error());
    assertEquals(worker, failed.worker());

    worker.tell(new PrimeWorker.Compute(2, Job.CHECK, "nope", new long[] {11}, probe.ref()));
    PrimeWorker.Failed unknown = probe.expectMessageClass(PrimeWorker.Failed.class);
    assertTrue(unknown.error().startsWith("IllegalArgumentException: unknown algorithm 'nope'"), unknown.error());

    worker.tell(new PrimeWorker.Compute(3, Job.CHECK, "trial", new long[] {11, 12}, probe.ref()));
    PrimeWorker.Computed ok = probe.expectMessageClass(PrimeWorker.Computed.class);
    assertArrayEquals(new boolean[] {true, false}, ok.prime());
  }

  @Test
  void anInjectedFaultTravelsWithTheBatchAndTheWorkerIsRestarted(ActorTestKit kit) {
    ActorRef<PrimeWorker.Command> worker = kit.spawn(PrimeWorker.supervised(FaultPlan.NONE), "told-to-fail",
        PrimeWorker.props());
    TestProbe<PrimeWorker.Reply> probe = kit.createTestProbe();
    worker.tell(new PrimeWorker.Compute(1, Job.CHECK, "trial", new long[] {11}, probe.ref(), true));
    PrimeWorker.Failed failed = probe.expectMessageClass(PrimeWorker.Failed.class);
    assertTrue(failed.error().contains("injected fault in batch 1"), failed.error());
    worker.tell(new PrimeWorker.Compute(2, Job.CHECK, "trial", new long[] {11}, probe.ref()));
    PrimeWorker.Computed ok = probe.expectMessageClass(PrimeWorker.Computed.class);
    assertArrayEquals(new boolean[] {true}, ok.prime());
    assertTrue(ok.thread().contains(PrimeWorker.DISPATCHER), ok.thread());
  }
}
