import Foundation

extension ConfigCatalog {
    /// The file whose presence marks a directory as the bundled configs.
    static let markerFile = "mlp-tanh-1.yaml"
    /// The environment variable that names the configs directory outright.
    public static let environmentVariable = "NEUROTOP_CONFIGS"

    /// Finds the bundled configs directory.
    ///
    /// Searched in order: `$NEUROTOP_CONFIGS`; then walking up from the executable's real
    /// directory, at each level `configs/` and `share/neurotop/configs/` (an installed copy);
    /// then walking up from the working directory. A `configs` directory counts only when it
    /// holds `mlp-tanh-1.yaml`, so an unrelated `configs/` is skipped.
    /// - Parameters: the process's environment, executable and working directory by default;
    ///   tests pass their own.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = currentExecutablePath(),
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(ConfigError) -> ConfigCatalog {
        if let named = environment[environmentVariable], !named.isEmpty {
            guard isDirectory(named) else {
                throw .configsDirectoryNotFound(searched: ["\(environmentVariable)=\(named) (not a directory)"])
            }
            return ConfigCatalog(directory: named, currentDirectory: currentDirectory)
        }
        var searched: [String] = []
        let starts = [executablePath.map { ($0 as NSString).deletingLastPathComponent }, currentDirectory]
        for start in starts.compactMap({ $0 }) {
            var directory = (start as NSString).standardizingPath
            searched.append("above \(directory)")
            while true {
                for candidate in ["configs", "share/neurotop/configs"] {
                    let path = (directory as NSString).appendingPathComponent(candidate)
                    let marker = (path as NSString).appendingPathComponent(markerFile)
                    if FileManager.default.fileExists(atPath: marker) {
                        return ConfigCatalog(directory: path, currentDirectory: currentDirectory)
                    }
                }
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory || parent.isEmpty { break }
                directory = parent
            }
        }
        throw .configsDirectoryNotFound(searched: searched)
    }

    /// The running executable with symbolic links resolved (`/proc/self/exe` on Linux), so a
    /// symlink in `~/bin` still leads to the checkout it came from.
    public static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        guard let first = CommandLine.arguments.first, first.contains("/") else { return nil }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath().path
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
