import Foundation
import Training

/// A number of a run's JSON (`run.json`, a line of `events.jsonl`) by its path in the file, with
/// the type it decodes to and the values that type holds, said in the file's terms.
struct NumberField {
    var path: [String]
    var type: any Decodable.Type
    var range: String

    /// A count of `run.json`: decodes to `Int`.
    static func whole(_ path: String...) -> NumberField {
        NumberField(path: path, type: Int.self, range: "a whole number from 0 to \(Int.max)")
    }

    /// A count or a step of an event: decodes to `Int`, and a line is kept only when it is within
    /// `TrainingEvent.plausibleCounts`, so that is the range the message gives.
    static func count(_ path: String...) -> NumberField {
        NumberField(path: path, type: Int.self, range: TrainingEvent.plausibleCountWords)
    }

    /// A loss, an accuracy or a rate: decodes to `Float`.
    static func real(_ path: String...) -> NumberField {
        let largest = Float.greatestFiniteMagnitude
        let range = "a number from -\(largest) to \(largest)"
        return NumberField(path: path, type: Float.self, range: range)
    }

    /// The first number of `data` among `fields` that its field's type cannot hold (a count of
    /// 1.5 or 1e30, a seed of -1), said in the file's terms; nil when there is none. The
    /// decoder refuses such a number as "not valid JSON" without naming the field, as if the
    /// file were cut short.
    static func problem(in data: Data, among fields: [NumberField]) -> String? {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let object else { return nil }
        for field in fields {
            var value: Any? = object
            for key in field.path { value = (value as? [String: Any])?[key] }
            guard let number = value as? NSNumber, !(value is Bool),
                let list = try? JSONSerialization.data(withJSONObject: [number]),
                !fits(list, field.type)
            else { continue }
            let shown = String(decoding: list.dropFirst().dropLast(), as: UTF8.self)
            let name = field.path.joined(separator: ".")
            return "`\(name)` is \(shown), and it must be \(field.range)"
        }
        return nil
    }

    /// Whether `list`, a JSON array of one number, decodes as an array of `type`.
    private static func fits<T: Decodable>(_ list: Data, _ type: T.Type) -> Bool {
        (try? JSONDecoder().decode([T].self, from: list)) != nil
    }
}
