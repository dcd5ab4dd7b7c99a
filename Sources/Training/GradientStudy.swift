import Datasets
import NeuroEngine

/// The article's gradient study on MNIST-like data: the mean |dL/dW| of every kernel of a model,
/// on the first few training samples, in inference mode (see `Sequential.kernelGradients`).
///
/// "The article", here and throughout the sources, is the Keras tutorial named in README.md.
public enum GradientStudy {
    /// The article's sample count: `X_train[0]` ... `X_train[4]`.
    public static let defaultSampleCount = 5

    /// The first `count` training images as a batch `[count, inputShape...]` (pixels in [0, 1],
    /// as training sees them) and their one-hot labels `[count, classCount]`, in file order.
    public static func firstSamples(of data: Dataset, count: Int, inputShape: [Int]) -> (input: Tensor, target: Tensor)
    {
        let set = data.train
        let count = min(count, set.count)
        precondition(inputShape.reduce(1, *) == set.imageSize, "input \(inputShape) for \(set.imageSize)-pixel images")
        let input = Tensor(shape: [count] + inputShape)
        let target = Tensor(shape: [count, data.classCount])
        for row in 0..<count {
            set.copyImage(row, to: input.pointer + row * set.imageSize)
            target[row * data.classCount + Int(set.labels[row])] = 1
        }
        return (input, target)
    }

    /// The study for `model` on the first `samples` training images of `data`.
    public static func measure(_ model: Sequential, loss: Loss, data: Dataset, samples: Int) -> [KernelGradient] {
        let (input, target) = firstSamples(of: data, count: samples, inputShape: model.inputShape)
        return model.kernelGradients(input: input, target: target, loss: loss)
    }
}
