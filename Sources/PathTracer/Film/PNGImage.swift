import CPNG

// MARK: Platform. The C library, for mode_t, write and errno.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// PNG files through libpng's simplified `png_image` API. Unlike libpng's full
// API, it catches its own longjmp-based errors internally and reports them as a
// zero return value plus a message in the struct, which is safe to call from
// Swift (a longjmp across Swift frames is not).

extension RGB8Image {
  /// Writes the image as an 8-bit RGB PNG file at `path`, atomically: any
  /// previous file there is replaced in one step, and left untouched if
  /// writing fails (see `replaceFileAtomically`).
  ///
  /// Cost: libpng's deflate compression of `3 * width * height` bytes (a few
  /// milliseconds per megapixel) plus one `fsync`. The pixels are not copied.
  ///
  /// - Throws: `PNGError.invalidImage` if the image is empty or its pixel count
  ///   does not match its size (no file is touched); `.libpng` or
  ///   `.fileSystem` if writing fails.
  ///
  /// - Parameters:
  ///   - mode: The permission bits the file gets (``ImageOutput`` passes those
  ///     of the file it replaces); `nil` for a new file's default.
  ///   - temporaryFiles: Where the temporary file is recorded while it
  ///     exists, for a signal handler to remove.
  public func writePNG(to path: String, mode: mode_t? = nil, temporaryFiles: TemporaryFiles? = nil) throws(PNGError) {
    try validateForWriting(path: path)

    var image = png_image()  // all zero, as libpng requires
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    image.width = png_uint_32(width)
    image.height = png_uint_32(height)
    image.format = png_uint_32(PNG_FORMAT_RGB)
    let rowStride = png_int_32(bytesPerRow)  // in bytes, as the format has 1-byte components
    defer { png_image_free(&image) }  // harmless when libpng already freed it

    try replaceFileAtomically(at: path, mode: mode, temporaryFiles: temporaryFiles) { (file) throws(PNGError) in
      let succeeded = pixels.withUnsafeBytes { bytes in
        png_image_write_to_stdio(&image, file, 0, bytes.baseAddress, rowStride, nil)
      }
      guard succeeded != 0 else {
        throw .libpng(path: path, message: libpngMessage(of: image))
      }
    }
  }

  /// Writes the image as an 8-bit RGB PNG to the open file `descriptor`
  /// (standard output, say); `name` labels errors. The PNG is made in memory
  /// first, so a libpng error writes nothing.
  ///
  /// Cost: deflate, plus one buffer of the compressed size.
  public func writePNG(toDescriptor descriptor: Int32, name: String) throws(PNGError) {
    try validateForWriting(path: name)
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    image.width = png_uint_32(width)
    image.height = png_uint_32(height)
    image.format = png_uint_32(PNG_FORMAT_RGB)
    defer { png_image_free(&image) }
    let rowStride = png_int_32(bytesPerRow)

    // First call: how large the PNG is; second: the PNG itself.
    var byteCount = 0
    let sized = pixels.withUnsafeBytes { png_image_write_to_memory(&image, nil, &byteCount, 0, $0.baseAddress, rowStride, nil) }
    guard sized != 0 else { throw .libpng(path: name, message: libpngMessage(of: image)) }
    var encoded = [UInt8](repeating: 0, count: byteCount)
    let written = encoded.withUnsafeMutableBytes { out in
      pixels.withUnsafeBytes {
        png_image_write_to_memory(&image, out.baseAddress, &byteCount, 0, $0.baseAddress, rowStride, nil)
      }
    }
    guard written != 0 else { throw .libpng(path: name, message: libpngMessage(of: image)) }

    if let code = writeAll(encoded, toDescriptor: descriptor) {
      throw .fileSystem(path: name, operation: "writing", errno: code)
    }
  }

