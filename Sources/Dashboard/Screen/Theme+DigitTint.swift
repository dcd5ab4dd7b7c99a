extension Theme {
    /// The 256-colour shade of a brightness in [0, 1] in `tint`'s ramp: the grey ramp, or black
    /// up to full green (learned) or full red (forgotten) through the colour cube.
    func shade(_ value: Float, tint: DigitTint) -> Int16 {
        let v = value.isFinite ? min(max(value, 0), 1) : 0
        let level = Int16((v * 5).rounded())
        switch tint {
        case .grey: return grey(v)
        case .learned: return 16 + 6 * level
        case .forgotten: return 16 + 36 * level
        }
    }

    /// The style of a digit drawn in brightness characters (no grey ramp): the tint's role.
    func style(of tint: DigitTint) -> CellStyle {
        switch tint {
        case .grey: normal
        case .learned: good
        case .forgotten: bad
        }
    }
}
