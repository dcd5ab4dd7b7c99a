import Glibc

/// File-system queries the lookup needs, kept to plain POSIX calls.
enum LocalFiles {
    static func isDirectory(_ path: String) -> Bool {
        mode(of: path).map { $0 & S_IFMT == S_IFDIR } ?? false
    }

    static func isRegularFile(_ path: String) -> Bool {
        mode(of: path).map { $0 & S_IFMT == S_IFREG } ?? false
    }

    static func exists(_ path: String) -> Bool {
        mode(of: path) != nil
    }

    /// The canonical absolute path with every symlink resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The process's working directory, or nil if it has been removed.
    static func currentDirectory() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// `directory` joined with `name` by a single slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory containing `path`; `/` is its own parent.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// `path` and each of its ancestors up to `/`, nearest first.
    static func selfAndAncestors(of path: String) -> [String] {
        var result = [path]
        var current = path
        while true {
            let next = parent(of: current)
            if next == current || next == "." { return result }
            result.append(next)
            current = next
        }
    }

    private static func mode(of path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode : nil
    }
}
