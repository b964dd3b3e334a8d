/// Text as it is spoken: hard wraps folded into single spaces and the
/// `_italics_` / `*italics*` markers taken out, their places kept as emphasis.
public struct SpokenText: Sendable, Equatable {
    /// The words, without markup.
    public var text: String
    /// Emphasised spans as `[start, end)` offsets in Unicode scalars of `text`.
    public var emphasis: [Range<Int>]
}

/// Reads `_…_` and `*…*` emphasis out of manuscript text.
public enum EmphasisMarkup {
    /// Folds white space and takes out emphasis markers.
    public static func strip(_ raw: String) -> SpokenText {
        let scalars = Array(raw.unicodeScalars)
        var output = String.UnicodeScalarView()
        var count = 0
        var emphasis: [Range<Int>] = []
        var openMarker: (marker: Unicode.Scalar, at: Int)?
        var pendingSpace = false
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isWhitespace {
                pendingSpace = count > 0
                continue
            }
            if scalar == "_" || scalar == "*" {
                let before = index > 0 ? scalars[index - 1] : " "
                let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                let opens = !isWordScalar(before) && (isWordScalar(after) || after == "\"" || after == "'")
                let closes = !isWordScalar(after) && before != " " && !before.properties.isWhitespace
                if let open = openMarker, open.marker == scalar, closes {
                    if count > open.at { emphasis.append(open.at..<count) }
                    openMarker = nil
                    continue
                }
                if openMarker == nil, opens {
                    if pendingSpace {
                        output.append(" ")
                        count += 1
                        pendingSpace = false
                    }
                    openMarker = (scalar, count)
                    continue
                }
                if !isWordScalar(before) || !isWordScalar(after) { continue }  // a stray marker is not spoken
            }
            if pendingSpace {
                output.append(" ")
                count += 1
                pendingSpace = false
            }
            output.append(scalar)
            count += 1
        }
        return SpokenText(text: String(output), emphasis: emphasis)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
