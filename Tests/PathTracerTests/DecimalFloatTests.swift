import Testing
@testable import PathTracer

@Suite("Decimal numbers decoded from bytes")
struct DecimalFloatTests {
  /// What the OBJ reader gets for `text`: the fast path's value, or `Float(String)`'s when it declines.
  private func decoded(_ text: String) -> Float? {
    let bytes = Array(text.utf8)
    return DecimalFloat.parse(bytes, 0..<bytes.count) ?? Float(text)
  }

  /// Same value and same sign (so that -0 and 0 differ), or both `nil`.
  private func same(_ a: Float?, _ b: Float?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case let (a?, b?): a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
    default: false
    }
  }

  static let edgeCases = [
    "0", "-0", "+0", "0.0", "-0.000000", "00012", "1", "-1", "+1.5", "5.", ".5", "-.5", ".", "-", "+", "",
    "1e5", "1E5", "1e+5", "1e-5", "-1.25e-10", "1e10", "1e11", "1e-11", "3.4028235e38", "1e39", "1e-46",
    "16777216", "16777217", "16777215.5", "0.1", "0.2", "0.3", "0.914286", "-12.345678", "123456789",
    "1.00000005960464477539", "0.000000000000000000000000000001", "1e", "1e+", "1.2.3", "1-2", "--1",
    "1x", "0x1p3", "inf", "-inf", "nan", "infinity", "1e00005", "1e0000", "9999999999999999999",
    "99999999999999999999", "0.00000000000000000001", "1 ", " 1", "1,5", "١",
  ]

  @Test("edge cases decode as Float(String) decodes them", arguments: edgeCases)
  func edgeCase(_ text: String) {
    #expect(same(decoded(text), Float(text)), "\(text)")
  }

  @Test("a million random decimals of the shapes exporters write decode as Float(String) does")
  func randomDecimals() {
    var generator = GeometryTestRandom(seed: 9)
    var fastPathUses = 0
    for _ in 0..<1_000_000 {
      let r = generator.next()
      let integerDigits = Int(r % 9)
      let fractionDigits = Int((r >> 8) % 12)
      var text = (r >> 16) & 1 == 0 ? "" : "-"
      for _ in 0..<integerDigits { text.append(Character(String(generator.next() % 10))) }
      if fractionDigits > 0 || integerDigits == 0 {
        text += "."
        for _ in 0..<Swift.max(fractionDigits, 1) { text.append(Character(String(generator.next() % 10))) }
      }
      if (r >> 20) % 4 == 0 {
        let exponent = Int((r >> 24) % 50) - 25
        text += (r >> 32) & 1 == 0 ? "e\(exponent)" : "E\(exponent)"
      }
      let bytes = Array(text.utf8)
      if DecimalFloat.parse(bytes, 0..<bytes.count) != nil { fastPathUses += 1 }
      if !same(decoded(text), Float(text)) {
        Issue.record("\(text): \(String(describing: decoded(text))) != \(String(describing: Float(text)))")
        return
      }
    }
    #expect(fastPathUses > 300_000)
  }

  @Test("every Float printed with 6 decimals, as exporters print, takes the fast path and round-trips")
  func sixDecimals() {
    var generator = GeometryTestRandom(seed: 3)
    for _ in 0..<200_000 {
      let value = Float(Int64(bitPattern: generator.next()) % 100_000_000) / 1_000_000
      let text = String(format6: value)
      let bytes = Array(text.utf8)
      let fast = DecimalFloat.parse(bytes, 0..<bytes.count)
      #expect(fast != nil, "\(text)")
      if !same(fast, Float(text)) {
        Issue.record("\(text)")
        return
      }
    }
  }
}

extension String {
  /// `value` with exactly six decimals, as C's `%.6f` writes it.
  fileprivate init(format6 value: Float) {
    let scaled = Int64((Double(value) * 1_000_000).rounded())
    let magnitude = scaled.magnitude
    let sign = scaled < 0 ? "-" : ""
    let fraction = String(magnitude % 1_000_000)
    self = sign + String(magnitude / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
  }
}
