/// The words by which tags and directories are read (the conventions in `TagMeaning`'s comment).
extension TagMeaning {
    static let validationWords: Set<String> = ["val", "validation", "valid", "test", "eval", "evaluation"]
    static let trainWords: Set<String> = ["train", "training"]
    static let batchWords: Set<String> = ["batch", "step", "steps", "iteration", "iterations", "iter"]

    /// The meaning of `tag` written in a directory whose own split (Keras's `train/`,
    /// `validation/`) is `directorySplit`.
    public init?(tag: String, directorySplit: Split? = nil) {
        let words = tag.lowercased().split { !$0.isLetter }.map(String.init)
        if words.contains("loss") {
            metric = .loss
        } else if words.contains("accuracy") || words.contains("acc") {
            metric = .accuracy
        } else {
            return nil
        }
        if !Self.validationWords.isDisjoint(with: words) {
            split = .validation
        } else if !Self.trainWords.isDisjoint(with: words) {
            split = .train
        } else {
            split = directorySplit ?? .train
        }
        if words.contains("epoch") {
            granularity = .epoch
        } else if !Self.batchWords.isDisjoint(with: words) {
            granularity = .batch
        } else {
            granularity = nil
        }
    }

    /// The split a directory's name stands for: Keras writes `train/` and `validation/`.
    public static func split(ofDirectory name: String) -> Split? {
        let name = name.lowercased()
        if validationWords.contains(name) { return .validation }
        if trainWords.contains(name) { return .train }
        return nil
    }
}
