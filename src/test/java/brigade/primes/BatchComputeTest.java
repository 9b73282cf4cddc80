package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchComputeTest {
  @Test
  void factorsAreFlattenedWithCountsAndPrimesReadOffThem() {
    long[] numbers = {0, 1, 2, 4, 97, 1099726899285419L};
    int[] counts = new int[numbers.length];
    long[] flat = BatchCompute.factor(TrialDivision.INSTANCE, numbers, counts);
    assertArrayEquals(new int[] {0, 0, 1, 2, 1, 2}, counts);
    assertArrayEquals(new long[] {2, 2, 2, 97, 3306091, 332636609}, flat);
    // Offsets into flat: 2 at 0, 4 at 1 (two factors), 97 at 3.
    assertTrue(BatchCompute.primeFromFactors(2, flat, 0, counts[2]));
    assertFalse(BatchCompute.primeFromFactors(4, flat, 1, counts[3]));
    assertTrue(BatchCompute.primeFromFactors(97, flat, 3, counts[4]));
    assertFalse(BatchCompute.primeFromFactors(1, flat, 0, counts[1]));
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
