import LightArena
import Foundation
import Testing

/// A protocol whose values the tests keep in the arena and call through the protocol.
protocol Shape: BitwiseCopyable {
  func area() -> Float
  var name: String { get }
}

struct Dot: Shape {                       // 0 bytes
  func area() -> Float { 0 }
  var name: String { "dot" }
}

struct Circle: Shape {                    // 4 bytes
  var radius: Float
  func area() -> Float { .pi * radius * radius }
  var name: String { "circle" }
}

struct Triangle: Shape {                  // 48 bytes of SIMD3: too big, and too aligned, for `any Shape`'s inline buffer
  var a, b, c: SIMD3<Float>
  func area() -> Float {
    let u = b - a, v = c - a
    let n = SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
    return (n * n).sum().squareRoot() / 2
  }
  var name: String { "triangle" }
}

struct Polygon8: Shape {                  // 64 bytes
  var corners: SIMD16<Float>
  func area() -> Float {
    // Shoelace formula over 8 (x, y) corners.
    var twice: Float = 0
    for i in 0..<8 {
      let j = (i + 1) % 8
      twice += corners[2 * i] * corners[2 * j + 1] - corners[2 * j] * corners[2 * i + 1]
    }
    return abs(twice) / 2
  }
  var name: String { "octagon" }
}

/// Reading a value in place through a static requirement on its metatype:
/// each type's witness is specialized for it.
protocol InPlaceShape: Shape {
  static func area(ofValueAt address: UnsafeRawPointer) -> Float
}

extension InPlaceShape {
  static func area(ofValueAt address: UnsafeRawPointer) -> Float {
    address.assumingMemoryBound(to: Self.self).pointee.area()
  }
}

extension Circle: InPlaceShape {}
extension Triangle: InPlaceShape {}

/// Calling the protocol through an arena value: open the metatype with a generic function.
extension ArenaExistential where Metatype == any Shape.Type {
  func area() -> Float {
    func open<S: Shape>(_: S.Type) -> Float { load(as: S.self).area() }
    return open(metatype)
  }

  var name: String {
    func open<S: Shape>(_: S.Type) -> String { withUnsafePointer(as: S.self) { $0.pointee.name } }
    return open(metatype)
  }
}

@Suite("Protocol values in the arena")
struct ProtocolValueTests {
  static let octagon: SIMD16<Float> = {
    var corners = SIMD16<Float>()
    for i in 0..<8 {
      let angle = Float(i) * .pi / 4
      corners[2 * i] = cos(angle)
      corners[2 * i + 1] = sin(angle)
    }
    return corners
  }()

  @Test("values of several sizes, SIMD3 fields included, are called through the protocol")
  func severalSizes() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var shapes = alloc.makeExistentialArray(capacity: 4, of: (any Shape.Type).self)
      shapes.append(Dot()) { $0 }
      shapes.append(Circle(radius: 2)) { $0 }
      shapes.append(Triangle(a: .zero, b: SIMD3(4, 0, 0), c: SIMD3(0, 3, 0))) { $0 }
      shapes.append(Polygon8(corners: Self.octagon)) { $0 }
      #expect(shapes.count == 4 && shapes.capacity == 4)
      let areas = shapes.indices.map { shapes[$0].area() }
      #expect(areas[0] == 0)
      #expect(abs(areas[1] - 4 * .pi) < 1e-5)
      #expect(areas[2] == 6)
      #expect(abs(areas[3] - 2 * Float(2).squareRoot()) < 1e-5)
      #expect(shapes.indices.map { shapes[$0].name } == ["dot", "circle", "triangle", "octagon"])

      let single = alloc.allocate(Circle(radius: 1)) { $0 as any Shape.Type }
      #expect(single.area() == .pi)
      #expect(single.metatype is Circle.Type)
    }
  }

  @Test("unsafeAddress is the value's address: a static requirement on the metatype reads it in place")
  func staticRequirementReadsInPlace() {
    var arena = MemoryArena()
    arena.withAllocator { alloc in
      var shapes = alloc.makeExistentialArray(capacity: 2, of: (any InPlaceShape.Type).self)
      shapes.append(Circle(radius: 2)) { $0 }
      shapes.append(Triangle(a: .zero, b: SIMD3(4, 0, 0), c: SIMD3(0, 3, 0))) { $0 }
      let areas = shapes.indices.map { shapes[$0].metatype.area(ofValueAt: shapes[$0].unsafeAddress) }
      #expect(abs(areas[0] - 4 * .pi) < 1e-5)
      #expect(areas[1] == 6)
      let circle = alloc.allocate(Circle(radius: 3)) { $0 as any InPlaceShape.Type }
      #expect(circle.unsafeAddress.assumingMemoryBound(to: Circle.self).pointee.radius == 3)
    }
  }

  @Test("protocol values in the arena need no heap allocation, unlike [any Shape]", .enabled(if: MallocCount.isActive, "the malloc counter is off under AddressSanitizer"))
  func noHeapAllocation() {
    var arena = MemoryArena()
    let triangle = Triangle(a: .zero, b: SIMD3(1, 0, 0), c: SIMD3(0, 1, 0))
    func arenaRound(_ arena: inout MemoryArena) -> Float {
      arena.withAllocator { alloc in
        var shapes = alloc.makeExistentialArray(capacity: 3, of: (any Shape.Type).self)
        shapes.append(Circle(radius: 1)) { $0 }
        shapes.append(triangle) { $0 }
        shapes.append(Polygon8(corners: Self.octagon)) { $0 }
        var total: Float = 0
        for i in shapes.indices { total += shapes[i].area() }
        return total
      }
    }
    _ = arenaRound(&arena)  // warm-up: the first scope obtains the block
    let before = MallocCount.now()
    var total: Float = 0
    for _ in 0..<100 { total += arenaRound(&arena) }
    #expect(MallocCount.now() - before == 0)

    // The same work with existential boxes does allocate: this is what the arena saves.
    let boxedBefore = MallocCount.now()
    for _ in 0..<100 {
      let boxed: [any Shape] = [Circle(radius: 1), triangle, Polygon8(corners: Self.octagon)]
      total += boxed.reduce(0) { $0 + $1.area() }
    }
    #expect(MallocCount.now() - boxedBefore >= 300)
    #expect(total > 0)
  }
}
