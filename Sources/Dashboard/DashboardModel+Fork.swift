extension DashboardModel {
    /// The fork's keys: while choosing, what to do to the twin alone (the layer keys still move
    /// the selection); while asking which branch to keep, `a` or `b`. Nil for keys that act as
    /// in the plain dashboard (on both branches).
    func forkKey(_ key: Key, _ view: ForkView) -> [DashboardAction]? {
        let run = state
        // The tour's steps train other configs: one branch first.
        if tour != nil, view.phase != .keeping, [.right, .left, .character("]"), .character("[")].contains(key) {
            return [.notify("F keeps one branch of the fork first, then the tour goes on")]
        }
        switch view.phase {
        case .choosing:
            switch key {
            case .character(" "):
                guard let layer = selectedWeightedLayer(run) else { return [] }
                return [.changeTwin(.toggleFreeze(layer: layer))]
            case .character("+"), .character("="): return [.changeTwin(.scaleLearningRate(2))]
            case .character("-"), .character("_"): return [.changeTwin(.scaleLearningRate(0.5))]
            case .character("z"):
                guard let layer = selectedWeightedLayer(run) else { return [] }
                return [.changeTwin(.resetLayer(layer: layer))]
            case .character("o"): return [.changeTwin(.useSGD)]
            case .escape, .character("f"): return [.keepBranch(twin: false)]
            default: return nil
            }
        case .keeping:
            switch key {
            case .character("a"), .character("A"): return [.keepBranch(twin: false)]
            case .character("b"), .character("B"): return [.keepBranch(twin: true)]
            case .character("q"): return [.quit]
            default: return [.askWhichBranch(false)]
            }
        case .running:
            switch key {
            case .character("F"): return [.askWhichBranch(true)]
            case .character("f"): return [.notify("already forked: F keeps one branch, then f forks again")]
            case .tab, .character("c"):
                return [.notify("F keeps one branch of the fork first, then tab picks a config")]
            case .character("r"): return [.notify("F keeps one branch of the fork first, then r restarts it")]
            default: return nil
            }
        }
    }

    /// The layer the fork's change acts on: the selected one, when it has weights.
    private func selectedWeightedLayer(_ run: DashboardState) -> Int? {
        guard run.layers.indices.contains(run.selectedLayer), run.layers[run.selectedLayer].hasWeights else {
            return nil
        }
        return run.selectedLayer
    }

    /// A few words for the legend: "dense frozen", "lr x2", "dense_1 reset".
    public func describe(_ change: ForkView.Change) -> String {
        func name(_ layer: Int) -> String {
            state.layers.indices.contains(layer) ? state.layers[layer].summary.name : "layer \(layer)"
        }
        switch change {
        case .toggleFreeze(let layer):
            let frozen = state.layers.indices.contains(layer) && state.layers[layer].summary.trainable
            return "\(name(layer)) \(frozen ? "frozen" : "unfrozen")"
        case .scaleLearningRate(let factor):
            return factor > 1 ? "lr x\(Format.fixed(factor, 0))" : "lr /\(Format.fixed(1 / factor, 0))"
        case .resetLayer(let layer):
            return "\(name(layer)) reset"
        case .useSGD:
            return "SGD momentum \(Format.fixed(ForkView.sgdMomentum, 1))"
        }
    }
}
