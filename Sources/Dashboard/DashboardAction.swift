import Training

/// What a key asks for: a command for the shown run's trainer, or something for the app itself.
public enum DashboardAction: Equatable, Sendable {
    /// Send this command to the trainer of the config on screen.
    case trainer(TrainerCommand)
    /// Select the layer at this index of the layer table.
    case selectLayer(Int)
    /// Step to the next chart smoothing level.
    case cycleSmoothing
    case toggleHelp
    /// Show the learned and forgotten digits in place of the test digits, or back.
    case toggleFlips
    /// Open the drawing canvas (blank), or close it.
    case toggleCanvas
    /// Move the canvas cursor by this many pixel rows and columns.
    case moveCanvasCursor(rows: Int, columns: Int)
    /// Ink the canvas under its cursor.
    case paintCanvas
    case clearCanvas
    case openPicker
    case closePicker
    /// Move the picker's highlight by this many entries.
    case movePicker(Int)
    /// Show the config with this identifier (pausing the one on screen).
    case switchConfig(String)
    /// Throw away the shown run and train its config again from the start.
    case restart
    /// Show a short notice in the status line.
    case notify(String)
    /// Pin the run on screen as the dimmed baseline curve, or remove the pinned one.
    case toggleBaseline
    /// Show the next of the compared runs in the header and the layer table.
    case nextComparedRun
    /// Open, move through, choose from or close a watched run's list of scalars (`v`).
    case scalarList(ScalarListCommand)
    /// Go to the tour's step at this index (the controller then shows its config).
    case tourStep(Int)
    /// Keep a figure measured for the tour's step with this id apart from its run.
    case tourFigure(step: String, figure: String)
    /// Leave the tour; the run on screen goes on in the plain dashboard.
    case leaveTour
    /// Fork the run on screen into two branches (`f`).
    case fork
    /// The fork is made: show both branches (performed by the controller).
    case forkStarted(ForkView)
    /// Do this to the fork's twin alone.
    case changeTwin(ForkView.Change)
    /// Ask which branch of the fork to keep (`F`), or stop asking.
    case askWhichBranch(Bool)
    /// Keep one branch of the fork, the twin or the original, and drop the other.
    case keepBranch(twin: Bool)
    /// Steer the playback of a recorded run.
    case playback(PlaybackCommand)
    case quit
}

/// What a key does to the list of a watched run's other scalars.
public enum ScalarListCommand: Sendable, Equatable {
    case open
    case move(Int)
    /// Chart the highlighted entry in place of accuracy (the first entry is accuracy itself).
    case choose
    case close
}
