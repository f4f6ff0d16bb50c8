import Testing

/// Misuse that the compiler now rejects: each case is a small client program,
/// type-checked against the built LightArena module (see `LifetimeCompileTests`),
/// with a control case that the same setup compiles.
@Suite("Unsound uses do not compile")
struct SoundnessCompileTests {
  static let prelude = """
    import LightArena
    protocol Shape: BitwiseCopyable { func area() -> Float }
    struct Circle: Shape { var radius: Float; func area() -> Float { 3 * radius * radius } }
    struct Dot: Shape { func area() -> Float { 0 } }
    struct NotAShape: BitwiseCopyable { var x: Float }
    var arena = MemoryArena()

    """

  @Test("the control case: protocol values, arrays and spans used as documented compile")
  func correctUse() throws {
    let result = try LifetimeCompileTests.typeCheck(Self.prelude + """
      extension ArenaExistential where Metatype == any Shape.Type {
        func area() -> Float {
          func open<S: Shape>(_: S.Type) -> Float { load(as: S.self).area() }
          return open(metatype)
        }
      }
      func total(_ shapes: borrowing ArenaExistentialArray<any Shape.Type>) -> Float {
        var sum: Float = 0
        for i in shapes.indices { sum += shapes[i].area() }
        return sum
      }
      arena.withAllocator { alloc in
        let circle = alloc.allocate(Circle(radius: 1)) { $0 as any Shape.Type }
        var shapes = alloc.makeExistentialArray(capacity: 2, of: (any Shape.Type).self)
        shapes.append(Circle(radius: 2)) { $0 }
        shapes.append(Dot()) { $0 }
        var values = alloc.allocateArray(repeating: Float(1), count: 4)
        values[0] = circle.area() + total(shapes)
        var writable = values.mutableSpan
        writable[1] = 2
        do {
          // A span's borrow lasts to the end of its binding's scope.
          let readable = values.span
          print(readable[0] + readable[1])
        }
        let frozen = values.freeze()
        let copy = frozen
        print(copy.count, frozen.count)
        let bytes = alloc.allocateBytes(byteCount: 8, alignment: 8)
        print(bytes.unsafeBaseAddress)
      }
      """)
    #expect(result.status == 0, "\(result.output)")
  }

  @Test("rejected: unsound uses of the public API",
        arguments: [
          ("a metatype value that is not a conversion", "cannot convert", """
            arena.withAllocator { alloc in _ = alloc.allocate(Circle(radius: 1), as: 42) }
            """),
          ("naming a metatype instead of converting one", "cannot convert", """
            arena.withAllocator { alloc in _ = alloc.allocate(Circle(radius: 1), as: Dot.self as any Shape.Type) }
            """),
          ("converting a type that does not conform", "any Shape.Type", """
            arena.withAllocator { alloc in _ = alloc.allocate(NotAShape(x: 1)) { $0 as any Shape.Type } }
            """),
          ("appending a type that does not conform", "any Shape.Type", """
            arena.withAllocator { alloc in
              var shapes = alloc.makeExistentialArray(capacity: 1, of: (any Shape.Type).self)
              shapes.append(NotAShape(x: 1)) { $0 }
            }
            """),
          ("copying an existential array, so that two counts share one storage", "used after consume", """
            arena.withAllocator { alloc in
              var first = alloc.makeExistentialArray(capacity: 2, of: (any Shape.Type).self)
              var second = first
              first.append(Dot()) { $0 }
              second.append(Circle(radius: 1)) { $0 }
            }
            """),
          ("copying an array, so that a copy writes under a span", "cannot be consumed", """
            arena.withAllocator { alloc in
              let values = alloc.allocateArray(repeating: 0, count: 2)
              var copy = values
              let span = values.span
              copy[0] = 1
              print(span[0])
            }
            """),
          ("copying a vector", "used after consume", """
            arena.withAllocator { alloc in
              var first = alloc.makeVector(of: Int.self)
              var second = first
              first.append(1)
              second.append(2)
            }
            """),
          ("appending to a vector while its span is alive", "overlapping accesses", """
            arena.withAllocator { alloc in
              var vector = alloc.makeVector(of: Int.self)
              let span = vector.span
              vector.append(1)
              print(span.count)
            }
            """),
          ("writing to an array while its span is alive", "overlapping accesses", """
            arena.withAllocator { alloc in
              var values = alloc.allocateArray(repeating: 0, count: 2)
              let span = values.span
              values[0] = 1
              print(span[0])
            }
            """),
          ("writing through a let array", "'let' constant", """
            arena.withAllocator { alloc in
              let values = alloc.allocateArray(repeating: 0, count: 2)
              values[0] = 1
            }
            """),
          ("a span that outlives its array", "escapes its scope", """
            arena.withAllocator { alloc in
              let kept: Span<Int>
              do {
                let values = alloc.allocateArray(repeating: 0, count: 2)
                kept = values.span
              }
              print(kept[0])
            }
            """),
          ("returning a string's bytes from its scope", "Escapable", """
            let bytes = arena.withAllocator { alloc in
              let name = alloc.allocateString(copying: "name")
              return name.utf8
            }
            print(bytes.count)
            """),
          ("using a value after its checkpoint ended", "escapes its scope", """
            arena.withAllocator { alloc in
              let value: ArenaRef<Int>
              do {
                let checkpoint = alloc.checkpoint()
                value = checkpoint.allocator.allocate(1)
              }
              print(value.value)
            }
            """),
          ("the old escaping base address", "baseAddress", """
            arena.withAllocator { alloc in
              let bytes = alloc.allocateBytes(byteCount: 8, alignment: 8)
              print(bytes.baseAddress)
            }
            """),
        ])
  func rejected(description: String, diagnostic: String, body: String) throws {
    let result = try LifetimeCompileTests.typeCheck(Self.prelude + body)
    #expect(result.status != 0, "\(description) compiled")
    #expect(result.output.contains(diagnostic), "\(description): \(result.output)")
  }
}
