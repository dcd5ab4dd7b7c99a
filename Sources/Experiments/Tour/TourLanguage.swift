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

extension TourLanguage {
    /// Why the full-screen tour in this language cannot show its letters under a locale whose
    /// character set is `codeset` (as `nl_langinfo(CODESET)` names it); nil when it can. Only
    /// plain ASCII is refused: curses would draw every Thai letter as "?".
    public func localeProblem(codeset: String) -> String? {
        guard self == .thai else { return nil }
        let ascii: Set<String> = ["", "ANSI_X3.4-1968", "ASCII", "US-ASCII", "POSIX"]
        guard ascii.contains(codeset.uppercased()) else { return nil }
        let named = codeset.isEmpty ? "an unknown one" : codeset
        return "the Thai tour needs a locale whose characters include Thai letters, and this one's "
            + "character set is plain ASCII (\(named)): run it with LANG=C.UTF-8 (or th_TH.UTF-8), "
            + "take the English tour with --lang en, or print it with --plain"
    }
}
