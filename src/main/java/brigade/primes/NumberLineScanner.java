package brigade.primes;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The numbers-file format, defined once for both passes of {@link NumberFileReader}: one whole number in
 * [0, 2^63-1] per line of UTF-8 text; lines end with {@code \n}, {@code \r\n} or a lone {@code \r} (as
 * {@link java.io.BufferedReader#readLine} splits them); blank lines and {@code #} comments are skipped; the
 * number's text is what {@link #numberText} keeps of the line.
 *
 * <p>The bytes are read a block at a time and lines may span blocks. The common line, ASCII digits with
 * perhaps spaces, tabs and a comment around them, is parsed straight from the bytes without allocating. Any
 * other line (a sign, a byte order mark, other whitespace, a bad value, a line running past the block) is
 * decoded into a String and judged by {@link #numberText} and {@link NumberSources#problem}, so its value
 * and any message are exactly those of a String-based reader. Memory stays at about one block, plus the
 * longest number part of a line (comments are skipped without being kept).
 *
 * <p>UTF-8 is checked a block at a time, before any line of the block is parsed: ASCII-only blocks cost one
 * quick pass, others go through a strict decoder. So a file that is not UTF-8 is reported as such rather
 * than for a bad line in the same block, as the String-based reader did within the 64K characters it
 * decoded ahead.
 */
final class NumberLineScanner implements Closeable {
  /** Bytes read from the file at a time. */
  static final int DEFAULT_BLOCK_SIZE = 1 << 16;

  /**
   * The longest digit run parsed in place. Up to 18 digits always fit a long; 19 stay below 10^19 < 2^64, so
   * a value past 2^63-1 shows as negative; longer runs (leading zeros, or too large) take the general path.
   */
  private static final int MAX_FAST_DIGITS = 19;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  /** Bytes of buf past its room for the file: the sentinel, and the rest of an eight-byte load at limit. */
  private static final int SLACK = 8;

  private final InputStream in;
  private final int blockSize;
  /** Strict (REPORT): a binary file is reported, not read as garbage numbers. */
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  /** Where the UTF-8 check writes its (unused) characters; made on the first non-ASCII block. */
  private CharBuffer decodedScratch;

  /**
   * Bytes [0, limit) of the file's current stretch, then a '\n' sentinel at limit that ends every scan, then
   * room for an eight-byte load at any position up to limit.
   */
  private byte[] buf;
  private int limit;
  /** The next byte to parse. */
  private int pos;
  /** Bytes from here to limit are the start of a UTF-8 sequence that the next block completes. */
  private int unchecked;
  private boolean eof;
  /** pos is inside a comment (its line's number, if any, already returned): skip to the line end. */
  private boolean inComment;
  /** The last line ended with a '\r' that was the last byte read: a '\n' next is part of that line end. */
  private boolean crPending;
  /** The number of the line at pos, from 1. */
  private long lineNo = 1;

  /** Scans {@code in}, reading {@code blockSize} bytes at a time. Closing the scanner closes {@code in}. */
  NumberLineScanner(InputStream in, int blockSize) {
    if (blockSize < 1) throw new IllegalArgumentException("block size " + blockSize);
    this.in = in;
    this.blockSize = blockSize;
    this.buf = new byte[blockSize + SLACK];
    buf[0] = '\n';
  }

  /** A line holding something else than a number in [0, 2^63-1]. */
  static final class BadLineException extends Exception {
    /** The line's number, from 1. */
    final long lineNo;
    /** The line's text as {@link #numberText} keeps it (not shortened). */
    final String text;
    /** Why it is not a number, from {@link NumberSources#problem}. */
    final String problem;

    BadLineException(long lineNo, String text, String problem) {
      super("line " + lineNo + ": '" + text + "' " + problem, null, false, false); // control flow: no stack trace
      this.lineNo = lineNo;
      this.text = text;
      this.problem = problem;
    }
  }

  /**
   * Parses the next numbers into {@code out[off, off + len)}, stopping early only at the end of the input.
   *
   * @return how many numbers, 0 at the end of the input
   * @throws BadLineException at a line holding something else than a number (or a blank line or comment)
   * @throws CharacterCodingException if the input is not UTF-8
   */
  int read(long[] out, int off, int len) throws IOException, BadLineException {
    int n = off;
    int end = off + len;
    while (n < end) {
      if (inComment && !skipComment()) break;
      // The common case in one tight loop over locals: lines of ASCII digits lying wholly in the buffer.
      byte[] b = buf;
      int p = pos;
      long line = lineNo;
      // A line end before this index has its next byte in the buffer, to tell "\r\n" from a lone '\r'.
      int lastSafe = limit - 1;
      boolean general = false;
      while (n < end) {
        int lineStart = p;
        int c = b[p];
        while (c == ' ' || c == '\t') c = b[++p];
        int digitsStart = p;
        // The first eight bytes at once (SWAR): how many lead with digits, and their value, without a loop
        // whose exit (after 5 to 9 digits) the processor would often mispredict.
        // A byte is a digit if its high nibble is 3, and still 3 after adding 6; that addition carries only
        // out of a non-digit byte, into later bytes that no longer count.
        long word = (long) LONGS.get(b, p);
        long notDigits = ((word & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L)
            | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L);
        int leading = Long.numberOfTrailingZeros(notDigits) >>> 3; // little-endian: the first byte is the lowest
        // The digits as the last of eight, after zero bytes (with none, the shift is by 0 and the value unused).
        long value = eightDigits(word << (64 - 8 * leading));
        p += leading;
        c = b[p];
        while (c >= '0' && c <= '9') { // a ninth digit and more
          value = value * 10 + (c - '0');
          c = b[++p];
        }
        int digits = p - digitsStart;
        boolean fits = digits < MAX_FAST_DIGITS || (digits == MAX_FAST_DIGITS && value >= 0);
        while (c == ' ' || c == '\t') c = b[++p];
        if (c == '#' && fits) {
          if (digits > 0) out[n++] = value;
          digits = 0;
          do c = b[++p]; while (c != '\n' && c != '\r');
          if (p >= lastSafe) {
            inComment = true; // the comment goes on in the next block, or its line end needs a look past it
            break;
          }
        } else if ((c != '\n' && c != '\r') || !fits || p >= lastSafe) {
          p = lineStart;
          general = true;
          break;
        }
        p += c == '\r' && b[p + 1] == '\n' ? 2 : 1;
        if (digits > 0) out[n++] = value;
        line++;
      }
      pos = p;
      lineNo = line;
      if (general) {
        int found = generalLine(out, n);
        if (found < 0) break;
        n += found;
      }
    }
    return n - off;
  }

  /**
   * The value of eight decimal digits held as bytes in {@code word}, the first in the lowest byte (only the
   * low four bits of each byte are read: '0'..'9' or a zero byte as a leading zero).
   */
  static long eightDigits(long word) {
    long v = word & 0x0F0F0F0F0F0F0F0FL;
    v = ((v * (10 * 256 + 1)) >>> 8) & 0x00FF00FF00FF00FFL; // pairs of digits: 10 * first + second
    v = ((v * (100 * 65536 + 1)) >>> 16) & 0x0000FFFF0000FFFFL; // fours: 100 * first pair + second pair
    return (v * (10000L << 32 | 1)) >>> 32; // 10000 * first four + second four
  }

  /**
   * The number's text on a line, or null for a line to skip: a byte order mark opening line 1, then
   * everything from the first {@code #} on, then whitespace at both ends (as {@link String#strip}) is dropped.
   */
  static String numberText(String line, long lineNo) {
    String s = line;
    if (lineNo == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') s = s.substring(1); // UTF-8 byte order mark
    int hash = s.indexOf('#');
    if (hash >= 0) s = s.substring(0, hash);
    s = s.strip(); // spaces, tabs, and other whitespace
    return s.isEmpty() ? null : s;
  }

  /**
   * Reads the line at pos through a String, reading more of the input as needed.
   *
   * @return 1 with its number in {@code out[at]}, 0 for a line without a number, -1 at the end of the input
   */
  private int generalLine(long[] out, int at) throws IOException, BadLineException {
    // Only the part before '#' matters; it ends there, at the line end, or at the end of the input.
    int length = 0;
    int c;
    for (;;) {
      int p = pos + length;
      while ((c = buf[p]) != '#' && c != '\n' && c != '\r') p++;
      length = p - pos;
      if (p < limit) break;
      if (!refill()) {
        if (length == 0) return -1;
        c = -1;
        break;
      }
    }
    // UTF-8 of every byte here was checked when its block was read: decoding cannot fail.
    String text = numberText(new String(buf, pos, length, StandardCharsets.UTF_8), lineNo);
    int found = 0;
    if (text != null) {
      String problem = NumberSources.problem(text);
      if (problem != null) throw new BadLineException(lineNo, text, problem);
      out[at] = Long.parseLong(text);
      found = 1;
    }
    pos += length;
    if (c == '#') {
      inComment = true;
    } else if (c == -1) {
      lineNo++;
    } else {
      endLine();
    }
    return found;
  }

  /** Skips to the end of the comment at pos and past its line end; false if the input ends first. */
  private boolean skipComment() throws IOException {
    for (;;) {
      byte[] b = buf;
      int p = pos;
      int c;
      while ((c = b[p]) != '\n' && c != '\r') p++;
      pos = p;
      if (p < limit) {
        inComment = false;
        endLine();
        return true;
      }
      if (!refill()) {
        inComment = false;
        return false;
      }
    }
  }

  /** Moves past the line end ('\n', '\r' or "\r\n") at pos. */
  private void endLine() {
    if (buf[pos] == '\r') {
      if (pos + 1 < limit) {
        if (buf[pos + 1] == '\n') pos++;
      } else {
        crPending = !eof;
      }
    }
    pos++;
    lineNo++;
  }

  /**
   * Reads the next block after the bytes from pos on, which stay (moved to the front, the buffer growing
   * if they fill it), and checks it is UTF-8.
   *
   * @return false at the end of the input, with nothing read
   */
  private boolean refill() throws IOException {
    if (eof) return false;
    int keep = Math.min(pos, unchecked);
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, limit - keep);
      pos -= keep;
      unchecked -= keep;
      limit -= keep;
      buf[limit] = '\n';
    }
    if (limit == buf.length - SLACK) buf = Arrays.copyOf(buf, 2 * limit + SLACK); // a line longer than the buffer
    int read = in.read(buf, limit, Math.min(blockSize, buf.length - SLACK - limit));
    if (read < 0) {
      eof = true;
      crPending = false;
      checkUtf8(true);
      return false;
    }
    limit += read;
    buf[limit] = '\n';
    if (crPending) {
      crPending = false;
      if (buf[pos] == '\n') pos++;
    }
    checkUtf8(false);
    return true;
  }

  /** Checks bytes [unchecked, limit) are UTF-8, but for a sequence cut by the block's end unless at the end. */
  private void checkUtf8(boolean endOfInput) throws CharacterCodingException {
    if (unchecked == limit) return;
    if (isAscii(buf, unchecked, limit)) {
      unchecked = limit;
      return;
    }
    if (decodedScratch == null) decodedScratch = CharBuffer.allocate(4096);
    ByteBuffer bytes = ByteBuffer.wrap(buf, unchecked, limit - unchecked);
    for (;;) {
      decodedScratch.clear();
      CoderResult result = utf8.decode(bytes, decodedScratch, endOfInput);
      if (result.isError()) result.throwException();
      if (result.isUnderflow()) break;
    }
    unchecked = bytes.position();
  }

  /** Whether bytes [from, to) are all below 0x80; eight at a time, as this runs over every block. */
  static boolean isAscii(byte[] b, int from, int to) {
    long bits = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) bits |= (long) LONGS.get(b, i);
    for (; i < to; i++) bits |= b[i];
    return (bits & HIGH_BITS) == 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
