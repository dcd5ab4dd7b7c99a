import Dashboard
import Experiments

extension TourScript {
    /// The steps as the dashboard shows them, each suggestion with its key written in.
    var dashboardSteps: [TourStep] {
        steps.map { step in
            TourStep(
                id: step.id, config: step.config, title: step.title, text: step.text, look: step.look,
                suggestion: step.try.fillingTourPlaceholders(["key": step.key]), article: step.article,
                measure: step.measure.dashboardMeasure, panel: step.panel.dashboardPanel, key: step.key)
        }
    }

    var dashboardLabels: TourLabels {
        TourLabels(
            name: name, figure: labels.figure, look: labels.look, suggestion: labels.try, pending: labels.pending,
            keys: labels.keys, step: labels.step)
    }
}

extension TourScript.Measure {
    fileprivate var dashboardMeasure: TourStep.Measure {
        switch self {
        case .testAccuracy: .testAccuracy
        case .firstKernelGradient: .firstKernelGradient
        case .gradientFirstOutput: .gradientFirstOutput
        }
    }
}

extension TourScript.Panel {
    fileprivate var dashboardPanel: TourStep.Panel {
        switch self {
        case .header: .header
        case .charts: .charts
        case .digits: .digits
        case .layers: .layers
        case .journal: .journal
        }
    }
}
