import Foundation

/// Why an EPUB could not be read.
public enum EPUBError: LocalizedError, Equatable {
    case notFound(path: String)
    case isDirectory(path: String)
    case notZip(path: String)
    case missingContainer(path: String)
    case missingPackage(path: String, package: String)
    case invalidXML(path: String, file: String, line: Int, reason: String)
    case missingSpineItem(path: String, item: String)
    case noText(path: String)

    /// The diagnostic a user sees.
    public var diagnostic: Diagnostic {
        switch self {
        case .notFound(let path):
            return Diagnostic(path: path, message: "no such file: \(path)")
        case .isDirectory(let path):
            return Diagnostic(path: path, message: "\(path) is a directory, not a manuscript file")
        case .notZip(let path):
            return Diagnostic(path: path, message: "\(path) is not an EPUB: it is not a zip archive")
        case .missingContainer(let path):
            return Diagnostic(path: path, message: "\(path) is not a valid EPUB: META-INF/container.xml is missing")
        case .missingPackage(let path, let package):
            return Diagnostic(
                path: path, message: "\(path) is not a valid EPUB: its package file \(package) is missing")
        case .invalidXML(let path, let file, let line, let reason):
            return Diagnostic(path: path, message: "\(path): invalid XHTML in \(file) at line \(line): \(reason)")
        case .missingSpineItem(let path, let item):
            return Diagnostic(
                path: path, message: "\(path) is not a valid EPUB: the spine lists \(item), which is not in the book")
        case .noText(let path):
            return Diagnostic(path: path, message: "\(path) has no readable text in its spine")
        }
    }

    public var errorDescription: String? { diagnostic.description }
}
