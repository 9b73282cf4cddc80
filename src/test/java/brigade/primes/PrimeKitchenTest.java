package brigade.primes;

import static brigade.primes.Jobs.assertBalanced;
import static brigade.primes.Jobs.assertInOrderOnce;
import static brigade.primes.Jobs.await;
import static brigade.primes.Jobs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.receptionist.ServiceKey;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Whole jobs through the facade on real local pools. */
@BrigadeTestKit(config = "akka.actor.testkit.typed.single-expect-default = 20s")
class PrimeKitchenTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  static long[] randomNumbers(int count, long seed) {
    Random random = new Random(seed);
    return random.longs(count, 2, 10_000_000).toArray();
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void thePoolSizeIsHonoured(Dispatch dispatch, ActorTestKit kit) {
    JobResult r = await(PrimeKitchen.start(kit.system(), spec(Job.CHECK, dispatch, 3, 2, 12, 3, TIMEOUT),
        ArraySource.range(1_000_000, 60), new Recorder(), ProgressListener.NONE));
    Set<String> names = r.workers().stream().map(JobResult.WorkerStats::name).collect(Collectors.toSet());
    assertEquals(3, names.size(), r.workers().toString());
    assertTrue(r.workers().stream().allMatch(w -> w.node().equals("local") && w.busyNanos() > 0 && w.batches() > 0));
    assertEquals(30, r.workers().stream().mapToLong(JobResult.WorkerStats::batches).sum());
  }

  @Test
  void pushAndPullGiveTheSameResultsAsTheAlgorithmAlone(ActorTestKit kit) {
    long[] numbers = randomNumbers(3_000, 11);
    List<String> expected = Recorder.expected(Job.FACTOR, numbers);
    for (Dispatch dispatch : Dispatch.values()) {
      Recorder sink = new Recorder();
      JobResult r = await(PrimeKitchen.start(kit.system(), spec(Job.FACTOR, dispatch, 2, 64, 8, 3, TIMEOUT),
          new ArraySource(numbers), sink, ProgressListener.NONE));
      assertEquals(expected, sink.lines(), dispatch.label());
      assertEquals(3_000, r.numbersAnswered());
      assertEquals(BatchPlan.batchCount(3_000, 64), r.batches());
      // The sink gets whole batches, in order: one call per batch, each starting where the last ended.
      assertEquals(r.batches(), sink.batches.size());
      long next = 0;
      for (ResultBatch b : sink.batches) {
        assertEquals(next, b.firstIndex());
        assertEquals(Math.min(64, 3_000 - next), b.size());
        next += b.size();
      }
      assertEquals(0, r.retries());
      assertBalanced(r);
      assertFalse(r.interrupted());
      assertTrue(r.wallNanos() > 0);
    }
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void failingWorkersAreRestartedAndTheirBatchesRetried(Dispatch dispatch, ActorTestKit kit) {
    long[] numbers = randomNumbers(200, 3);
    Recorder sink = new Recorder();
    JobResult r = await(PrimeKitchen.start(kit.system(), spec(Job.CHECK, dispatch, 2, 10, 8, 3, TIMEOUT),
        new ArraySource(numbers), sink, ProgressListener.NONE, WorkerSource.localPool(FaultPlan.failFirst(2))));
    assertEquals(Recorder.expected(Job.CHECK, numbers), sink.lines());
    assertEquals(40, r.retries(), "20 batches, each failed twice");
    assertTrue(r.failedBatches().isEmpty());
    assertBalanced(r);
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void aBatchThatAlwaysFailsIsReportedWithItsNumbers(Dispatch dispatch, ActorTestKit kit) {
    long[] numbers = randomNumbers(100, 5);
    long poison = numbers[42];
    Recorder sink = new Recorder();
    JobResult r = await(PrimeKitchen.start(kit.system(), spec(Job.FACTOR, dispatch, 2, 10, 8, 2, TIMEOUT),
        new ArraySource(numbers), sink, ProgressListener.NONE, WorkerSource.localPool(FaultPlan.poison(poison))));
    assertEquals(1, r.failedBatches().size());
    JobResult.FailedBatch failed = r.failedBatches().get(0);
    assertEquals(40, failed.firstIndex());
    assertEquals(Arrays.toString(Arrays.copyOfRange(numbers, 40, 50)), Arrays.toString(failed.numbers()));
    assertTrue(failed.error().contains("injected fault"), failed.error());
    assertEquals(2, r.retries());
    assertEquals(90, r.numbersAnswered());
    assertEquals(10, r.numbersFailed());
    assertInOrderOnce(sink, 100);
    assertBalanced(r);
  }

  @Test
  void everyJobStopsItsCoordinatorAndPoolSoManyJobsLeaveNothingBehind(ActorTestKit kit) {
    TestProbe<Object> probe = kit.createTestProbe();
    for (int i = 0; i < 40; i++) {
      Dispatch dispatch = Dispatch.values()[i % 2];
      JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, dispatch, 2, 5, 8, 3, TIMEOUT),
          ArraySource.range(i * 100L, 50), new Recorder(), ProgressListener.NONE);
      assertEquals(50, await(run).numbersAnswered());
      probe.expectTerminated(((PrimeKitchen.Run) run).coordinator());
    }
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void cancelStopsAnEndlessJobAndWritesAnInOrderPrefix(Dispatch dispatch, ActorTestKit kit) {
    NumberSource endless = ArraySource.endless(1_000_000_000L); // only cancel can stop this job
    Recorder sink = new Recorder();
    java.util.concurrent.CountDownLatch going = new java.util.concurrent.CountDownLatch(1);
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.FACTOR, dispatch, 2, 50, 8, 3, TIMEOUT),
        endless, sink, n -> going.countDown());
    try {
      assertTrue(going.await(60, java.util.concurrent.TimeUnit.SECONDS), "no results written");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    run.cancel();
    JobResult r = await(run);
    assertTrue(r.interrupted());
    assertTrue(r.numbersAnswered() > 0);
    assertTrue(r.numbersAnswered() + r.numbersFailed() <= r.numbersIn());
    assertInOrderOnce(sink, r.numbersAnswered());
    assertEquals(1_000_000_000L + r.numbersAnswered() - 1, sink.rows.get(sink.rows.size() - 1).number());
  }

