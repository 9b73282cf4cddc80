package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import brigade.restaurant.Staff.Command;
import java.time.Duration;

/**
 * Carries a cooked order, on its clean dish, to the customer's table: the {@link StaffMember} behaviour in the
 * {@link Staff.Role#DELIVERY} role, {@link Staff.Task} = deliver this order. Reports {@link Staff.Done}; obeys
 * {@link Staff.Stop} by finishing the dish in hand and retiring.
 *
 * <p>Thread lesson, mapped: {@code executor.submit(task)} to a pool of threads becomes a {@code tell} of a
 * {@link Staff.Task} to one of a pool of these actors, chosen by the restaurant among the idle ones; the
 * {@code Future} the caller would {@code get()} becomes the {@link Staff.Done} reply message.
 */
public final class Delivery {
  private Delivery() {}

  /**
   * @param deliveryTime wall time per task (already scaled; zero = at once)
   * @param boss receives every {@link Staff.Report}: Ready, Done, {@link RestaurantEvent.StaffFailed},
   *     {@link RestaurantEvent.Retired}
   */
  public static Behavior<Command> create(
      String name, Duration deliveryTime, Staff.Options options, ActorRef<Staff.Report> boss) {
    return StaffMember.create(Staff.Role.DELIVERY, name, deliveryTime, null, options, boss);
  }
}
