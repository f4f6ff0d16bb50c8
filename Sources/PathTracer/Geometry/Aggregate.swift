import LightArena

/// All the geometry of a scene behind one BVH: the scene's `intersect` and
/// shadow-ray test.
///
/// The BVH is built over *elements*: every analytic shape is one element,
/// every triangle of every ``Primitive/mesh(_:)`` is one element, and so is
/// each ``MeshInstance`` (whose mesh has its own tree), so a ray descends one tree
/// and boxes of different objects are split against each other (a mesh's
/// triangles need not sit in a box of their own). Hits report the index of
/// the primitive in the array given to ``init(_:)``, which the caller uses to
/// find the material or area light that belongs to it.
///
/// ```swift
/// let scene = Aggregate([.shape(.sphere(ball)), .mesh(bunny)])
/// if let (hit, index) = scene.intersect(ray) { material = materials[index] ... }
/// ```
///
/// Intersection works in two phases. The traversal asks each element only for
/// the distance of its hit and a few numbers that locate the hit on it
/// (barycentric coordinates, an object-space point); the full ``SurfaceHit``
/// (error bounds, normals, dp/du, uv) is built once, for the nearest element.
/// Elements are kept in flat arrays by kind, in BVH slot order, so that the
/// hot loop reads contiguous memory, copies no large values and touches no
/// reference counts. (The aggregate keeps its own copies of everything it
/// needs; drop the `TriangleMesh` values after building to free them.)
///
/// Moving primitives (``Primitive/moving(_:)``, ``Primitive/movingMesh(_:)``)
/// sit in a second, small tree (``MotionAggregate``) whose boxes hold them
/// over one shutter interval; a ray is tested against it after the fixed
/// elements, and a scene with nothing moving never looks at it.
public struct Aggregate: Sendable {
  /// What a BVH slot holds: the kind of element and its index in the array
  /// of that kind.
  enum Element: BitwiseCopyable {
    case triangle(Int32)
    case rectangle(Int32)
    case disk(Int32)
    case sphere(Int32)
    /// A ``MeshInstance``: a mesh with its own tree, searched from this slot.
    case instance(Int32)
  }

  /// What building a triangle's hit record needs besides its corners: its
  /// vertices' indices into `vertexNormals` and `vertexUVs`, and flags.
  struct TriangleShading: BitwiseCopyable {
    var i0: Int32, i1: Int32, i2: Int32
    var hasNormals: Bool
    var hasUVs: Bool
    /// The mesh's transform mirrors space.
    var flipsNormals: Bool
  }

  private let bvh: WideBVH
  /// The element in each slot of the BVH's leaves.
  private let elements: [Element]
  /// The index (in the array given to `init`) of the primitive each slot belongs to.
  private let primitiveOfSlot: [Int32]
  private let triangles: [TriangleCorners]
  private let triangleShading: [TriangleShading]
  /// The vertex normals and uvs of all meshes, one after the other; a mesh
  /// without them has zeros in its place (or the array is empty if no mesh has them).
  private let vertexNormals: [Normal3]
  private let vertexUVs: [Point2]
  private let rectangles: [Rectangle]
  private let disks: [Disk]
  private let spheres: [Sphere]
  private let instances: [MeshInstance]
  /// The moving primitives, or `nil` when nothing moves.
  private var moving: MotionAggregate?
  /// The number of primitives.
  public let count: Int
  /// The times the moving primitives' boxes hold them for.
  public private(set) var shutter: ClosedRange<Float>
  /// True when some primitive moves, so that the aggregate holds only for ``shutter``.
  /// (A stored flag: testing it never touches, or retains, the moving tree.)
  public let hasMotion: Bool

