import Foundation

extension AttributionWeights {
    /// The weights with the decoder's replaced by those of a weights file: JSON whose `decoder` object
    /// gives a number for any of `Decoder.Feature` (what `scripts/fit-attribution.py` writes). Other
    /// top-level keys (how it was fitted) are read past.
    public init(contentsOf path: String) throws {
        self.init()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, line: nil, message: "cannot read the weights file")
        }
        let text = String(decoding: data, as: UTF8.self)
        func line(of key: String) -> Int? {
            guard let range = text.range(of: "\"\(key)\"") else { return nil }
            return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        }
        struct File: Decodable { var decoder: [String: Double] }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch DecodingError.keyNotFound {
            throw ConfigError(path: path, line: 1, message: "a weights file has a \"decoder\" object")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let name = context.codingPath.last?.stringValue ?? "decoder"
            throw ConfigError(path: path, line: line(of: name), message: "\"\(name)\" is not a number")
        } catch {
            throw ConfigError(path: path, line: 1, message: "not a JSON weights file")
        }
        for (name, value) in file.decoder.sorted(by: { $0.key < $1.key }) {
            guard let feature = Decoder.Feature(rawValue: name) else {
                let known = Decoder.Feature.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigError(
                    path: path, line: line(of: name), message: "unknown decoder weight \"\(name)\" (known: \(known))")
            }
            self.decoder[feature] = value
        }
    }
}
