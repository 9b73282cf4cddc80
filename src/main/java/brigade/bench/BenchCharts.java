package brigade.bench;

import brigade.report.Stats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The bench's charts, each as PNG and SVG (XChart; SVG through its VectorGraphics2D encoder), drawn from the
 * per-point medians of a {@link BenchSummary}. Rendering needs no display: AWT runs headless.
 */
public final class BenchCharts {
  public static final String SPEEDUP = "speedup";
  public static final String BATCH_SIZE = "batch-size";
  public static final String ACTOR_VS_FORKJOIN = "actor-vs-forkjoin";

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 600;
  private static final BasicStroke DASHED =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  static {
    // Charts are drawn on servers and CI boxes without a display.
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    // PNGs are encoded in memory: ImageIO's file cache registers a shutdown hook, which fails when the
    // charts are written from a Ctrl-C (the JVM is already shutting down).
    javax.imageio.ImageIO.setUseCache(false);
  }

  private BenchCharts() {}

  /** Writes every chart into {@code dir} as .png and .svg; returns the files written. */
  public static List<Path> write(Path dir, BenchSummary summary) {
    List<Path> files = new ArrayList<>();
    if (summary.points().isEmpty()) return files;
    save(speedup(summary), dir, SPEEDUP, files);
    save(timeVsBatchSize(summary), dir, BATCH_SIZE, files);
    save(actorVsForkJoin(summary), dir, ACTOR_VS_FORKJOIN, files);
    return files;
  }

