/// A measured isotropic BRDF in the layout of the MERL database (Matusik,
/// Pfister, Brand and McMillan, "A Data-Driven Reflectance Model", 2003):
/// 90 × 90 × 180 cells over the half/difference angles θh, θd and φd (see
/// ``HalfDifferenceAngles``), each holding an RGB reflectance, already scaled.
///
/// Read one from a `.binary` file with ``MERLFile/load(path:)``. The table is
/// 1,458,000 cells of three `Float`s: 17.5 MB, allocated once and never
/// written again. The ``Scene`` owns it, and a ``Material/measured(_:)``
/// material's ``MeasuredBRDF`` reads it through a raw pointer.
///
/// ## Why a class, and why the BxDF may keep a raw pointer into it
/// A BxDF is copied into a camera sample's arena, so it must be
/// `BitwiseCopyable`: it cannot hold an array or a class reference, which
/// need reference counting. So the table lives here, in a class instance that
/// owns the memory and frees it in `deinit`, and each ``MeasuredBRDF`` holds a
/// bare `UnsafePointer<Float>` to ``values``. That pointer is valid as long as
/// this instance lives. The scene loader puts every table it reads in
/// ``Scene/measuredBRDFTables``, next to the ``Material/measured(_:)``
/// materials that point into it; every renderer thread keeps its `Scene` for
/// the whole render, and a BxDF lives only for one path vertex of one camera
/// sample of that render. So the table always outlives every BxDF that points
/// into it. (Code that makes a ``MeasuredBRDF`` by hand, as tests do,
/// must keep its `MERLTable` alive just as long: a global `let` does it.)
///
/// `@unchecked Sendable`: the memory is written only in `init`, before the
/// instance is shared, and only read afterwards, from any thread.
public final class MERLTable: @unchecked Sendable {
  /// Number of θh cells: θh ∈ [0, π/2], spaced by the square root (see ``cell(for:)``).
  public static let thetaHalfCount = 90
  /// Number of θd cells: θd ∈ [0, π/2], evenly spaced.
  public static let thetaDiffCount = 90
  /// Number of φd cells: φd ∈ [0, π), evenly spaced.
  public static let phiDiffCount = 180
  /// 90 × 90 × 180 = 1,458,000.
  public static let cellCount = thetaHalfCount * thetaDiffCount * phiDiffCount

  /// What the file's numbers are multiplied by to give reflectance, per
  /// channel. These are tray_rust's factors, (1, 1, 1.66) / 1500; the MERL
  /// database's own reader (`BRDFRead.cpp`) uses 1.15 / 1500 for green, so
  /// renders here match tray_rust's and are slightly less green than MERL's.
  public static let channelScale: SIMD3<Double> = SIMD3(1.0, 1.0, 1.66) / 1500

  /// The reflectance of cell `i` is `values[3 i]`, `values[3 i + 1]`,
  /// `values[3 i + 2]` (red, green, blue): the three channels of one cell are
  /// next to each other, so that a lookup touches one cache line.
  public let values: UnsafePointer<Float>

  /// Takes ownership of `values`, 3 × ``cellCount`` floats laid out as
  /// described at ``values``; they are freed with this instance.
  init(takingOwnershipOf values: UnsafeMutableBufferPointer<Float>) {
    require(values.count == 3 * Self.cellCount, "a MERL table has 3 × 1,458,000 values")
    self.values = UnsafePointer(values.baseAddress!)
  }

  deinit {
    UnsafeMutablePointer(mutating: values).deallocate()
  }

  /// The RGB reflectance stored in cell `index` (0 ..< ``cellCount``).
  public func reflectance(cell index: Int) -> Color {
    Self.reflectance(cell: index, in: values)
  }

  /// The reflectance of cell `index` of the table at `values`: three loads.
  static func reflectance(cell index: Int, in values: UnsafePointer<Float>) -> Color {
    let rgb = values + 3 * index
    return Color(rgb[0], rgb[1], rgb[2])
  }

  /// The cell holding the measurement for `angles`, as the MERL reader
  /// computes it: θd and φd are split evenly, θh with its square root
  /// (θh_index = ⌊√(θh / (π/2)) · 90⌋), which puts more cells near θh = 0,
  /// where the specular highlights are. Out-of-range (and NaN) angles are
  /// clamped to the first or last cell. Cost: a square root and a few flops.
  public static func cell(for angles: HalfDifferenceAngles) -> Int {
    let thetaHalf = index(((2 / Float.pi) * angles.thetaHalf).squareRoot(), count: thetaHalfCount)
    let thetaDiff = index((2 / Float.pi) * angles.thetaDiff, count: thetaDiffCount)
    let phiDiff = index((1 / Float.pi) * angles.phiDiff, count: phiDiffCount)
    return phiDiff + phiDiffCount * (thetaDiff + thetaDiffCount * thetaHalf)
  }

  /// ⌊fraction · count⌋ clamped to 0 ..< count; NaN gives 0 (`Int(_:)` would trap).
  private static func index(_ fraction: Float, count: Int) -> Int {
    let scaled = fraction * Float(count)
    guard scaled > 0 else { return 0 }
    return Int(Swift.min(scaled, Float(count - 1)))
  }
}
