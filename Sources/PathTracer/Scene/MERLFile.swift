/// Reads the `.binary` files of the MERL BRDF database into a ``MERLTable``.
///
/// The format, all little-endian:
///
///     Int32 × 3     the table's dimensions: 90 (θh), 90 (θd), 180 (φd)
///     Float64 × 1,458,000   red, cell by cell (φd fastest, then θd, then θh)
///     Float64 × 1,458,000   green, in the same order
///     Float64 × 1,458,000   blue
///
/// 34,992,012 bytes in all. Each number is multiplied by its channel's factor
/// in ``MERLTable/channelScale``; negative numbers (cells the
/// gonioreflectometer could not measure) become 0, as in tray_rust.
/// Anything else (a file of another size, other dimensions, infinite or NaN
/// numbers) is rejected with a ``MERLFileError`` saying what is wrong.
///
/// No MERL file ships with this project and none can be downloaded here: the
/// tests write synthetic tables in this format.
public enum MERLFile {
  /// The three `Int32` dimensions at the start of the file.
  public static let headerByteCount = 3 * MemoryLayout<Int32>.size
  /// The size of every valid file: the header and three `Float64` per cell.
  public static let byteCount = headerByteCount + 3 * MERLTable.cellCount * MemoryLayout<Float64>.size

  /// Reads the file at `path` with one `read` of the whole file (after `fstat`
  /// has checked its size) and converts it to a table.
  ///
  /// Cost: 35 MB read into a temporary buffer, then one pass converting to
  /// the 17.5 MB table of `Float`s. A file of the wrong size is rejected after
  /// reading only its 12-byte header.
  public static func load(path: String) throws(MERLFileError) -> MERLTable {
    func cannotRead(_ failure: InputFile.Failure) -> MERLFileError {
      MERLFileError(file: path, problem: "cannot be read: \(failure.reason)")
    }
    let file: InputFile
    do { file = try InputFile(path: path) } catch { throw cannotRead(error) }

    // The whole file only when its size is right; otherwise the header is
    // enough to say what is wrong, however large the file is.
    let fileSize = file.byteCount
    let wanted = fileSize == byteCount ? byteCount : min(fileSize, headerByteCount)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(wanted, 1), alignment: 8)
    defer { buffer.deallocate() }
    let filled: Int  // fewer than wanted if the file shrank since it was opened
    do { filled = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted])) } catch {
      throw cannotRead(error)
    }
    return try table(parsing: UnsafeRawBufferPointer(rebasing: buffer[..<filled]),
                     fileSize: filled < wanted ? filled : fileSize, fileName: path)
  }

  /// Converts the bytes of a whole MERL file, already in memory, to a table.
  /// Cost: one pass over the 35 MB, allocating the 17.5 MB table.
  public static func table(parsing bytes: UnsafeRawBufferPointer, fileName: String) throws(MERLFileError) -> MERLTable {
    try table(parsing: bytes, fileSize: bytes.count, fileName: fileName)
  }

  /// `bytes` is the start of a file of `fileSize` bytes: all of it, or (when
  /// the size is wrong anyway) just its header.
  static func table(parsing bytes: UnsafeRawBufferPointer, fileSize: Int,
                    fileName: String) throws(MERLFileError) -> MERLTable {
    func problem(_ text: String) -> MERLFileError { MERLFileError(file: fileName, problem: text) }
    let sizes = "expected \(grouped(byteCount)) bytes, found \(grouped(fileSize))"
    guard bytes.count >= headerByteCount else { throw problem("is truncated: \(sizes)") }

    let dimensions = (0..<3).map { Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self))) }
    let expectedDimensions = [MERLTable.thetaHalfCount, MERLTable.thetaDiffCount, MERLTable.phiDiffCount]
    guard dimensions == expectedDimensions else {
      func product(_ d: [Int]) -> String { d.map(String.init).joined(separator: " × ") }
      throw problem("is not a MERL BRDF: its header gives dimensions \(product(dimensions)), "
                    + "expected \(product(expectedDimensions))")
    }
    guard fileSize >= byteCount else { throw problem("is truncated: \(sizes)") }
    guard fileSize == byteCount else { throw problem("is too long: \(sizes)") }
    require(bytes.count == byteCount, "the caller passes the whole file when its size is right")

    let values = UnsafeMutableBufferPointer<Float>.allocate(capacity: 3 * MERLTable.cellCount)
    var nonFinite = 0
    for channel in 0..<3 {
      let scale = MERLTable.channelScale[channel]
      let channelStart = headerByteCount + channel * MERLTable.cellCount * MemoryLayout<Float64>.size
      for cell in 0..<MERLTable.cellCount {
        let bits = bytes.loadUnaligned(fromByteOffset: channelStart + 8 * cell, as: UInt64.self)
        // Scaled in double precision, as the file is, then rounded once.
        let value = Float(Double(bitPattern: UInt64(littleEndian: bits)) * scale)
        if !value.isFinite { nonFinite += 1 }
        // The file is channel-major; the table keeps a cell's RGB together.
        values[3 * cell + channel] = value > 0 ? value : 0
      }
    }
    guard nonFinite == 0 else {
      values.deallocate()
      let what = nonFinite == 1 ? "1 number that is" : "\(grouped(nonFinite)) numbers that are"
      throw problem("holds \(what) infinite or NaN (after scaling to Float)")
    }
    return MERLTable(takingOwnershipOf: values)
  }

  /// `34992012` → `"34,992,012"`.
  static func grouped(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var result = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return number < 0 ? "-" + result : result
  }
}

/// Why a MERL file could not be read: `"gold.binary" is truncated: expected
/// 34,992,012 bytes, found 1,000`. The scene loader reports it at the
/// material's `file` key, quoting the path as the scene wrote it.
public struct MERLFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The last path component of the file.
  public let file: String
  /// What is wrong, as the predicate of a sentence about the file:
  /// `is truncated: expected 34,992,012 bytes, found 1,000`.
  public let problem: String

  public init(file: String, problem: String) {
    self.file = FilePathComponents.fileName(of: file)
    self.problem = problem
  }

  public var description: String { "\"\(file)\" \(problem)" }
}
