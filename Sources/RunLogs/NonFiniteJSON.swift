/// Python's `json.dumps` writes non-finite floats as the bare tokens `NaN`, `Infinity` and
/// `-Infinity`, which JSON does not have; neurotop writes them as the strings `"nan"`, `"inf"`
/// and `"-inf"`. This rewrites the former into the latter, outside strings, so a stream written
/// by a Python program reads like neurotop's own.
enum NonFiniteJSON {
    private static let replacements: [(token: [UInt8], string: [UInt8])] = [
        (Array("-Infinity".utf8), Array("\"-inf\"".utf8)),
        (Array("Infinity".utf8), Array("\"inf\"".utf8)),
        (Array("NaN".utf8), Array("\"nan\"".utf8)),
    ]

    /// `text` with every bare non-finite token quoted; nil when there was none.
    static func quoted(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        var inString = false
        var escaped = false
        var changed = false
        var index = 0
        scan: while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else {
                for (token, string) in replacements where bytes[index...].starts(with: token) {
                    result += string
                    index += token.count
                    changed = true
                    continue scan
                }
            }
            result.append(byte)
            index += 1
        }
        return changed ? String(decoding: result, as: UTF8.self) : nil
    }
}
