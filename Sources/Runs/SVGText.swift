/// A tiny XML writer for `CurvePlot`: elements with escaped attributes and text, one per line.
struct SVGText {
    private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private var depth = 0

    mutating func open(_ name: String, _ attributes: [String: String] = [:]) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += indent + "</" + name + ">\n"
    }

    /// An element with text content, or empty (`<line .../>`) when `text` is nil.
    mutating func element(_ name: String, _ attributes: [String: String] = [:], text content: String? = nil) {
        text += indent + "<" + name + Self.attributes(attributes)
        if let content {
            text += ">" + Self.escape(content) + "</" + name + ">\n"
        } else {
            text += "/>\n"
        }
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    /// Sorted, so the same plot is the same file.
    private static func attributes(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            // XML 1.0 allows no control characters but tab and newline, even escaped.
            case _ where character.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" }:
                escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
