/// The rules of a name-like string (a config's `name:`, `import --name`, a Keras model's own
/// name): not blank, at most `longestName` characters, and no control characters (they would
/// reach the terminal raw when the name is printed). Each reader words the fault its own way.
enum NameRule {
    static let longestName = 256

    enum Fault: Equatable {
        case blank
        case tooLong(characters: Int)
        case controlCharacters
    }

    /// The first rule `text` breaks; nil when it is a fine name.
    static func fault(of text: String) -> Fault? {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return .blank }
        if text.count > longestName { return .tooLong(characters: text.count) }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .controlCharacters
        }
        return nil
    }
}
