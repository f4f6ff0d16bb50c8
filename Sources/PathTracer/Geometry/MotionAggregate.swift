/// The moving primitives of a scene behind a BVH of their own, built for one
/// shutter interval: each box holds its primitive at every time in it.
///
/// Kept apart from the ``Aggregate``'s tree of fixed elements so that a scene
/// with nothing moving runs exactly the traversal it ran before animation
/// existed, and a scene with few moving objects among many fixed ones tests
/// each ray against a small second tree after the first (which has already
/// lowered the ray's `tMax` to the nearest fixed hit).
struct MotionAggregate: Sendable {
  /// A moving primitive and its index in the scene's primitives.
  enum Element: Sendable {
    case shape(MovingShape)
    case mesh(MovingMesh)
  }

  private let bvh: WideBVH
  /// The element in each slot of the BVH's leaves.
  private let elements: [Element]
  /// The index (in the primitives given to the ``Aggregate``) of each slot's primitive.
  private let primitiveOfSlot: [Int32]

  /// The moving primitives among `primitives`, or `nil` when there are none.
  /// O(n log n) in the moving primitives.
  init?(_ primitives: [Primitive], shutter: ClosedRange<Float>) {
    var moving: [(element: Element, index: Int32)] = []
    for (index, primitive) in primitives.enumerated() {
      switch primitive {
      case .moving(let shape): moving.append((.shape(shape), Int32(index)))
      case .movingMesh(let mesh): moving.append((.mesh(mesh), Int32(index)))
      case .shape, .mesh, .meshInstance: continue
      }
    }
    if moving.isEmpty { return nil }
    self.init(moving, shutter: shutter)
  }

  /// The tree over `moving` (elements and their primitives' indices), each
  /// box holding its element all through `shutter`.
  private init(_ moving: [(element: Element, index: Int32)], shutter: ClosedRange<Float>) {
    let bounds = moving.map { item in
      switch item.element {
      case .shape(let shape): shape.motionBounds(over: shutter)
      case .mesh(let mesh): mesh.motionBounds(over: shutter)
      }
    }
    var bvh = WideBVH(primitiveBounds: bounds)
    let order = bvh.takePrimitiveOrder()
    self.bvh = bvh
    elements = order.map { moving[Int($0)].element }
    primitiveOfSlot = order.map { moving[Int($0)].index }
  }

  /// The same primitives with their boxes for `shutter`: a new tree over
  /// them (a moving mesh's own object-space tree is shared, not rebuilt).
  /// O(n log n) in the moving primitives.
  func rebuilt(over shutter: ClosedRange<Float>) -> MotionAggregate {
    MotionAggregate(Array(zip(elements, primitiveOfSlot)), shutter: shutter)
  }

  /// The number of moving primitives: the count of a ``MotionPlacement``.
  var count: Int { elements.count }

  /// Every moving primitive placed at `time`, by slot, into `placed`
  /// (``count`` of them). One transform evaluation per primitive.
  func place(at time: Float, into placed: UnsafeMutableBufferPointer<PlacedMotion>) {
    for slot in elements.indices {
      placed[slot] = placement(slot, at: time)
    }
  }

  /// The primitive in `slot` placed at `time`.
  func placement(_ slot: Int, at time: Float) -> PlacedMotion {
    switch elements[slot] {
    case .shape(let moving): .shape(moving.placed(at: time))
    case .mesh(let mesh): .mesh(mesh.motion.transform(at: time))
    }
  }

  /// The nearest hit with `0 < t < ray.tMax` at the ray's time and the index
  /// of its primitive, or `nil`. `placed` holds the primitives placed at the
  /// ray's time, or is empty (then each test evaluates its transform).
  func intersect(_ ray: Ray, placed: UnsafeBufferPointer<PlacedMotion>) -> (hit: SurfaceHit, primitiveIndex: Int)? {
    var searchRay = ray
    var nearest: (hit: SurfaceHit, slot: Int)?
    bvh.traverse(ray: &searchRay) { slot, searchRay in
      let placement = placed.isEmpty ? placement(slot, at: searchRay.time) : placed[slot]
      switch (placement, elements[slot]) {
      case (.shape(let shape), _):
        guard let h = shape.hit(searchRay) else { return false }
        searchRay.tMax = h.t
        nearest = (shape.surfaceHit(t: h.t, objectPoint: h.objectPoint), slot)
      case (.mesh(let toWorld), .mesh(let mesh)):
        guard let hit = mesh.intersect(searchRay, toWorld: toWorld) else { return false }
        searchRay.tMax = hit.t
        nearest = (hit, slot)
      case (.mesh, .shape):
        requirementFailed("a mesh placement for a moving shape")
      }
      return true
    }
    return nearest.map { ($0.hit, Int(primitiveOfSlot[$0.slot])) }
  }

  /// Whether anything blocks `ray` within `0 < t < ray.tMax` at its time;
  /// `placed` as for ``intersect(_:placed:)``.
  func intersects(_ ray: Ray, placed: UnsafeBufferPointer<PlacedMotion>) -> Bool {
    bvh.traverseAnyHit(ray: ray) { slot, ray in
      let placement = placed.isEmpty ? placement(slot, at: ray.time) : placed[slot]
      switch (placement, elements[slot]) {
      case (.shape(let shape), _): return shape.hit(ray) != nil
      case (.mesh(let toWorld), .mesh(let mesh)): return mesh.intersects(ray, toWorld: toWorld)
      case (.mesh, .shape): requirementFailed("a mesh placement for a moving shape")
      }
    }
  }
}
