/// A cheap look at config text before it is parsed: refuses a document with too many values or
/// too deep a nesting while it is still text.
///
/// Yams builds the whole tree before the schema sees any of it: a 15 MB list took 7 s and 1 GB
/// to be refused, and thousands of nested brackets recurse as deep. A config is a page of YAML
/// (the bundled ones hold at most a few hundred values and nest six levels), so the caps are far
/// above any real config and far below what costs time. The scan over-counts rather than parses:
/// every word of a plain scalar counts as a value, and each indentation step or open bracket as a
/// level; quoted strings, comments and block scalars (`|`, `>`) count once or not at all.
struct ConfigTextLimits {
    /// The most values (words, quoted strings, brackets) a config may hold.
    static let largestValueCount = 10_000
    /// The deepest nesting (indentation steps, `- ` entries and open brackets together).
    static let deepestNesting = 64

    /// Throws `ConfigError.tooComplex`, located at the line where a cap was passed.
    static func check(_ text: String, file: String) throws(ConfigError) {
        var scan = ConfigTextLimits()
        var utf8 = Array(text.utf8)
        utf8.append(UInt8(ascii: "\n"))
        var lineStart = 0
        for (index, byte) in utf8.enumerated() where byte == UInt8(ascii: "\n") {
            scan.line += 1
            if let problem = scan.scanLine(utf8[lineStart..<index]) {
                throw .tooComplex(file: file, line: scan.line, problem: problem)
            }
            lineStart = index + 1
        }
    }

    // MARK: - State

    private var line = 0
    private var values = 0
    /// The columns at which the open block collections start, outermost first.
    private var blockIndents: [Int] = []
    private var flowDepth = 0
    /// Inside a quoted string that continues on the next line: its closing quote character.
    private var openQuote: UInt8?
    /// Inside a block scalar: lines indented more than this belong to it.
    private var blockScalarIndent: Int?

    // MARK: - Scanning

    /// Scans one line (without its newline); the problem when a cap is passed.
    private mutating func scanLine(_ bytes: ArraySlice<UInt8>) -> String? {
        var position = bytes.startIndex
        let end = bytes.endIndex
        if let quote = openQuote {
            position = skipQuoted(bytes, from: position, quote: quote)
            if openQuote != nil { return nil }
        } else {
            while position < end, bytes[position] == .space { position += 1 }
            let indent = position - bytes.startIndex
            if position == end || bytes[position] == .hash { return nil }
            if let scalarIndent = blockScalarIndent {
                if indent > scalarIndent { return nil }
                blockScalarIndent = nil
            }
            if flowDepth == 0 {
                // Block structure: the `- ` entries and the content each open a level.
                while let top = blockIndents.last, top >= indent { blockIndents.removeLast() }
                while position + 1 < end, bytes[position] == .dash, bytes[position + 1] == .space {
                    blockIndents.append(position - bytes.startIndex)
                    position += 2
                    while position < end, bytes[position] == .space { position += 1 }
                }
                blockIndents.append(position - bytes.startIndex)
                if blockIndents.count + flowDepth > Self.deepestNesting { return nestingProblem }
                if endsWithBlockScalarIndicator(bytes) { blockScalarIndent = indent }
            }
        }
        return scanTokens(bytes, from: position)
    }

    /// Counts the values and brackets from `start` to the end of the line.
    private mutating func scanTokens(_ bytes: ArraySlice<UInt8>, from start: Int) -> String? {
        var position = start
        var atTokenStart = true
        while position < bytes.endIndex {
            let byte = bytes[position]
            switch byte {
            case .space, .tab:
                atTokenStart = true
                position += 1
                continue
            case .hash where atTokenStart:
                return nil
            case .comma where flowDepth > 0:
                atTokenStart = true
                position += 1
                continue
            case .openBracket where atTokenStart || flowDepth > 0, .openBrace where atTokenStart || flowDepth > 0:
                flowDepth += 1
                values += 1
                if blockIndents.count + flowDepth > Self.deepestNesting { return nestingProblem }
                atTokenStart = true
                position += 1
                continue
            case .closeBracket where flowDepth > 0, .closeBrace where flowDepth > 0:
                flowDepth -= 1
                atTokenStart = true
                position += 1
                continue
            default:
                break
            }
            if atTokenStart {
                values += 1
                if values > Self.largestValueCount {
                    return "more than \(Self.largestValueCount) YAML values; a config is a page of YAML, not data"
                }
            }
            if atTokenStart, byte == .doubleQuote || byte == .singleQuote {
                position = skipQuoted(bytes, from: position + 1, quote: byte)
                if openQuote != nil { return nil }
                atTokenStart = false
                continue
            }
            atTokenStart = false
            position += 1
        }
        return nil
    }

    /// The position after the closing `quote` (backslash escapes in double quotes, `''` in single
    /// quotes), or the end of the line with `openQuote` set when the string continues.
    private mutating func skipQuoted(_ bytes: ArraySlice<UInt8>, from start: Int, quote: UInt8) -> Int {
        var position = start
        while position < bytes.endIndex {
            let byte = bytes[position]
            if quote == .doubleQuote, byte == .backslash {
                position += 2
                continue
            }
            if byte == quote {
                if quote == .singleQuote, position + 1 < bytes.endIndex, bytes[position + 1] == .singleQuote {
                    position += 2
                    continue
                }
                openQuote = nil
                return position + 1
            }
            position += 1
        }
        openQuote = quote
        return bytes.endIndex
    }

    /// Whether the line ends with `|` or `>` (and chomping or indentation indicators), so that the
    /// more indented lines after it are text.
    private func endsWithBlockScalarIndicator(_ bytes: ArraySlice<UInt8>) -> Bool {
        var position = bytes.endIndex
        while position > bytes.startIndex, bytes[position - 1] == .space { position -= 1 }
        while position > bytes.startIndex,
            bytes[position - 1] == .plus || bytes[position - 1] == .dash
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position - 1])
        {
            position -= 1
        }
        guard position > bytes.startIndex, bytes[position - 1] == .pipe || bytes[position - 1] == .greater else {
            return false
        }
        return position - 1 == bytes.startIndex || bytes[position - 2] == .space
    }

    private var nestingProblem: String {
        "nested more than \(Self.deepestNesting) levels deep; a config needs only a few"
    }
}

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let hash = UInt8(ascii: "#")
    fileprivate static let dash = UInt8(ascii: "-")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let pipe = UInt8(ascii: "|")
    fileprivate static let greater = UInt8(ascii: ">")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let doubleQuote = UInt8(ascii: "\"")
    fileprivate static let singleQuote = UInt8(ascii: "'")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let closeBrace = UInt8(ascii: "}")
}
