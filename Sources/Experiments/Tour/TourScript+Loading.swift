import Foundation
import Yams

extension TourScript {
    /// The tour texts' directory inside the bundled configs directory.
    public static let directoryName = "tour"

    /// The tour text for `language`, from the `tour/` folder of the bundled configs; every step's
    /// config must be one of them.
    public static func load(_ language: TourLanguage, catalog: ConfigCatalog) throws(TourError) -> TourScript {
        let directory = (catalog.directory as NSString).appendingPathComponent(directoryName)
        let path = (directory as NSString).appendingPathComponent(language.rawValue + ".yaml")
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missingLanguage(language: language.rawValue, path: path)
        }
        let script = try load(file: path)
        for step in script.steps where catalog.path(for: step.config) == nil {
            throw .unknownConfig(path: path, step: step.id, config: step.config)
        }
        return script
    }

    /// The tour text in the file at `path`.
    public static func load(file path: String) throws(TourError) -> TourScript {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let script: TourScript
        do {
            script = try YAMLDecoder().decode(TourScript.self, from: text)
        } catch let error as DecodingError {
            throw .malformed(path: path, problem: Self.describe(error))
        } catch {
            throw .malformed(path: path, problem: "\(error)")
        }
        guard !script.steps.isEmpty else { throw .malformed(path: path, problem: "the tour has no steps") }
        return script
    }

    /// A decoding error as the key path and what was wrong there.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