  @Test
  void workersOfAJobRunOnTheWorkerDispatcher(ActorTestKit kit) {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    // A sink sees batches, not threads: the replies name the thread that computed each batch.
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      TestProbe<PrimeWorker.Reply> probe = kit.createTestProbe();
      for (akka.actor.typed.ActorRef<PrimeWorker.Command> w : kitchen.workers().toCompletableFuture().join()) {
        w.tell(new PrimeWorker.Compute(1, Job.CHECK, "trial", new long[] {97}, probe.ref()));
        threads.add(probe.expectMessageClass(PrimeWorker.Computed.class).thread());
      }
    }
    assertTrue(!threads.isEmpty() && threads.stream().allMatch(t -> t.contains(PrimeWorker.DISPATCHER)),
        threads.toString());
  }

  @Test
  void workersRegisteredWithTheReceptionistRunTheJobAndLosingSomeLosesNoNumber(ActorTestKit kit) throws Exception {
    ServiceKey<PrimeWorker.Command> key = ServiceKey.create(PrimeWorker.Command.class, "prime-worker-test");
    kit.spawn(PrimeWorker.registered(2, key, FaultPlan.NONE), "team-a");
    akka.actor.typed.ActorRef<Void> teamB = kit.spawn(PrimeWorker.registered(2, key, FaultPlan.NONE), "team-b");
    long[] numbers = randomNumbers(20_000, 21);
    Recorder sink = new Recorder();
    java.util.concurrent.CountDownLatch going = new java.util.concurrent.CountDownLatch(1);
    List<String> lost = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    ProgressListener listener = new ProgressListener() {
      @Override
      public void answered(long n) {
        going.countDown();
      }

      @Override
      public void workerLost(String workerName, String node, int batchesResent) {
        lost.add(workerName);
      }
    };
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.FACTOR, Dispatch.PULL, 1, 10, 8, 0, TIMEOUT),
        new ArraySource(numbers), sink, listener, WorkerSource.receptionist(key, 4));
    assertTrue(going.await(60, java.util.concurrent.TimeUnit.SECONDS), "no results written");
    kit.stop(teamB); // two workers go away mid-job (unless the job is already done)
    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.FACTOR, numbers), sink.lines());
    assertInOrderOnce(sink, numbers.length);
    assertBalanced(r);
    assertEquals(0, r.numbersFailed(), "re-sends after a loss do not use up retries");
    assertTrue(r.workers().size() >= 2 && r.workers().size() <= 4, r.workers().toString());
    assertTrue(lost.size() <= 2, lost.toString());
  }

  @Test
  void aBadSpecIsRefusedUpFront(ActorTestKit kit) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrimeKitchen.start(kit.system(),
        spec(Job.CHECK, Dispatch.PUSH, 0, 5, 8, 3, TIMEOUT), new ArraySource(1), new Recorder(), ProgressListener.NONE));
    assertEquals("poolSize must be >= 1, was 0", e.getMessage());
  }
}
