package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Adapter;
import akka.testkit.ExplicitlyTriggeredScheduler;
import brigade.restaurant.RestaurantEvent.Overworked;
import brigade.restaurant.RestaurantEvent.Retired;
import brigade.restaurant.RestaurantEvent.StaffFailed;
import brigade.restaurant.Staff.Command;
import brigade.restaurant.Staff.Done;
import brigade.restaurant.Staff.Ready;
import brigade.restaurant.Staff.Role;
import brigade.restaurant.Staff.State;
import brigade.restaurant.Staff.Task;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Each staff actor alone, against probes, on ManualTime: timers fire only when the test says so. */
@BrigadeTestKit(manualTime = true)
class StaffTest {
  static final Duration TASK = Duration.ofSeconds(3);
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration NEVER = Duration.ofDays(1);

  /** The run's clock on ManualTime: nanoseconds of the manual scheduler's time. */
  static LongSupplier manualClock(ActorTestKit kit) {
    ExplicitlyTriggeredScheduler s = (ExplicitlyTriggeredScheduler) Adapter.toClassic(kit.system()).scheduler();
    return () -> s.currentTimeMs() * 1_000_000L;
  }

  static Staff.Options options(ActorTestKit kit, Faults faults) {
    return new Staff.Options(faults, true, manualClock(kit));
  }

  /** A probe standing in for the restaurant: the boss hears everything (Ready, Done, events). */
  record Probes(TestProbe<Staff.Report> boss, TestProbe<State> state, LongSupplier clock) {
    static Probes of(ActorTestKit kit) {
      return new Probes(kit.createTestProbe(), kit.createTestProbe(), manualClock(kit));
    }

    /** Round trip: when it returns, every message sent to the actor before it has been handled. */
    State stateOf(ActorRef<Command> staff) {
      staff.tell(new Staff.Query(state.ref()));
      return state.receiveMessage();
    }

    /** A task ready now (on the manual clock). */
    Task taskNow(long orderId) {
      return new Task(orderId, clock.getAsLong());
    }
  }

  private Behavior<Command> create(Role role, String name, Duration task, Duration interval, Staff.Options options,
      Probes p) {
    return switch (role) {
      case WORKER -> Worker.create(name, task, interval, options, p.boss().ref());
      case DELIVERY -> Delivery.create(name, task, options, p.boss().ref());
      case RETRIEVAL -> DishRetrieval.create(name, task, options, p.boss().ref());
    };
  }

  @Test
  void eachStaffActorDoesItsTaskRepliesAndRetiresOnStop(ActorTestKit kit, ManualTime time) {
    for (Role role : Role.values()) {
      Probes p = Probes.of(kit);
      String name = role.label() + "-alone";
      ActorRef<Command> staff = kit.spawn(create(role, name, TASK, NEVER, options(kit, Faults.NONE), p), name);
      assertEquals(new Ready(name, role, staff, 0), p.boss().receiveMessage());

      long readyAt = p.clock().getAsLong();
      staff.tell(new Task(7, readyAt));
      assertEquals(7L, p.stateOf(staff).inHand());
      time.timePasses(TASK.minusMillis(1));
      p.boss().expectNoMessage(Duration.ofMillis(50)); // not before its time
      time.timePasses(Duration.ofMillis(1));
      // Done says when, on the run's timeline: ready + the task time.
      assertEquals(new Done(name, role, staff, 7, readyAt + TASK.toNanos()), p.boss().receiveMessage());

      staff.tell(Staff.Stop.INSTANCE);
      assertEquals(new Retired(name, role, 1, 0), p.boss().receiveMessage());
      p.boss().expectTerminated(staff);
    }
  }

  @Test
  void stopWhileBusyFinishesTheWorkInHandFirst(ActorTestKit kit, ManualTime time) {
    for (Role role : Role.values()) {
      Probes p = Probes.of(kit);
      String name = role.label() + "-busy";
      ActorRef<Command> staff = kit.spawn(create(role, name, TASK, NEVER, options(kit, Faults.NONE), p), name);
      p.boss().receiveMessage();
      staff.tell(p.taskNow(1));
      staff.tell(p.taskNow(2));
      staff.tell(Staff.Stop.INSTANCE);
      State s = p.stateOf(staff);
      assertEquals(1L, s.inHand());
      assertEquals(1, s.queued());
      assertTrue(s.stopping());
      p.boss().expectNoMessage(Duration.ofMillis(50)); // not retired yet: work in hand

      time.timePasses(TASK);
      assertEquals(1, p.boss().expectMessageClass(Done.class).orderId());
      assertEquals(1L + 1, p.stateOf(staff).inHand());
      time.timePasses(TASK);
      assertEquals(2, p.boss().expectMessageClass(Done.class).orderId());
      assertEquals(new Retired(name, role, 2, 0), p.boss().receiveMessage());
      p.boss().expectTerminated(staff);
    }
  }

