import Foundation

/// Runs ffmpeg (or ffprobe) as a child the renderer's interruption handling knows of, and turns
/// its failure into a one-line error.
enum FFmpeg {
    /// The ffmpeg executable, or an error saying how to install it.
    static func find(for purpose: String) throws -> String {
        guard let ffmpeg = Executables.find("ffmpeg") else {
            throw RenderError.missingTool(name: "ffmpeg", purpose: purpose, package: "ffmpeg")
        }
        return ffmpeg
    }

    /// Runs the executable; a non-zero exit is an error about `making`, with ffmpeg's last line.
    /// `folder` is its working folder, when given.
    static func run(_ executable: String, _ arguments: [String], making destination: URL, in folder: URL? = nil) throws
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        RenderInterruption.register(worker: process.processIdentifier)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        RenderInterruption.unregister(worker: process.processIdentifier)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let last = message.split(separator: "\n").last.map(String.init)
            let status =
                process.terminationReason == .exit
                ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            throw RenderError.cannotWrite(path: destination.relativePath, reason: "ffmpeg failed: \(last ?? status)")
        }
    }
}

extension FFmpeg {
    /// Runs the executable and returns what it writes to standard output; a failure is an error
    /// about reading `source`, with the tool's last line.
    static func output(_ executable: String, _ arguments: [String], reading source: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        RenderInterruption.register(worker: process.processIdentifier)
        // Standard error is read beside standard output, so that neither pipe fills and stalls the tool.
        nonisolated(unsafe) var message = Data()
        let reader = Thread { message = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        RenderInterruption.unregister(worker: process.processIdentifier)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let last = String(decoding: message, as: UTF8.self).split(separator: "\n").last.map(String.init)
            throw RenderError.cannotRead(
                path: source.relativePath,
                reason:
                    "\((executable as NSString).lastPathComponent) failed: \(last ?? "exit status \(process.terminationStatus)")"
            )
        }
        return data
    }
}