  /// Builds the BVH over all elements (O(n log n) in their number: one per
  /// shape, one per triangle) and lays the elements out in its slot order.
  /// A moving primitive's box holds it at every time in `shutter`, so rays
  /// at other times may miss it: build the aggregate again for each frame's
  /// shutter interval (``Scene/prepared(forShutter:)``).
  /// The steps are in `Aggregate+Building.swift`.
  public init(_ primitives: [Primitive], shutter: ClosedRange<Float> = 0...0) {
    let (bounds, sources) = Self.gatherElements(of: primitives)
    // The boxes are needed only to build the tree; `consume` frees them
    // before the arrays of the next steps are allocated.
    var bvh = WideBVH(primitiveBounds: consume bounds)
    let vertices = Self.concatenateVertexAttributes(of: primitives)
    let slots = Self.layOutInSlotOrder(bvh.takePrimitiveOrder(), sources: sources, primitives: primitives,
                                       firstVertex: vertices.firstVertex)
    self.bvh = bvh
    elements = slots.elements
    primitiveOfSlot = slots.primitiveOfSlot
    triangles = slots.triangles
    triangleShading = slots.triangleShading
    vertexNormals = vertices.normals
    vertexUVs = vertices.uvs
    rectangles = slots.rectangles
    disks = slots.disks
    spheres = slots.spheres
    instances = slots.instances
    moving = MotionAggregate(primitives, shutter: shutter)
    hasMotion = moving != nil
    count = primitives.count
    self.shutter = shutter
  }

  /// The same aggregate with its moving primitives' boxes made for
  /// `shutter` (a frame's shutter interval): only their small tree is built
  /// again, O(m log m) in the moving primitives; the fixed elements' tree
  /// and arrays are shared. Itself when nothing moves.
  public func withMotion(over shutter: ClosedRange<Float>) -> Aggregate {
    guard let moving else { return self }
    var aggregate = self
    aggregate.moving = moving.rebuilt(over: shutter)
    aggregate.shutter = shutter
    return aggregate
  }

  /// The nearest hit with `0 < t < ray.tMax` and the index (in the array
  /// given to ``init(_:)``) of the primitive hit, or `nil`.
  ///
  /// `placed`, when made for the ray's time (``placeMotion(at:alloc:)``),
  /// saves evaluating the moving primitives' transforms; without, each test
  /// of a moving primitive evaluates its transform at the ray's time.
  public func intersect(_ ray: Ray, placed: borrowing MotionPlacement = MotionPlacement())
    -> (hit: SurfaceHit, primitiveIndex: Int)?
  {
    if hasMotion { return intersectWithMotion(ray, placed: placed) }
    return intersectFixed(ray)
  }

  /// ``intersect(_:placed:)`` when something moves: the fixed elements first, then
  /// the moving primitives nearer than the nearest fixed hit.
  @inline(never)
  private func intersectWithMotion(_ ray: Ray, placed: borrowing MotionPlacement)
    -> (hit: SurfaceHit, primitiveIndex: Int)?
  {
    let fixed = intersectFixed(ray)
    guard let moving else { return fixed }
    var nearer = ray
    if let fixed { nearer.tMax = fixed.hit.t }
    let valid = placed.holds(at: ray.time)
    return placed.elements.withUnsafeBufferPointer { buffer in
      moving.intersect(nearer, placed: valid ? buffer : UnsafeBufferPointer(start: nil, count: 0))
    } ?? fixed
  }

  /// The moving primitives placed at `time`, in `alloc` (a camera sample's
  /// scope): for the rays of one path, which all travel at that time. One
  /// transform evaluation per moving primitive and a pointer bump; empty,
  /// and free, when nothing moves.
  @_lifetime(copy alloc) @inline(__always)
  public func placeMotion(at time: Float, alloc: ArenaAllocator) -> MotionPlacement {
    if !hasMotion { return MotionPlacement() }
    return placeMoving(at: time, alloc: alloc)
  }

  /// ``placeMotion(at:alloc:)`` when something moves.
  @_lifetime(copy alloc) @inline(never)
  private func placeMoving(at time: Float, alloc: ArenaAllocator) -> MotionPlacement {
    guard let moving else { return MotionPlacement() }
    var placed = alloc.allocateArray(repeating: PlacedMotion.mesh(.identity), count: moving.count)
    placed.withUnsafeMutableBufferPointer { moving.place(at: time, into: $0) }
    return MotionPlacement(time: time, elements: placed.freeze())
  }

  /// Whether a moving primitive blocks `ray`.
  @inline(never)
  private func movingIntersects(_ ray: Ray, placed: borrowing MotionPlacement) -> Bool {
    guard let moving else { return false }
    let valid = placed.holds(at: ray.time)
    return placed.elements.withUnsafeBufferPointer { buffer in
      moving.intersects(ray, placed: valid ? buffer : UnsafeBufferPointer(start: nil, count: 0))
    }
  }

