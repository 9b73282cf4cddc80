package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** A reusable coordinator over a stand-in pool lending fake workers a and b (a's router: b). */
  private static final class Fixture {
    final FakeWorkers fw;
    final ActorRef<PrimeWorker.Command> a;
    final ActorRef<PrimeWorker.Command> b;
    final ActorRef<JobCoordinator.Command> coordinator;
    final WorkerSource.Pooled workers;
    final TestProbe<String> freed;

    Fixture(ActorTestKit kit) {
      fw = new FakeWorkers(kit);
      a = fw.spawn("a");
      b = fw.spawn("b");
      TestProbe<WorkerPool.Command> pool = kit.createTestProbe();
      coordinator = kit.spawn(JobCoordinator.reusable(pool.ref()));
      workers = new WorkerSource.Pooled(pool.ref(), FaultPlan.NONE, new WorkerPool.Lent(b, List.of(a, b), 0));
      freed = kit.createTestProbe();
    }

    static JobSpec spec(Dispatch dispatch) {
      return Jobs.spec(Job.CHECK, dispatch, 2, 10, 8, 0, Duration.ofSeconds(60));
    }

    CompletableFuture<JobResult> run(long job, Dispatch dispatch, long first, Recorder sink) {
      return run(job, spec(dispatch), first, sink);
    }

    /** Job 1 (1..40, batches of 10), answered in full: the coordinator goes back to idle, keeping what it set up. */
    void finishJob1(JobSpec spec) throws Exception {
      CompletableFuture<JobResult> first = run(1, spec, 1, new Recorder());
      for (int i = 0; i < 4; i++) fw.next().answer();
      assertEquals(40, first.get(10, TimeUnit.SECONDS).numbersAnswered());
      freed.expectMessage("free");
    }

    CompletableFuture<JobResult> run(long job, JobSpec spec, long first, Recorder sink) {
      CompletableFuture<JobResult> promise = new CompletableFuture<>();
      coordinator.tell(new JobCoordinator.Run(job, spec, ArraySource.range(first, 40), sink, ProgressListener.NONE,
          workers, promise, () -> freed.ref().tell("free")));
      return promise;
    }

    /** Job {@code job} (40 numbers, batches of 10, pull) with a silent: b answers its own batches and a's re-sends. */
    JobResult runWithSilentA(long job, JobSpec spec, long first, Recorder sink) throws Exception {
      CompletableFuture<JobResult> promise = run(job, spec, first, sink);
      int toA = 0;
      for (int i = 0; i < 6; i++) { // 2 batches to a (never answered), 2 to b, then a's 2 re-sent to b
        FakeWorkers.Delivery d = fw.deliveries.receiveMessage(Duration.ofSeconds(10));
        if (d.worker().equals(a)) {
          toA++;
        } else {
          d.answer();
        }
      }
      assertEquals(2, toA);
      return promise.get(10, TimeUnit.SECONDS);
    }

    /** Answers the next {@code n} batches, each of which must have gone to b. */
    void answerOnB(int n) {
      for (int i = 0; i < n; i++) {
        FakeWorkers.Delivery d = fw.deliveries.receiveMessage(Duration.ofSeconds(10));
        assertEquals(b, d.worker());
        d.answer();
      }
    }
  }

  @Test
  void aWorkerThatStopsDuringAJobThatWasNotLentItIsWatchedAgainByTheNextJobThatIs(ActorTestKit kit)
      throws Exception {
    Fixture f = new Fixture(kit);
    f.finishJob1(Fixture.spec(Dispatch.PULL)); // watches a and b
    // A push job (a is no puller there): a stops meanwhile, and the job hears of it through job 1's watch.
    CompletableFuture<JobResult> second = f.run(2, Dispatch.PUSH, 41, new Recorder());
    List<FakeWorkers.Delivery> out = f.fw.next(4);
    kit.stop(f.a);
    Thread.sleep(300);
    for (FakeWorkers.Delivery d : out) d.answer();
    second.get(10, TimeUnit.SECONDS);
    f.freed.expectMessage("free");
    // A pull job lent a again: it must watch it afresh and re-send a's batches to b, not wait the 60 s batch timeout.
    Recorder sink = new Recorder();
    CompletableFuture<JobResult> third = f.run(3, Dispatch.PULL, 81, sink);
    f.answerOnB(4);
    assertEquals(40, third.get(10, TimeUnit.SECONDS).numbersAnswered());
    assertEquals(Recorder.expected(Job.CHECK, ArraySource.range(81, 40).numbers()), sink.lines());
  }

  @Test
  void aWorkerThatStopsWhileTheCoordinatorIsIdleIsWatchedAfreshByTheNextJob(ActorTestKit kit) throws Exception {
    Fixture f = new Fixture(kit);
    f.finishJob1(Fixture.spec(Dispatch.PULL));
    kit.stop(f.a);
    Thread.sleep(300); // the idle coordinator hears of it
    CompletableFuture<JobResult> second = f.run(2, Dispatch.PULL, 41, new Recorder());
    f.answerOnB(4);
    assertEquals(40, second.get(10, TimeUnit.SECONDS).numbersAnswered());
  }

  // A finished job leaves its timeout check armed (no timer cancelled and started again per job): the next job's
  // batches must still time out at their own deadline, whether the check fires while the coordinator is idle, is
  // still pending when the next job starts, or is pending for later than the next job's (shorter) deadline.

  private static JobSpec pulling(Duration batchTimeout) {
    return Jobs.spec(Job.CHECK, Dispatch.PULL, 2, 10, 8, 3, batchTimeout);
  }

  private static void assertJob2Complete(JobResult r, Recorder sink) {
    assertEquals(40, r.numbersAnswered());
    assertEquals(2, r.retries());
    assertEquals(Recorder.expected(Job.CHECK, ArraySource.range(41, 40).numbers()), sink.lines());
  }

  @Test
  void aCheckThatFiresWhileIdleLeavesTheNextJobToArmItsOwn(ActorTestKit kit) throws Exception {
    Fixture f = new Fixture(kit);
    f.finishJob1(pulling(Duration.ofSeconds(1)));
    Thread.sleep(2_500); // job 1's check fires while the coordinator is idle
    Recorder sink = new Recorder();
    assertJob2Complete(f.runWithSilentA(2, pulling(Duration.ofSeconds(1)), 41, sink), sink);
  }

  @Test
  void aCheckStillPendingFromTheLastJobTimesOutTheNextJobsBatchesAtTheirOwnDeadline(ActorTestKit kit)
      throws Exception {
    Fixture f = new Fixture(kit);
    f.finishJob1(pulling(Duration.ofSeconds(1)));
    Recorder sink = new Recorder();
    long start = System.nanoTime();
    assertJob2Complete(f.runWithSilentA(2, pulling(Duration.ofSeconds(1)), 41, sink), sink); // job 1's check pending
    // Never before their own deadline: job 1's earlier check must not time out job 2's batches.
    assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos(), "re-sent before the batch timeout");
  }

  @Test
  void aShorterTimeoutInTheNextJobIsNotLeftWaitingForTheLastJobsLaterCheck(ActorTestKit kit) throws Exception {
    Fixture f = new Fixture(kit);
    f.finishJob1(pulling(Duration.ofSeconds(60))); // its check is due in a minute
    Recorder sink = new Recorder();
    // Job 2's batches are due in 300 ms: waiting for job 1's check would fail runWithSilentA's 10 s wait.
    assertJob2Complete(f.runWithSilentA(2, pulling(Duration.ofMillis(300)), 41, sink), sink);
  }
}
