package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.List;
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

  @Test
  void itsWorkersStayWatchedFromJobToJobSoOneThatStopsInALaterJobHasItsBatchesResent(ActorTestKit kit)
      throws Exception {
    FakeWorkers fw = new FakeWorkers(kit);
    ActorRef<PrimeWorker.Command> a = fw.spawn("a");
    ActorRef<PrimeWorker.Command> b = fw.spawn("b");
    TestProbe<WorkerPool.Command> pool = kit.createTestProbe();
    ActorRef<JobCoordinator.Command> coordinator = kit.spawn(JobCoordinator.reusable(pool.ref()));
    WorkerSource.Pooled lent = new WorkerSource.Pooled(pool.ref(), FaultPlan.NONE,
        new WorkerPool.Lent(a, List.of(a, b), 0));
    JobSpec spec = Jobs.spec(Job.CHECK, Dispatch.PULL, 2, 10, 8, 0, Duration.ofSeconds(60));
    TestProbe<String> freed = kit.createTestProbe();

    // Job 1 watches both workers; answered in full, the coordinator goes back to idle without unwatching them.
    CompletableFuture<JobResult> first = new CompletableFuture<>();
    coordinator.tell(new JobCoordinator.Run(1, spec, ArraySource.range(1, 40), new Recorder(), ProgressListener.NONE,
        lent, first, () -> freed.ref().tell("free")));
    for (int i = 0; i < 4; i++) fw.next().answer();
    assertEquals(40, first.get(10, TimeUnit.SECONDS).numbersAnswered());
    freed.expectMessage("free");

    // Job 2: a stops holding two batches. Only its watch, kept from job 1, tells the coordinator; without it the
    // job would wait the batch timeout (60 s) for them.
    CompletableFuture<JobResult> second = new CompletableFuture<>();
    Recorder sink = new Recorder();
    coordinator.tell(new JobCoordinator.Run(2, spec, ArraySource.range(41, 40), sink, ProgressListener.NONE, lent,
        second, () -> freed.ref().tell("free")));
    List<FakeWorkers.Delivery> out = fw.next(4); // two credits each
    kit.stop(a);
    int answered = 0;
    for (FakeWorkers.Delivery d : out) {
      if (d.worker().equals(b)) {
        d.answer();
        answered++;
      }
    }
    while (answered < 4) {
      FakeWorkers.Delivery d = fw.next(); // a's batches, re-sent to b
      assertEquals(b, d.worker());
      d.answer();
      answered++;
    }
    JobResult r = second.get(10, TimeUnit.SECONDS);
    assertEquals(40, r.numbersAnswered());
    assertEquals(Recorder.expected(Job.CHECK, ArraySource.range(41, 40).numbers()), sink.lines());
  }
}
