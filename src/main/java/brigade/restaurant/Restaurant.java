package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import brigade.restaurant.RestaurantEvent.Exit;
import brigade.restaurant.RestaurantEvent.Stage;
import brigade.restaurant.Staff.Role;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The restaurant: a supervisor actor that hires (spawns) and watches its staff, takes orders in, and moves
 * each order along: worker (cook) → a clean dish from the finite stock → delivery → the customer eats (a
 * timer here) → dish-retrieval → the dish is clean stock again. Every step is a message; every duration a
 * timer scaled by {@code time-scale}.
 *
 * <p>Thread and process lessons, mapped onto actor idioms:
 * <ul>
 *   <li>{@code new Thread(...).start()} / {@code Process.start()} → {@code context.spawn}: the staff are
 *       this actor's children;</li>
 *   <li>{@code thread.join()} / {@code process.join()} → {@code context.watch(child)} and the
 *       {@link Terminated} signal: each child's end is reported with its reason (retired after Stop,
 *       hard stop, failure);</li>
 *   <li>setting a thread's stop flag → sending {@link Staff.Stop}: the child finishes its work in hand,
 *       reports ({@link RestaurantEvent.Retired}) and stops itself;</li>
 *   <li>{@code process.terminate()} → {@code context.stop(child)} ({@link HardStop}, {@link Terminate}):
 *       immediate, reported as a hard stop; the order it held goes to a colleague or is cancelled;</li>
 *   <li>{@code executor.submit(task)} → {@code tell} of a {@link Staff.Task} to an idle member of a
 *       pool (the {@link Roster}); the {@code Future} is the {@link Staff.Done} reply;</li>
 *   <li>an uncaught exception killing a thread → supervision: the staff actor is restarted, says
 *       {@link Staff.Ready} again, and this restaurant re-sends the order it held (none is lost).</li>
 * </ul>
 *
 * <p>Closing ({@link Close}: the end of the order window, or Ctrl-C) stops taking orders, lets the orders
 * in flight finish (for at most {@code close-timeout}, after which the ones not yet served are cancelled),
 * sends Stop to all staff, waits until every child is gone, then has its {@link Summary}, which it sends to
 * everyone who asked with {@link WhenClosed}. An order is always served or counted cancelled.
 */
public final class Restaurant extends AbstractBehavior<Restaurant.Command> {

  public sealed interface Command {}

  /**
   * Close gracefully: take no more orders, let the ones in flight finish (for at most {@code within}, or
   * {@code close-timeout} when null), retire the staff, summarise.
   */
  public record Close(Duration within) implements Command {
    public Close() {
      this(null);
    }
  }

  /** Hard stop of the whole restaurant (a process's terminate()): every staff actor is stopped now. */
  public record Terminate() implements Command {}

  /** Hard stop of one staff actor by name, e.g. "worker-1": its order in hand goes to a colleague. */
  public record HardStop(String staffName) implements Command {}

  /** Send me the summary when the restaurant has closed (at once if it already has). */
  public record WhenClosed(ActorRef<Summary> replyTo) implements Command {}

  private enum IntakeTick implements Command {
    INSTANCE
  }

  private enum CloseTimeout implements Command {
    INSTANCE
  }

  private record StaffReply(Staff.Reply reply) implements Command {}

  private record StaffEvent(RestaurantEvent event) implements Command {}

  private record CustomerDone(long orderId) implements Command {}

  /** The orders of the run, with the settings' faults; no listener. */
  public static Behavior<Command> create(RestaurantSettings settings) {
    return create(settings, settings.faults(), null);
  }

