#!/usr/bin/env python3
"""Writes the seeds of the FuzzTFEvents harness into fuzz/corpus/tfevents/: small event files as
tensorboardX writes them (simple_value scalars, HistogramProto histograms, PNG images) and as TF2 and
Keras write them (tensor scalars under the `scalars` plugin, [k, 3] histogram tensors under
`histograms`), built with tensorboardX's own protobuf classes and record writer.

Usage (tensorboardX, numpy and Pillow installed, e.g. in a throwaway venv):
    python3 fuzz/make-tfevents-seeds.py
"""
import glob
import os
import shutil
import tempfile

import numpy as np
from tensorboardX import SummaryWriter
from tensorboardX.event_file_writer import EventFileWriter
from tensorboardX.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "tfevents")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(1)


def keep(directory, name):
    [path] = glob.glob(directory + "/**/*tfevents*", recursive=True)
    shutil.copy(path, os.path.join(out, name))
    print(name, os.path.getsize(path), "bytes")


with tempfile.TemporaryDirectory() as work:
    w = SummaryWriter(work + "/scalars")
    for step in range(4):
        w.add_scalar("Loss/train", 1.0 / (step + 1), step)
        w.add_scalar("val_accuracy", 0.5 + step / 10, step)
    w.close()
    keep(work + "/scalars", "tensorboardx-scalars.tfevents")

    w = SummaryWriter(work + "/histogram")
    w.add_histogram("fc1.weight", rng.normal(0, 0.1, size=200), 0, bins=16)
    w.add_scalar("lr", float("nan"), 0)
    w.add_scalar("loss", float("inf"), 1)
    w.close()
    keep(work + "/histogram", "tensorboardx-histogram.tfevents")

    # Images as tensorboardX writes them (Summary.Image, RGB PNG through Pillow), a 6x5
    # grayscale one and a 3x3 colour one.
    w = SummaryWriter(work + "/image")
    w.add_image("digit", rng.integers(0, 256, size=(1, 5, 6), dtype=np.uint8), 0)
    w.add_image("colour", rng.integers(0, 256, size=(3, 3, 3), dtype=np.uint8), 1)
    w.close()
    keep(work + "/image", "tensorboardx-image.tfevents")

    # TF2 / Keras: values as tensors, typed by the plugin name.
    writer = EventFileWriter(work + "/keras")

    def tensor_value(tag, plugin, tensor):
        metadata = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name=plugin))
        return summary_pb2.Summary.Value(tag=tag, metadata=metadata, tensor=tensor)

    for epoch in range(2):
        loss = tensor_pb2.TensorProto(dtype=1, tensor_shape=tensor_shape_pb2.TensorShapeProto(), float_val=[0.5 / (epoch + 1)])
        accuracy = tensor_pb2.TensorProto(
            dtype=2, tensor_shape=tensor_shape_pb2.TensorShapeProto(), tensor_content=np.float64(0.9).tobytes())
        rows = np.array([[-1.0, -0.5, 3], [-0.5, 0.5, 10], [0.5, 1.0, 2]])
        shape = tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=3),
                                                      tensor_shape_pb2.TensorShapeProto.Dim(size=3)])
        histogram = tensor_pb2.TensorProto(dtype=2, tensor_shape=shape, tensor_content=rows.tobytes())
        summary = summary_pb2.Summary(value=[
            tensor_value("epoch_loss", "scalars", loss), tensor_value("epoch_accuracy", "scalars", accuracy),
            tensor_value("dense/kernel/histogram", "histograms", histogram)])
        writer.add_event(event_pb2.Event(wall_time=1.7e9 + epoch, step=epoch, summary=summary))
    writer.close()
    keep(work + "/keras", "keras-tensors.tfevents")
