import LightArena

/// One worker thread's renderer for one render: it takes tiles and renders
/// their pixels with the thread's own ``MemoryArena`` (``PixelRenderer`` says
/// what a pixel does with it), which it hands back at the end for the
/// thread's next render (``RenderWorkers``).
struct TileRenderer: ~Copyable {
  /// What rendering a pixel reads; the same for every thread.
  let pixels: PixelRenderer
  /// This thread's arena: every pixel's scope opens in it.
  var arena: MemoryArena
  var droppedSamples = 0
  /// Camera samples taken so far, dropped ones included (the adaptive sampler's count varies).
  var samplesTaken = 0

  /// A renderer of `pixels` whose pixel scopes open in `arena` (a new one by default).
  init(_ pixels: PixelRenderer, arena: consuming MemoryArena = MemoryArena()) {
    self.pixels = pixels
    self.arena = arena
  }

  /// The arena, for the thread's next render.
  consuming func takeArena() -> MemoryArena {
    arena
  }

  /// Renders the pixels of `tile` into its film buffer.
  mutating func render(tile: Int, film: borrowing Film) {
    // The allocation ablation's one branch on the BSDFs' storage: below it,
    // everything is specialized for one of the two.
    switch pixels.options.scratchMemory {
    case .arena: render(tile: tile, film: film, storing: ArenaBxDFs.self)
    case .heap: render(tile: tile, film: film, storing: HeapBxDFs.self)
    }
  }

  mutating func render<Components: BxDFStorage & ~Copyable & ~Escapable>(
    tile: Int, film: borrowing Film, storing _: Components.Type
  ) {
    let buffer = film.tileBuffer(tile)
    let bounds = film.tiles.bounds(of: tile)
    for y in bounds.lower.y..<bounds.upper.y {
      for x in bounds.lower.x..<bounds.upper.x {
        renderPixel(x: x, y: y, into: buffer, storing: Components.self)
      }
    }
  }

  /// Renders pixel (`x`, `y`) into `buffer`, its BSDFs keeping their BxDFs in `Components`.
  mutating func renderPixel<Components: BxDFStorage & ~Copyable & ~Escapable>(
    x: Int, y: Int, into buffer: TileBuffer, storing _: Components.Type
  ) {
    let pixel = pixels.render(x: x, y: y, into: buffer, arena: &arena, storing: Components.self)
    droppedSamples += pixel.dropped
    samplesTaken += pixel.taken
  }
}
