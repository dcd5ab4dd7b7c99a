import Foundation

/// The probe's figures kept per machine, so that only the first start measures: one line per
/// CPU and set of kernels in `$XDG_CACHE_HOME/neurotop/gemm-probe` (or `~/.cache/neurotop`).
/// Delete the file to measure again. A cache that cannot be read or written is skipped.
struct GEMMProbeCache {
    var file: URL
    var key: String

    init?(environment: [String: String], features: CPUFeatures, candidates: [GEMMKernel]) {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            return nil
        }
        file = URL(fileURLWithPath: base + "/neurotop/gemm-probe")
        key = features.model + " | " + candidates.map(\.description).joined(separator: " | ")
    }

    /// GFLOP/s by kernel id stored for this key; empty when there are none.
    func read() -> [String: Double] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.first == key else { continue }
            var speeds: [String: Double] = [:]
            for field in fields.dropFirst() {
                let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2, let value = Double(parts[1]), value > 0 { speeds[parts[0]] = value }
            }
            return speeds
        }
        return [:]
    }

    /// Stores the figures for this key, keeping other machines' lines (a shared home directory).
    func write(_ speeds: [String: Double]) {
        let old = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var lines = old.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(key + "\t") }
        let figures = speeds.keys.sorted().map { String(format: "%@=%.2f", $0, speeds[$0] ?? 0) }
        lines.append(([key] + figures).joined(separator: "\t"))
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
