extension SceneLoader {
  /// The frames to render and the shutter: `frames`, `scene_time`,
  /// `start_frame` and `end_frame` from `film`, and `shutter_size` from the
  /// camera that is active (``FrameTiming``).
  ///
  /// ```json
  /// "film": { ..., "frames": 600, "start_frame": 0, "end_frame": 599, "scene_time": 25 },
  /// "camera": { ..., "shutter_size": 0.5 }
  /// ```
  /// tray_rust requires the four film keys; here each may be left out:
  /// `frames` 1, `scene_time` 0, `start_frame` 0, `end_frame` the last frame,
  /// `shutter_size` 0.5 (tray_rust's default), so that a still scene needs
  /// none of them. A value out of range is reported at its path
  /// (`film.end_frame: must be a frame from start_frame 0 to 599 (frames - 1), found 600`).
  static func frameTiming(film: JSONNode, camera: JSONNode?) throws(SceneError) -> FrameTiming {
    let frames = try film.optional("frames")?.int() ?? 1
    let sceneTime = try film.optional("scene_time")?.float() ?? 0
    let startFrame = try film.optional("start_frame")?.int() ?? 0
    let endFrame = try film.optional("end_frame")?.int() ?? (frames - 1)
    let shutterSize = try camera?.optional("shutter_size")?.float() ?? FrameTiming.defaultShutterSize
    do {
      return try FrameTiming(frames: frames, sceneTime: sceneTime, startFrame: startFrame, endFrame: endFrame,
                             shutterSize: shutterSize)
    } catch {
      let owner = error.field == .shutterSize ? (camera ?? film) : film
      throw (owner.optional(error.field.rawValue) ?? owner).error(error.problem)
    }
  }
}
