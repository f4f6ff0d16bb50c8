/// Decodes the plain decimal numbers that OBJ exporters write (`-0.914286`,
/// `12`, `1.5e-3`) straight from their bytes, with the result `Float(String)`
/// gives, or declines.
///
/// The digits are gathered into an integer `m` and a power of ten `e`, so the
/// number is `m × 10^e`. When `m < 2^24` and `|e| <= 10` both `m` and `10^|e|`
/// are exact `Float`s, and one IEEE multiplication or division rounds their
/// product or quotient correctly: the result is the correctly rounded value
/// of the text, which is what `Float(String)` returns (Clinger's fast path).
/// Up to `m < 2^53` and `|e| <= 22` the same holds in `Double`; the `Double`
/// is then rounded to a `Float`, which is the correct rounding of the text
/// unless the `Double` lies on (or next to) a point halfway between two
/// `Float`s, where rounding twice could differ from rounding once: those
/// rare values are declined.
///
/// Everything else (more significant digits, large exponents, `inf`, `nan`,
/// hexadecimal, malformed text) returns `nil`, and the caller falls back to
/// `Float(String)`, which decides and rounds it. About 5 ns per number,
/// against about 60 for making a `String` and calling `Float.init`.
enum DecimalFloat {
  /// `10^k` for `k` in 0...10, each exact in a `Float` (`5^10 < 2^24`).
  private static let powersOfTen: InlineArray<11, Float> =
    [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]
  /// `10^k` for `k` in 0...22, each exact in a `Double` (`5^22 < 2^53`).
  private static let doublePowersOfTen: InlineArray<23, Double> =
    [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
     1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

  /// `bytes[token]` as a `Float` if it is `[+-]digits[.digits][(e|E)[+-]digits]`
  /// (at least one digit before or after the point) within the fast path's
  /// limits; otherwise `nil`.
  static func parse(_ bytes: [UInt8], _ token: Range<Int>) -> Float? {
    bytes.withUnsafeBufferPointer { buffer in parse(UnsafeBufferPointer(rebasing: buffer[token])) }
  }

  /// ``parse(_:_:)`` on the bytes of one token.
  static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
    let zero = UInt8(ascii: "0")
    var i = 0
    let count = text.count
    var negative = false
    if i < count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
      negative = text[i] == UInt8(ascii: "-")
      i += 1
    }
    // The significand: at most 19 significant digits fit in a UInt64.
    var significand: UInt64 = 0
    var significantDigits = 0
    var digits = 0
    var exponent = 0
    while i < count, text[i] &- zero < 10 {
      if significand != 0 || text[i] != zero {
        significand = significand &* 10 &+ UInt64(text[i] &- zero)
        significantDigits += 1
      }
      digits += 1
      i += 1
    }
    if i < count && text[i] == UInt8(ascii: ".") {
      i += 1
      while i < count, text[i] &- zero < 10 {
        if significand != 0 || text[i] != zero {
          significand = significand &* 10 &+ UInt64(text[i] &- zero)
          significantDigits += 1
        }
        exponent -= 1
        digits += 1
        i += 1
      }
    }
    guard digits > 0, significantDigits <= 19 else { return nil }
    if i < count && (text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E")) {
      i += 1
      var exponentNegative = false
      if i < count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
        exponentNegative = text[i] == UInt8(ascii: "-")
        i += 1
      }
      var written = 0
      var exponentDigits = 0
      while i < count, text[i] &- zero < 10 {
        written = written * 10 + Int(text[i] &- zero)
        exponentDigits += 1
        guard exponentDigits <= 4 else { return nil }
        i += 1
      }
      guard exponentDigits > 0 else { return nil }
      exponent += exponentNegative ? -written : written
    }
    guard i == count else { return nil }
    if significand == 0 { return negative ? -0.0 : 0.0 }
    // Trailing zeros (`0.250000`) only scale: drop them while e < 0.
    while exponent < 0 && significand % 10 == 0 {
      significand /= 10
      exponent += 1
    }
    let value: Float
    if significand < 1 << 24 && (-10...10).contains(exponent) {
      let m = Float(significand)  // exact
      value = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
    } else if significand < 1 << 53 && (-22...22).contains(exponent) {
      let m = Double(significand)  // exact
      let wide = exponent >= 0 ? m * doublePowersOfTen[exponent] : m / doublePowersOfTen[-exponent]
      // The 29 bits a Float drops: 1 followed by 28 zeros is halfway between
      // two Floats. (Every such value is a normal Float: 1e-22 to 9e37.)
      let dropped = wide.bitPattern & (1 << 29 - 1)
      guard dropped &- (1 << 28 - 1) > 2 else { return nil }
      value = Float(wide)
    } else {
      return nil
    }
    return negative ? -value : value
  }
}
