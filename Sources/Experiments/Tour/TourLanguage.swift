/// The languages the tour is written in.
public enum TourLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case thai = "th"

    /// The language the user's locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set (POSIX's order) decides, Thai for `th` or `th_*`, English otherwise.
    public static func preferred(environment: [String: String]) -> TourLanguage {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let language = value.prefix { $0 != "_" && $0 != "." && $0 != "@" }.lowercased()
            return language == "th" ? .thai : .english
        }
        return .english
    }
}
