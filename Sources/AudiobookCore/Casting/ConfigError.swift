import Foundation

/// A problem in a YAML config file (a cast file or a voice profile), at a place in it.
public struct ConfigError: LocalizedError, Equatable {
    /// Where and what.
    public var diagnostic: Diagnostic

    /// Creates an error at a 1-based line and column of `path`.
    public init(path: String, line: Int?, column: Int? = nil, message: String) {
        diagnostic = Diagnostic(path: path, line: line, column: column, message: message)
    }

    public var errorDescription: String? { diagnostic.description }
}
