import Testing
import Training

@testable import Dashboard

/// The config picker on its own: long names use the room there is.
struct ConfigPickerOverlayTests {
    static let entries = [
        ConfigEntry(
            identifier: "ae-pretrain", name: "Autoencoder pre-training, ReLU 100-100-100-100-10", group: "autoencoder"),
        ConfigEntry(
            identifier: "mlp-tanh-4-frozen1", name: "Tanh 100-100-100-100-10, first layer frozen", group: "MLP"),
    ]

    static func draw(width: Int, height: Int) -> WidgetCanvas {
        var model = DashboardModel(entries: entries, current: "ae-pretrain")
        for event in RecordedRuns.autoencoder(steps: 10) { model.apply(event, to: "ae-pretrain") }
        model.perform(.openPicker)
        let picker = model
        return WidgetCanvas(width: width, height: height) { buffer, rect in
            ConfigPickerOverlay(model: picker, selection: 0, theme: WidgetCanvas.ascii).draw(
                into: &buffer, bounds: rect)
        }
    }

    @Test func longNamesAreShownWholeWhenThereIsRoom() {
        let text = Self.draw(width: 120, height: 12).lines.joined(separator: "\n")
        #expect(text.contains("ae-pretrain  Autoencoder pre-training, ReLU 100-100-100-100-10"), "\(text)")
        #expect(text.contains("mlp-tanh-4-frozen1  Tanh 100-100-100-100-10, first layer frozen"))
        #expect(text.contains("running, epoch 1 step 10"))
    }

    @Test func at80ColumnsANameIsCutOnlyAsFarAsTheStatusNeeds() {
        let lines = Self.draw(width: 80, height: 12).lines
        let row = lines.first { $0.contains("ae-pretrain") } ?? ""
        // The name runs up to two blanks before the status.
        #expect(row.contains("~  running, epoch 1 step 10 |"), "\(row)")
    }
}
