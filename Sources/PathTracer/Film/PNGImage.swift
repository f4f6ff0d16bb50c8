import CPNG

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
  public func writePNG(to path: String) throws(PNGError) {
    try validateForWriting(path: path)

    var image = png_image()  // all zero, as libpng requires
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    image.width = png_uint_32(width)
    image.height = png_uint_32(height)
    image.format = png_uint_32(PNG_FORMAT_RGB)
    let rowStride = png_int_32(bytesPerRow)  // in bytes, as the format has 1-byte components
    defer { png_image_free(&image) }  // harmless when libpng already freed it

    try replaceFileAtomically(at: path) { (file) throws(PNGError) in
      let succeeded = pixels.withUnsafeBytes { bytes in
        png_image_write_to_stdio(&image, file, 0, bytes.baseAddress, rowStride, nil)
      }
      guard succeeded != 0 else {
        throw .libpng(path: path, message: libpngMessage(of: image))
      }
    }
  }

  /// Reads any PNG file (grey or colour, palette, 1 to 16 bits, with or without
  /// alpha) and converts it to 8-bit sRGB. Transparent pixels are composited
  /// over black.
  ///
  /// Cost: one allocation of `3 * width * height` bytes plus libpng's decoding.
  ///
  /// - Throws: `PNGError.libpng` with libpng's message if the file is missing,
  ///   not a PNG, truncated or corrupt; `.invalidImage` if it is too large to
  ///   address.
  public static func readPNG(from path: String) throws(PNGError) -> RGB8Image {
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    defer { png_image_free(&image) }  // harmless when libpng already freed it

    guard png_image_begin_read_from_file(&image, path) != 0 else {
      throw .libpng(path: path, message: libpngMessage(of: image))
    }
    // Ask for 8-bit RGB; libpng converts whatever the file holds.
    image.format = png_uint_32(PNG_FORMAT_RGB)

    let width = Int(image.width)
    let height = Int(image.height)
    let (rowBytes, rowOverflow) = width.multipliedReportingOverflow(by: 3)
    let (byteCount, totalOverflow) = rowBytes.multipliedReportingOverflow(by: height)
    guard !rowOverflow, !totalOverflow, rowBytes <= Int(Int32.max) else {
      throw .invalidImage(path: path, reason: "\(width)×\(height) pixels is too large")
    }

    // Zero-filled: with a nil background, libpng composites alpha onto the
    // buffer's existing content, i.e. onto black.
    var pixels = [UInt8](repeating: 0, count: byteCount)
    let succeeded = pixels.withUnsafeMutableBytes { bytes in
      png_image_finish_read(&image, nil, bytes.baseAddress, png_int_32(rowBytes), nil)
    }
    guard succeeded != 0 else {
      throw .libpng(path: path, message: libpngMessage(of: image))
    }
    return RGB8Image(width: width, height: height, pixels: pixels)
  }

  /// Checks what libpng cannot check for us: that `pixels` really holds
  /// `width × height` RGB pixels, and that the sizes fit libpng's integer types.
  private func validateForWriting(path: String) throws(PNGError) {
    guard width > 0, height > 0 else {
      throw .invalidImage(path: path, reason: "\(width)×\(height) pixels: an image needs at least one pixel")
    }
    let (rowBytes, rowOverflow) = width.multipliedReportingOverflow(by: 3)
    let (byteCount, totalOverflow) = rowBytes.multipliedReportingOverflow(by: height)
    guard !rowOverflow, !totalOverflow, rowBytes <= Int(Int32.max), height <= Int(Int32.max) else {
      throw .invalidImage(path: path, reason: "\(width)×\(height) pixels is too large for PNG")
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
