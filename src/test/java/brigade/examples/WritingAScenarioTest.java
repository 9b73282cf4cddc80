package brigade.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.primes.FaultPlan;
import brigade.primes.Job;
import brigade.primes.PrimeWorker;
import brigade.restaurant.RestaurantEvent;
import brigade.restaurant.Staff;
import brigade.restaurant.Worker;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/scenarios.md, verbatim: compiled and run with the suite, and DocsPagesTest checks the page's
 * copy, so the page stays true.
 * One ActorTestKit for the class, on Brigade's settings, with ManualTime: timers fire only when the test says.
 */
@BrigadeTestKit(manualTime = true)
class WritingAScenarioTest {

  @Test
  void aWorkerOnShiftAnnouncesItsWorkUntilToldToStop(ActorTestKit kit, ManualTime time) {
    TestProbe<Staff.Report> boss = kit.createTestProbe();          // stands in for the Restaurant: hears all
    Duration cookTime = Duration.ofSeconds(3);
    Duration workInterval = Duration.ofSeconds(1);
    ActorRef<Staff.Command> ann = kit.spawn(
        Worker.create("ann", cookTime, workInterval, Staff.Options.DEFAULT, boss.ref()), "ann");
    boss.expectMessageClass(Staff.Ready.class);                    // on shift

    for (int n = 1; n <= 3; n++) {                                 // the thread lesson's loop, as a timer
      time.timePasses(workInterval);
      assertEquals(new RestaurantEvent.Overworked("ann", n), boss.receiveMessage());
    }

    ann.tell(Staff.Stop.INSTANCE);                                 // the stop flag, as a message
    assertEquals(new RestaurantEvent.Retired("ann", Staff.Role.WORKER, 0, 0), boss.receiveMessage());
    boss.expectTerminated(ann);                                    // the join
  }

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
}
