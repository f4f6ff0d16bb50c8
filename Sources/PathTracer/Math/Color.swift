/// A linear RGB triple: radiance, reflectance or a path's throughput.
///
/// Stored as a SIMD vector so that the component-wise arithmetic a path
/// tracer does on every bounce compiles to single vector instructions.
public struct Color: Hashable, Sendable, BitwiseCopyable {
  public var rgb: SIMD3<Float>

  @inlinable public init(_ r: Float, _ g: Float, _ b: Float) { rgb = SIMD3(r, g, b) }
  @inlinable public init(_ rgb: SIMD3<Float>) { self.rgb = rgb }
  @inlinable public init(gray: Float) { rgb = SIMD3(repeating: gray) }

  // Computed, not stored: a stored `static let` is initialized lazily, and
  // every read in the render loop went through `swift_once` first.
  @inlinable public static var black: Color { Color(gray: 0) }
  @inlinable public static var white: Color { Color(gray: 1) }

  @inlinable public var r: Float { rgb.x }
  @inlinable public var g: Float { rgb.y }
  @inlinable public var b: Float { rgb.z }

  @inlinable public var isBlack: Bool { rgb == .zero }

  /// Relative luminance (Rec. 709 weights), used for Russian roulette and light power.
  @inlinable public var luminance: Float { 0.2126 * rgb.x + 0.7152 * rgb.y + 0.0722 * rgb.z }

  /// The largest component.
  @inlinable public var maxComponent: Float { rgb.max() }

  /// True when every component is finite (neither NaN nor infinite).
  @inlinable public var isFinite: Bool { rgb.x.isFinite && rgb.y.isFinite && rgb.z.isFinite }

  @inlinable public static func + (a: Color, b: Color) -> Color { Color(a.rgb + b.rgb) }
  @inlinable public static func - (a: Color, b: Color) -> Color { Color(a.rgb - b.rgb) }
  @inlinable public static func * (a: Color, b: Color) -> Color { Color(a.rgb * b.rgb) }
  @inlinable public static func * (a: Color, s: Float) -> Color { Color(a.rgb * s) }
  @inlinable public static func * (s: Float, a: Color) -> Color { Color(a.rgb * s) }
  @inlinable public static func / (a: Color, s: Float) -> Color { Color(a.rgb / s) }
  @inlinable public static func += (a: inout Color, b: Color) { a.rgb += b.rgb }
  @inlinable public static func *= (a: inout Color, b: Color) { a.rgb *= b.rgb }
  @inlinable public static func *= (a: inout Color, s: Float) { a.rgb *= s }
}
