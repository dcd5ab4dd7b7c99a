import Training

extension DashboardController {
    /// Forks the run on screen: a twin from a second plan of its config, recorded as a run of
    /// its own with the original as its parent, training in lockstep beside it.
    func beginFork() {
        let identifier = model.current
        guard model.fork == nil, !startedTrainerSincePump, let session = sessions[identifier] else { return }
        startedTrainerSincePump = true
        do {
            let plan = try makePlan(identifier)
            let notices = notices
            let recorder = makeRecorder?(plan, session.recorder?.directory.id) { notices.post($0) }
            let (twin, point): (Trainer, RunSnapshot.Position)
            do {
                (twin, point) = try session.trainer.fork(
                    plan: plan, events: EventChannel(), taps: recorder.map { [$0.tap] } ?? [])
            } catch {
                recorder?.finish()
                throw error
            }
            let view = ForkView(
                original: identifier, stage: point.stageIndex, epoch: point.epoch, globalStep: point.globalStep)
            sessions[view.twin] = Session(trainer: twin, recorder: recorder)
            model.perform(.forkStarted(view))
            twin.start(paused: model.state.runState == .paused)
        } catch {
            model.perform(.notify("cannot fork \(identifier): \(error)"))
        }
    }

    /// Does `change` to the twin alone.
    func changeTwin(_ change: ForkView.Change) {
        guard let view = model.fork, let twin = sessions[view.twin]?.trainer else { return }
        switch change {
        case .toggleFreeze(let layer):
            twin.send(.toggleTrainable(layer: layer))
        case .scaleLearningRate(let factor):
            twin.send(.scaleLearningRate(factor))
        case .useSGD:
            twin.send(.useSGD(learningRate: ForkView.sgdLearningRate, momentum: ForkView.sgdMomentum))
        case .resetLayer(let layer):
            // Fresh weights as the config draws them: its initialisers and seed, from a new plan.
            do {
                let plan = try makePlan(view.original)
                guard let stage = plan.stages.indices.contains(view.stage) ? plan.stages[view.stage] : nil,
                    stage.model.layers.indices.contains(layer)
                else { return }
                twin.send(.resetLayer(layer: layer, values: stage.model.layers[layer].parameters.map(\.value.array)))
            } catch {
                model.perform(.notify("cannot reset the layer: \(error)"))
                return
            }
        }
        model.perform(.changeTwin(change))
    }

    /// Keeps one branch of the fork on screen and stops the other (its recording ends there).
    func keepBranch(twin keepsTwin: Bool) {
        guard let view = model.fork, let twin = sessions.removeValue(forKey: view.twin),
            let original = sessions[view.original]
        else { return }
        let (kept, dropped) = keepsTwin ? (twin, original) : (original, twin)
        dropped.trainer.send(.stop)
        finishRecording(dropped)
        kept.trainer.leaveFork()
        var session = kept
        session.pausedBySwitch = false
        sessions[view.original] = session
        model.perform(.keepBranch(twin: keepsTwin))
    }
}
