import CMalloc
import Foundation

/// glibc's allocator settings for a process that keeps many trainers and recorders alive.
///
/// The dashboard keeps one trainer per config shown and one recorder thread per run, and each
/// of them, on whichever dispatch thread it runs, builds checkpoint archives and snapshots of a
/// few MiB now and then. With glibc's defaults every such thread gets an arena of its own (up to
/// 8 per core) and, once the first large block has been freed, large blocks no longer get their
/// own mapping (the threshold rises to 32 MiB): freed room stays in each arena. A 30-minute soak
/// of the dashboard grew 362 -> 450 MB in 13 minutes that way; two arenas and a fixed threshold
/// keep it flat (bench/soak-cnn-mp-conv.txt).
enum MallocTuning {
    /// Blocks of this size or more are mapped on their own and unmapped when freed.
    static let mappingThreshold: Int32 = 128 * 1024
    static let arenas: Int32 = 2

    /// Applies the settings, unless the user chose their own through glibc's variables.
    static func apply(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen = ["GLIBC_TUNABLES", "MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"]
        guard !chosen.contains(where: { environment[$0] != nil }) else { return }
        _ = neurotop_tune_malloc(arenas, mappingThreshold)
    }
}
