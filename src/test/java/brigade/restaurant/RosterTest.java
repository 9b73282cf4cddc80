package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RosterTest {
  @Test
  void assignsOldestOrdersToIdleMembersOneEach() {
    Roster<String> r = new Roster<>();
    r.submit(1);
    r.submit(2);
    r.submit(3);
    assertTrue(r.assign().isEmpty(), "nobody on shift yet");
    r.join("a");
    r.join("b");
    assertEquals(List.of(new Roster.Assignment<>("a", 1), new Roster.Assignment<>("b", 2)), r.assign());
    assertTrue(r.assign().isEmpty(), "both busy");
    assertEquals(1, r.waitingCount());
    assertEquals(2, r.busyCount());
    assertTrue(r.done("a", 1));
    assertEquals(List.of(new Roster.Assignment<>("a", 3)), r.assign());
  }

  @Test
  void aRestartedMemberGivesBackWhatItHeldToTheFrontOfTheQueue() {
    Roster<String> r = new Roster<>();
    r.join("a");
    r.submit(1);
    r.submit(2);
    r.assign();
    List<Long> lost = r.restarted("a");
    assertEquals(List.of(1L), lost);
    r.resubmit(lost.get(0));
    assertEquals(List.of(new Roster.Assignment<>("a", 1)), r.assign(), "the lost order first");
    assertTrue(r.restarted("b").isEmpty(), "a restart with nothing in hand loses nothing");
  }

  @Test
  void aMemberThatLeavesHandsBackItsOrderAndIsNoLongerAssigned() {
    Roster<String> r = new Roster<>();
    r.join("a");
    r.submit(5);
    r.assign();
    assertEquals(List.of(5L), r.leave("a"));
    assertFalse(r.isMember("a"));
    assertFalse(r.hasMembers());
    r.submit(6);
    assertTrue(r.assign().isEmpty());
    assertEquals(List.of(6L), r.drainWaiting());
    assertEquals(0, r.waitingCount());
  }

  @Test
  void doneFromAMemberHoldingNothingOrAnotherOrderIsRefused() {
    Roster<String> r = new Roster<>();
    r.join("a");
    assertFalse(r.done("a", 1));
    r.submit(1);
    r.assign();
    assertFalse(r.done("a", 2), "not the order it holds");
    assertFalse(r.done("b", 1), "not a member");
    assertTrue(r.done("a", 1));
  }

  @Test
  void withADepthMembersHoldSeveralOrdersRoundRobinAndGiveThemAllBack() {
    Roster<String> r = new Roster<>(2);
    r.join("a");
    r.join("b");
    for (long id = 1; id <= 5; id++) r.submit(id);
    assertEquals(List.of(new Roster.Assignment<>("a", 1), new Roster.Assignment<>("b", 2),
        new Roster.Assignment<>("a", 3), new Roster.Assignment<>("b", 4)), r.assign());
    assertEquals(1, r.waitingCount(), "each holds its 2: order 5 waits");
    assertFalse(r.done("a", 3), "members work in order: 1 comes first");
    assertTrue(r.done("a", 1));
    assertEquals(List.of(new Roster.Assignment<>("a", 5)), r.assign());
    assertEquals(List.of(3L, 5L), r.restarted("a"), "a restart loses all it held, oldest first");
    assertEquals(List.of(2L, 4L), r.leave("b"));
  }

  @Test
  void theQueueOfIdsGrowsPastItsFirstRingAndKeepsItsOrder() {
    Roster.LongQueue q = new Roster.LongQueue();
    for (long i = 1; i <= 100; i++) q.addLast(i);
    q.addFirst(0);
    assertEquals(101, q.size());
    for (long i = 0; i <= 100; i++) assertEquals(i, q.pollFirst());
    assertTrue(q.isEmpty());
  }
}
