package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultBatchTest {
  @Test
  void factoredBatchReadsPrimalityOffTheFactors() {
    long[] numbers = {0, 1, 2, 12, 97, 1099726899285419L};
    int[] counts = new int[numbers.length];
    long[] factors = BatchCompute.factor(TrialDivision.INSTANCE, numbers, counts);
    ResultBatch b = ResultBatch.factored(40, numbers, factors, counts);
    assertArrayEquals(new boolean[] {false, false, true, false, true, false}, b.prime());
    assertEquals(2, b.primes());
    assertEquals(1 + 3 + 1 + 2, b.factorTotal());
    List<String> seen = new ArrayList<>();
    b.forEach((index, number, prime, fs, offset, count) ->
        seen.add(index + ":" + number + ":" + prime + ":" + Arrays.toString(Arrays.copyOfRange(fs, offset, offset + count))));
    assertEquals(List.of("40:0:false:[]", "41:1:false:[]", "42:2:true:[2]", "43:12:false:[2, 2, 3]", "44:97:true:[97]",
        "45:1099726899285419:false:[3306091, 332636609]"), seen);
  }

  @Test
  void checkedBatchHasNoFactors() {
    ResultBatch b = ResultBatch.checked(0, new long[] {7, 8, 9}, new boolean[] {true, false, false});
    assertEquals(1, b.primes());
    assertEquals(0, b.factorTotal());
    List<Integer> counts = new ArrayList<>();
    b.forEach((index, number, prime, fs, offset, count) -> counts.add(count));
    assertEquals(List.of(0, 0, 0), counts);
  }

  @Test
  void mismatchedArraysAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ResultBatch.checked(0, new long[] {1, 2}, new boolean[1]));
    assertThrows(IllegalArgumentException.class,
        () -> new ResultBatch(Job.FACTOR, 0, new long[] {1, 2}, new boolean[2], new long[0], new int[1]));
  }
}
