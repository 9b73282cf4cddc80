package brigade.trace;

import brigade.UserError;
import brigade.report.IoReason;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The picture of a run, drawn from its trace file: one row per actor (track), its work as bars coloured by activity
 * (cook, deliver, batch ...), restarts, hard stops and stops marked, the time axis in milliseconds. PNG with Java2D,
 * SVG as hand-written XML from the same drawing calls (XChart draws charts, not Gantt rows, and its SVG needs an
 * extra library; two small back ends of one layout are clearer).
 *
 * <p>Bounded memory whatever the trace's size: the file is streamed twice (extent and rows, then the bars), and each
 * row keeps a fixed number of pixel columns (how busy each one is, per activity), not its events.
 */
public final class Timeline {
  static final int WIDTH = 1200;
  private static final int LEFT = 270;
  private static final int RIGHT = 20;
  private static final int TOP = 44;
  private static final int ROW = 20;
  private static final int BAR = 14;
  private static final int MAX_ROWS = 64;
  private static final int COLS = WIDTH - LEFT - RIGHT;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f)
  };
  private static final Color FAULT = new Color(0xd62728);

  private Timeline() {}

  /**
   * Checks a timeline path before any work: its kind, by its ending, and that it can be written (it is created
   * now, empty, and drawn when the run ends).
   *
   * @param file the picture to write, ending in .png or .svg
   * @throws UserError naming the value and what is allowed
   */
  public static void check(Path file) {
    String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!n.endsWith(".png") && !n.endsWith(".svg")) {
      throw new UserError("--timeline '" + file + "': expected a file ending in .png or .svg");
    }
    // Checked, not created: a later check that fails must leave an existing picture as it was.
    Tracer.checkWritable(file, "--timeline '" + file + "'", "the picture", "a file ending in .png or .svg");
  }

  /** One row: an actor's track. */
  private static final class Row {
    final String label;
    final boolean async;
    /** Per pixel column, per activity: busy nanoseconds (microseconds x 1000) in that column. */
    float[][] busy;
    final Map<Integer, List<int[]>> marks = new HashMap<>();
    final List<int[]> markList = new ArrayList<>();
    /** Columns where a slice starts: a thin gap there, so back-to-back steps read as steps, not one bar. */
    final java.util.BitSet starts = new java.util.BitSet();
    boolean drawn;

    Row(String label, boolean async) {
      this.label = label;
      this.async = async;
    }
  }

  /**
   * Draws the trace as a picture.
   *
   * @param trace a trace file written by {@link Tracer}
   * @param picture where to write; its ending (.png or .svg) picks the format
   * @param title the picture's title, e.g. the command line
   * @throws UncheckedIOException when the trace cannot be read or the picture written
   */
  public static void draw(Path trace, Path picture, String title) {
    try {
      draw0(trace, picture, title);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the timeline '" + picture + "': " + IoReason.of(e), e);
    }
  }

  private static void draw0(Path trace, Path picture, String title) throws IOException {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    ObjectMapper mapper = new ObjectMapper();
    // Pass 1: the processes and tracks (rows), the time extent, the activities (legend).
    Map<Integer, String> processes = new HashMap<>();
    Map<Long, String> trackNames = new LinkedHashMap<>();
    Map<String, Integer> activities = new LinkedHashMap<>();
    double[] extent = {Double.MAX_VALUE, 0};
    forEachEvent(trace, mapper, e -> {
      String ph = e.path("ph").asText();
      long key = key(e);
      switch (ph) {
        case "M" -> {
          String name = e.path("args").path("name").asText();
          if ("process_name".equals(e.path("name").asText())) processes.put(e.path("pid").asInt(), name);
          else if ("thread_name".equals(e.path("name").asText())) trackNames.put(key, name);
        }
        case "X" -> {
          double ts = e.path("ts").asDouble();
          extent[0] = Math.min(extent[0], ts);
          extent[1] = Math.max(extent[1], ts + e.path("dur").asDouble());
          activities.putIfAbsent(activity(e.path("name").asText()), activities.size());
        }
        case "i", "b", "e" -> {
          double ts = e.path("ts").asDouble();
          extent[0] = Math.min(extent[0], ts);
          extent[1] = Math.max(extent[1], ts);
          if (!ph.equals("i")) activities.putIfAbsent(e.path("name").asText(), activities.size());
        }
        default -> { }
      }
    });
    if (extent[0] == Double.MAX_VALUE) extent[0] = 0;
    double t0 = extent[0];
    double span = Math.max(1, extent[1] - t0);
    int kinds = Math.max(1, activities.size());
    Map<Long, Row> rows = new LinkedHashMap<>();
    int hidden = 0;
    for (Map.Entry<Long, String> t : trackNames.entrySet()) {
      if (rows.size() >= MAX_ROWS) {
        hidden++;
        continue;
      }
      String process = processes.getOrDefault((int) (t.getKey() >> 32), "");
      boolean multi = processes.size() > 1;
      Row r = new Row(multi ? shortProcess(process) + " / " + t.getValue() : t.getValue(), false);
      r.busy = new float[COLS][kinds];
      rows.put(t.getKey(), r);
    }
    // Pass 2: bars (per column, per activity), marks, async spans (customers eating) as coverage.
    Map<String, Double> open = new HashMap<>();
    forEachEvent(trace, mapper, e -> {
      String ph = e.path("ph").asText();
      Row r = rows.get(key(e));
      if (r == null) return;
      switch (ph) {
        case "X" -> {
          double from = e.path("ts").asDouble() - t0;
          cover(r, activities.get(activity(e.path("name").asText())), from, e.path("dur").asDouble(), span);
          // Only where steps are wide enough to see (3 columns and more): else the gaps would grey the bar out.
          if (e.path("dur").asDouble() / span * COLS >= 3) r.starts.set((int) Math.min(COLS - 1, from / span * COLS));
        }
        case "i" -> {
          int kind = markKind(e.path("name").asText());
          if (kind < 0) return;
          int x = (int) Math.min(COLS - 1, (e.path("ts").asDouble() - t0) / span * COLS);
          if (r.marks.computeIfAbsent(x, k -> new ArrayList<>()).stream().noneMatch(m -> m[1] == kind)
              && r.markList.size() < 4 * COLS) {
            int[] m = {x, kind};
            r.marks.get(x).add(m);
            r.markList.add(m);
            r.drawn = true;
          }
        }
        case "b" -> open.put(e.path("id").asText(), e.path("ts").asDouble());
        case "e" -> {
          Double start = open.remove(e.path("id").asText());
          if (start != null) {
            cover(r, activities.get(e.path("name").asText()), start - t0, e.path("ts").asDouble() - start, span);
          }
        }
        default -> { }
      }
    });
    // A track with nothing to draw (the restaurant's own: its queues are counters, in the trace) takes no row.
    int quiet = 0;
    for (java.util.Iterator<Row> it = rows.values().iterator(); it.hasNext(); ) {
      if (!it.next().drawn) {
        it.remove();
        quiet++;
      }
    }
    hidden += quiet;
    List<String> legend = new ArrayList<>(activities.keySet());
    int height = TOP + rows.size() * ROW + 76 + (hidden > 0 ? 18 : 0);
    String name = picture.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".svg")) {
      try (Writer w = Files.newBufferedWriter(picture, StandardCharsets.UTF_8)) {
        SvgCanvas c = new SvgCanvas(WIDTH, height);
        paint(c, title, rows, legend, span, hidden, height);
        w.write(c.finish());
      }
    } else {
      BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paint(new Java2dCanvas(g), title, rows, legend, span, hidden, height);
      g.dispose();
      if (!ImageIO.write(img, "png", picture.toFile())) throw new IOException("no PNG writer in this JVM");
    }
  }

  /** The activity a slice stands for: its name (a dropped step, "cook (dropped)", is one of its own, in red). */
  private static String activity(String name) {
    return name;
  }

  /** Which marks are drawn: 0 restarted, 1 hard stop, 2 stop/retired/terminated, 3 other lifecycle; -1 none. */
  private static int markKind(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("restarted")) return 0;
    if (n.startsWith("hard stop")) return 1;
    if (n.startsWith("stop received") || n.startsWith("retired") || n.contains("terminated")) return 2;
    if (n.contains("timed out") || n.contains("re-sent") || n.contains("lost") || n.contains("failed")) return 0;
    return -1;
  }

  private static void cover(Row r, Integer kind, double from, double dur, double span) {
    if (kind == null) return;
    r.drawn = true;
    double colWidth = span / COLS;
    double to = from + Math.max(dur, 0);
    int c0 = (int) Math.max(0, Math.min(COLS - 1, from / colWidth));
    int c1 = (int) Math.max(0, Math.min(COLS - 1, to / colWidth));
    for (int c = c0; c <= c1; c++) {
      double lo = Math.max(from, c * colWidth);
      double hi = Math.min(to, (c + 1) * colWidth);
      // A zero-length step still shows: it counts as a tenth of a column.
      r.busy[c][kind] += (float) Math.max(hi - lo, dur <= 0 ? colWidth / 10 : 0);
    }
  }

  private static long key(JsonNode e) {
    return ((long) e.path("pid").asInt() << 32) | (e.path("tid").asInt() & 0xffffffffL);
  }

  private static String shortProcess(String process) {
    int paren = process.indexOf(" (");
    return paren > 0 ? process.substring(0, paren) : process;
  }

  private interface EventVisitor {
    void visit(JsonNode event) throws IOException;
  }

  /** Streams the trace's events one at a time (never the whole array in memory). */
  private static void forEachEvent(Path trace, ObjectMapper mapper, EventVisitor visitor) throws IOException {
    try (InputStream in = Files.newInputStream(trace);
        JsonParser p = new JsonFactory(mapper).createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a trace (no JSON object)");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ("traceEvents".equals(field) && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) visitor.visit(p.readValueAsTree());
        } else {
          p.skipChildren();
        }
      }
    }
  }

  // ---- drawing, one layout for both back ends ----

  interface Canvas {
    void rect(double x, double y, double w, double h, Color fill, double alpha);

    void line(double x1, double y1, double x2, double y2, Color color, double width);

    void polygon(double[] xs, double[] ys, Color fill);

    void text(double x, double y, String s, int size, Color color, boolean alignEnd);
  }

  private static void paint(Canvas c, String title, Map<Long, Row> rows, List<String> legend, double spanMicros,
      int hidden, int height) {
    c.rect(0, 0, WIDTH, height, Color.WHITE, 1);
    c.text(10, 22, title, 14, Color.BLACK, false);
    int y = TOP;
    for (Row r : rows.values()) {
      c.rect(LEFT, y, COLS, ROW, (y / ROW) % 2 == 0 ? new Color(0xf4f4f4) : Color.WHITE, 1);
      c.text(LEFT - 8, y + ROW - 6, r.label, 11, Color.DARK_GRAY, true);
      for (int col = 0; col < COLS; col++) {
        float[] kinds = r.busy[col];
        int best = -1;
        float sum = 0;
        for (int k = 0; k < kinds.length; k++) {
          sum += kinds[k];
          if (kinds[k] > 0 && (best < 0 || kinds[k] > kinds[best])) best = k;
        }
        if (best < 0) continue;
        // Merge a run of equal columns into one bar (a smaller SVG, the same picture).
        double share = Math.min(1, sum / (spanMicros / COLS));
        int end = col;
        while (end + 1 < COLS && sameColumn(r.busy[end + 1], best, share, spanMicros)) end++;
        c.rect(LEFT + col, y + (ROW - BAR) / 2.0, end - col + 1, BAR, colour(legend.get(best), best),
            0.35 + 0.65 * share);
        col = end;
      }
      for (int col = r.starts.nextSetBit(1); col >= 0; col = r.starts.nextSetBit(col + 1)) {
        c.rect(LEFT + col, y + (ROW - BAR) / 2.0, 1, BAR, Color.WHITE, 1);
      }
      for (int[] m : r.markList) mark(c, LEFT + m[0] + 0.5, y, m[1]);
      y += ROW;
    }
    if (hidden > 0) {
      c.text(LEFT, y + 14, "(" + hidden + " more track" + (hidden == 1 ? "" : "s")
          + " in the trace file: counters, or past " + MAX_ROWS + " rows)", 11, Color.GRAY, false);
    }
    axis(c, y + (hidden > 0 ? 18 : 0), spanMicros);
    legend(c, height - 14, legend);
  }

  private static boolean sameColumn(float[] kinds, int best, double share, double spanMicros) {
    int b = -1;
    float sum = 0;
    for (int k = 0; k < kinds.length; k++) {
      sum += kinds[k];
      if (kinds[k] > 0 && (b < 0 || kinds[k] > kinds[b])) b = k;
    }
    return b == best && Math.abs(Math.min(1, sum / (spanMicros / COLS)) - share) < 0.05;
  }

  private static Color colour(String activity, int index) {
    return activity.contains("(dropped)") || activity.contains("failed") ? FAULT : PALETTE[index % PALETTE.length];
  }

  /** 0 restarted: red triangle; 1 hard stop: black cross; 2 stop, retired, Terminated: grey tick. */
  private static void mark(Canvas c, double x, double y, int kind) {
    switch (kind) {
      case 0 -> c.polygon(new double[] {x - 5, x + 5, x}, new double[] {y + 1, y + 1, y + 10}, FAULT);
      case 1 -> {
        c.line(x - 5, y + 4, x + 5, y + ROW - 4, Color.BLACK, 2.5);
        c.line(x - 5, y + ROW - 4, x + 5, y + 4, Color.BLACK, 2.5);
      }
      default -> c.line(x, y + 1, x, y + ROW - 1, new Color(0x555555), 1.5);
    }
  }

  private static void axis(Canvas c, int y, double spanMicros) {
    c.line(LEFT, y + 2, LEFT + COLS, y + 2, Color.GRAY, 1);
    double spanMs = spanMicros / 1000;
    double step = niceStep(spanMs / 8);
    for (double t = 0; t <= spanMs + 1e-9; t += step) {
      double x = LEFT + t / spanMs * COLS;
      c.line(x, y + 2, x, y + 7, Color.GRAY, 1);
      c.text(x, y + 19, fmt(t), 10, Color.DARK_GRAY, false);
    }
    c.text(LEFT + COLS, y + 33, "time since the first event (ms)", 10, Color.DARK_GRAY, true);
  }

  private static void legend(Canvas c, int y, List<String> legend) {
    double x = 10;
    for (int i = 0; i < legend.size() && x < WIDTH - 150; i++) {
      c.rect(x, y - 9, 10, 10, colour(legend.get(i), i), 1);
      c.text(x + 14, y, legend.get(i), 10, Color.DARK_GRAY, false);
      x += 24 + 6.5 * legend.get(i).length();
    }
    c.polygon(new double[] {x, x + 10, x + 5}, new double[] {y - 9, y - 9, y}, FAULT);
    c.text(x + 14, y, "restart / fault", 10, Color.DARK_GRAY, false);
    x += 110;
    c.line(x, y - 9, x + 10, y, Color.BLACK, 2.5);
    c.line(x, y, x + 10, y - 9, Color.BLACK, 2.5);
    c.text(x + 14, y, "hard stop", 10, Color.DARK_GRAY, false);
    x += 75;
    c.line(x + 5, y - 10, x + 5, y + 1, new Color(0x555555), 1.5);
    c.text(x + 12, y, "Stop / retired / Terminated", 10, Color.DARK_GRAY, false);
  }

  static double niceStep(double raw) {
    if (raw <= 0) return 1;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
    return 10 * p;
  }

  private static String fmt(double ms) {
    return ms == Math.rint(ms) ? String.valueOf((long) ms) : String.format(Locale.ROOT, "%.2f", ms);
  }

  private static final class Java2dCanvas implements Canvas {
    private final Graphics2D g;

    Java2dCanvas(Graphics2D g) {
      this.g = g;
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, double alpha) {
      g.setColor(new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), (int) Math.round(alpha * 255)));
      g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width) {
      g.setColor(color);
      g.setStroke(new BasicStroke((float) width));
      g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polygon(double[] xs, double[] ys, Color fill) {
      java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
      p.moveTo(xs[0], ys[0]);
      for (int i = 1; i < xs.length; i++) p.lineTo(xs[i], ys[i]);
      p.closePath();
      g.setColor(fill);
      g.fill(p);
    }

    @Override
    public void text(double x, double y, String s, int size, Color color, boolean alignEnd) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
      g.setColor(color);
      double w = alignEnd ? g.getFontMetrics().stringWidth(s) : 0;
      g.drawString(s, (float) (x - w), (float) y);
    }
  }

  /** SVG 1.1 as plain XML: rectangles, lines, polygons and text. */
  static final class SvgCanvas implements Canvas {
    private final StringBuilder sb = new StringBuilder();

    SvgCanvas(int width, int height) {
      sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
          .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
          .append("\" font-family=\"sans-serif\">\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, double alpha) {
      sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
          .append("\" height=\"").append(n(h)).append("\" fill=\"").append(hex(fill)).append('"');
      if (alpha < 1) sb.append(" fill-opacity=\"").append(n(alpha)).append('"');
      sb.append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width) {
      sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
          .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(hex(color)).append("\" stroke-width=\"")
          .append(n(width)).append("\"/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, Color fill) {
      sb.append("<polygon points=\"");
      for (int i = 0; i < xs.length; i++) sb.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
      sb.append("\" fill=\"").append(hex(fill)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String s, int size, Color color, boolean alignEnd) {
      sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(size)
          .append("\" fill=\"").append(hex(color)).append('"');
      if (alignEnd) sb.append(" text-anchor=\"end\"");
      sb.append('>').append(escape(s)).append("</text>\n");
    }

    String finish() {
      return sb.append("</svg>\n").toString();
    }

    private static String n(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String hex(Color c) {
      return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
  }
}
