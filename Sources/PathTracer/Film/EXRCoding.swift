import CEXR

// OpenEXR's C API reads and writes through callbacks that get one pointer of
// user data. The tracer keeps a file's bytes in memory: encoding fills a
// buffer that is then written atomically (or to standard output), decoding
// reads bytes already read through `InputFile`'s checks.

extension EXRImage {
  /// The bytes of an OpenEXR file holding this image: one scanline part,
  /// PIZ-compressed (lossless), every channel stored as `pixelType`, with
  /// the string attributes. `name` is the file's name, for messages.
  ///
  /// The encoding is checked: it is decoded again and must give back the
  /// same values (for half floats: the values an uncompressed file gives),
  /// or the image is stored uncompressed. OpenEXR 3.1.5, Debian 12's, gets
  /// some chunks wrong: its ZIP compression returned other values for about
  /// 1 image in 150 of noisy float data in this project's tests, and a
  /// render part is worth more than the bytes compression saves.
  ///
  /// Cost: the image's values, compressed, in memory, then decoded once
  /// (twice more, and an uncompressed copy, for half floats).
  /// - Throws: ``EXRError`` with OpenEXR's message.
  public func encoded(as pixelType: EXRPixelType = .float, name: String) throws(EXRError) -> [UInt8] {
    let compressed = try encoded(as: pixelType, compression: EXR_COMPRESSION_PIZ, name: name)
    let expected = switch pixelType {
    case .float: self
    case .half: try Self.decode(try encoded(as: .half, compression: EXR_COMPRESSION_NONE, name: name), path: name)
    }
    if try Self.decode(compressed, path: name).holdsTheSameValues(as: expected) { return compressed }
    return try encoded(as: pixelType, compression: EXR_COMPRESSION_NONE, name: name)
  }

  /// Whether `other` has the same size and, channel by channel (in any
  /// order), the same values, bit for bit.
  func holdsTheSameValues(as other: EXRImage) -> Bool {
    guard width == other.width, height == other.height, channels.sorted() == other.channels.sorted() else { return false }
    let count = channels.count
    for (channel, name) in channels.enumerated() {
      let theirs = other.channelIndex(name)!
      for pixel in 0..<width * height
      where pixels[pixel * count + channel].bitPattern != other.pixels[pixel * other.channels.count + theirs].bitPattern {
        return false
      }
    }
    return true
  }

  /// ``encoded(as:name:)`` with the given compression, unchecked.
  func encoded(as pixelType: EXRPixelType, compression: exr_compression_t, name: String) throws(EXRError) -> [UInt8] {
    require(width > 0 && height > 0 && !channels.isEmpty, "an OpenEXR image needs a pixel and a channel")
    let stream = EXRStream(path: name, bytes: [])
    var initializer = stream.initializer()
    initializer.write_fn = { _, userData, buffer, size, offset, _ in
      let stream = Unmanaged<EXRStream>.fromOpaque(userData!).takeUnretainedValue()
      return stream.write(UnsafeRawBufferPointer(start: buffer, count: Int(size)), at: Int(offset))
    }
    var context: exr_context_t?
    try stream.check(exr_start_write(&context, name, EXR_WRITE_FILE_DIRECTLY, &initializer))
    defer { exr_finish(&context) }

    var part: Int32 = 0
    try stream.check(exr_add_part(context, "render", EXR_STORAGE_SCANLINE, &part))
    try stream.check(exr_initialize_required_attr_simple(context, part, Int32(width), Int32(height),
                                                         compression))
    let storedType = pixelType == .half ? EXR_PIXEL_HALF : EXR_PIXEL_FLOAT
    for channel in channels {
      try stream.check(exr_add_channel(context, part, channel, storedType, EXR_PERCEPTUALLY_LOGARITHMIC, 1, 1))
    }
    for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
      try stream.check(exr_attr_set_string(context, part, key, value))
    }
    try stream.check(exr_write_header(context))

