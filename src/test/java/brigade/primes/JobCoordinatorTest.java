package brigade.primes;

import static brigade.primes.Jobs.assertBalanced;
import static brigade.primes.Jobs.assertInOrderOnce;
import static brigade.primes.Jobs.await;
import static brigade.primes.Jobs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.primes.FakeWorkers.Delivery;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The coordinator against stand-in workers the test drives by hand ({@link FakeWorkers}): replies out of order,
 * failures, duplicates, workers leaving and joining, the window, cancel. Timeouts are in
 * {@link JobCoordinatorTimeoutTest} (on ManualTime).
 */
@BrigadeTestKit(config = "akka.actor.testkit.typed.single-expect-default = 20s")
class JobCoordinatorTest {
  private static final Duration NEVER = Duration.ofHours(1);

  @Test
  void resultsReachTheSinkInInputOrderWhateverOrderRepliesComeIn(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(1_000_000, 61);
    Recorder sink = new Recorder();
    List<Long> progress = Collections.synchronizedList(new ArrayList<>());
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.FACTOR, Dispatch.PULL, 1, 3, 100, 0, NEVER),
        input, sink, progress::add, fw.source(1));
    fw.connected().add("a", "b", "c");

    // 21 batches, 3 workers with 2 credits each: 6 out at a time. Each round answers a shuffled part of them
    // and holds the oldest back for a while, so the reorder buffer has to wait for it.
    int batches = 21;
    int finished = 0;
    Random random = new Random(7);
    List<Delivery> out = new ArrayList<>();
    for (int round = 0; finished < batches; round++) {
      while (out.size() < Math.min(6, batches - finished)) out.add(fw.next());
      out.sort(Comparator.comparingLong(Delivery::id));
      List<Delivery> answer = new ArrayList<>(round % 3 == 2 || out.size() == 1 ? out : out.subList(1, out.size()));
      Collections.shuffle(answer, random);
      for (Delivery d : answer) d.answer();
      out.removeAll(answer);
      finished += answer.size();
    }

    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.FACTOR, input.numbers()), sink.lines());
    assertInOrderOnce(sink, 61);
    assertEquals(61, r.numbersIn());
    assertEquals(61, r.numbersAnswered());
    assertEquals(21, r.batches());
    assertEquals(0, r.retries());
    assertFalse(r.interrupted());
    assertEquals(sink.rows.stream().filter(Recorder.Row::prime).count(), r.primes());
    assertEquals(sink.rows.stream().mapToLong(row -> row.factors().length).sum(), r.factors());
    assertEquals(3, r.workers().size());
    assertEquals(61, r.workers().stream().mapToLong(JobResult.WorkerStats::numbers).sum());
    assertEquals(61L, progress.get(progress.size() - 1));
    for (int i = 1; i < progress.size(); i++) assertTrue(progress.get(i) > progress.get(i - 1), "progress grows");
  }

  @Test
  void aBatchThatKeepsFailingIsReportedAndTheJobCompletesWithEverythingElse(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = new ArraySource(10, 11, 12, 13, 14, 15);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 2, 100, 2, NEVER),
        input, sink, ProgressListener.NONE, fw.source(1));
    fw.connected().add("a");

    Delivery first = fw.next();
    Delivery second = fw.next();
    assertEquals(0, first.id());
    assertEquals(1, second.id());
    first.fail("boom 1");
    Delivery retry1 = fw.next();
    assertEquals(0, retry1.id(), "a failed batch is re-sent first");
    second.answer();
    Delivery third = fw.next();
    assertEquals(2, third.id());
    retry1.fail("boom 2");
    Delivery retry2 = fw.next();
    assertEquals(0, retry2.id());
    third.answer();
    retry2.fail("boom 3"); // third failure > maxRetries = 2: given up

    JobResult r = await(run);
    assertEquals(6, r.numbersIn());
    assertEquals(4, r.numbersAnswered());
    assertEquals(2, r.numbersFailed());
    assertEquals(2, r.retries());
    assertEquals(2, r.batches());
    assertEquals(1, r.failedBatches().size());
    JobResult.FailedBatch failed = r.failedBatches().get(0);
    assertEquals(0, failed.firstIndex());
    assertEquals(List.of(10L, 11L), List.of(failed.numbers()[0], failed.numbers()[1]));
    assertEquals("boom 3", failed.error());
    assertEquals("boom 3", sink.failures.get(0).error());
    assertInOrderOnce(sink, 6);
    assertEquals(List.of("2:12:false:[]", "3:13:true:[]", "4:14:false:[]", "5:15:false:[]"), sink.lines());
    assertBalanced(r);
    fw.expectNothing();
  }

  @Test
  void aLateDuplicateReplyIsCountedOnce(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(100, 4);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.FACTOR, Dispatch.PULL, 1, 2, 100, 3, NEVER),
        input, sink, ProgressListener.NONE, fw.source(1));
    fw.connected().add("a");
    Delivery d0 = fw.next();
    Delivery d1 = fw.next();
    d1.answer();
    d1.answer(); // duplicate
    d1.answer();
    d0.answer();
    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.FACTOR, input.numbers()), sink.lines());
    assertEquals(4, r.numbersAnswered());
    assertEquals(2, r.batches());
    assertEquals(4, r.workers().get(0).numbers());
    assertBalanced(r);
  }

  @Test
  void aWorkerThatLeavesHasItsBatchesResentAndNothingIsLost(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(7_000, 8);
    Recorder sink = new Recorder();
    List<String> lost = Collections.synchronizedList(new ArrayList<>());
    ProgressListener listener = new ProgressListener() {
      @Override
      public void answered(long numbersAnswered) {}

      @Override
      public void workerLost(String workerName, String node, int batchesResent) {
        lost.add(workerName + "@" + node + ":" + batchesResent);
      }
    };
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 2, 100, 0, NEVER),
        input, sink, listener, fw.source(1));
    List<ActorRef<PrimeWorker.Command>> ab = fw.connected().add("a", "b");
    ActorRef<PrimeWorker.Command> a = ab.get(0);
    ActorRef<PrimeWorker.Command> b = ab.get(1);
    List<Delivery> first = fw.next(4);
    List<Delivery> ofB = first.stream().filter(d -> d.worker().equals(b)).toList();
    List<Delivery> ofA = first.stream().filter(d -> d.worker().equals(a)).toList();
    assertEquals(2, ofA.size());
    assertEquals(2, ofB.size());

    fw.remove(a); // a leaves with two batches: they wait for b's credit
    fw.expectNothing();
    for (Delivery d : ofB) d.answer();
    List<Delivery> resent = fw.next(2);
    assertTrue(resent.stream().allMatch(d -> d.worker().equals(b)));
    assertEquals(ofA.stream().map(Delivery::id).sorted().toList(), resent.stream().map(Delivery::id).sorted().toList());
    for (Delivery d : resent) d.answer();

    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.CHECK, input.numbers()), sink.lines());
    assertEquals(8, r.numbersAnswered());
    assertEquals(2, r.retries(), "the leaver's batches were re-sent");
    assertEquals(0, r.numbersFailed(), "re-sends after a leave do not use up retries (maxRetries = 0 here)");
    assertEquals(1, r.workers().size());
    assertEquals(b.path().name(), r.workers().get(0).name());
    assertEquals(List.of(a.path().name() + "@local:2"), lost);
  }

  @Test
  void aWorkerThatTerminatesHasItsBatchesResentAndAStaleListingDoesNotBringItBack(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(50, 30);
    Recorder sink = new Recorder();
    TestProbe<String> lost = kit.createTestProbe();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void answered(long numbersAnswered) {}

      @Override
      public void workerLost(String workerName, String node, int batchesResent) {
        lost.ref().tell(workerName + ":" + batchesResent);
      }
    };
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.FACTOR, Dispatch.PULL, 1, 3, 100, 1, NEVER),
        input, sink, listener, fw.source(1));
    List<ActorRef<PrimeWorker.Command>> ab = fw.connected().add("a", "b");
    ActorRef<PrimeWorker.Command> a = ab.get(0);
    ActorRef<PrimeWorker.Command> b = ab.get(1);
    List<Delivery> first = fw.next(4);
    List<Long> ofA = first.stream().filter(d -> d.worker().equals(a)).map(Delivery::id).sorted().toList();
    List<Delivery> out = new ArrayList<>(first.stream().filter(d -> d.worker().equals(b)).toList());
    kit.stop(a); // still in the published set, but dead: the coordinator watches it
    lost.expectMessage(a.path().name() + ":2");

    out.remove(0).answer();
    Delivery resent = fw.next(); // b's freed credit takes one of a's batches first
    assertEquals(ofA.get(0), resent.id());
    out.add(resent);
    fw.publish(); // a stale set that still names the dead worker: it must not be used again

    int answered = 1;
    while (answered < 10) {
      while (out.isEmpty()) out.add(fw.next());
      Delivery d = out.remove(0);
      assertEquals(b, d.worker());
      d.answer();
      answered++;
    }
    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.FACTOR, input.numbers()), sink.lines());
    assertEquals(30, r.numbersAnswered());
    assertEquals(2, r.retries(), "a's two batches, re-sent once each: " + r);
    assertBalanced(r);
  }

  @Test
  void dispatchWaitsForMinWorkersAndUsesWorkersThatJoinLater(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(1, 40);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 2, 100, 0, NEVER),
        input, sink, ProgressListener.NONE, fw.source(2));
    fw.connected().add("a");
    fw.expectNothing();
    assertEquals(0, input.position, "no input read before min-workers are there");
    fw.add("b");
    List<Delivery> out = new ArrayList<>(fw.next(4));
    ActorRef<PrimeWorker.Command> c = fw.add("c").get(0);
    out.addAll(fw.next(2)); // c's two credits
    assertEquals(2, out.stream().filter(d -> d.worker().equals(c)).count());
    int finished = 0;
    while (finished < 20) {
      Delivery d = out.remove(0);
      d.answer();
      finished++;
      if (finished + out.size() < 20) out.add(fw.next());
    }
    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.CHECK, input.numbers()), sink.lines());
    assertEquals(3, r.workers().size());
    assertBalanced(r);
  }

  @Test
  void cancelWhileWaitingForWorkersEndsTheJobWithNothingRead(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(1, 10);
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 2, 100, 0, NEVER),
        input, new Recorder(), ProgressListener.NONE, fw.source(3));
    fw.connected().add("a");
    run.cancel();
    JobResult r = await(run);
    assertTrue(r.interrupted());
    assertEquals(0, r.numbersIn());
    assertEquals(0, input.position);
  }

  @Test
  void noMoreThanWindowBatchesAreReadAheadOfTheOldestUnwrittenOne(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(1_000, 20);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 1, 4, 0, NEVER),
        input, sink, ProgressListener.NONE, fw.source(2));
    fw.connected().add("a", "b");
    List<Delivery> out = new ArrayList<>(fw.next(4));
    out.sort(Comparator.comparingLong(Delivery::id));
    Delivery oldest = out.remove(0);
    for (Delivery d : out) d.answer();
    fw.expectNothing(); // batches 1-3 wait in the reorder buffer behind batch 0: the window (4) is full
    assertEquals(4, input.position, "input is read only as the window allows");
    assertTrue(sink.rows.isEmpty());
    oldest.answer();
    out = new ArrayList<>(fw.next(4));
    int finished = 4;
    while (finished < 20) { // oldest first from here on: with window = credits, anything else stalls
      out.sort(Comparator.comparingLong(Delivery::id));
      out.remove(0).answer();
      finished++;
      if (finished + out.size() < 20) out.add(fw.next());
    }
    JobResult r = await(run);
    assertEquals(Recorder.expected(Job.CHECK, input.numbers()), sink.lines());
    assertEquals(20, r.batches());
  }

  @Test
  void inCompletionOrderABatchIsWrittenWhenAnsweredAndTheSetOfResultsIsInputOrders(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(1_000, 20);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(),
        spec(Job.FACTOR, Dispatch.PULL, 1, 1, 4, 0, NEVER).withOrder(ResultOrder.COMPLETION),
        input, sink, ProgressListener.NONE, fw.source(2));
    fw.connected().add("a", "b");
    List<Delivery> out = new ArrayList<>(fw.next(4));
    out.sort(Comparator.comparingLong(Delivery::id));
    Delivery oldest = out.remove(0);
    for (Delivery d : out) d.answer();
    // Nothing waits behind the oldest: the three answered batches are written and the window takes three more.
    out = new ArrayList<>(fw.next(3));
    assertEquals(3, sink.rows.size(), sink.lines().toString());
    assertFalse(sink.rows.stream().anyMatch(row -> row.index() == 0), "the unanswered oldest is not written");
    assertEquals(7, input.position);
    oldest.answer();
    int finished = 4;
    while (finished < 20) {
      Collections.shuffle(out, new Random(finished));
      out.remove(0).answer();
      finished++;
      if (finished + out.size() < 20) out.add(fw.next());
    }
    JobResult r = await(run);
    List<String> written = new ArrayList<>(sink.lines());
    assertFalse(written.equals(Recorder.expected(Job.FACTOR, input.numbers())), "written in completion order");
    Collections.sort(written);
    List<String> expected = new ArrayList<>(Recorder.expected(Job.FACTOR, input.numbers()));
    Collections.sort(expected);
    assertEquals(expected, written, "the same results, each once");
    assertEquals(20, r.numbersAnswered());
    assertBalanced(r);
  }

  @Test
  void cancelFinishesInFlightBatchesWritesThePrefixAndSendsNothingNew(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(3_000, 20);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.FACTOR, Dispatch.PULL, 1, 2, 100, 3, NEVER),
        input, sink, ProgressListener.NONE, fw.source(1));
    fw.connected().add("a", "b");
    List<Delivery> out = new ArrayList<>(fw.next(4));
    run.cancel();
    run.cancel(); // twice is harmless
    out.sort(Comparator.comparingLong(Delivery::id).reversed());
    for (Delivery d : out) d.answer();
    JobResult r = await(run);
    assertTrue(r.interrupted());
    assertEquals(8, r.numbersIn());
    assertEquals(8, r.numbersAnswered());
    assertBalanced(r);
    assertInOrderOnce(sink, 8);
    assertEquals(Recorder.expected(Job.FACTOR, input.numbers()).subList(0, 8), sink.lines());
    fw.expectNothing();
    run.cancel(); // after the end: nothing happens
  }

  @Test
  void cancelWritesOnlyTheCompletePrefixWhenABatchFailsAfterIt(ActorTestKit kit) {
    FakeWorkers fw = new FakeWorkers(kit);
    ArraySource input = ArraySource.range(3_000, 20);
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PULL, 1, 2, 100, 3, NEVER),
        input, sink, ProgressListener.NONE, fw.source(1));
    fw.connected().add("a", "b");
    List<Delivery> out = new ArrayList<>(fw.next(4));
    out.sort(Comparator.comparingLong(Delivery::id));
    run.cancel();
    out.get(1).fail("boom"); // not retried after a cancel: dropped
    out.get(3).answer();
    out.get(0).answer();
    out.get(2).answer();
    JobResult r = await(run);
    assertTrue(r.interrupted());
    assertEquals(8, r.numbersIn());
    assertEquals(2, r.numbersAnswered(), "only batch 0 is before the gap");
    assertEquals(0, r.numbersFailed());
    assertInOrderOnce(sink, 2);
    fw.expectNothing();
  }

  @Test
  void emptyInputCompletesAtOnce(ActorTestKit kit) {
    Recorder sink = new Recorder();
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PUSH, 2, 10, 8, 3, NEVER),
        new ArraySource(), sink, ProgressListener.NONE);
    JobResult r = await(run);
    assertEquals(0, r.numbersIn());
    assertEquals(0, r.batches());
    assertFalse(r.interrupted());
    assertTrue(sink.rows.isEmpty());
    TestProbe<Object> probe = kit.createTestProbe();
    probe.expectTerminated(((PrimeKitchen.Run) run).coordinator());
  }

  @Test
  void aSinkThatThrowsFailsTheResult(ActorTestKit kit) throws Exception {
    ResultSink broken = results -> {
      throw new IllegalStateException("disk full");
    };
    JobRun run = PrimeKitchen.start(kit.system(), spec(Job.CHECK, Dispatch.PUSH, 2, 10, 8, 3, NEVER),
        ArraySource.range(1, 100), broken, ProgressListener.NONE);
    CompletableFuture<JobResult> f = run.result().toCompletableFuture();
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
    assertEquals("disk full", e.getCause().getMessage());
  }
}
