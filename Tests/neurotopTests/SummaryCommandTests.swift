import Testing

/// `neurotop summary`, run in-process.
struct SummaryCommandTests {
    @Test func jsonGivesKerasParameterCounts() throws {
        let run = CommandRun(["summary", "cnn-flat", "--json"])
        #expect(run.status == 0)
        #expect(run.error == "")
        // Keras's model.summary() for the article's Conv-BN-ReLU-Flatten-Dense: 78,540 in all,
        // BatchNormalization's 20 moving statistics not trainable.
        #expect(
            run.out
                == #"{"layers":[{"name":"conv2d","output_shape":[10,28,28],"params":90,"trainable":true,"#
                + #""trainable_params":90,"type":"Conv2D"},{"name":"batch_normalization","output_shape":[10,28,28],"#
                + #""params":40,"trainable":true,"trainable_params":20,"type":"BatchNormalization"},{"name":"activation","#
                + #""output_shape":[10,28,28],"params":0,"trainable":true,"trainable_params":0,"type":"Activation"},"#
                + #"{"name":"flatten","output_shape":[7840],"params":0,"trainable":true,"trainable_params":0,"#
                + #""type":"Flatten"},{"name":"dense","output_shape":[10],"params":78410,"trainable":true,"#
                + #""trainable_params":78410,"type":"Dense"}],"name":"Conv-BN-ReLU-Flatten-Dense","#
                + #""non_trainable_params":20,"total_params":78540,"trainable_params":78520}"# + "\n")
    }

    @Test func tableEndsWithTheTotals() {
        let run = CommandRun(["summary", "mlp-tanh-1"])
        #expect(run.status == 0)
        #expect(run.out.contains("Total params: 79,510"))
        #expect(run.out.contains("Non-trainable params: 0"))
    }

    @Test func aBrokenConfigIsOneLineOnStandardErrorAndStatusOne() throws {
        let file = try TemporaryFile(
            named: "broken.yaml",
            contents: """
                name: Broken
                model:
                  input: [784]
                  layers:
                    - Dense: {units: 10, activation: softmax}
                    - Danse: {units: 10}
                compile: {loss: categorical_crossentropy, optimizer: Adam}
                """)
        let run = CommandRun(["summary", file.path])
        #expect(run.status == 1)
        #expect(run.out == "")
        #expect(run.error.hasPrefix("neurotop: \(file.path):6: model.layers[1]: unknown layer 'Danse'"))
        #expect(run.error.hasSuffix("\n") && run.error.dropLast().contains("\n") == false)
    }

    @Test func anUnknownConfigNameListsTheBundledOnes() {
        let run = CommandRun(["summary", "no-such-config"])
        #expect(run.status == 1)
        #expect(run.out == "")
        #expect(run.error.contains("no bundled config named 'no-such-config'"))
        #expect(run.error.contains("mlp-tanh-1"))
    }
}
