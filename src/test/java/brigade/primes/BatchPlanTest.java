package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  @Test
  void sixHeavyNumbersOnTwoWorkersAreSixBatchesOfOne() {
    assertEquals(1, BatchPlan.autoBatchSize(OptionalLong.of(6), 2));
  }

  @Test
  void theSeedWorkloadGivesEveryWorkerSeveralBatches() {
    int size = BatchPlan.autoBatchSize(OptionalLong.of(10_000), 2);
    assertEquals(625, size);
    assertEquals(16, BatchPlan.batchCount(10_000, size));
  }

  @Test
  void bigInputsAreCappedAndUnknownSizesGetTheDefault() {
    assertEquals(BatchPlan.MAX_AUTO_BATCH, BatchPlan.autoBatchSize(OptionalLong.of(10_000_000), 2));
    assertEquals(BatchPlan.UNKNOWN_SIZE_BATCH, BatchPlan.autoBatchSize(OptionalLong.empty(), 2));
    assertEquals(1, BatchPlan.autoBatchSize(OptionalLong.of(0), 4));
  }

  @Test
  void autoWindowIsFourPerWorker() {
    assertEquals(8, BatchPlan.autoWindow(2));
    assertEquals(4, BatchPlan.autoWindow(1));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> BatchPlan.autoBatchSize(OptionalLong.of(5), 0));
    assertThrows(IllegalArgumentException.class, () -> BatchPlan.autoWindow(0));
    assertThrows(IllegalArgumentException.class, () -> BatchPlan.batchCount(5, 0));
  }

  @Property
  void autoGivesEachWorkerAtMostItsShareOfBatchesAndAtLeastOneNumberEach(
      @ForAll @LongRange(min = 0, max = 100_000_000) long size, @ForAll @IntRange(min = 1, max = 512) int workers) {
    int batch = BatchPlan.autoBatchSize(OptionalLong.of(size), workers);
    assertTrue(batch >= 1 && batch <= BatchPlan.MAX_AUTO_BATCH);
    long batches = BatchPlan.batchCount(size, batch);
    if (batch < BatchPlan.MAX_AUTO_BATCH) {
      assertTrue(batches <= (long) workers * BatchPlan.BATCHES_PER_WORKER, batches + " batches");
    }
    if (size >= (long) workers * BatchPlan.BATCHES_PER_WORKER) {
      assertTrue(batches >= (long) workers * BatchPlan.BATCHES_PER_WORKER / 2, batches + " batches");
    }
  }

  @Property
  void splitAndNextBatchCoverTheInputInOrder(
      @ForAll @IntRange(min = 0, max = 300) int count, @ForAll @IntRange(min = 1, max = 50) int batchSize,
      @ForAll @IntRange(min = 1, max = 7) int chunk) {
    long[] numbers = LongStream.range(0, count).map(i -> i * 31 + 7).toArray();
    long[][] split = BatchPlan.split(numbers, batchSize);
    assertEquals(BatchPlan.batchCount(count, batchSize), split.length);
    assertArrayEquals(numbers, Arrays.stream(split).flatMapToLong(Arrays::stream).toArray());

    // a source that hands out at most `chunk` numbers per read still makes full batches
    NumberSource stingy = new NumberSource() {
      int pos;

      @Override
      public OptionalLong size() {
        return OptionalLong.empty();
      }

      @Override
      public int read(long[] buf) {
        int n = Math.min(Math.min(chunk, buf.length), count - pos);
        System.arraycopy(numbers, pos, buf, 0, n);
        pos += n;
        return n;
      }
    };
    for (long[] expected : split) assertArrayEquals(expected, BatchPlan.nextBatch(stingy, batchSize));
    assertNull(BatchPlan.nextBatch(stingy, batchSize));
  }
}
