import Glibc

/// Finds the copy of a dataset that ships with neurotop, without any flag.
///
/// Candidates, in order, for a dataset `name` (such as `mnist`):
/// 1. `$NEUROTOP_DATA/<name>`;
/// 2. `<dir>/data/<name>` for the directory of the running executable (symlinks resolved) and
///    each of its ancestors, so a built binary finds the repository's `data/` from anywhere;
/// 3. the same walk up from the current directory;
/// 4. `/usr/share/neurotop/data/<name>`.
/// A candidate matches when it holds `train-images-idx3-ubyte.gz`. The start paths are stored
/// properties so tests can inject them; `forCurrentProcess()` reads the real ones.
public struct BundledDataSearch: Sendable, Equatable {
    /// The environment variable naming a directory that contains `<name>/` folders.
    public static let environmentVariable = "NEUROTOP_DATA"
    /// Where an installed neurotop keeps its data.
    public static let defaultSystemDirectory = "/usr/share/neurotop/data"
    /// The file whose presence marks a candidate directory as holding the dataset.
    public static let markerFile = "train-images-idx3-ubyte.gz"

    /// Value of `NEUROTOP_DATA`, nil when unset or empty.
    public var environmentDirectory: String?
    /// Path of the running executable; resolved with `realpath` before walking up.
    public var executablePath: String?
    /// Directory to walk up from after the executable's.
    public var currentDirectory: String?
    /// Last resort, for installed copies.
    public var systemDirectory: String

    public init(
        environmentDirectory: String?, executablePath: String?, currentDirectory: String?,
        systemDirectory: String = BundledDataSearch.defaultSystemDirectory
    ) {
        self.environmentDirectory = environmentDirectory
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
        self.systemDirectory = systemDirectory
    }

    /// The search as seen by this process: its environment, `/proc/self/exe` and working directory.
    public static func forCurrentProcess() -> BundledDataSearch {
        let environment = getenv(environmentVariable).map { String(cString: $0) }
        return BundledDataSearch(
            environmentDirectory: environment?.isEmpty == false ? environment : nil,
            executablePath: "/proc/self/exe",
            currentDirectory: LocalFiles.currentDirectory())
    }

    /// Every directory that could hold `name`, in search order, without duplicates.
    public func candidates(for name: String) -> [String] {
        var result: [String] = []
        func add(_ path: String) {
            if !result.contains(path) { result.append(path) }
        }
        if let environmentDirectory {
            add(LocalFiles.join(environmentDirectory, name))
        }
        if let executablePath {
            let resolved = LocalFiles.realPath(executablePath) ?? executablePath
            walkUp(from: LocalFiles.parent(of: resolved), name: name).forEach(add)
        }
        if let currentDirectory {
            walkUp(from: LocalFiles.realPath(currentDirectory) ?? currentDirectory, name: name).forEach(add)
        }
        add(LocalFiles.join(systemDirectory, name))
        return result
    }

    /// The first candidate that holds the dataset, or nil.
    public func locate(_ name: String) -> String? {
        candidates(for: name).first { LocalFiles.isRegularFile(LocalFiles.join($0, Self.markerFile)) }
    }

    /// A short account of where `locate` looked, for an error message: one entry per step
    /// rather than every ancestor.
    public func searchedPlaces(for name: String) -> [String] {
        let dataName = "data/\(name)"
        var places = [
            environmentDirectory.map { LocalFiles.join($0, name) } ?? "$\(Self.environmentVariable) (unset)"
        ]
        if let executablePath {
            let resolved = LocalFiles.realPath(executablePath) ?? executablePath
            places.append("\(dataName) above \(LocalFiles.parent(of: resolved))")
        }
        if let currentDirectory {
            places.append("\(dataName) above \(currentDirectory)")
        }
        places.append(LocalFiles.join(systemDirectory, name))
        return places
    }

    // MARK: - Helpers

    private func walkUp(from directory: String, name: String) -> [String] {
        LocalFiles.selfAndAncestors(of: directory).map { LocalFiles.join(LocalFiles.join($0, "data"), name) }
    }
}