    var rowsPerChunk: Int32 = 1
    try stream.check(exr_get_scanlines_per_chunk(context, part, &rowsPerChunk))
    var encoder = exr_encode_pipeline_t()
    var started = false
    defer { if started { exr_encoding_destroy(context, &encoder) } }
    try pixels.withUnsafeBufferPointer { (values) throws(EXRError) in
      for firstRow in stride(from: 0, to: height, by: Int(rowsPerChunk)) {
        var chunk = exr_chunk_info_t()
        try stream.check(exr_write_scanline_chunk_info(context, part, Int32(firstRow), &chunk))
        if started {
          try stream.check(exr_encoding_update(context, part, &chunk, &encoder))
        } else {
          try stream.check(exr_encoding_initialize(context, part, &chunk, &encoder))
        }
        // OpenEXR keeps its channels sorted by name; each reads its values
        // from the interleaved pixels, converting float to half if asked.
        for index in 0..<Int(encoder.channel_count) {
          let name = String(cString: encoder.channels[index].channel_name)
          let channel = channels.firstIndex(of: name)!
          let start = values.baseAddress! + (firstRow * width) * channels.count + channel
          encoder.channels[index].encode_from_ptr = UnsafeRawPointer(start).assumingMemoryBound(to: UInt8.self)
          encoder.channels[index].user_pixel_stride = Int32(channels.count * 4)
          encoder.channels[index].user_line_stride = Int32(width * channels.count * 4)
          encoder.channels[index].user_bytes_per_element = 4
          encoder.channels[index].user_data_type = UInt16(EXR_PIXEL_FLOAT.rawValue)
        }
        if !started {
          try stream.check(exr_encoding_choose_default_routines(context, part, &encoder))
          started = true
        }
        try stream.check(exr_encoding_run(context, part, &encoder))
      }
    }
    if started {
      exr_encoding_destroy(context, &encoder)
      started = false
    }
    try stream.check(exr_finish(&context))
    return stream.bytes
  }

  /// Reads the OpenEXR file whose bytes are `bytes`: its first part, which
  /// must be scanline-stored with every channel sampled at every pixel, as
  /// 32-bit floats, with its string attributes. `path` names the file in errors.
  ///
  /// Cost: one allocation of `width × height × channels` floats, after
  /// checking that memory can hold them.
  /// - Throws: ``EXRError`` with OpenEXR's message, or naming what the tracer cannot read.
  public static func decode(_ bytes: [UInt8], path: String) throws(EXRError) -> EXRImage {
    let stream = EXRStream(path: path, bytes: bytes)
    var initializer = stream.initializer()
    initializer.read_fn = { _, userData, buffer, size, offset, _ in
      let stream = Unmanaged<EXRStream>.fromOpaque(userData!).takeUnretainedValue()
      return stream.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(size)), at: Int(offset))
    }
    initializer.size_fn = { _, userData in
      Int64(Unmanaged<EXRStream>.fromOpaque(userData!).takeUnretainedValue().bytes.count)
    }
    var context: exr_context_t?
    try stream.check(exr_start_read(&context, path, &initializer))
    defer { exr_finish(&context) }

    let part: Int32 = 0
    var storage = EXR_STORAGE_SCANLINE
    try stream.check(exr_get_storage(context, part, &storage))
    guard storage == EXR_STORAGE_SCANLINE else { throw stream.error("only scanline images are read, not tiled or deep ones") }
    var window = exr_attr_box2i_t()
    try stream.check(exr_get_data_window(context, part, &window))
    let width = Int(window.max.x) - Int(window.min.x) + 1
    let height = Int(window.max.y) - Int(window.min.y) + 1
    guard width > 0, height > 0 else { throw stream.error("the data window is empty") }

    var list: UnsafePointer<exr_attr_chlist_t>?
    try stream.check(exr_get_channels(context, part, &list))
    guard let list, list.pointee.num_channels > 0 else { throw stream.error("the image has no channel") }
    var channels: [String] = []
    for index in 0..<Int(list.pointee.num_channels) {
      let entry = list.pointee.entries[index]
      guard entry.x_sampling == 1, entry.y_sampling == 1 else {
        throw stream.error("channel \(String(cString: entry.name.str)) is subsampled")
      }
      channels.append(String(cString: entry.name.str))
    }
    let values = MemoryRequirement(count: width, stride: height) * (channels.count * MemoryLayout<Float>.stride)
    guard values.fits() else {
      throw stream.error("\(width)×\(height) pixels of \(channels.count) channels need \(values), "
                         + "more than this machine's \(MemoryRequirement(bytes: MemoryRequirement.physicalMemory))")
    }

    var attributes: [String: String] = [:]
    var attributeCount: Int32 = 0
    try stream.check(exr_get_attribute_count(context, part, &attributeCount))
    for index in 0..<attributeCount {
      var attribute: UnsafePointer<exr_attribute_t>?
      try stream.check(exr_get_attribute_by_index(context, part, EXR_ATTR_LIST_FILE_ORDER, index, &attribute))
      guard let attribute, attribute.pointee.type == EXR_ATTR_STRING, let text = attribute.pointee.string else {
        continue
      }
      let name = String(cString: attribute.pointee.name)
      // The part's own name and type describe the file's structure, not the image.
      guard name != "name", name != "type" else { continue }
      let bytes = UnsafeRawBufferPointer(start: text.pointee.str, count: Int(text.pointee.length))
      attributes[name] = String(decoding: bytes, as: UTF8.self)
    }

    // The pixels grow chunk by chunk, each only once OpenEXR has found the
    // chunk in the file: a header may claim any size, but memory is taken
    // only for chunks that are there, and for each no more than its
    // compressed bytes could hold.
    var pixels: [Float] = []
    let rowValues = width * channels.count
    var rowsPerChunk: Int32 = 1
    try stream.check(exr_get_scanlines_per_chunk(context, part, &rowsPerChunk))
    var decoder = exr_decode_pipeline_t()
    var started = false
    defer { if started { exr_decoding_destroy(context, &decoder) } }
    for row in stride(from: 0, to: height, by: Int(rowsPerChunk)) {
      var chunk = exr_chunk_info_t()
      try stream.check(exr_read_scanline_chunk_info(context, part, window.min.y + Int32(row), &chunk))
      let firstRow = Int(chunk.start_y - window.min.y)
      let rows = Int(chunk.height)
      guard firstRow == pixels.count / max(rowValues, 1), rows > 0, firstRow + rows <= height else {
        throw stream.error("chunk \(chunk.idx) holds rows \(firstRow)..<\(firstRow + rows), out of order or outside the image")
      }
      let unpacked = MemoryRequirement(count: rows * rowValues, stride: MemoryLayout<Float>.stride)
      guard let bytes = unpacked.bytes, bytes <= Self.maximumExpansion * max(Int(chunk.packed_size), 64) else {
        throw stream.error("chunk \(chunk.idx) claims \(unpacked) of pixels from \(chunk.packed_size) bytes, "
                           + "more than any compression gives")
      }
      pixels.append(contentsOf: repeatElement(0, count: rows * rowValues))
      if started {
        try stream.check(exr_decoding_update(context, part, &chunk, &decoder))
      } else {
        try stream.check(exr_decoding_initialize(context, part, &chunk, &decoder))
      }
      try pixels.withUnsafeMutableBufferPointer { (values) throws(EXRError) in
        for index in 0..<Int(decoder.channel_count) {
          let name = String(cString: decoder.channels[index].channel_name)
          let channel = channels.firstIndex(of: name)!
          let start = values.baseAddress! + firstRow * rowValues + channel
          decoder.channels[index].decode_to_ptr = UnsafeMutableRawPointer(start).assumingMemoryBound(to: UInt8.self)
          decoder.channels[index].user_pixel_stride = Int32(channels.count * 4)
          decoder.channels[index].user_line_stride = Int32(rowValues * 4)
          decoder.channels[index].user_bytes_per_element = 4
          decoder.channels[index].user_data_type = UInt16(EXR_PIXEL_FLOAT.rawValue)
        }
        if !started {
          try stream.check(exr_decoding_choose_default_routines(context, part, &decoder))
          started = true
        }
        try stream.check(exr_decoding_run(context, part, &decoder))
      }
    }
    guard pixels.count == height * rowValues else { throw stream.error("the chunks do not cover the image") }
    let image = EXRImage(width: width, height: height, channels: channels, pixels: pixels, attributes: attributes)
    return image
  }
}

