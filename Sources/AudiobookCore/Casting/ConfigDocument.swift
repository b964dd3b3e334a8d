import Foundation
import Yams

/// A YAML config file read into nodes that remember their line, so that every
/// complaint names the place (`cast.yaml:4:5: error: unknown key 'colour'`).
struct ConfigDocument {
    let path: String
    let root: Node?

    /// Reads and parses a YAML file.
    init(path: String) throws(ConfigError) {
        try self.init(path: path, text: ConfigDocument.text(of: path, kind: "YAML file"))
    }

    /// A config or script file's text: a one-line error if it is missing, a directory, unreadable or not UTF-8.
    static func text(of path: String, kind: String) throws(ConfigError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(path: path, line: nil, message: "no such file: \(path)")
        }
        if isDirectory.boolValue {
            throw ConfigError(path: path, line: nil, message: "\(path) is a directory, not a \(kind)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError(
                path: path, line: nil, message: "cannot read \(path): \(FileSystemReason.describe(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, line: nil, message: "\(path) is not UTF-8 text")
        }
        return text
    }

    /// Parses YAML text; `path` names it in messages.
    init(path: String, text: String) throws(ConfigError) {
        self.path = path
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigDocument.convert(error, path: path)
        } catch {
            throw ConfigError(path: path, line: nil, message: "\(path): \(error)")
        }
    }

    static func convert(_ error: YamlError, path: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigError(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(
                path: path, line: context.mark.line, column: context.mark.column,
                message: "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, _, _, _):
            return ConfigError(path: path, line: nil, message: "\(path): invalid YAML: \(problem)")
        default:
            return ConfigError(path: path, line: nil, message: "\(path): invalid YAML: \(error)")
        }
    }

    /// An error at a node's place.
    func error(_ node: Node?, _ message: String) -> ConfigError {
        ConfigError(path: path, line: node?.mark?.line ?? 1, column: node?.mark?.column, message: message)
    }

    /// The pairs of a mapping, refusing keys not in `allowed`.
    func mapping(
        _ node: Node, allowed: [String], what: String
    ) throws(ConfigError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping of keys to values")
        }
        var result: [(String, Node, Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error(keyNode, "a key in \(what) must be a plain word") }
            guard allowed.contains(key) else {
                throw error(
                    keyNode, "unknown key '\(key)' in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            guard seen.insert(key).inserted else { throw error(keyNode, "duplicate key '\(key)' in \(what)") }
            result.append((key, keyNode, value))
        }
        return result
    }

    /// A scalar string value.
    func string(_ node: Node, key: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "'\(key)' must be a single value") }
        return scalar.string
    }

    /// A list of strings (a single string counts as a list of one).
    func strings(_ node: Node, key: String) throws(ConfigError) -> [String] {
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? [] : [scalar.string]
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else { throw error(item, "'\(key)' must be a list of names") }
                values.append(scalar.string)
            }
            return values
        default: throw error(node, "'\(key)' must be a list of names")
        }
    }

    /// A whole number within a range.
    func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard case .scalar = node, let value = node.int else { throw error(node, "'\(key)' must be a whole number") }
        guard range.contains(value) else {
            throw error(node, "'\(key)' is \(value), out of range \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    /// A true/false value.
    func boolean(_ node: Node, key: String) throws(ConfigError) -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error(node, "'\(key)' must be true or false") }
        return value
    }
}
