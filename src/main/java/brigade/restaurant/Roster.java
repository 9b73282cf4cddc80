package brigade.restaurant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The restaurant's book for one role: who is on shift, who has room for work, which orders each one holds, and
 * which orders wait. Each member holds at most {@code depth} orders (1 by default: a member that fails or is
 * stopped then loses at most one, and the book knows which); a role whose step takes no time may hold more, so
 * tasks go out and come back in batches instead of one round trip per order. A plain class owned by the
 * restaurant actor: not thread-safe, needs not be.
 *
 * @param <M> how a member is identified (an ActorRef in the restaurant)
 */
final class Roster<M> {
  /** An order handed to a member. */
  record Assignment<M>(M member, long orderId) {}

  private final int depth;
  private final LongQueue waiting = new LongQueue();
  /** Members holding fewer than depth orders, the one to be given work next first. */
  private final LinkedHashSet<M> available = new LinkedHashSet<>();
  /** Every member on shift, with the orders it holds, oldest first. */
  private final Map<M, LongQueue> held = new HashMap<>();

  Roster() {
    this(1);
  }

  /** @param depth orders a member may hold at once, >= 1 */
  Roster(int depth) {
    if (depth < 1) throw new IllegalArgumentException("depth must be >= 1: " + depth);
    this.depth = depth;
  }

  /** A new member, ready for work. */
  void join(M member) {
    if (isMember(member)) return;
    held.put(member, new LongQueue());
    available.add(member);
  }

  boolean isMember(M member) {
    return held.containsKey(member);
  }

  boolean hasMembers() {
    return !held.isEmpty();
  }

  /** An order joins the back of the queue. */
  void submit(long orderId) {
    waiting.addLast(orderId);
  }

  /** An order that was lost in someone's hands goes to the front: it has waited longest. */
  void resubmit(long orderId) {
    waiting.addFirst(orderId);
  }

  /** Whether an order waits and a member has room: then {@link #assignNext} pairs them. */
  boolean canAssign() {
    return !waiting.isEmpty() && !available.isEmpty();
  }

  /** The order {@link #assignNext} hands out next. */
  long peekWaiting() {
    return waiting.peekFirst();
  }

  /**
   * Hands the oldest waiting order to the member with room that was given work longest ago (round robin).
   *
   * @return that member; the caller sends the task
   */
  M assignNext() {
    Iterator<M> it = available.iterator();
    M m = it.next();
    it.remove();
    LongQueue q = held.get(m);
    q.addLast(waiting.pollFirst());
    if (q.size() < depth) available.add(m); // to the back of the line
    return m;
  }

  /** Pairs members with room with waiting orders, oldest order first; the caller sends the tasks. */
  List<Assignment<M>> assign() {
    List<Assignment<M>> out = new ArrayList<>();
    while (canAssign()) {
      long id = peekWaiting();
      out.add(new Assignment<>(assignNext(), id));
    }
    return out;
  }

  /**
   * The member finished an order: if it is the oldest it holds (members work in order), it is done and the
   * member has room again.
   *
   * @return whether the member held that order as its oldest (false: a report to ignore)
   */
  boolean done(M member, long orderId) {
    LongQueue q = held.get(member);
    if (q == null || q.isEmpty() || q.peekFirst() != orderId) return false;
    q.pollFirst();
    if (q.size() == depth - 1) available.add(member); // it was full: it has room again (else it is still listed)
    return true;
  }

  /** The member restarted: whatever it held is lost. @return those orders, oldest first (maybe none) */
  List<Long> restarted(M member) {
    LongQueue q = held.get(member);
    if (q == null) {
      join(member);
      return List.of();
    }
    List<Long> lost = q.drain();
    available.add(member);
    return lost;
  }

  /** The member is gone for good. @return the orders it held, oldest first (maybe none) */
  List<Long> leave(M member) {
    available.remove(member);
    LongQueue q = held.remove(member);
    return q == null ? List.of() : q.drain();
  }

  /** Takes every waiting order out of the queue (when nobody is left to do them). */
  List<Long> drainWaiting() {
    return waiting.drain();
  }

  int waitingCount() {
    return waiting.size();
  }

  /** @return members holding at least one order */
  int busyCount() {
    int n = 0;
    for (LongQueue q : held.values()) if (!q.isEmpty()) n++;
    return n;
  }

  /** A double-ended queue of order ids without a boxed Long per entry (a ring buffer that doubles when full). */
  static final class LongQueue {
    private long[] ring = new long[16];
    private int head;
    private int size;

    void addLast(long v) {
      grow();
      ring[(head + size) & (ring.length - 1)] = v;
      size++;
    }

    void addFirst(long v) {
      grow();
      head = (head - 1) & (ring.length - 1);
      ring[head] = v;
      size++;
    }

    long peekFirst() {
      if (size == 0) throw new java.util.NoSuchElementException();
      return ring[head];
    }

    long pollFirst() {
      long v = peekFirst();
      head = (head + 1) & (ring.length - 1);
      size--;
      return v;
    }

    boolean isEmpty() {
      return size == 0;
    }

    int size() {
      return size;
    }

    /** Empties the queue. @return what it held, first to last */
    List<Long> drain() {
      List<Long> out = new ArrayList<>(size);
      while (size > 0) out.add(pollFirst());
      return out;
    }

    private void grow() {
      if (size < ring.length) return;
      long[] bigger = new long[ring.length * 2];
      for (int i = 0; i < size; i++) bigger[i] = ring[(head + i) & (ring.length - 1)];
      ring = bigger;
      head = 0;
    }
  }
}