extension EXRImage {
  /// The most a chunk's pixels may take per byte of its compressed data (at
  /// least 64 bytes are assumed): deflate's best ratio, about 1032 to 1,
  /// which PIZ and RLE stay under for the tracer's images too.
  static let maximumExpansion = 1032
}

/// The in-memory file behind an OpenEXR context, and the last message the
/// library reported for it.
private final class EXRStream {
  let path: String
  var bytes: [UInt8]
  var message: String?

  init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  /// A context initializer whose callbacks reach this stream. The stream
  /// must outlive the context (it does: both live in one function call).
  func initializer() -> exr_context_initializer_t {
    var initializer = exr_context_initializer_t()
    initializer.size = MemoryLayout<exr_context_initializer_t>.size
    initializer.zip_level = -2  // OpenEXR's default level, as its default initializer has
    initializer.dwa_quality = -1
    initializer.user_data = Unmanaged.passUnretained(self).toOpaque()
    initializer.error_handler_fn = { context, _, message in
      var userData: UnsafeMutableRawPointer?
      guard exr_get_user_data(context, &userData) == EXR_ERR_SUCCESS.rawValue, let userData, let message else { return }
      Unmanaged<EXRStream>.fromOpaque(userData).takeUnretainedValue().message = String(cString: message)
    }
    return initializer
  }

  func write(_ data: UnsafeRawBufferPointer, at offset: Int) -> Int64 {
    let end = offset + data.count
    if bytes.count < end { bytes.append(contentsOf: repeatElement(0, count: end - bytes.count)) }
    bytes.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[offset..<end]).copyMemory(from: data) }
    return Int64(data.count)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int64 {
    guard offset >= 0, offset < bytes.count else { return offset == bytes.count ? 0 : -1 }
    let count = min(buffer.count, bytes.count - offset)
    bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
    return Int64(count)
  }

  func error(_ message: String) -> EXRError { EXRError(path: path, message: message) }

  /// Throws unless `result` is success, with the library's last message.
  func check(_ result: exr_result_t) throws(EXRError) {
    guard result != EXR_ERR_SUCCESS.rawValue else { return }
    let fallback = String(cString: exr_get_default_error_message(result))
    throw error(message ?? fallback)
  }
}