  /** Median speedup vs router size per batch setting and dispatch, against ideal and the cores available. */
  static XYChart speedup(BenchSummary s) {
    XYChart chart = chart(
        "Speedup vs router size (" + s.job() + ", " + s.algorithm() + ", " + s.count() + " numbers; median of "
            + s.repeat() + ")",
        "router size (prime workers)",
        "speedup over one thread");
    int maxPool = s.points().stream().mapToInt(BenchSummary.PointSummary::poolSize).max().orElse(1);
    int idealTop = Math.min(maxPool, s.cores());
    // The chart plots medians: an outlier run (in the CSV) must not squash them.
    double top = Math.max(idealTop, s.points().stream()
        .mapToDouble(p -> Math.max(p.speedup().median(), p.forkJoinSpeedup().median())).max().orElse(1));

    double[] pools = s.points().stream().mapToInt(BenchSummary.PointSummary::poolSize).distinct().sorted()
        .asDoubleStream().toArray();
    // Ideal: speedup = router size up to the number of cores, flat after (a pool of 8 on 2 cores runs 2 at a time).
    double[] idealX = maxPool > s.cores() ? new double[] {1, s.cores(), maxPool} : new double[] {1, maxPool};
    double[] idealY = maxPool > s.cores() ? new double[] {1, s.cores(), s.cores()} : new double[] {1, maxPool};
    XYSeries ideal = chart.addSeries("ideal: min(router size, cores)", idealX, idealY);
    ideal.setMarker(SeriesMarkers.NONE);
    ideal.setLineColor(Color.GRAY);
    ideal.setLineStyle(DASHED);
    XYSeries cores = chart.addSeries(s.cores() + " cores", new double[] {s.cores(), s.cores()}, new double[] {0, top * 1.1});
    cores.setMarker(SeriesMarkers.NONE);
    cores.setLineColor(Color.RED);
    cores.setLineStyle(DASHED);

    for (Map.Entry<String, List<BenchSummary.PointSummary>> e
        : group(s.points(), p -> "actor pool, " + p.dispatch() + ", batch " + p.batchSetting()).entrySet()) {
      List<BenchSummary.PointSummary> ps = sorted(e.getValue(), BenchSummary.PointSummary::poolSize);
      chart.addSeries(e.getKey(), xs(ps, BenchSummary.PointSummary::poolSize), ys(ps, p -> p.speedup().median()));
    }
    // The ForkJoinPool reference at its best batch size per router size.
    double[] fj = new double[pools.length];
    for (int i = 0; i < pools.length; i++) {
      int pool = (int) pools[i];
      fj[i] = s.points().stream().filter(p -> p.poolSize() == pool)
          .mapToDouble(p -> p.forkJoinSpeedup().median()).max().orElse(Double.NaN);
    }
    XYSeries fjSeries = chart.addSeries("ForkJoinPool (best batch)", pools, fj);
    fjSeries.setLineColor(Color.DARK_GRAY);
    fjSeries.setMarker(SeriesMarkers.DIAMOND);
    fjSeries.setMarkerColor(Color.DARK_GRAY);

    if (s.amdahl() != null && maxPool > 1) {
      int n = 50;
      double[] x = new double[n + 1];
      double[] y = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        x[i] = 1 + (maxPool - 1) * (double) i / n;
        y[i] = AmdahlFit.predict(s.amdahl().serialFraction(), Math.min(x[i], s.cores()));
      }
      XYSeries fit = chart.addSeries(
          String.format(java.util.Locale.ROOT, "Amdahl fit, serial fraction %.3f", s.amdahl().serialFraction()), x, y);
      fit.setMarker(SeriesMarkers.NONE);
      fit.setLineColor(Color.BLACK);
      fit.setLineStyle(DASHED);
    }
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(top * 1.1);
    // Router sizes are whole numbers: one grid line per worker, not per 0.2 of one.
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax((double) maxPool + 1);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(20, (WIDTH - 350) / (maxPool + 1)));
    return chart;
  }

  /** Median wall time of the actor pool vs batch size (log axis), one line per router size and dispatch. */
  static XYChart timeVsBatchSize(BenchSummary s) {
    XYChart chart = chart(
        "Actor pool wall time vs batch size (median of " + s.repeat() + ")", "batch size (numbers per message)",
        "wall time (ms)");
    chart.getStyler().setXAxisLogarithmic(true);
    double minX = s.points().stream().mapToInt(BenchSummary.PointSummary::batchSize).min().orElse(1);
    double maxX = s.points().stream().mapToInt(BenchSummary.PointSummary::batchSize).max().orElse(1);
    double seq = Stats.of(s.points().stream().mapToDouble(p -> p.sequentialMillis().median()).toArray()).median();
    XYSeries oneThread = chart.addSeries("one thread (median)", new double[] {minX, Math.max(maxX, minX * 1.0001)},
        new double[] {seq, seq});
    oneThread.setMarker(SeriesMarkers.NONE);
    oneThread.setLineColor(Color.GRAY);
    oneThread.setLineStyle(DASHED);
    for (Map.Entry<String, List<BenchSummary.PointSummary>> e
        : group(s.points(), p -> "router size " + p.poolSize() + ", " + p.dispatch()).entrySet()) {
      List<BenchSummary.PointSummary> ps = sorted(e.getValue(), BenchSummary.PointSummary::batchSize);
      chart.addSeries(e.getKey(), xs(ps, BenchSummary.PointSummary::batchSize), ys(ps, p -> p.wallMillis().median()));
    }
    List<BenchSummary.PointSummary> auto = s.points().stream().filter(p -> "auto".equals(p.batchSetting())).toList();
    if (!auto.isEmpty()) {
      XYSeries a = chart.addSeries("auto batch size", xs(auto, BenchSummary.PointSummary::batchSize),
          ys(auto, p -> p.wallMillis().median()));
      a.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      a.setMarker(SeriesMarkers.CIRCLE);
      a.setMarkerColor(Color.BLACK);
    }
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  /** Actor pool throughput relative to the ForkJoinPool doing the same batches (1 = parity). */
  static XYChart actorVsForkJoin(BenchSummary s) {
    XYChart chart = chart(
        "Actor pool / ForkJoinPool throughput, same batches (median of " + s.repeat() + ")",
        "batch size (numbers per message)", "ForkJoinPool time / actor pool time");
    chart.getStyler().setXAxisLogarithmic(true);
    double minX = s.points().stream().mapToInt(BenchSummary.PointSummary::batchSize).min().orElse(1);
    double maxX = s.points().stream().mapToInt(BenchSummary.PointSummary::batchSize).max().orElse(1);
    XYSeries parity = chart.addSeries("parity", new double[] {minX, Math.max(maxX, minX * 1.0001)}, new double[] {1, 1});
    parity.setMarker(SeriesMarkers.NONE);
    parity.setLineColor(Color.GRAY);
    parity.setLineStyle(DASHED);
    for (Map.Entry<String, List<BenchSummary.PointSummary>> e
        : group(s.points(), p -> "router size " + p.poolSize() + ", " + p.dispatch()).entrySet()) {
      List<BenchSummary.PointSummary> ps = sorted(e.getValue(), BenchSummary.PointSummary::batchSize);
      chart.addSeries(e.getKey(), xs(ps, BenchSummary.PointSummary::batchSize),
          ys(ps, p -> p.actorOverForkJoin().median()));
    }
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    return chart;
  }

  private static void save(XYChart chart, Path dir, String name, List<Path> files) {
    Path png = dir.resolve(name + ".png");
    Path svg = dir.resolve(name + ".svg");
    try {
      BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + png + ": " + e.getMessage(), e);
    }
    files.add(png);
    files.add(svg);
  }

  private static <K> Map<K, List<BenchSummary.PointSummary>> group(
      List<BenchSummary.PointSummary> points, Function<BenchSummary.PointSummary, K> key) {
    Map<K, List<BenchSummary.PointSummary>> m = new LinkedHashMap<>();
    for (BenchSummary.PointSummary p : points) m.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p);
    return m;
  }

  private static List<BenchSummary.PointSummary> sorted(
      List<BenchSummary.PointSummary> ps, java.util.function.ToIntFunction<BenchSummary.PointSummary> by) {
    return ps.stream().sorted(Comparator.comparingInt(by)).toList();
  }

  private static double[] xs(List<BenchSummary.PointSummary> ps, java.util.function.ToIntFunction<BenchSummary.PointSummary> f) {
    return ps.stream().mapToInt(f).asDoubleStream().toArray();
  }

  private static double[] ys(List<BenchSummary.PointSummary> ps, ToDoubleFunction<BenchSummary.PointSummary> f) {
    return ps.stream().mapToDouble(f).toArray();
  }
}
