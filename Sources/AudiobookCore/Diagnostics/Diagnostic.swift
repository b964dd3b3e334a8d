/// A message about a place in a user's file, printed compiler style:
/// `path:line:column: error: message`, or `error: message` when no place applies.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    /// The file the message is about.
    public var path: String
    /// 1-based line, when the problem is at a line.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// Error or warning.
    public var severity: Severity
    /// What is wrong, in words a user can act on.
    public var message: String

    /// Creates a diagnostic.
    public init(path: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// The one-line form.
    public var description: String {
        guard let line else { return "\(severity.rawValue): \(message)" }
        let place = column.map { "\(path):\(line):\($0)" } ?? "\(path):\(line)"
        return "\(place): \(severity.rawValue): \(message)"
    }
}
