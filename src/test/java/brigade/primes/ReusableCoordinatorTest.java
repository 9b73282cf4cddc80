package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A kitchen's reusable coordinator between jobs: what it does when its pool is gone. */
@BrigadeTestKit
class ReusableCoordinatorTest {
  @Test
  void aFreeCoordinatorWhosePoolStoppedFailsTheJobItIsHandedAtOnceAndStopsWhenRetired(ActorTestKit kit)
      throws Exception {
    TestProbe<WorkerPool.Command> pool = kit.createTestProbe();
    ActorRef<JobCoordinator.Command> coordinator = kit.spawn(JobCoordinator.reusable(pool.ref()));
    pool.stop(); // the kitchen closed while this coordinator sat on its free list
    // A job handed over in that moment (start read the free list before close emptied it) must not hang.
    CompletableFuture<JobResult> promise = new CompletableFuture<>();
    coordinator.tell(new JobCoordinator.Run(1, Jobs.spec(Job.CHECK, Dispatch.PULL, 2, 10, 8, 3,
        Duration.ofSeconds(60)), ArraySource.range(1, 10), new Recorder(), ProgressListener.NONE,
        new WorkerSource.Pooled(pool.ref(), FaultPlan.NONE, null), promise, () -> {}));
    ExecutionException e = assertThrows(ExecutionException.class, () -> promise.get(20, TimeUnit.SECONDS));
    assertEquals("the prime kitchen's pool is closed: cannot run a job", e.getCause().getMessage());
    coordinator.tell(JobCoordinator.Retire.INSTANCE);
    kit.createTestProbe().expectTerminated(coordinator);
  }
}