  @Test
  void workerAnnouncesOverworkEveryIntervalUntilStopThenRetires(ActorTestKit kit, ManualTime time) {
    Probes p = Probes.of(kit);
    ActorRef<Command> worker = kit.spawn(create(Role.WORKER, "overworker", TASK, INTERVAL, options(kit, Faults.NONE), p));
    p.boss().receiveMessage(); // started: its shift timer is running
    int n = 5;
    for (int i = 1; i <= n; i++) {
      time.timePasses(INTERVAL);
      assertEquals(new Overworked("overworker", i), p.boss().receiveMessage());
    }
    worker.tell(Staff.Stop.INSTANCE);
    assertEquals(new Retired("overworker", Role.WORKER, 0, 0), p.boss().receiveMessage());
    p.boss().expectTerminated(worker);
    time.timePasses(INTERVAL.multipliedBy(3));
    p.boss().expectNoMessage(Duration.ofMillis(50)); // the loop really ended
  }

  @Test
  void anIntervalShorterThanATickIsCountedNotRoundedUp(ActorTestKit kit, ManualTime time) {
    // 1 s of work-interval at time-scale 0.001 is 1 ms: ten intervals per 10 ms tick, each one counted.
    Probes p = Probes.of(kit);
    kit.spawn(create(Role.WORKER, "quick", TASK, Duration.ofMillis(1), options(kit, Faults.NONE), p));
    p.boss().receiveMessage();
    time.timePasses(Duration.ofMillis(10));
    assertEquals(new Overworked("quick", 10), p.boss().receiveMessage());
    time.timePasses(Duration.ofMillis(10));
    assertEquals(new Overworked("quick", 20), p.boss().receiveMessage());
  }

  @Test
  void theTimerRequestedIsTheScaledTaskTimeToTheNanosecond(ActorTestKit kit, ManualTime time) {
    // cook-time 300 ms at time-scale 0.001: 300 us, neither truncated to 0 ms nor rounded up to a tick.
    RestaurantSettings s = RestaurantTest.settings("time-scale = 0.001");
    Duration cook = s.scaled(s.cookTime());
    assertEquals(Duration.ofNanos(300_000), cook);
    Probes p = Probes.of(kit);
    ActorRef<Command> worker = kit.spawn(create(Role.WORKER, "precise", cook, NEVER, options(kit, Faults.NONE), p));
    p.boss().receiveMessage();
    long readyAt = p.clock().getAsLong();
    worker.tell(new Task(1, readyAt));
    assertEquals(300_000, p.stateOf(worker).lastTimerNanos());
    p.boss().expectNoMessage(Duration.ofMillis(50));
    time.timePasses(Duration.ofMillis(1)); // the manual scheduler counts whole ms
    assertEquals(readyAt + 300_000, p.boss().expectMessageClass(Done.class).at(), "done at ready + 300 us exactly");

    // 3 ms at 0.01: not at 2 ms, at 3 ms.
    Duration threeMs = RestaurantTest.settings("time-scale = 0.01").scaled(Duration.ofMillis(300));
    ActorRef<Command> second = kit.spawn(create(Role.DELIVERY, "precise-2", threeMs, NEVER, options(kit, Faults.NONE), p));
    p.boss().expectMessageClass(Ready.class);
    second.tell(p.taskNow(2));
    assertEquals(3_000_000, p.stateOf(second).lastTimerNanos());
    time.timePasses(Duration.ofMillis(2));
    p.boss().expectNoMessage(Duration.ofMillis(50));
    time.timePasses(Duration.ofMillis(1));
    assertEquals(2, p.boss().expectMessageClass(Done.class).orderId());
  }

