import Foundation
import Testing
@testable import PathTracer

/// Issue 11, item 5: a broken requirement of the tracer's own API says what
/// went wrong even though the library is optimized (PathTracer is compiled
/// with `-O` in debug builds too, where `precondition` would say nothing).
@Suite("Requirements in optimized code")
struct RequirementTests {
  @Test("a pixel outside an image stops the program with a message naming it")
  func pixelOutsideImage() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var image = RGB8Image(width: 2, height: 2)
      image[5, 1] = SIMD3(1, 2, 3)
    }
    let errors = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(errors.contains("pixel (5, 1) is outside the image"), "\(errors)")
  }

  @Test("a requirement that holds costs nothing visible and returns")
  func holds() {
    var calls = 0
    require({ calls += 1; return true }(), "never shown")
    #expect(calls == 1)
  }
}