  /**
   * @param faults how staff fail (tests pass {@link Faults#failFirst})
   * @param listener receives every {@link RestaurantEvent}, or null
   */
  public static Behavior<Command> create(
      RestaurantSettings settings, Faults faults, ActorRef<RestaurantEvent> listener) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new Restaurant(ctx, timers, settings, faults, listener)));
  }

  private enum Phase { OPEN, CLOSING, STOPPING, CLOSED }

  private static final class Member {
    final String name;
    final Role role;
    final ActorRef<Staff.Command> ref;
    long handled;
    int restarts;
    int overwork;
    boolean stopSent;
    boolean hardStopped;
    Exit exit;

    Member(String name, Role role, ActorRef<Staff.Command> ref) {
      this.name = name;
      this.role = role;
      this.ref = ref;
    }
  }

  private static final class Order {
    final long id;
    final long receivedNanos;
    Stage stage = Stage.RECEIVED;

    Order(long id, long receivedNanos) {
      this.id = id;
      this.receivedNanos = receivedNanos;
    }
  }

  private final TimerScheduler<Command> timers;
  private final RestaurantSettings settings;
  private final ActorRef<RestaurantEvent> listener;
  private final boolean logOrders;
  private final ActorRef<Staff.Reply> replies;
  private final Map<ActorRef<Staff.Command>, Member> staff = new LinkedHashMap<>();
  private final Map<String, Member> staffByName = new HashMap<>();
  private final Map<Role, Roster<ActorRef<Staff.Command>>> rosters = new EnumMap<>(Role.class);
  private final Map<Role, Integer> alive = new EnumMap<>(Role.class);
  private final Map<Long, Order> orders = new HashMap<>();
  private final ArrayDeque<Long> waitingForDish = new ArrayDeque<>();
  private final List<ActorRef<Summary>> waiters = new ArrayList<>();
  private final Histogram latencyMicros = new Histogram(3);
  private final long startNanos = System.nanoTime();

  private Phase phase = Phase.OPEN;
  private boolean intakeDone;
  private long intakeRemaining;
  private int intakePerTick;
  private long nextOrderId;
  private int cleanDishes;
  private String closedBy = "all orders done";
  private boolean closeTimedOut;
  private long closeDeadlineNanos;
  private long received, cooked, served, cancelled, retrieved, dishesLeft, restarts, resent;

  private Restaurant(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      RestaurantSettings settings,
      Faults faults,
      ActorRef<RestaurantEvent> listener) {
    super(ctx);
    this.timers = timers;
    this.settings = settings;
    this.listener = listener;
    this.logOrders = settings.logOrders();
    this.cleanDishes = settings.dishes();
    this.replies = ctx.messageAdapter(Staff.Reply.class, StaffReply::new);
    ActorRef<RestaurantEvent> events = ctx.messageAdapter(RestaurantEvent.class, StaffEvent::new);
    Staff.Options options = new Staff.Options(faults, logOrders);
    for (Role role : Role.values()) {
      rosters.put(role, new Roster<>());
      alive.put(role, 0);
    }
    ctx.getLog().info("restaurant opens: {} worker(s), {} delivery, {} dish-retrieval, {} dishes; {}; time-scale {}",
        settings.workers(), settings.delivery(), settings.retrieval(), settings.dishes(),
        settings.atRate()
            ? settings.rate() + " orders/s for " + settings.duration().toMillis() + " ms (simulated)"
            : settings.orders() + " orders at once",
        settings.timeScale());
    for (int i = 1; i <= settings.workers(); i++) {
      String name = "worker-" + i;
      hire(name, Role.WORKER, Worker.create(name, settings.scaled(settings.cookTime()),
          settings.scaledWorkInterval(), options, replies, events));
    }
    for (int i = 1; i <= settings.delivery(); i++) {
      String name = "delivery-" + i;
      hire(name, Role.DELIVERY,
          Delivery.create(name, settings.scaled(settings.deliveryTime()), options, replies, events));
    }
    for (int i = 1; i <= settings.retrieval(); i++) {
      String name = "retrieval-" + i;
      hire(name, Role.RETRIEVAL,
          DishRetrieval.create(name, settings.scaled(settings.retrievalTime()), options, replies, events));
    }
    startIntake();
  }

  private void hire(String name, Role role, Behavior<Staff.Command> behavior) {
    ActorRef<Staff.Command> ref = getContext().spawn(behavior, name);
    getContext().watch(ref); // the join: we get Terminated (or ChildFailed) when it is gone
    Member m = new Member(name, role, ref);
    staff.put(ref, m);
    staffByName.put(name, m);
    alive.merge(role, 1, Integer::sum);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StaffReply.class, m -> onReply(m.reply()))
        .onMessage(StaffEvent.class, m -> onStaffEvent(m.event()))
        .onMessage(CustomerDone.class, this::onCustomerDone)
        .onMessageEquals(IntakeTick.INSTANCE, this::onIntakeTick)
        .onMessage(Close.class, this::onClose)
        .onMessageEquals(CloseTimeout.INSTANCE, this::onCloseTimeout)
        .onMessage(Terminate.class, m -> onTerminate())
        .onMessage(HardStop.class, this::onHardStop)
        .onMessage(WhenClosed.class, this::onWhenClosed)
        .onSignal(Terminated.class, this::onChildGone)
        .build();
  }

  // ---- orders in ----

  private void startIntake() {
    if (!settings.atRate()) {
      for (int i = 0; i < settings.orders(); i++) receiveOrder();
      intakeDone = true;
      pump(Role.WORKER);
      checkAllDone();
      return;
    }
    intakeRemaining = settings.expectedOrders();
    // One order per 1/rate simulated seconds; a timer cannot tick faster than the scheduler, so each
    // tick lets in as many orders as are due in one period.
    long intervalNanos = (long) Math.max(1, 1e9 / settings.rate() * settings.timeScale());
    long periodNanos = Math.max(intervalNanos, RestaurantSettings.SHORTEST_PERIOD.toNanos());
    intakePerTick = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round((double) periodNanos / intervalNanos)));
    getContext().getSelf().tell(IntakeTick.INSTANCE);
    timers.startTimerAtFixedRate(IntakeTick.INSTANCE, IntakeTick.INSTANCE, Duration.ofNanos(periodNanos));
  }

  private Behavior<Command> onIntakeTick() {
    if (intakeDone) return this;
    long n = Math.min(intakePerTick, intakeRemaining);
    for (long i = 0; i < n; i++) receiveOrder();
    intakeRemaining -= n;
    pump(Role.WORKER);
    if (intakeRemaining == 0) {
      getContext().getLog().info("order window over after {} orders: closing", received);
      beginClosing(settings.closeTimeout());
    }
    return this;
  }

  private void receiveOrder() {
    long id = ++nextOrderId;
    orders.put(id, new Order(id, System.nanoTime()));
    received++;
    logOrder("order {} received", id);
    publish(id, Stage.RECEIVED);
    rosters.get(Role.WORKER).submit(id);
  }

  // ---- staff replies: the order moves on ----

  private Behavior<Command> onReply(Staff.Reply reply) {
    if (reply instanceof Staff.Ready r) onReady(r);
    else if (reply instanceof Staff.Done d) onDone(d);
    return phase == Phase.CLOSED ? closed() : this;
  }

  private void onReady(Staff.Ready r) {
    Member m = staff.get(r.staff());
    if (m == null || m.exit != null) return;
    Roster<ActorRef<Staff.Command>> roster = rosters.get(m.role);
    if (r.restarts() == 0) {
      roster.join(r.staff());
    } else {
      // A restarted actor has lost whatever it held: that is how we know to re-send it.
      m.restarts = r.restarts();
      restarts++;
      Long lost = roster.restarted(r.staff());
      if (lost != null) requeue(m.role, lost, m.name + " restarted");
      if (m.stopSent) m.ref.tell(Staff.Stop.INSTANCE); // the fresh incarnation has not heard it
    }
    pumpAll();
  }

  private void onDone(Staff.Done d) {
    Member m = staff.get(d.staff());
    if (m == null || m.exit != null) {
      // Gone before we read this: its order was already re-queued or cancelled when it left.
      getContext().getLog().debug("late Done for order {} from {} ignored", d.orderId(), d.name());
      return;
    }
    Long held = rosters.get(m.role).done(d.staff());
    m.handled++;
    Order o = orders.get(d.orderId());
    if (held == null || held != d.orderId() || o == null) {
      getContext().getLog().warn("{} reported order {} it was not holding: ignored", d.name(), d.orderId());
      return;
    }
    switch (m.role) {
      case WORKER -> cooked(o);
      case DELIVERY -> delivered(o);
      case RETRIEVAL -> dishBack(o);
    }
    pumpAll();
    checkAllDone();
  }

  private void cooked(Order o) {
    cooked++;
    if (phase == Phase.STOPPING) {
      cancel(o, "cooked after closing time");
      return;
    }
    o.stage = Stage.COOKED;
    publish(o.id, Stage.COOKED);
    if (cleanDishes > 0) {
      plate(o);
    } else {
      o.stage = Stage.WAITING_FOR_DISH;
      waitingForDish.add(o.id);
      logOrder("order {} is cooked and waits for a clean dish", o.id);
      publish(o.id, Stage.WAITING_FOR_DISH);
    }
  }

  private void plate(Order o) {
    cleanDishes--;
    submit(Role.DELIVERY, o);
  }

  private void delivered(Order o) {
    served++;
    long micros = (System.nanoTime() - o.receivedNanos) / 1000;
    latencyMicros.recordValue(Math.max(0, micros));
    o.stage = Stage.SERVED;
    publish(o.id, Stage.SERVED);
    logOrder("order {} served at its table, {} ms after it came in", o.id, micros / 1000);
    if (phase == Phase.STOPPING) {
      leaveDish(o);
      return;
    }
    Duration eating = settings.scaled(settings.eatingTime());
    CustomerDone done = new CustomerDone(o.id);
    if (eating.isZero()) getContext().getSelf().tell(done);
    else timers.startSingleTimer(done, done, eating);
  }

  private Behavior<Command> onCustomerDone(CustomerDone c) {
    Order o = orders.get(c.orderId());
    if (o == null || o.stage != Stage.SERVED) return this;
    o.stage = Stage.EATEN;
    publish(o.id, Stage.EATEN);
    logOrder("customer of order {} has eaten: dish to collect", o.id);
    if (phase == Phase.STOPPING) {
      leaveDish(o);
    } else {
      submit(Role.RETRIEVAL, o);
      pump(Role.RETRIEVAL);
    }
    checkAllDone();
    return phase == Phase.CLOSED ? closed() : this;
  }

  private void dishBack(Order o) {
    retrieved++;
    cleanDishes++;
    orders.remove(o.id);
    o.stage = Stage.DISH_RETURNED;
    publish(o.id, Stage.DISH_RETURNED);
    if (phase == Phase.STOPPING) return;
    Long next = waitingForDish.poll();
    if (next != null) plate(orders.get(next));
  }

  /** Queue the order for a role, or settle it at once when nobody of that role is left. */
  private void submit(Role role, Order o) {
    if (alive.get(role) == 0) {
      lose(role, o.id, "no " + role.label() + " staff left");
      return;
    }
    rosters.get(role).submit(o.id);
  }

  private void pumpAll() {
    for (Role role : Role.values()) pump(role);
  }

  /** Hands waiting orders to idle staff of the role: each a tell, like executor.submit. */
  private void pump(Role role) {
    if (phase == Phase.STOPPING || phase == Phase.CLOSED) return;
    for (Roster.Assignment<ActorRef<Staff.Command>> a : rosters.get(role).assign()) {
      Order o = orders.get(a.orderId());
      Stage stage = switch (role) {
        case WORKER -> Stage.COOKING;
        case DELIVERY -> Stage.DELIVERING;
        case RETRIEVAL -> Stage.COLLECTING;
      };
      if (o != null) o.stage = stage;
      publish(a.orderId(), stage);
      a.member().tell(new Staff.Task(a.orderId(), replies));
    }
  }

  /** An order lost in a failed or stopped actor's hands goes back to the front of its queue. */
  private void requeue(Role role, long orderId, String why) {
    if (!orders.containsKey(orderId)) return;
    if (phase.compareTo(Phase.STOPPING) < 0 && alive.get(role) > 0) {
      resent++;
      if (logOrders) getContext().getLog().warn("order {} re-sent to the {} queue: {}", orderId, role.label(), why);
      else getContext().getLog().debug("order {} re-sent to the {} queue: {}", orderId, role.label(), why);
      rosters.get(role).resubmit(orderId);
      pump(role);
    } else {
      lose(role, orderId, why + ", and nobody can take it over");
    }
  }

  /** Nobody will do this step: the order is cancelled (or, when only its dish is left, the dish stays out). */
  private void lose(Role role, long orderId, String why) {
    Order o = orders.get(orderId);
    if (o == null) return;
    if (role == Role.RETRIEVAL) {
      leaveDish(o);
    } else {
      if (role == Role.DELIVERY) cleanDishes++; // the dish never left the kitchen
      cancel(o, why);
    }
  }

  private void cancel(Order o, String why) {
    orders.remove(o.id);
    cancelled++;
    o.stage = Stage.CANCELLED;
    publish(o.id, Stage.CANCELLED);
    logOrder("order {} cancelled: {}", o.id, why);
  }

  private void leaveDish(Order o) {
    orders.remove(o.id);
    dishesLeft++;
  }

  // ---- staff events and children gone ----

  private Behavior<Command> onStaffEvent(RestaurantEvent e) {
    if (listener != null) listener.tell(e);
    if (e instanceof RestaurantEvent.Overworked w) {
      Member m = staffByName.get(w.staff());
      if (m != null) m.overwork = w.count();
    }
    return this;
  }

  /** The join: a child is gone, and we say why. */
  private Behavior<Command> onChildGone(Terminated t) {
    @SuppressWarnings("unchecked")
    Member m = staff.get((ActorRef<Staff.Command>) (ActorRef<?>) t.getRef());
    if (m == null || m.exit != null) return this;
    String detail;
    if (t instanceof ChildFailed f) {
      m.exit = Exit.FAILED;
      detail = "failed: " + f.getCause();
    } else if (m.hardStopped) {
      m.exit = Exit.HARD_STOP;
      detail = "hard stop (context.stop), work in hand dropped";
    } else if (m.stopSent) {
      m.exit = Exit.RETIRED;
      detail = "retired after Stop";
    } else {
      m.exit = Exit.UNEXPECTED;
      detail = "stopped without being asked";
    }
    alive.merge(m.role, -1, Integer::sum);
    if (m.exit == Exit.RETIRED) {
      getContext().getLog().info("{} is gone: {} ({} tasks)", m.name, detail, m.handled);
    } else {
      getContext().getLog().warn("{} is gone: {} ({} tasks)", m.name, detail, m.handled);
    }
    RestaurantEvent gone = new RestaurantEvent.StaffGone(m.name, m.role, m.exit, detail);
    if (listener != null) listener.tell(gone);
    Roster<ActorRef<Staff.Command>> roster = rosters.get(m.role);
    Long held = roster.leave(m.ref);
    if (held != null) requeue(m.role, held, m.name + " is gone");
    if (alive.get(m.role) == 0 && phase.compareTo(Phase.STOPPING) < 0) {
      List<Long> stranded = roster.drainWaiting();
      if (!stranded.isEmpty()) {
        getContext().getLog().warn("no {} staff left: {} waiting order(s) cannot go on", m.role.label(), stranded.size());
      }
      for (long id : stranded) lose(m.role, id, "no " + m.role.label() + " staff left");
      if (m.role == Role.DELIVERY) {
        for (Long id : waitingForDish) lose(Role.WORKER, id, "no delivery staff left");
        waitingForDish.clear();
      }
    }
    checkAllDone();
    if (phase == Phase.STOPPING && staff.values().stream().allMatch(s -> s.exit != null)) return finish();
    return phase == Phase.CLOSED ? closed() : this;
  }

  private Behavior<Command> onHardStop(HardStop h) {
    Member m = staffByName.get(h.staffName());
    if (m == null || m.exit != null || m.hardStopped) {
      getContext().getLog().warn("hard stop of '{}' ignored: no such staff actor on shift", h.staffName());
      return this;
    }
    getContext().getLog().warn("hard stop of {} (its order in hand goes back to the queue)", m.name);
    m.hardStopped = true;
    getContext().stop(m.ref);
    return this;
  }

  // ---- closing ----

  private Behavior<Command> onClose(Close close) {
    if (phase != Phase.OPEN && phase != Phase.CLOSING) return this;
    Duration within = close.within() == null ? settings.closeTimeout() : close.within();
    closedBy = "closed on request";
    getContext().getLog().info("closing: no more orders taken; {} order(s) in flight may take up to {} ms",
        orders.size(), within.toMillis());
    beginClosing(within);
    return phase == Phase.CLOSED ? closed() : this;
  }

  private void beginClosing(Duration within) {
    intakeDone = true;
    timers.cancel(IntakeTick.INSTANCE);
    if (phase != Phase.OPEN && phase != Phase.CLOSING) return;
    phase = Phase.CLOSING;
    // Closing again while closing (Ctrl-C after the order window ended): the earlier deadline wins.
    long deadline = System.nanoTime() + within.toNanos();
    if (closeDeadlineNanos == 0 || deadline - closeDeadlineNanos < 0) {
      closeDeadlineNanos = deadline;
      timers.startSingleTimer(CloseTimeout.INSTANCE, CloseTimeout.INSTANCE, within);
    }
    checkAllDone();
  }

  private Behavior<Command> onCloseTimeout() {
    if (phase != Phase.CLOSING) return this;
    closeTimedOut = true;
    getContext().getLog().warn("close timeout: {} order(s) still in flight; those not yet served are cancelled",
        orders.size());
    for (Role role : Role.values()) {
      for (long id : rosters.get(role).drainWaiting()) lose(role, id, "close timeout");
    }
    for (Long id : waitingForDish) {
      Order o = orders.get(id);
      if (o != null) cancel(o, "close timeout");
    }
    waitingForDish.clear();
    stopStaff();
    return phase == Phase.CLOSED ? closed() : this;
  }

  private Behavior<Command> onTerminate() {
    if (phase == Phase.CLOSED) return closed();
    closedBy = "terminated (hard stop)";
    getContext().getLog().warn("terminate: hard stop of every staff actor now; unserved orders are cancelled");
    phase = Phase.STOPPING;
    timers.cancelAll();
    intakeDone = true;
    List<Member> live = staff.values().stream().filter(m -> m.exit == null).toList();
    for (Member m : live) {
      m.hardStopped = true;
      getContext().stop(m.ref);
    }
    return live.isEmpty() ? finish() : this;
  }

  private void checkAllDone() {
    if ((phase == Phase.OPEN || phase == Phase.CLOSING) && intakeDone && orders.isEmpty()) stopStaff();
  }

  /** Every staff actor gets Stop: it finishes its work in hand, reports and stops itself. */
  private void stopStaff() {
    phase = Phase.STOPPING;
    timers.cancel(IntakeTick.INSTANCE);
    timers.cancel(CloseTimeout.INSTANCE);
    List<Member> live = staff.values().stream().filter(m -> m.exit == null).toList();
    getContext().getLog().info("{}: sending Stop to {} staff actor(s)",
        orders.isEmpty() ? "all orders done" : orders.size() + " order(s) still in hand", live.size());
    for (Member m : live) {
      m.stopSent = true;
      m.ref.tell(Staff.Stop.INSTANCE);
    }
    if (live.isEmpty()) finish();
  }

  private Summary summary;

  private Behavior<Command> finish() {
    if (summary != null) return closed();
    phase = Phase.CLOSED;
    timers.cancelAll();
    // Nothing is silently lost: whatever is still in the book is settled and counted here.
    for (Order o : new ArrayList<>(orders.values())) {
      if (o.stage.compareTo(Stage.SERVED) < 0) cancel(o, "restaurant closed");
      else leaveDish(o);
    }
    long wallNanos = System.nanoTime() - startNanos;
    List<Summary.StaffReport> reports = staff.values().stream()
        .map(m -> new Summary.StaffReport(m.name, m.role.label(), m.handled, m.overwork, m.restarts,
            m.exit == null ? "on shift" : m.exit.label()))
        .toList();
    Summary.Latency latency = new Summary.Latency(
        latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(50) / 1000.0,
        latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(99) / 1000.0,
        latencyMicros.getMaxValue() / 1000.0,
        latencyMicros.getTotalCount());
    summary = new Summary(received, cooked, served, cancelled, retrieved, reports, latency,
        wallNanos / 1_000_000, wallNanos == 0 ? 0 : served / (wallNanos / 1e9), dishesLeft, restarts, resent,
        closeTimedOut, closedBy);
    getContext().getLog().info("restaurant closed ({}): {} received, {} served, {} cancelled, {} dishes back",
        closedBy, received, served, cancelled, retrieved);
    if (listener != null) listener.tell(new RestaurantEvent.Closed(summary));
    for (ActorRef<Summary> w : waiters) w.tell(summary);
    waiters.clear();
    return closed();
  }

  private Behavior<Command> onWhenClosed(WhenClosed w) {
    if (summary != null) w.replyTo().tell(summary);
    else waiters.add(w.replyTo());
    return this;
  }

  /** After closing: the summary for whoever asks; everything else is moot. */
  private Behavior<Command> closed() {
    Summary s = summary;
    return Behaviors.receive(Command.class)
        .onMessage(WhenClosed.class, w -> {
          w.replyTo().tell(s);
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  private void publish(long orderId, Stage stage) {
    if (listener != null) listener.tell(new RestaurantEvent.OrderUpdate(orderId, stage));
  }

  private void logOrder(String format, Object... args) {
    if (logOrders) getContext().getLog().info(format, args);
    else if (getContext().getLog().isDebugEnabled()) getContext().getLog().debug(format, args);
  }
}
