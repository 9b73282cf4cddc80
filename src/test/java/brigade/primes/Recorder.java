package brigade.primes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A ResultSink that remembers everything it is handed, for assertions. */
final class Recorder implements ResultSink {
  record Row(long index, long number, boolean prime, long[] factors) {
    @Override
    public String toString() {
      return index + ":" + number + ":" + prime + ":" + Arrays.toString(factors);
    }
  }

  record Failure(long firstIndex, long[] numbers, String error) {}

  final List<Row> rows = new ArrayList<>();
  /** The batches as handed over. */
  final List<ResultBatch> batches = new ArrayList<>();
  final List<Failure> failures = new ArrayList<>();
  /** Every index handed over, answered or failed, in the order the sink saw them. */
  final List<Long> indices = new ArrayList<>();

  @Override
  public synchronized void accept(ResultBatch results) {
    batches.add(results);
    results.forEach((index, number, prime, factors, offset, count) -> {
      rows.add(new Row(index, number, prime, Arrays.copyOfRange(factors, offset, offset + count)));
      indices.add(index);
    });
  }

  @Override
  public synchronized void failed(long firstIndex, long[] numbers, String error) {
    failures.add(new Failure(firstIndex, numbers.clone(), error));
    for (int i = 0; i < numbers.length; i++) indices.add(firstIndex + i);
  }

  /** The rows as text, to compare runs. */
  synchronized List<String> lines() {
    return rows.stream().map(Row::toString).toList();
  }

  /** What a correct run over {@code numbers} hands the sink (indices from 0). */
  static List<String> expected(Job job, long[] numbers) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < numbers.length; i++) {
      long n = numbers[i];
      long[] f = job == Job.FACTOR ? TrialDivision.INSTANCE.factors(n) : new long[0];
      out.add(new Row(i, n, TrialDivision.INSTANCE.isPrime(n), f).toString());
    }
    return out;
  }
}
