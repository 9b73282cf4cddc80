package brigade.primes;

import static brigade.primes.Jobs.await;
import static brigade.primes.Jobs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A fault aimed at one prime worker hits that worker's given batch, and nothing else. */
@BrigadeTestKit
class AimedFaultsTest {
  private static final long[] BATCH = {97};

  @Test
  void failOnFailsOnlyThatWorkersGivenBatch() {
    FaultPlan plan = FaultPlan.failOn("worker-2", 2);
    assertFalse(plan.failsOn("worker-2", 1, new long[0]), "a start-up probe is not a batch");
    assertFalse(plan.failsOn("worker-1", 1, BATCH));
    assertFalse(plan.failsOn("worker-2", 1, BATCH), "its first batch");
    assertFalse(plan.failsOn("worker-20", 2, BATCH));
    assertTrue(plan.failsOn("worker-2", 2, BATCH), "its second batch");
    assertFalse(plan.failsOn("worker-2", 3, BATCH), "once only");
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.failOn("worker-1", 0));
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.failOn("", 1));
  }

  @Test
  void aKitchenWhoseWorker2DropsItsFirstBatchRetriesItAndAnswersEveryNumber(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 3, FaultPlan.failOn("worker-2", 1))) {
      long[] numbers = PrimeKitchenTest.randomNumbers(300, 5);
      Recorder sink = new Recorder();
      JobResult r = await(kitchen.start(spec(Job.CHECK, Dispatch.PUSH, 3, 10, 9, 3, Duration.ofSeconds(30)),
          new ArraySource(numbers), sink, ProgressListener.NONE));
      assertEquals(1, r.retries(), r.toString());
      assertEquals(Recorder.expected(Job.CHECK, numbers), sink.lines());
      Jobs.assertBalanced(r);
    }
  }

  @Test
  void aJobGivenAPlanAimedAtAWorkerFailsSayingSo(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      JobRun run = kitchen.start(spec(Job.CHECK, Dispatch.PUSH, 2, 10, 4, 3, Duration.ofSeconds(30)),
          new ArraySource(BATCH), new Recorder(), ProgressListener.NONE, FaultPlan.failOn("worker-1", 1));
      CompletionException e = assertThrows(CompletionException.class, () -> run.result().toCompletableFuture().join());
      assertTrue(e.getCause().getMessage().contains("is aimed at a worker"), e.getCause().getMessage());
    }
  }

  @Test
  void aKitchenRefusesAPlanAimedAtAWorkerItDoesNotHave(ActorTestKit kit) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrimeKitchen.open(kit.system(), 3, FaultPlan.failOn("worker-9", 1)));
    assertEquals("the fault plan aims at 'worker-9': this kitchen's workers are worker-1..worker-3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PrimeKitchen.open(kit.system(), 3, FaultPlan.failOn("cook", 1)));
    PrimeKitchen.open(kit.system(), 3, FaultPlan.failOn("worker-3", 1)).close(); // its own workers: fine
  }
}
