/// Where one spoken line sits in a scene's WAV file.
public struct Cue: Sendable, Equatable {
    /// 1-based scene number.
    public var scene: Int
    /// The scene's WAV file name.
    public var file: String
    /// 1-based line number within the scene.
    public var line: Int
    public var speaker: String
    public var profile: String
    public var kind: String
    /// First sample of the line in the scene's WAV.
    public var startSample: Int
    /// Sample just past the line.
    public var endSample: Int
    public var text: String
    /// Byte offsets into the manuscript.
    public var sourceStart: Int
    public var sourceEnd: Int

    /// Creates a cue.
    public init(
        scene: Int, file: String, line: Int, speaker: String, profile: String, kind: String,
        startSample: Int, endSample: Int, text: String, sourceStart: Int, sourceEnd: Int
    ) {
        self.scene = scene
        self.file = file
        self.line = line
        self.speaker = speaker
        self.profile = profile
        self.kind = kind
        self.startSample = startSample
        self.endSample = endSample
        self.text = text
        self.sourceStart = sourceStart
        self.sourceEnd = sourceEnd
    }
}

/// A scene as rendered: its file, its length and its cues.
public struct RenderedScene: Sendable, Equatable {
    public var index: Int
    public var chapter: String?
    public var file: String
    public var sampleCount: Int
    public var cues: [Cue]
    /// Which part of its scene the file holds, when the scene is written as parts (`ScenePlan.part`).
    public var part: Int? = nil
}
