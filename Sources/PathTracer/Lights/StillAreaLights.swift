/// The scene's area lights that never change, gathered once per render as
/// plain ``AreaLight`` values, so that light sampling reads each where it lies.
///
/// Why a second copy of them: a ``Light`` is an enum, and taking an enum value
/// apart (`switch light { case .area(let area): ... }`) makes Swift copy it
/// first, a few hundred bytes, for every light sample. An array of
/// `AreaLight` structs needs no taking apart: ``View/sampleIncident(_:from:u:orIn:at:)``
/// calls the light's method on the element in place. Point lights and
/// animated lights are not in the table; they are sampled through
/// ``Scene/sampleLight(_:at:from:u:)`` as before, with the same results.
///
/// Cost: one array of the still area lights and one of indices, made when the
/// renderer is set up; nothing per pixel or per sample.
struct StillAreaLights: Sendable {
  /// The still area lights, in the scene's order.
  let lights: [AreaLight]
  /// For each of the scene's lights, its index in `lights`, or -1 for a
  /// point light or an animated one.
  let slots: [Int32]

  init(_ scene: Scene) {
    var lights: [AreaLight] = []
    var slots: [Int32] = []
    for index in scene.lights.indices {
      let animated = !scene.lightAnimations.isEmpty && scene.animationOfLight[index] >= 0
      if !animated, case .area(let light) = scene.lights[index] {
        slots.append(Int32(lights.count))
        lights.append(light)
      } else {
        slots.append(-1)
      }
    }
    self.lights = lights
    self.slots = slots
  }

  /// The table as spans, for a camera sample's ``SampleContext``: borrowed,
  /// so that handing it to every sample touches no reference count.
  var view: View {
    @_lifetime(borrow self) get { View(lights: lights.span, slots: slots.span) }
  }

  /// A borrowed ``StillAreaLights``.
  struct View: ~Escapable {
    let lights: Span<AreaLight>
    let slots: Span<Int32>

    @_lifetime(copy lights, copy slots)
    init(lights: Span<AreaLight>, slots: Span<Int32>) {
      self.lights = lights
      self.slots = slots
    }

    /// No table: every light is sampled through the scene.
    @_lifetime(immortal)
    init() {
      lights = Span()
      slots = Span()
    }

    /// Samples the incident radiance of scene light `index` at `ref`, at
    /// scene time `time`: from the table when the light is in it, else
    /// through `scene`. Either way the value of
    /// `scene.light(index, at: time).sampleIncident(from: ref, u: u)`.
    @inline(__always)
    func sampleIncident(_ index: Int, from ref: Point3, u: Point2, orIn scene: Scene, at time: Float) -> LightSample? {
      let slot = index < slots.count ? Int(slots[index]) : -1
      guard slot >= 0 else { return scene.sampleLight(index, at: time, from: ref, u: u) }
      return lights[slot].sampleIncident(from: ref, u: u)
    }
  }
}
