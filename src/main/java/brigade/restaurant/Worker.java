package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import brigade.restaurant.Staff.Command;
import java.time.Duration;

/**
 * A cook in the kitchen: the {@link StaffMember} behaviour in the {@link Staff.Role#WORKER} role. Takes
 * {@link Staff.Task}s (cook this order) and reports {@link Staff.Done}; while on shift it also does the classic
 * lesson's periodic "overwork": every {@code work-interval} it announces its work
 * ({@link RestaurantEvent.Overworked}) until it is told to {@link Staff.Stop}, then it announces that it retires
 * ({@link RestaurantEvent.Retired}).
 *
 * <p>Thread lesson, mapped: the thread that runs {@code while (!stopped) { work(); sleep(interval); }} and
 * prints "retired" after the loop becomes a <em>periodic timer</em> (the loop body runs on each tick, the
 * thread is never parked) plus a {@code Stop} <em>message</em> in place of the shared volatile flag: the
 * actor reads its mailbox in order, so there is nothing to synchronise and no flag to forget to check.
 */
public final class Worker {
  private Worker() {}

  /**
   * @param cookTime wall time to cook one order (already scaled; zero = at once)
   * @param workInterval wall time between overwork announcements (already scaled, > 0); intervals shorter than
   *     10 ms are announced several per 10 ms tick, the count still one per interval
   * @param boss receives every {@link Staff.Report}: Ready on start and after every restart, Done per order,
   *     {@link RestaurantEvent.Overworked}, {@link RestaurantEvent.StaffFailed}, {@link RestaurantEvent.Retired}
   */
  public static Behavior<Command> create(
      String name, Duration cookTime, Duration workInterval, Staff.Options options, ActorRef<Staff.Report> boss) {
    return StaffMember.create(Staff.Role.WORKER, name, cookTime, workInterval, options, boss);
  }
}
