package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
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
import org.junit.jupiter.api.Test;

/** Each staff actor alone, against probes, on ManualTime: timers fire only when the test says so. */
@BrigadeTestKit(manualTime = true)
class StaffTest {
  static final Duration TASK = Duration.ofSeconds(3);
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration NEVER = Duration.ofDays(1);

  /** Probes standing in for the restaurant: the boss (Ready), replies (Done), events. */
  record Probes(TestProbe<Staff.Reply> boss, TestProbe<Staff.Reply> replies, TestProbe<RestaurantEvent> events,
                TestProbe<State> state) {
    static Probes of(ActorTestKit kit) {
      return new Probes(kit.createTestProbe(), kit.createTestProbe(), kit.createTestProbe(), kit.createTestProbe());
    }

    /** Round trip: when it returns, every message sent to the actor before it has been handled. */
    State stateOf(ActorRef<Command> staff) {
      staff.tell(new Staff.Query(state.ref()));
      return state.receiveMessage();
    }
  }

  private Behavior<Command> create(Role role, String name, Duration interval, Staff.Options options, Probes p) {
    return switch (role) {
      case WORKER -> Worker.create(name, TASK, interval, options, p.boss().ref(), p.events().ref());
      case DELIVERY -> Delivery.create(name, TASK, options, p.boss().ref(), p.events().ref());
      case RETRIEVAL -> DishRetrieval.create(name, TASK, options, p.boss().ref(), p.events().ref());
    };
  }

  @Test
  void eachStaffActorDoesItsTaskRepliesAndRetiresOnStop(ActorTestKit kit, ManualTime time) {
    for (Role role : Role.values()) {
      Probes p = Probes.of(kit);
      String name = role.label() + "-alone";
      ActorRef<Command> staff = kit.spawn(create(role, name, NEVER, Staff.Options.DEFAULT, p), name);
      assertEquals(new Ready(name, role, staff, 0), p.boss().receiveMessage());

      staff.tell(new Task(7, p.replies().ref()));
      assertEquals(7L, p.stateOf(staff).inHand());
      time.timePasses(TASK.minusMillis(1));
      p.replies().expectNoMessage(Duration.ofMillis(50)); // not before its time
      time.timePasses(Duration.ofMillis(1));
      assertEquals(new Done(name, role, staff, 7), p.replies().receiveMessage());

      staff.tell(Staff.Stop.INSTANCE);
      assertEquals(new Retired(name, role, 1, 0), p.events().receiveMessage());
      p.events().expectTerminated(staff);
    }
  }

  @Test
  void stopWhileBusyFinishesTheWorkInHandFirst(ActorTestKit kit, ManualTime time) {
    for (Role role : Role.values()) {
      Probes p = Probes.of(kit);
      String name = role.label() + "-busy";
      ActorRef<Command> staff = kit.spawn(create(role, name, NEVER, Staff.Options.DEFAULT, p), name);
      p.boss().receiveMessage();
      staff.tell(new Task(1, p.replies().ref()));
      staff.tell(new Task(2, p.replies().ref()));
      staff.tell(Staff.Stop.INSTANCE);
      State s = p.stateOf(staff);
      assertEquals(1L, s.inHand());
      assertEquals(1, s.queued());
      assertTrue(s.stopping());
      p.events().expectNoMessage(Duration.ofMillis(50)); // not retired yet: work in hand

      time.timePasses(TASK);
      assertEquals(1, p.replies().expectMessageClass(Done.class).orderId());
      assertEquals(1L + 1, p.stateOf(staff).inHand());
      time.timePasses(TASK);
      assertEquals(2, p.replies().expectMessageClass(Done.class).orderId());
      assertEquals(new Retired(name, role, 2, 0), p.events().receiveMessage());
      p.events().expectTerminated(staff);
    }
  }

  @Test
  void workerAnnouncesOverworkEveryIntervalUntilStopThenRetires(ActorTestKit kit, ManualTime time) {
    Probes p = Probes.of(kit);
    ActorRef<Command> worker = kit.spawn(create(Role.WORKER, "overworker", INTERVAL, Staff.Options.DEFAULT, p));
    p.boss().receiveMessage(); // started: its shift timer is running
    int n = 5;
    for (int i = 1; i <= n; i++) {
      time.timePasses(INTERVAL);
      assertEquals(new Overworked("overworker", i), p.events().receiveMessage());
    }
    worker.tell(Staff.Stop.INSTANCE);
    assertEquals(new Retired("overworker", Role.WORKER, 0, 0), p.events().receiveMessage());
    p.events().expectTerminated(worker);
    time.timePasses(INTERVAL.multipliedBy(3));
    p.events().expectNoMessage(Duration.ofMillis(50)); // the loop really ended
  }

  @Test
  void aStaffActorThatThrowsIsRestartedAndSaysSoSoItsOrderCanBeResent(ActorTestKit kit, ManualTime time) {
    for (Role role : Role.values()) {
      Probes p = Probes.of(kit);
      String name = role.label() + "-clumsy";
      Staff.Options failsOnce = new Staff.Options(Faults.failFirst(1), true);
      ActorRef<Command> staff = kit.spawn(create(role, name, NEVER, failsOnce, p), name);
      assertEquals(0, p.boss().expectMessageClass(Ready.class).restarts());

      staff.tell(new Task(42, p.replies().ref()));
      p.stateOf(staff);
      time.timePasses(TASK);
      StaffFailed failed = p.events().expectMessageClass(StaffFailed.class);
      assertEquals(42, failed.orderId());
      // Restarted: a fresh Ready with restarts = 1 tells the boss the order in hand was lost, and no Done came.
      assertEquals(new Ready(name, role, staff, 1), p.boss().receiveMessage());
      p.replies().expectNoMessage(Duration.ofMillis(50));
      assertNull(p.stateOf(staff).inHand());

      staff.tell(new Task(42, p.replies().ref())); // what the restaurant does: send it again
      p.stateOf(staff);
      time.timePasses(TASK);
      assertEquals(new Done(name, role, staff, 42), p.replies().receiveMessage());
      staff.tell(Staff.Stop.INSTANCE);
      assertEquals(new Retired(name, role, 1, 1), p.events().receiveMessage()); // counts survive the restart
      p.events().expectTerminated(staff);
    }
  }

  @Test
  void aRestartedWorkerGoesBackOnShift(ActorTestKit kit, ManualTime time) {
    Probes p = Probes.of(kit);
    Staff.Options failsOnce = new Staff.Options(Faults.failFirst(1), true);
    ActorRef<Command> worker = kit.spawn(Worker.create("phoenix", TASK, Duration.ofSeconds(10), failsOnce,
        p.boss().ref(), p.events().ref()));
    p.boss().receiveMessage();
    worker.tell(new Task(1, p.replies().ref()));
    p.stateOf(worker);
    time.timePasses(TASK);
    p.events().expectMessageClass(StaffFailed.class);
    p.boss().receiveMessage(); // Ready after restart: the new incarnation has its own timer
    time.timePasses(Duration.ofSeconds(10));
    assertEquals(new Overworked("phoenix", 1), p.events().receiveMessage());
  }
}