  @Test
  void aTaskAlreadyDueOnTheTimelineIsDoneAtOnceAndTheNextStartsWhenItEnded(ActorTestKit kit, ManualTime time) {
    // A timer that fired a tick late must not delay later steps: the run catches up on its timeline.
    time.timePasses(Duration.ofSeconds(60));
    Probes p = Probes.of(kit);
    ActorRef<Command> staff = kit.spawn(create(Role.DELIVERY, "late", TASK, NEVER, options(kit, Faults.NONE), p));
    p.boss().receiveMessage();
    long now = p.clock().getAsLong();
    long readyAt = now - Duration.ofSeconds(10).toNanos(); // 10 s ago on the timeline
    staff.tell(new Task(1, readyAt));
    staff.tell(new Task(2, readyAt));
    staff.tell(new Task(3, readyAt));
    // Tasks 1-3 end at ready + 3, 6, 9 s: all in the past, done without any time passing.
    assertEquals(new Done("late", Role.DELIVERY, staff, 1, readyAt + TASK.toNanos()), p.boss().receiveMessage());
    assertEquals(new Done("late", Role.DELIVERY, staff, 2, readyAt + 2 * TASK.toNanos()), p.boss().receiveMessage());
    assertEquals(new Done("late", Role.DELIVERY, staff, 3, readyAt + 3 * TASK.toNanos()), p.boss().receiveMessage());
    // Task 4 starts when task 3 ended (1 s ago): its timer is the 2 s left, not 3 s.
    staff.tell(new Task(4, readyAt));
    assertEquals(TASK.toNanos() - Duration.ofSeconds(1).toNanos(), p.stateOf(staff).lastTimerNanos());
  }

  @Test
  void aStaffActorThatThrowsIsRestartedAndSaysSoSoItsOrderCanBeResent(ActorTestKit kit, ManualTime time) {
    for (Role role : Role.values()) {
      Probes p = Probes.of(kit);
      String name = role.label() + "-clumsy";
      Staff.Options failsOnce = options(kit, Faults.failFirst(1));
      ActorRef<Command> staff = kit.spawn(create(role, name, TASK, NEVER, failsOnce, p), name);
      assertEquals(0, p.boss().expectMessageClass(Ready.class).restarts());

      staff.tell(p.taskNow(42));
      p.stateOf(staff);
      time.timePasses(TASK);
      StaffFailed failed = p.boss().expectMessageClass(StaffFailed.class);
      assertEquals(42, failed.orderId());
      // Restarted: a fresh Ready with restarts = 1 tells the boss the order in hand was lost, and no Done came.
      assertEquals(new Ready(name, role, staff, 1), p.boss().receiveMessage());
      p.boss().expectNoMessage(Duration.ofMillis(50));
      assertNull(p.stateOf(staff).inHand());

      staff.tell(p.taskNow(42)); // what the restaurant does: send it again
      p.stateOf(staff);
      time.timePasses(TASK);
      assertEquals(42, p.boss().expectMessageClass(Done.class).orderId());
      staff.tell(Staff.Stop.INSTANCE);
      assertEquals(new Retired(name, role, 1, 1), p.boss().receiveMessage()); // counts survive the restart
      p.boss().expectTerminated(staff);
    }
  }

  @Test
  void aRestartedWorkerGoesBackOnShift(ActorTestKit kit, ManualTime time) {
    Probes p = Probes.of(kit);
    ActorRef<Command> worker = kit.spawn(Worker.create("phoenix", TASK, Duration.ofSeconds(10),
        options(kit, Faults.failFirst(1)), p.boss().ref()));
    p.boss().receiveMessage();
    worker.tell(p.taskNow(1));
    p.stateOf(worker);
    time.timePasses(TASK);
    p.boss().expectMessageClass(StaffFailed.class);
    p.boss().expectMessageClass(Ready.class); // Ready after restart: the new incarnation has its own timer
    time.timePasses(Duration.ofSeconds(10));
    assertEquals(new Overworked("phoenix", 1), p.boss().receiveMessage());
  }

  @Test
  void ordersSentTogetherToAZeroTimeStepAreReportedTogetherInOrder(ActorTestKit kit) {
    Probes p = Probes.of(kit);
    ActorRef<Command> staff = kit.spawn(create(Role.DELIVERY, "swift", Duration.ZERO, NEVER,
        options(kit, Faults.NONE), p));
    p.boss().expectMessageClass(Ready.class);
    staff.tell(new Staff.TaskBatch(new long[] {4, 5, 6}, new long[] {100, 100, 300}));
    Staff.DoneBatch done = p.boss().expectMessageClass(Staff.DoneBatch.class);
    assertEquals(java.util.List.of(4L, 5L, 6L), java.util.Arrays.stream(done.orderIds()).boxed().toList());
    assertEquals(java.util.List.of(100L, 100L, 300L), java.util.Arrays.stream(done.at()).boxed().toList(),
        "a step of no time ends when it was ready");
    staff.tell(new Task(7, 400));
    assertEquals(new Done("swift", Role.DELIVERY, staff, 7, 400), p.boss().receiveMessage(), "one order: one Done");
  }
}
