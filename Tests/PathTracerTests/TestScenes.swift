// Small scenes the rendering tests share, as scene-file text.

/// A grey floor of albedo `albedo` lit by the given emitter objects, seen from
/// straight above at `cameraHeight` through a very narrow field of view, so
/// that every pixel sees the floor near the point below the camera. Direct
/// lighting only, unless `integrator` says otherwise.
func floorScene(albedo: Float, emitters: [String], integrator: String = #"{ "type": "pathtracer", "min_depth": 0, "max_depth": 0 }"#,
                cameraHeight: Float = 1, size: Int = 8, samples: Int = 64) -> String {
  """
  {
    "film": { "width": \(size), "height": \(size), "samples": \(samples),
              "filter": { "type": "gaussian", "width": 0.5, "height": 0.5, "alpha": 0.01 } },
    "camera": { "fov": 0.5, "transform": [{ "type": "rotate_x", "rotation": 90 },
                                           { "type": "translate", "translation": [0, \(cameraHeight), 0] }] },
    "integrator": \(integrator),
    "materials": [
      { "name": "floor", "type": "matte", "diffuse": [\(albedo), \(albedo), \(albedo)], "roughness": 0 },
      { "name": "black", "type": "matte", "diffuse": [0, 0, 0], "roughness": 0 }
    ],
    "objects": [
      { "name": "floor", "type": "receiver", "material": "floor", "geometry": { "type": "plane" },
        "transform": [{ "type": "scale", "scaling": 100 }, { "type": "rotate_x", "rotation": -90 }] },
      \(emitters.joined(separator: ",\n      "))
    ]
  }
  """
}

/// A point light of intensity `intensity` at height `height` above the floor, `offset` to the side of its centre.
func pointEmitter(intensity: Float, height: Float, offset: Float = 0) -> String {
  """
  { "name": "bulb", "type": "emitter", "emitter": "point", "emission": [\(intensity), \(intensity), \(intensity)],
    "transform": [{ "type": "translate", "translation": [\(offset), \(height), 0] }] }
  """
}

/// A downward-facing disk light of radiance `radiance` and radius `radius` at height `height`.
func diskEmitter(radiance: Float, radius: Float, height: Float) -> String {
  """
  { "name": "panel", "type": "emitter", "emitter": "area", "material": "black",
    "emission": [\(radiance), \(radiance), \(radiance)], "geometry": { "type": "disk", "radius": \(radius) },
    "transform": [{ "type": "rotate_x", "rotation": 90 }, { "type": "translate", "translation": [0, \(height), 0] }] }
  """
}

/// A floor of albedo `albedo` under a disk light of radiance `radiance`,
/// radius `radius`, at height `height`, seen from halfway up: every pixel sees
/// the floor on the light's axis, where its radiance is albedo · L · R² / (R² + h²).
func diskOverFloorScene(albedo: Float, radiance: Float, radius: Float, height: Float,
                        size: Int = 4, samples: Int = 64) -> String {
  floorScene(albedo: albedo, emitters: [diskEmitter(radiance: radiance, radius: radius, height: height)],
             cameraHeight: height / 2, size: size, samples: samples)
}

/// Everything that can move at once: a sliding sphere, a disk spinning in a
/// group that rises, a camera that pulls back, and a disk light that fades
/// in while it moves; with a path tracer that bounces, so that every kind of
/// ray (camera, bounce, shadow) meets moving things.
func animatedScene(size: Int = 16, samples: Int = 4) -> String {
  let slide = #"""
    "keyframes": { "control_points": [{ "transform": [{ "type": "translate", "translation": [-2, 1, 0] }] },
                                      { "transform": [{ "type": "translate", "translation": [2, 1, 0] }] }],
                   "knots": [0, 0, 1, 1], "degree": 1 }
    """#
  let spin = #"""
    "keyframes": { "control_points": [{ "transform": [] },
                                      { "transform": [{ "type": "rotate_y", "rotation": 120 }] },
                                      { "transform": [{ "type": "rotate_y", "rotation": 240 }] },
                                      { "transform": [{ "type": "rotate_x", "rotation": 90 }] }],
                   "knots": [0, 0, 0, 0, 1, 1, 1, 1] }
    """#
  return """
  {
    "film": { "width": \(size), "height": \(size), "samples": \(samples),
              "filter": { "type": "mitchell_netravali", "width": 2, "height": 2, "b": 0.33, "c": 0.33 } },
    "camera": { "fov": 60, "keyframes": { "control_points": [
        { "transform": [{ "type": "rotate_x", "rotation": 90 }, { "type": "translate", "translation": [0, 6, 0] }] },
        { "transform": [{ "type": "rotate_x", "rotation": 80 }, { "type": "translate", "translation": [0, 8, -1] }] }],
      "knots": [0, 0, 1, 1], "degree": 1 } },
    "integrator": { "type": "pathtracer", "min_depth": 2, "max_depth": 4 },
    "materials": [
      { "name": "grey", "type": "matte", "diffuse": [0.5, 0.5, 0.5], "roughness": 0 },
      { "name": "shiny", "type": "plastic", "diffuse": [0.2, 0.2, 0.8], "gloss": [1, 1, 1], "roughness": 0.1 }
    ],
    "objects": [
      { "name": "floor", "type": "receiver", "material": "grey", "geometry": { "type": "plane" },
        "transform": [{ "type": "scale", "scaling": 100 }, { "type": "rotate_x", "rotation": -90 }] },
      { "name": "ball", "type": "receiver", "material": "shiny", "geometry": { "type": "sphere", "radius": 1 }, \(slide) },
      { "name": "rising", "type": "group", "keyframes": { "control_points": [{ "transform": [] },
          { "transform": [{ "type": "translate", "translation": [0, 2, 0] }] }], "knots": [0, 0, 1, 1], "degree": 1 },
        "objects": [
          { "name": "wheel", "type": "receiver", "material": "shiny", "geometry": { "type": "disk", "radius": 1 }, \(spin) },
          { "name": "still", "type": "receiver", "material": "grey", "geometry": { "type": "sphere", "radius": 0.5 },
            "transform": [{ "type": "translate", "translation": [2, 1, 2] }] }
        ] },
      { "name": "panel", "type": "emitter", "emitter": "area", "material": "grey",
        "emission": [{ "time": 0, "color": [1, 1, 1, 0] }, { "time": 1, "color": [1, 1, 1, 20] }],
        "geometry": { "type": "disk", "radius": 2 }, \(slide.replacingOccurrences(of: ", 1, 0]", with: ", 7, 0]")) },
      { "name": "bulb", "type": "emitter", "emitter": "point", "emission": [20, 20, 20],
        "transform": [{ "type": "translate", "translation": [1, 8, 1] }] }
    ]
  }
  """
}
