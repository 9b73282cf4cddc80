package brigade.trace;

/**
 * Where another node's clock stands against this one, from send/reply times (as NTP does, with the work in
 * between): a span the remote node measured as [a, b] on its clock happened after this node sent the work (at s)
 * and before the reply came back (at r), so its clock's offset (remote minus local) lies in [b - r, a - s]. Each
 * reply narrows that interval; the estimate is its middle, and half its width says how far to trust it. On one
 * JVM (or one machine) every node shares {@link TraceClock}'s anchor and the interval always holds 0. Not thread
 * safe: owned by one actor.
 */
public final class NodeClock {
  private long lo = Long.MIN_VALUE;
  private long hi = Long.MAX_VALUE;
  private long samples;
  private boolean inconsistent;

  /**
   * Adds one exchange; all in microseconds since the epoch.
   *
   * @param sentLocal when this node sent the work (its clock)
   * @param remoteStart when the remote node started it (its clock)
   * @param remoteEnd when it finished (its clock)
   * @param repliedLocal when the reply arrived here (this node's clock)
   */
  public void observe(long sentLocal, long remoteStart, long remoteEnd, long repliedLocal) {
    long newLo = Math.max(lo, remoteEnd - repliedLocal);
    long newHi = Math.min(hi, remoteStart - sentLocal);
    samples++;
    if (newLo > newHi) {
      // The clocks drifted (or one stepped): start again from this exchange alone.
      inconsistent = true;
      newLo = remoteEnd - repliedLocal;
      newHi = remoteStart - sentLocal;
    }
    lo = newLo;
    hi = newHi;
  }

  /** @return the estimated offset, remote minus local, in microseconds (0 before any exchange) */
  public long offsetMicros() {
    return samples == 0 ? 0 : lo + (hi - lo) / 2;
  }

  /** @return half the width of the interval the offset is known to lie in, microseconds (0 before any exchange) */
  public long uncertaintyMicros() {
    return samples == 0 ? 0 : (hi - lo) / 2;
  }

  /** @return exchanges observed */
  public long samples() {
    return samples;
  }

  /** @return whether the bounds ever contradicted each other (a clock drifted or stepped during the run) */
  public boolean inconsistent() {
    return inconsistent;
  }
}
