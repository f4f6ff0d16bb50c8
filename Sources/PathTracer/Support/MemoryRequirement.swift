import Foundation

/// How many bytes something will need, worked out before it is allocated,
/// so that a size a file or a command line merely *claims* is refused with a
/// clear error instead of ending the process in `failed to allocate`.
///
/// Every product is overflow-checked: a requirement too large for `Int` is
/// simply "too large". The limit is the machine's physical memory: more than
/// that cannot be rendered here, whatever the operating system promises
/// (Linux overcommits, so the allocation itself may succeed and fail later).
public struct MemoryRequirement: Sendable, Equatable, CustomStringConvertible {
  /// The bytes needed, or `nil` if the number does not fit in an `Int`.
  public private(set) var bytes: Int?

  /// Nothing yet.
  public static let zero = MemoryRequirement(bytes: 0)

  public init(bytes: Int?) { self.bytes = bytes }

  /// `count` values of `stride` bytes each.
  public init(count: Int, stride: Int) {
    let (product, overflow) = count.multipliedReportingOverflow(by: stride)
    bytes = overflow || count < 0 ? nil : product
  }

  /// `count` values of type `T`.
  public init<T>(count: Int, of _: T.Type) {
    self.init(count: count, stride: MemoryLayout<T>.stride)
  }

  /// The two requirements together.
  public static func + (a: MemoryRequirement, b: MemoryRequirement) -> MemoryRequirement {
    guard let x = a.bytes, let y = b.bytes else { return MemoryRequirement(bytes: nil) }
    let (sum, overflow) = x.addingReportingOverflow(y)
    return MemoryRequirement(bytes: overflow ? nil : sum)
  }

  /// The requirement `count` times over (one per thread, say).
  public static func * (a: MemoryRequirement, count: Int) -> MemoryRequirement {
    guard let x = a.bytes else { return a }
    return MemoryRequirement(count: count, stride: x)
  }

  /// The machine's physical memory in bytes. Cost: one system call.
  public static var physicalMemory: Int {
    Int(clamping: ProcessInfo.processInfo.physicalMemory)
  }

  /// Whether this fits in `limit` bytes (by default the machine's memory).
  public func fits(in limit: Int = physicalMemory) -> Bool {
    guard let bytes else { return false }
    return bytes <= limit
  }

  /// `"3.5 GiB"`, `"120 KiB"`, or `"more than 8 EiB"` when it overflowed.
  public var description: String {
    guard let bytes else { return "more than \(Self.format(Int.max))" }
    return Self.format(bytes)
  }

  /// A byte count in the largest binary unit that keeps it at least 1.
  public static func format(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
  }
}
