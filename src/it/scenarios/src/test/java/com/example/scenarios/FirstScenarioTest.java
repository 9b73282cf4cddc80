package com.example.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.primes.FaultPlan;
import brigade.primes.Job;
import brigade.primes.PrimeWorker;
import brigade.testkit.BrigadeTestKit;
import org.junit.jupiter.api.Test;

/** A user's scenario, from their own project: Brigade's actors on Brigade's testkit. */
@BrigadeTestKit
class FirstScenarioTest {

  @Test
  void aPrimeWorkerAnswersABatch(ActorTestKit kit) {
    ActorRef<PrimeWorker.Command> worker =
        kit.spawn(PrimeWorker.supervised(FaultPlan.NONE), "prime-worker", PrimeWorker.props());
    TestProbe<PrimeWorker.Reply> replies = kit.createTestProbe();

    worker.tell(new PrimeWorker.Compute(1, Job.CHECK, "fast", new long[] {97, 1099726899285419L}, replies.ref()));

    PrimeWorker.Computed done = replies.expectMessageClass(PrimeWorker.Computed.class);
    assertEquals(1, done.batchId());
    assertArrayEquals(new boolean[] {true, false}, done.prime());
  }

  @Test
  void aBatchCrossesTheNetworkAsJacksonCbor(ActorTestKit kit) {
    // Akka's Jackson serializer refuses a Jackson set of mixed versions: this is where a mix would fail.
    TestProbe<PrimeWorker.Reply> replies = kit.createTestProbe();
    PrimeWorker.Compute batch = new PrimeWorker.Compute(7, Job.FACTOR, "fast", new long[] {12}, replies.ref());
    PrimeWorker.Compute back = new SerializationTestKit(kit.system()).verifySerialization(batch, false);
    assertArrayEquals(batch.numbers(), back.numbers());
  }
}
