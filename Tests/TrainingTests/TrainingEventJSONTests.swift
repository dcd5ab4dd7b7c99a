import Testing
import Training

@Test func aNonFiniteLearningRateIsWrittenAsTheStringsOtherFiguresUse() {
    #expect(TrainingEvent.learningRateChanged(.nan).jsonLine() == #"{"event":"learning_rate","learning_rate":"nan"}"#)
    #expect(TrainingEvent.learningRateChanged(.infinity).jsonLine().contains(#""learning_rate":"inf""#))
    #expect(TrainingEvent.learningRateChanged(0.5).jsonLine().contains(#""learning_rate":0.5"#))
}
