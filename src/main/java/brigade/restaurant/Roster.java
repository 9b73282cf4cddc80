package brigade.restaurant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The restaurant's book for one role: who is on shift, who is idle, which order each one holds, and which
 * orders wait. One order per member at a time (so a member that fails or is stopped loses at most one, and
 * the book knows which). A plain class owned by the restaurant actor: not thread-safe, needs not be.
 *
 * @param <M> how a member is identified (an ActorRef in the restaurant)
 */
final class Roster<M> {
  /** An order handed to a member. */
  record Assignment<M>(M member, long orderId) {}

  private final ArrayDeque<Long> waiting = new ArrayDeque<>();
  private final LinkedHashSet<M> idle = new LinkedHashSet<>();
  private final Map<M, Long> inHand = new HashMap<>();

  /** A new member, ready for work. */
  void join(M member) {
    if (!isMember(member)) idle.add(member);
  }

  boolean isMember(M member) {
    return idle.contains(member) || inHand.containsKey(member);
  }

  boolean hasMembers() {
    return !idle.isEmpty() || !inHand.isEmpty();
  }

  /** An order joins the back of the queue. */
  void submit(long orderId) {
    waiting.addLast(orderId);
  }

  /** An order that was lost in someone's hands goes to the front: it has waited longest. */
  void resubmit(long orderId) {
    waiting.addFirst(orderId);
  }

  /** Pairs idle members with waiting orders, oldest order first; the caller sends the tasks. */
  List<Assignment<M>> assign() {
    List<Assignment<M>> out = new ArrayList<>();
    Iterator<M> it = idle.iterator();
    while (it.hasNext() && !waiting.isEmpty()) {
      M m = it.next();
      it.remove();
      long id = waiting.pollFirst();
      inHand.put(m, id);
      out.add(new Assignment<>(m, id));
    }
    return out;
  }

  /** The member finished; returns the order it held (null if it held none) and makes it idle. */
  Long done(M member) {
    Long id = inHand.remove(member);
    if (id != null) idle.add(member);
    return id;
  }

  /** The member restarted: whatever it held is lost; returns that order (or null). It is idle now. */
  Long restarted(M member) {
    Long id = inHand.remove(member);
    if (id != null || !idle.contains(member)) idle.add(member);
    return id;
  }

  /** The member is gone for good; returns the order it held (or null). */
  Long leave(M member) {
    idle.remove(member);
    return inHand.remove(member);
  }

  /** Takes every waiting order out of the queue (when nobody is left to do them). */
  List<Long> drainWaiting() {
    List<Long> out = new ArrayList<>(waiting);
    waiting.clear();
    return out;
  }

  int waitingCount() {
    return waiting.size();
  }

  int busyCount() {
    return inHand.size();
  }
}