  /// ``intersect(_:)`` among the fixed elements.
  @inline(__always)
  private func intersectFixed(_ ray: Ray) -> (hit: SurfaceHit, primitiveIndex: Int)? {
    var searchRay = ray
    // The nearest element so far and where on it the ray hit: barycentric
    // coordinates for a triangle, the object-space point for a shape, and
    // for an instance also the slot of the triangle in its mesh's tree.
    var nearestSlot = -1
    var nearestLocation = SIMD3<Float>.zero
    var nearestInstanceSlot: Int32 = 0
    let triangleTest = WatertightRay(ray)
    bvh.traverse(ray: &searchRay) { slot, searchRay in
      switch elements[slot] {
      case .triangle(let i):
        guard let h = triangleTest.hit(triangles[Int(i)], tMax: searchRay.tMax) else { return false }
        searchRay.tMax = h.t
        nearestLocation = h.barycentrics
      case .rectangle(let i):
        guard let h = rectangles[Int(i)].hit(searchRay) else { return false }
        searchRay.tMax = h.t
        nearestLocation = h.objectPoint
      case .disk(let i):
        guard let h = disks[Int(i)].hit(searchRay) else { return false }
        searchRay.tMax = h.t
        nearestLocation = h.objectPoint
      case .sphere(let i):
        guard let h = spheres[Int(i)].hit(searchRay) else { return false }
        searchRay.tMax = h.t
        nearestLocation = h.objectPoint
      case .instance(let i):
        guard let h = instances[Int(i)].hit(searchRay) else { return false }
        searchRay.tMax = h.t
        nearestLocation = h.barycentrics
        nearestInstanceSlot = h.slot
      }
      nearestSlot = slot
      return true
    }
    if nearestSlot < 0 { return nil }
    return (surfaceHit(slot: nearestSlot, t: searchRay.tMax, location: nearestLocation,
                       instanceSlot: nearestInstanceSlot),
            Int(primitiveOfSlot[nearestSlot]))
  }

  /// The hit record for the element in `slot`, hit at distance `t` at
  /// `location` (as recorded by ``intersect(_:)``), for an instance on the
  /// triangle in `instanceSlot` of its mesh.
  private func surfaceHit(slot: Int, t: Float, location: SIMD3<Float>, instanceSlot: Int32) -> SurfaceHit {
    // Through buffer pointers: calling a method on `array[i]` made Swift
    // copy the element first.
    switch elements[slot] {
    case .triangle(let i):
      let corners = triangles[Int(i)], shading = triangleShading[Int(i)]
      let (i0, i1, i2) = (Int(shading.i0), Int(shading.i1), Int(shading.i2))
      return TriangleMesh.surfaceHit(
        corners: (corners.corner(0), corners.corner(1), corners.corner(2)),
        normals: shading.hasNormals ? (vertexNormals[i0], vertexNormals[i1], vertexNormals[i2]) : nil,
        uvs: shading.hasUVs ? (vertexUVs[i0], vertexUVs[i1], vertexUVs[i2]) : nil,
        flipsNormals: shading.flipsNormals, t: t, barycentrics: location)
    case .rectangle(let i):
      return rectangles.withUnsafeBufferPointer { $0[Int(i)].surfaceHit(t: t, objectPoint: location) }
    case .disk(let i):
      return disks.withUnsafeBufferPointer { $0[Int(i)].surfaceHit(t: t, objectPoint: location) }
    case .sphere(let i):
      return spheres.withUnsafeBufferPointer { $0[Int(i)].surfaceHit(t: t, objectPoint: location) }
    case .instance(let i):
      return instances[Int(i)].surfaceHit(MeshBVH.Hit(t: t, barycentrics: location, slot: instanceSlot))
    }
  }

  /// Whether anything blocks the ray within `0 < t < ray.tMax` (shadow rays;
  /// stops at the first hit found).
  public func intersects(_ ray: Ray, placed: borrowing MotionPlacement = MotionPlacement()) -> Bool {
    if hasMotion, movingIntersects(ray, placed: placed) { return true }
    let triangleTest = WatertightRay(ray)
    return bvh.traverseAnyHit(ray: ray) { slot, ray in
      switch elements[slot] {
      case .triangle(let i): return triangleTest.hit(triangles[Int(i)], tMax: ray.tMax) != nil
      case .rectangle(let i): return rectangles[Int(i)].hit(ray) != nil
      case .disk(let i): return disks[Int(i)].hit(ray) != nil
      case .sphere(let i): return spheres[Int(i)].hit(ray) != nil
      case .instance(let i): return instances[Int(i)].intersects(ray)
      }
    }
  }
}
