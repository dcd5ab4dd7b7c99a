extension TrainingPlan {
    /// Checks that every stage's model fits the plan's data: it reads the images as they are and
    /// answers with what its stage trains it to produce (one value per class, or the image).
    ///
    /// The one check of a plan against its data: configs run it when they build a plan, so the
    /// mistake is reported with the file, and the trainer runs it again before the first batch
    /// for plans built by hand.
    public func validate() throws(PlanError) {
        let images = data.train
        for stage in stages {
            let inputShape = stage.model.inputShape
            let imageShaped = inputShape.count == 3
            let shapeMatches = !imageShaped || (inputShape[1] == images.rows && inputShape[2] == images.columns)
            guard inputShape.reduce(1, *) == images.imageSize, shapeMatches else {
                throw .inputMismatch(
                    inputShape: inputShape, dataset: data.name, rows: images.rows, columns: images.columns)
            }
            let outputShape = stage.model.outputShape
            switch stage.target {
            case .labels:
                guard outputShape == [data.classCount] else {
                    throw .classCountMismatch(outputShape: outputShape, dataset: data.name, classes: data.classCount)
                }
            case .inputs:
                guard outputShape.reduce(1, *) == images.imageSize else {
                    throw .reconstructionMismatch(
                        stage: stage.title, outputShape: outputShape, pixels: images.imageSize)
                }
            }
        }
    }
}
