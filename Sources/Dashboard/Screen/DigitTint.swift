/// The colour a digit image is drawn in: grey as the model sees it, or the colour of what
/// happened to it at the last evaluation.
enum DigitTint: Sendable, Equatable {
    case grey
    /// Right now, wrong at the evaluation before.
    case learned
    /// Wrong now, right at the evaluation before.
    case forgotten
}
