extension SceneLoader {
  /// The frames a scene's time is cut into, from `film` (`frames`,
  /// `scene_time`, `start_frame`, `end_frame`) and the camera's
  /// `shutter_size`; tray_rust's defaults where a key is missing: one
  /// frame, no time, every frame, half a frame's shutter.
  ///
  /// ```json
  /// "film": { …, "frames": 600, "scene_time": 20, "start_frame": 0, "end_frame": 599 },
  /// "camera": { …, "shutter_size": 0.5 }
  /// ```
  /// Each problem is reported at its key's JSON path.
  static func frameTiming(film: JSONNode, camera: JSONNode?) throws(SceneError) -> FrameTiming {
    let frames = try film.optional("frames")?.positiveInt() ?? 1
    let sceneTime = try film.optional("scene_time")?.float() ?? 0
    let startFrame = try film.optional("start_frame")?.int() ?? 0
    let endFrame = try film.optional("end_frame")?.int() ?? frames - 1
    let shutterSize = try camera?.optional("shutter_size")?.float() ?? FrameTiming.defaultShutterSize
    do {
      return try FrameTiming(frames: frames, sceneTime: sceneTime, startFrame: startFrame, endFrame: endFrame,
                             shutterSize: shutterSize)
    } catch {
      let node = error.field == .shutterSize ? camera?.optional("shutter_size") : film.optional(error.field.rawValue)
      throw (node ?? film).error(error.problem)
    }
  }
}
