package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    assertEquals(1L, r.done("a"));
    assertEquals(List.of(new Roster.Assignment<>("a", 3)), r.assign());
  }

  @Test
  void aRestartedMemberGivesBackWhatItHeldToTheFrontOfTheQueue() {
    Roster<String> r = new Roster<>();
    r.join("a");
    r.submit(1);
    r.submit(2);
    r.assign();
    Long lost = r.restarted("a");
    assertEquals(1L, lost);
    r.resubmit(lost);
    assertEquals(List.of(new Roster.Assignment<>("a", 1)), r.assign(), "the lost order first");
    assertNull(r.restarted("b"), "a restart with nothing in hand loses nothing");
  }

  @Test
  void aMemberThatLeavesHandsBackItsOrderAndIsNoLongerAssigned() {
    Roster<String> r = new Roster<>();
    r.join("a");
    r.submit(5);
    r.assign();
    assertEquals(5L, r.leave("a"));
    assertFalse(r.isMember("a"));
    assertFalse(r.hasMembers());
    r.submit(6);
    assertTrue(r.assign().isEmpty());
    assertEquals(List.of(6L), r.drainWaiting());
    assertEquals(0, r.waitingCount());
  }

  @Test
  void doneFromAMemberHoldingNothingIsNull() {
    Roster<String> r = new Roster<>();
    r.join("a");
    assertNull(r.done("a"));
  }
}
