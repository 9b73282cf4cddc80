package brigade.primes;

import static brigade.primes.Jobs.assertInOrderOnce;
import static brigade.primes.Jobs.await;
import static brigade.primes.Jobs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One kitchen, many jobs: the workers outlive every job, and nothing one job does spoils the next. */
@BrigadeTestKit(config = "akka.actor.testkit.typed.single-expect-default = 20s")
class LongLivedKitchenTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static List<ActorRef<PrimeWorker.Command>> workers(PrimeKitchen kitchen) {
    return kitchen.workers().toCompletableFuture().join();
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void aKitchenWhoseReadinessAskTimedOutStillRunsJobsOnItsWorkers(Dispatch dispatch, ActorTestKit kit)
      throws Exception {
    // Every thread of the workers' dispatcher held: no worker can start, so the readiness ask times out (as the 30 s
    // one would on a machine too busy to start them).
    java.util.concurrent.Executor workerThreads = kit.system().dispatchers().lookup(
        akka.actor.typed.DispatcherSelector.fromConfig(PrimeWorker.DISPATCHER));
    CountDownLatch hold = new CountDownLatch(1);
    int threads = Runtime.getRuntime().availableProcessors(); // the dispatcher's size: one thread per core
    CountDownLatch held = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      workerThreads.execute(() -> {
        held.countDown();
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2, FaultPlan.NONE, brigade.trace.Tracer.OFF,
        Duration.ofMillis(200))) {
      try {
        assertTrue(held.await(60, TimeUnit.SECONDS), "the workers' threads were not all held");
        Throwable e = assertThrows(java.util.concurrent.CompletionException.class,
            () -> kitchen.ready().toCompletableFuture().join());
        assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, e.toString());
      } finally {
        hold.countDown();
      }
      long[] numbers = PrimeKitchenTest.randomNumbers(300, 5);
      Recorder sink = new Recorder();
      // The job is not refused with the readiness failure: it borrows the workers itself, now that they start.
      JobResult r = await(kitchen.start(spec(Job.FACTOR, dispatch, 2, 20, 8, 3, TIMEOUT), new ArraySource(numbers),
          sink, ProgressListener.NONE));
      assertFalse(r.interrupted());
      assertEquals(Recorder.expected(Job.FACTOR, numbers), sink.lines());
      assertEquals(Set.of("worker-1", "worker-2"),
          r.workers().stream().map(JobResult.WorkerStats::name).collect(Collectors.toSet()), dispatch.label());
    }
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void twoJobsInARowRunOnTheSameNamedWorkers(Dispatch dispatch, ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 3)) {
      Duration startup = kitchen.ready().toCompletableFuture().join();
      assertTrue(startup.toNanos() > 0, startup.toString());
      List<ActorRef<PrimeWorker.Command>> before = workers(kitchen);
      assertEquals(List.of("worker-1", "worker-2", "worker-3"),
          before.stream().map(w -> w.path().name()).toList());
      for (int job = 0; job < 2; job++) {
        long[] numbers = PrimeKitchenTest.randomNumbers(600, 40 + job);
        Recorder sink = new Recorder();
        JobResult r = await(kitchen.start(spec(Job.FACTOR, dispatch, 3, 20, 12, 3, TIMEOUT),
            new ArraySource(numbers), sink, ProgressListener.NONE));
        assertEquals(Recorder.expected(Job.FACTOR, numbers), sink.lines());
        // Push goes through the router, pull straight to the workers: either way, the workers are named alike.
        Set<String> names = r.workers().stream().map(JobResult.WorkerStats::name).collect(Collectors.toSet());
        assertEquals(Set.of("worker-1", "worker-2", "worker-3"), names, dispatch.label());
      }
      assertEquals(before, workers(kitchen), "the same worker refs serve every job");
    }
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void aCancelledJobAndAWorkerThatThrewLeaveTheNextJobCompleteAndCorrect(Dispatch dispatch, ActorTestKit kit)
      throws Exception {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      // Job 1: every batch's first delivery throws (the workers restart), and the job is cancelled mid-way.
      NumberSource endless = ArraySource.endless(1_000_000_000L); // only cancel can stop this job
      CountDownLatch going = new CountDownLatch(1);
      JobRun first = kitchen.start(spec(Job.FACTOR, dispatch, 2, 50, 8, 3, TIMEOUT), endless, new Recorder(),
          n -> going.countDown(), FaultPlan.failFirst(1));
      assertTrue(going.await(60, TimeUnit.SECONDS), "job 1 wrote nothing");
      first.cancel();
      JobResult r1 = await(first);
      assertTrue(r1.interrupted());
      assertTrue(r1.retries() > 0, "job 1's faults were injected");

      // Job 2, on the same workers: complete, correct, no faults of job 1's.
      long[] numbers = PrimeKitchenTest.randomNumbers(2_000, 77);
      Recorder sink = new Recorder();
      JobResult r2 = await(kitchen.start(spec(Job.FACTOR, dispatch, 2, 50, 8, 3, TIMEOUT),
          new ArraySource(numbers), sink, ProgressListener.NONE));
      assertFalse(r2.interrupted());
      assertEquals(0, r2.retries());
      assertEquals(0, r2.numbersFailed());
      assertEquals(Recorder.expected(Job.FACTOR, numbers), sink.lines());
      assertInOrderOnce(sink, numbers.length);
    }
  }

  private static ActorRef<JobCoordinator.Command> coordinatorOf(JobRun run) {
    return ((PrimeKitchen.Run) run).coordinator();
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void jobsOneAfterAnotherReuseOneCoordinatorAndAJobThatRetriedRetiresIt(Dispatch dispatch, ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      kitchen.ready().toCompletableFuture().join();
      JobSpec spec = spec(Job.FACTOR, dispatch, 2, 25, 8, 3, TIMEOUT);
      long[] numbers = PrimeKitchenTest.randomNumbers(500, 9);
      JobRun first = kitchen.start(spec, new ArraySource(numbers), new Recorder(), ProgressListener.NONE);
      await(first);
      Recorder sink = new Recorder();
      JobRun second = kitchen.start(spec, new ArraySource(numbers), sink, ProgressListener.NONE);
      await(second);
      assertEquals(coordinatorOf(first), coordinatorOf(second), "a clean job frees its coordinator for the next");
      assertEquals(Recorder.expected(Job.FACTOR, numbers), sink.lines());

      // A job with re-sends may still get a late reply: its coordinator is retired, never handed the next job.
      JobRun faulty = kitchen.start(spec, new ArraySource(numbers), new Recorder(), ProgressListener.NONE,
          FaultPlan.failFirst(1));
      assertEquals(coordinatorOf(second), coordinatorOf(faulty));
      assertTrue(await(faulty).retries() > 0);
      kit.createTestProbe().expectTerminated(coordinatorOf(faulty));
      Recorder after = new Recorder();
      JobRun next = kitchen.start(spec, new ArraySource(numbers), after, ProgressListener.NONE);
      JobResult r = await(next);
      assertFalse(coordinatorOf(next).equals(coordinatorOf(faulty)), "a new coordinator");
      assertEquals(0, r.retries());
      assertEquals(Recorder.expected(Job.FACTOR, numbers), after.lines());

      // A cancel meant for a finished job does not reach the job its coordinator serves now.
      Recorder last = new Recorder();
      JobRun later = kitchen.start(spec, new ArraySource(numbers), last, ProgressListener.NONE);
      assertEquals(coordinatorOf(next), coordinatorOf(later));
      next.cancel();
      assertFalse(await(later).interrupted());
      assertEquals(Recorder.expected(Job.FACTOR, numbers), last.lines());

      // A job started while another runs gets a coordinator of its own.
      JobRun endless = kitchen.start(spec, ArraySource.endless(1_000_000_000L), new Recorder(), ProgressListener.NONE);
      JobRun meanwhile = kitchen.start(spec, new ArraySource(numbers), new Recorder(), ProgressListener.NONE);
      assertFalse(coordinatorOf(endless).equals(coordinatorOf(meanwhile)));
      await(meanwhile);
      endless.cancel();
      assertTrue(await(endless).interrupted());
    }
  }

  @Test
  void aReadyKitchenAnswersReadyAndWorkersAtOnceOnTheCallersThread(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      kitchen.ready().toCompletableFuture().join();
      // The bench asks before every timed run: no hop to another thread (Akka's ask stage would run even a
      // completed stage's thenApply asynchronously, so these would not be done yet).
      for (int i = 0; i < 20; i++) {
        assertTrue(kitchen.ready().toCompletableFuture().isDone(), "ready() " + i);
        assertTrue(kitchen.workers().toCompletableFuture().isDone(), "workers() " + i);
      }
      assertEquals(2, workers(kitchen).size());
    }
  }

  @Test
  void jobsRunAtTheSameTimeShareTheWorkers(ActorTestKit kit) {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      long[] a = PrimeKitchenTest.randomNumbers(1_500, 5);
      long[] b = PrimeKitchenTest.randomNumbers(1_500, 6);
      Recorder sinkA = new Recorder();
      Recorder sinkB = new Recorder();
      JobRun runA = kitchen.start(spec(Job.CHECK, Dispatch.PUSH, 2, 30, 8, 3, TIMEOUT), new ArraySource(a), sinkA,
          ProgressListener.NONE);
      JobRun runB = kitchen.start(spec(Job.CHECK, Dispatch.PULL, 2, 30, 8, 3, TIMEOUT), new ArraySource(b), sinkB,
          ProgressListener.NONE);
      await(runA);
      await(runB);
      assertEquals(Recorder.expected(Job.CHECK, a), sinkA.lines());
      assertEquals(Recorder.expected(Job.CHECK, b), sinkB.lines());
    }
  }

  @Test
  void aJobOnAClosedKitchenFailsAndAJobOfAnotherSizeIsRefused(ActorTestKit kit) {
    PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kitchen.start(
        spec(Job.CHECK, Dispatch.PUSH, 3, 10, 8, 3, TIMEOUT), ArraySource.range(1, 10), new Recorder(),
        ProgressListener.NONE));
    assertEquals("this kitchen has 2 workers; the job asks for 3", e.getMessage());
    kitchen.ready().toCompletableFuture().join();
    List<ActorRef<PrimeWorker.Command>> ws = workers(kitchen);
    JobRun done = kitchen.start(spec(Job.CHECK, Dispatch.PULL, 2, 10, 8, 3, TIMEOUT), ArraySource.range(1, 10),
        new Recorder(), ProgressListener.NONE);
    await(done); // its coordinator is now free
    kitchen.close();
    TestProbe<Object> probe = kit.createTestProbe();
    for (ActorRef<PrimeWorker.Command> w : ws) probe.expectTerminated(w);
    probe.expectTerminated(coordinatorOf(done)); // a closed kitchen's free coordinators stop with it
    JobRun run = kitchen.start(spec(Job.CHECK, Dispatch.PULL, 2, 10, 8, 3, TIMEOUT), ArraySource.range(1, 10),
        new Recorder(), ProgressListener.NONE);
    java.util.concurrent.CompletionException failed = assertThrows(java.util.concurrent.CompletionException.class,
        () -> run.result().toCompletableFuture().join());
    assertTrue(failed.getCause().getMessage().contains("closed"), failed.getCause().getMessage());
  }
}
