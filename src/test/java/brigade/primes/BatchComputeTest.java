package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BatchComputeTest {
  @Test
  void factorsAreFlattenedWithCountsAndPrimesReadOffThem() {
    long[] numbers = {0, 1, 2, 4, 97, 1099726899285419L};
    int[] counts = new int[numbers.length];
    long[] flat = BatchCompute.factor(TrialDivision.INSTANCE, numbers, counts);
    assertArrayEquals(new int[] {0, 0, 1, 2, 1, 2}, counts);
    assertArrayEquals(new long[] {2, 2, 2, 97, 3306091, 332636609}, flat);
    assertEquals(new BatchCompute.Tally(6, 2, 6), BatchCompute.tally(Job.FACTOR, TrialDivision.INSTANCE, numbers));
    assertEquals(new BatchCompute.Tally(6, 2, 0), BatchCompute.tally(Job.CHECK, TrialDivision.INSTANCE, numbers));
    assertArrayEquals(new boolean[] {false, false, true, false, true, false},
        BatchCompute.check(TrialDivision.INSTANCE, numbers));
  }

  @Test
  void manyFactorsGrowTheFlatArray() {
    long[] numbers = new long[10];
    java.util.Arrays.fill(numbers, 1L << 62); // 62 factors each: far beyond the initial guess of 4 per number
    int[] counts = new int[numbers.length];
    long[] flat = BatchCompute.factor(TrialDivision.INSTANCE, numbers, counts);
    assertEquals(620, flat.length);
    assertEquals(62, counts[9]);
  }
}