  /// Reads any PNG file (grey or colour, palette, 1 to 16 bits, with or without
  /// alpha) and converts it to 8-bit sRGB. Transparent pixels are composited
  /// over black.
  ///
  /// The file must be a regular file, and the size its header claims must be
  /// one its data could hold and the machine's memory could take: a PNG's
  /// pixels are deflate-compressed, which shrinks data at most 1032 times,
  /// so a file of `n` bytes holds at most `8 × 1032 × n` pixels (at 1 bit
  /// each). Nothing is allocated for a size the file merely claims.
  ///
  /// Cost: the file read into memory, one allocation of `3 * width * height`
  /// bytes, and libpng's decoding.
  ///
  /// - Throws: `PNGError.fileSystem` if the file cannot be read or is not a
  ///   regular file; `.libpng` with libpng's message if it is not a PNG,
  ///   truncated or corrupt; `.invalidImage` if its size is impossible for
  ///   its length or too large for memory.
  public static func readPNG(from path: String) throws(PNGError) -> RGB8Image {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.readAll(atPath: path)
    } catch {
      throw .unreadable(path: path, reason: error.reason)
    }
    return try decodePNG(bytes, path: path)
  }

  /// Decodes the PNG file whose bytes are `bytes`, as ``readPNG(from:)``
  /// does once it has read them; `path` names the file in errors.
  ///
  /// Cost: one allocation of `3 * width * height` bytes and libpng's decoding.
  public static func decodePNG(_ bytes: [UInt8], path: String) throws(PNGError) -> RGB8Image {
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    defer { png_image_free(&image) }  // harmless when libpng already freed it
    // libpng keeps a pointer to `bytes` until the read finishes: both calls
    // below are inside this closure.
    let decoded = bytes.withUnsafeBytes { file in Result { () throws(PNGError) -> RGB8Image in
      guard png_image_begin_read_from_memory(&image, file.baseAddress, file.count) != 0 else {
        throw .libpng(path: path, message: libpngMessage(of: image))
      }
      // Ask for 8-bit RGB; libpng converts whatever the file holds.
      image.format = png_uint_32(PNG_FORMAT_RGB)

      let width = Int(image.width)
      let height = Int(image.height)
      let pixelCount = MemoryRequirement(count: width, stride: height)
      let mostPixels = MemoryRequirement(count: file.count, stride: 8 * maximumDeflateRatio)
      guard let claimed = pixelCount.bytes, let most = mostPixels.bytes, claimed <= most else {
        throw .invalidImage(
          path: path,
          reason: "its header claims \(width)×\(height) pixels, more than a PNG file of \(file.count) bytes can hold")
      }
      let pixelBytes = MemoryRequirement(count: claimed, stride: 3)
      guard pixelBytes.fits(), width * 3 <= Int(Int32.max) else {
        throw .invalidImage(path: path, reason: "\(width)×\(height) pixels need \(pixelBytes), "
                            + "more than this machine's \(MemoryRequirement(bytes: MemoryRequirement.physicalMemory))")
      }
      let rowBytes = width * 3

      // Zero-filled: with a nil background, libpng composites alpha onto the
      // buffer's existing content, i.e. onto black.
      var pixels = [UInt8](repeating: 0, count: claimed * 3)
      let succeeded = pixels.withUnsafeMutableBytes { bytes in
        png_image_finish_read(&image, nil, bytes.baseAddress, png_int_32(rowBytes), nil)
      }
      guard succeeded != 0 else {
        throw .libpng(path: path, message: libpngMessage(of: image))
      }
      return RGB8Image(width: width, height: height, pixels: pixels)
    } }
    return try decoded.get()
  }

  /// The most deflate can shrink data: 258 bytes per match of at most 2 bits
  /// after Huffman coding (RFC 1951), about 1032 to 1.
  static let maximumDeflateRatio = 1032

  /// The largest width and height libpng writes or reads (`PNG_USER_WIDTH_MAX`
  /// and `PNG_USER_HEIGHT_MAX`, which it enforces at run time).
  public static let maximumPNGSize = 1_000_000

  /// Checks what libpng cannot check for us: that `pixels` really holds
  /// `width × height` RGB pixels, and that the sizes fit libpng's integer types.
  private func validateForWriting(path: String) throws(PNGError) {
    guard width > 0, height > 0 else {
      throw .invalidImage(path: path, reason: "\(width)×\(height) pixels: an image needs at least one pixel")
    }
    let (rowBytes, rowOverflow) = width.multipliedReportingOverflow(by: 3)
    let (byteCount, totalOverflow) = rowBytes.multipliedReportingOverflow(by: height)
    guard !rowOverflow, !totalOverflow, width <= Self.maximumPNGSize, height <= Self.maximumPNGSize else {
      throw .invalidImage(path: path, reason: "\(width)×\(height) pixels is too large for PNG, "
                          + "whose width and height are at most \(Self.maximumPNGSize) in libpng")
    }
    guard pixels.count == byteCount else {
      throw .invalidImage(
        path: path,
        reason: "\(pixels.count) bytes of pixels, but \(width)×\(height) RGB needs \(byteCount)")
    }
  }
}

/// The NUL-terminated message libpng left in the image's 64-byte `message`
/// field (imported into Swift as a tuple of 64 `CChar`s).
private func libpngMessage(of image: png_image) -> String {
  withUnsafeBytes(of: image.message) { bytes in
    String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
  }
}
