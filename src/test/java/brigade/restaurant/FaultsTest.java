package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import brigade.restaurant.Staff.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aimed faults hit their target's given task and nothing else. */
class FaultsTest {
  /** Which of the first {@code tasks} tasks (from 1) the coin fails. */
  static List<Integer> failing(Faults faults, String name, Role role, int tasks) {
    Faults.Coin coin = faults.coin(name, role);
    List<Integer> failed = new ArrayList<>();
    for (int t = 1; t <= tasks; t++) if (coin.fails()) failed.add(t);
    return failed;
  }

  @Test
  void failOnAMemberFailsOnlyThatMembersGivenTask() {
    Faults f = Faults.failOn("worker-2", 3);
    assertEquals(List.of(3), failing(f, "worker-2", Role.WORKER, 10));
    assertEquals(List.of(), failing(f, "worker-1", Role.WORKER, 10));
    assertEquals(List.of(), failing(f, "worker-20", Role.WORKER, 10));
    assertEquals(List.of(), failing(f, "delivery-1", Role.DELIVERY, 10));
  }

  @Test
  void failOnARoleFailsEachOfItsMembersAndNoOneElse() {
    Faults f = Faults.failOn(Role.DELIVERY, 1).andFailOn("worker-1", 2);
    assertEquals(List.of(1), failing(f, "delivery-1", Role.DELIVERY, 5));
    assertEquals(List.of(1), failing(f, "delivery-2", Role.DELIVERY, 5));
    assertEquals(List.of(2), failing(f, "worker-1", Role.WORKER, 5));
    assertEquals(List.of(), failing(f, "worker-2", Role.WORKER, 5));
    assertEquals(List.of(), failing(f, "retrieval-1", Role.RETRIEVAL, 5));
  }

  @Test
  void failFirstStillFailsEveryone() {
    assertEquals(List.of(1, 2), failing(Faults.failFirst(2), "retrieval-3", Role.RETRIEVAL, 5));
  }

  @Test
  void aimedFaultsAreCheckedWhenMade() {
    assertThrows(IllegalArgumentException.class, () -> Faults.failOn("worker-1", 0));
    assertThrows(IllegalArgumentException.class, () -> Faults.failOn(" ", 1));
    assertThrows(IllegalArgumentException.class, () -> Faults.failOn(Role.WORKER, -1));
  }

  @Test
  void aRestaurantRefusesAFaultAimedAtStaffItDoesNotHire() {
    RestaurantSettings two = RestaurantSettings.defaults().withWorkers(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Restaurant.create(two, Faults.failOn("worker-3", 1), null));
    assertEquals("a fault aims at 'worker-3', whom this restaurant does not hire: its staff are worker-1..2,"
        + " delivery-1..1, retrieval-1..1", e.getMessage());
  }
}
