/// Which tiles of an image one job renders: part K of N.
///
/// A render split into N parts gives each job every N-th tile (tile numbers
/// K − 1, K − 1 + N, K − 1 + 2N, …, row by row from the top-left), so every
/// part holds tiles from all over the image and no part is all sky. Pixels
/// are seeded by their position, not by the job, so the parts together hold
/// exactly the samples one process would take; `tracer merge` joins them
/// into the same image, bit for bit (see ``RenderPartFile``).
public struct RenderPart: Sendable, Hashable, CustomStringConvertible {
  /// K, from 1 to ``count``.
  public let index: Int
  /// N, at least 1.
  public let count: Int

  /// The whole image: part 1 of 1.
  public static let whole = RenderPart(uncheckedIndex: 1, count: 1)

  /// Part `index` of `count`; `nil` unless 1 ≤ `index` ≤ `count`.
  public init?(_ index: Int, of count: Int) {
    guard count >= 1, (1...count).contains(index) else { return nil }
    self.init(uncheckedIndex: index, count: count)
  }

  /// Parses `K/N`, e.g. `3/8`.
  public init?(parsing text: String) {
    let fields = text.split(separator: "/", omittingEmptySubsequences: false)
    guard fields.count == 2, let index = Int(fields[0]), let count = Int(fields[1]) else { return nil }
    self.init(index, of: count)
  }

  private init(uncheckedIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// `K/N`.
  public var description: String { "\(index)/\(count)" }

  /// The tiles of `grid` this part renders, in increasing order. Cost: one
  /// array of `grid.count / count` numbers.
  public func tiles(of grid: TileGrid) -> [Int] {
    Array(stride(from: index - 1, to: grid.count, by: count))
  }
}
