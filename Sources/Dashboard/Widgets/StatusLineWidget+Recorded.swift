extension StatusLineWidget {
    /// The keys of a replay (with its speed) or a comparison; nil for a live run.
    var recordedHints: [(String, String, Int)]? {
        guard !model.isPickerOpen else { return nil }
        if let playback = model.playback {
            let pace = playback.isAtEnd ? "replayed" : playback.isPaused ? "paused" : "at \(playback.speed)x"
            return [
                ("1/2/3", "1x/10x/100x, \(pace)", 0), ("p", playback.isPaused ? "play" : "pause", 0), ("e", "end", 0),
                ("r", "again", 2), (theme.glyphs.arrowUpDown, "layer", 1), ("?", "help", 0), ("q", "quit", 0),
            ]
        }
        if model.isWatching {
            return [
                ("tab", "next run", 0), ("c", "runs", 1), ("v", "scalars", 0), (theme.glyphs.arrowUpDown, "layer", 2),
                ("s", "smooth", 3), ("?", "help", 0), ("q", "quit", 0),
            ]
        }
        if model.comparison != nil {
            return [
                ("tab", "next run", 0), (theme.glyphs.arrowUpDown, "layer", 1), ("s", "smooth", 2), ("?", "help", 0),
                ("q", "quit", 0),
            ]
        }
        return nil
    }
}
