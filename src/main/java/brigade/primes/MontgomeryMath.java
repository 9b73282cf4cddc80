package brigade.primes;

/**
 * 64-bit Montgomery arithmetic modulo an odd n < 2^63, with R = 2^64. A residue x is held as x·R mod n,
 * in [0, n); multiplication then needs no division: two 64x64 -> 128-bit products ({@link Math#multiplyHigh}
 * is a single instruction on x86-64 and AArch64) and a subtraction. Since n < 2^63, both operands and n are
 * non-negative as signed longs, so the signed high product equals the unsigned one; the only unsigned value
 * is the reduction quotient m, corrected for explicitly.
 *
 * <p>Stateless static helpers taking (n, nInv) so the JIT inlines them into the hot loops without an object.
 */
final class MontgomeryMath {
  private MontgomeryMath() {}

  /** n^-1 mod 2^64 for odd n, by Newton's iteration: each step doubles the correct low bits (3, 6, ..., 96). */
  static long inverse(long n) {
    long x = n; // n·n ≡ 1 (mod 8): 3 correct bits
    x *= 2 - n * x;
    x *= 2 - n * x;
    x *= 2 - n * x;
    x *= 2 - n * x;
    x *= 2 - n * x;
    return x;
  }

  /** a·b·R^-1 mod n, for a, b in [0, n). Result in [0, n). */
  static long mul(long a, long b, long n, long nInv) {
    long hi = Math.multiplyHigh(a, b); // a·b < n^2 < 2^126: signed high = unsigned high
    long m = a * b * nInv; // m·n ≡ a·b (mod 2^64), so the low words cancel exactly
    long mnHi = Math.multiplyHigh(m, n) + ((m >> 63) & n); // unsigned high word of m·n (m may be >= 2^63)
    long r = hi - mnHi; // (a·b - m·n) / 2^64, in (-n, n)
    return r + ((r >> 63) & n);
  }

  /** (a + b) mod n for a, b in [0, n). */
  static long add(long a, long b, long n) {
    long r = a - (n - b);
    return r + ((r >> 63) & n);
  }

  /** (a - b) mod n for a, b in [0, n). */
  static long sub(long a, long b, long n) {
    long r = a - b;
    return r + ((r >> 63) & n);
  }

  /** R mod n: the Montgomery form of 1. */
  static long one(long n) {
    long r = Long.remainderUnsigned(-1L, n) + 1; // (2^64 - 1) mod n + 1
    return r == n ? 0 : r;
  }

  /**
   * R^2 mod n, to convert ordinary residues into Montgomery form with {@code mul(x, r2)}. Computed without
   * 128-bit division: 2R mod n is the Montgomery form of 2, and six Montgomery squarings give that of
   * 2^64 = R, which is R·R mod n.
   */
  static long rSquared(long one, long n, long nInv) {
    long x = add(one, one, n);
    for (int i = 0; i < 6; i++) x = mul(x, x, n, nInv);
    return x;
  }

  /** Montgomery form of x (any x >= 0). */
  static long toMontgomery(long x, long r2, long n, long nInv) {
    return mul(x % n, r2, n, nInv);
  }

  /** Ordinary residue of a Montgomery form. */
  static long fromMontgomery(long x, long n, long nInv) {
    return mul(x, 1, n, nInv);
  }

  /** base^e in Montgomery form, for e >= 1; base in Montgomery form. */
  static long pow(long base, long e, long n, long nInv) {
    long x = base;
    for (int bit = 62 - Long.numberOfLeadingZeros(e); bit >= 0; bit--) {
      x = mul(x, x, n, nInv);
      if (((e >>> bit) & 1) != 0) x = mul(x, base, n, nInv);
    }
    return x;
  }

  /** gcd(a, b) for a, b >= 0 (binary: no division). gcd(0, b) = b. */
  static long gcd(long a, long b) {
    if (a == 0) return b;
    if (b == 0) return a;
    int shift = Long.numberOfTrailingZeros(a | b);
    a >>>= Long.numberOfTrailingZeros(a);
    do {
      b >>>= Long.numberOfTrailingZeros(b);
      if (a > b) {
        long t = a;
        a = b;
        b = t;
      }
      b -= a;
    } while (b != 0);
    return a << shift;
  }
}
