package brigade.restaurant;

import akka.actor.typed.ActorRef;
import java.util.function.LongSupplier;

/**
 * The protocol every member of staff speaks ({@link Worker}, {@link Delivery}, {@link DishRetrieval}, all one
 * {@link StaffMember} behaviour with a different {@link Role}): the restaurant hands out {@link Task}s, each
 * answered by {@link Done}; {@link Stop} asks the actor to finish the work in hand and retire. A staff actor
 * reports to its boss on one channel ({@link Report}): {@link Ready} on every (re)start, {@link Done} per task,
 * and its events (overwork, a simulated fault, retirement). A {@code Ready} with {@code restarts > 0} tells the
 * boss that the task it gave that actor was lost in the failure, so the boss sends it again (at-least-once
 * hand-over between actors, made explicit).
 *
 * <p>Time: a task carries {@code readyAt}, the instant on the run's timeline (nanoseconds of the
 * {@link Options#clock}) when the order became ready for this step. The actor starts it then, or when its
 * previous task ends if that is later, and its {@code Done} carries the instant the step ended on that
 * timeline, not when the message happened to be read: a timer that fires a scheduler tick late delays no
 * later step, so a run's wall time stays simulated time x time-scale even when steps are shorter than a tick.
 */
public final class Staff {
  private Staff() {}

  /** The three jobs in the restaurant, with the words the event log uses for them. */
  public enum Role {
    WORKER("worker", "worker", "cook", "cooked"),
    DELIVERY("delivery", "delivery", "deliver", "delivered"),
    RETRIEVAL("dish-retrieval", "retrieval", "collect the dish of", "brought back the dish of");

    private final String label;
    private final String namePrefix;
    private final String doing;
    private final String did;

    Role(String label, String namePrefix, String doing, String did) {
      this.label = label;
      this.namePrefix = namePrefix;
      this.doing = doing;
      this.did = did;
    }

    public String label() {
      return label;
    }

    /** The n-th member's actor name, e.g. "worker-1", "retrieval-2" (n from 1). */
    public String memberName(int n) {
      return namePrefix + "-" + n;
    }

    /** The step's name on a trace: "cook", "deliver", "retrieve". */
    public String step() {
      return switch (this) {
        case WORKER -> "cook";
        case DELIVERY -> "deliver";
        case RETRIEVAL -> "retrieve";
      };
    }

    String doing() {
      return doing;
    }

    String did() {
      return did;
    }
  }

  public sealed interface Command permits Task, TaskBatch, Stop, Query, Internal {}

  /** Messages a staff actor sends itself (timers); not part of the public protocol. */
  non-sealed interface Internal extends Command {}

  /**
   * Do your job for this order, then report {@link Done} to your boss.
   *
   * @param readyAt when the order became ready for this step, in nanoseconds of the run's clock
   */
  public record Task(long orderId, long readyAt) implements Command {}

  /**
   * Several orders at once, the same as that many {@link Task}s in this order (the restaurant sends them to a role
   * whose step takes no time: one message instead of one per order).
   *
   * @param readyAt per order, as in {@link Task}
   */
  public record TaskBatch(long[] orderIds, long[] readyAt) implements Command {}

  /** Finish the work in hand, report what you did ({@link RestaurantEvent.Retired}), and stop. */
  public enum Stop implements Command {
    INSTANCE
  }

  /** What are you doing? Answered with {@link State} (for tests and observers; changes nothing). */
  public record Query(ActorRef<State> replyTo) implements Command {}

  /**
   * A staff actor's state: the order in hand (or null), tasks queued behind it, totals across restarts, and the
   * delay of the last timer it asked for (nanoseconds; 0 before any).
   */
  public record State(String name, Role role, Long inHand, int queued, int handled, int restarts, boolean stopping,
                      long lastTimerNanos) {}

  /** Everything a staff actor tells its boss: one channel. */
  public sealed interface Report
      permits Ready, Done, DoneBatch, RestaurantEvent.Overworked, RestaurantEvent.StaffFailed, RestaurantEvent.Retired {}

  /** Sent on start and after every restart; {@code restarts > 0} means any task in hand was lost. */
  public record Ready(String name, Role role, ActorRef<Command> staff, int restarts) implements Report {}

  /**
   * The task for {@code orderId} is done.
   *
   * @param at when it was done on the run's timeline (nanoseconds of the run's clock): its start plus the task time
   */
  public record Done(String name, Role role, ActorRef<Command> staff, long orderId, long at) implements Report {}

  /**
   * Several tasks done at once, in order, each as a {@link Done} would say: sent instead of separate Dones for the
   * tasks a staff actor finished in one go (steps that take no time, or were already due on the timeline).
   */
  public record DoneBatch(String name, Role role, ActorRef<Command> staff, long[] orderIds, long[] at)
      implements Report {}

  /**
   * How a staff actor behaves beyond its job: its faults, whether each order is logged at INFO, and the clock of
   * the run's timeline ({@code System::nanoTime}; a test on ManualTime passes the manual clock), and the run's trace
   * ({@link brigade.trace.Tracer#OFF} for none).
   */
  public record Options(Faults faults, boolean logOrders, LongSupplier clock, brigade.trace.Tracer tracer) {
    public static final Options DEFAULT = new Options(Faults.NONE, true);

    public Options(Faults faults, boolean logOrders) {
      this(faults, logOrders, System::nanoTime);
    }

    /** No trace. */
    public Options(Faults faults, boolean logOrders, LongSupplier clock) {
      this(faults, logOrders, clock, brigade.trace.Tracer.OFF);
    }
  }
}
