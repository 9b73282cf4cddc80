package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DivisorRangesTest {
  @Property(tries = 300)
  void rangesCoverEveryOddCandidateOnceInOrder(@ForAll @LongRange(min = 0, max = 1L << 45) long n,
      @ForAll @IntRange(min = 1, max = 50) int parts) {
    long[][] ranges = DivisorRanges.ranges(n, parts);
    long candidates = DivisorRanges.candidates(n);
    assertEquals(Math.min(parts, candidates), ranges.length);
    if (ranges.length == 0) return;
    assertEquals(3, ranges[0][0]);
    long last = TrialDivision.isqrt(n);
    assertEquals(last % 2 == 1 ? last : last - 1, ranges[ranges.length - 1][1]);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < ranges.length; i++) {
      assertTrue(ranges[i][0] % 2 == 1 && ranges[i][1] % 2 == 1 && ranges[i][0] <= ranges[i][1]);
      if (i > 0) assertEquals(ranges[i - 1][1] + 2, ranges[i][0]);
      long size = (ranges[i][1] - ranges[i][0]) / 2 + 1;
      min = Math.min(min, size);
      max = Math.max(max, size);
    }
    assertTrue(max - min <= 1, "ranges of nearly equal size");
  }

  @Test
  void smallestOddDivisorIncludesBothEndsOfItsRange() {
    long n = 101L * 103;
    assertEquals(101, TrialDivision.smallestOddDivisor(n, 101, 101));
    assertEquals(101, TrialDivision.smallestOddDivisor(n, 3, 101));
    assertEquals(101, TrialDivision.smallestOddDivisor(n, 100, 102)); // an even start starts at the next odd
    assertEquals(0, TrialDivision.smallestOddDivisor(n, 3, 99));
    assertEquals(0, TrialDivision.smallestOddDivisor(n, 103, 1_000)); // past the root: its cofactor was below it
    assertThrows(IllegalArgumentException.class, () -> TrialDivision.smallestOddDivisor(n, 2, 9));
  }

  @Test
  void splitAutoCutsANumberJustHeavyEnoughIntoAFewRangesAndAHeavyOneIntoAllOfThem() {
    JobSpec auto = new JobSpec(Job.CHECK, TrialDivision.INSTANCE, Dispatch.PUSH, 2, 1, 8, 3,
        java.time.Duration.ofSeconds(60)).withSplit(16, DivisorRanges.AUTO_MIN_CANDIDATES);
    long threshold = 1_048_577L * 1_048_577L; // (1048577 - 1) / 2 = 2^19 odd candidates: just heavy enough to split
    assertEquals(DivisorRanges.AUTO_MIN_CANDIDATES, DivisorRanges.candidates(threshold));
    assertTrue(auto.splits(threshold));
    assertEquals(4, auto.rangesFor(threshold).length, "ranges of at least a quarter of the smallest number split");
    assertEquals(16, auto.rangesFor(112272535095293L).length, "~5.3 million candidates: all 16");
    // split = on: no smallest range beyond DivisorRanges' own (one candidate), so every number gets its ranges.
    JobSpec on = auto.withSplit(16, 2);
    assertEquals(16, on.rangesFor(10_007L * 10_009L).length);
    assertEquals(5, on.rangesFor(11L * 13L).length, "143's odd candidates 3..11, a range each");
  }
}
