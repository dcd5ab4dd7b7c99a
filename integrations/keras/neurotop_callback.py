"""A Keras 3 callback that writes a training run as a neurotop event stream.

The stream is neurotop's own (schema version 1, docs/events.md): a run directory
``<runs>/<name>-<YYYYmmdd-HHMMSS>/`` with ``events.jsonl`` (one JSON object per line, appended
and flushed as training goes) and ``run.json``. ``neurotop replay``, ``compare``, ``export`` and
``plot`` read it like a run of neurotop's own.

    from neurotop_callback import NeurotopCallback
    model.fit(x, y, validation_data=(xt, yt), callbacks=[NeurotopCallback("runs", name="my-mlp")])

What it writes: ``started`` and ``stage_started`` (the layer table) when training begins;
``batch_end`` per batch; every ``every`` batches a ``gradients`` line whose figures are of the
weight change since the previous such line (Keras callbacks do not see gradients; ``source`` is
``"update"``): mean and max |dw| and ||dw|| / ||w|| per weight; ``epoch_end`` with the
validation figures when ``fit`` has validation data; ``samples`` (a few images with the model's
predictions) at each epoch end when ``samples=(x, y)`` is given and the inputs are 28x28 images;
``result`` at the end. ``dataset``, ``train_count`` and ``test_count`` (optional) name what it
trains on, for the dashboard's header. Works on the TensorFlow, JAX and PyTorch backends. In a run over several
processes only the first (worker 0) writes.

Standard library only (and Keras, which calls it).
"""

import json
import math
import os
import time

import keras

__all__ = ["NeurotopCallback"]


def _number(value):
    """A float for JSON; the strings neurotop uses for values that are not finite."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def _is_first_worker():
    """Whether this process is worker 0 of a multi-process run (or the only one)."""
    config = os.environ.get("TF_CONFIG")
    if config:
        try:
            task = json.loads(config).get("task", {})
            if task.get("type") not in (None, "chief", "worker") or (
                task.get("type") == "worker" and int(task.get("index", 0)) != 0
            ):
                return False
        except (ValueError, TypeError):
            pass
    backend = keras.backend.backend()
    if backend == "jax":
        import jax

        return jax.process_index() == 0
    if backend == "torch":
        import torch.distributed as dist

        return not (dist.is_available() and dist.is_initialized()) or dist.get_rank() == 0
    return True


class NeurotopCallback(keras.callbacks.Callback):
    """Writes the run into a new directory under ``runs``; see the module's documentation."""

    def __init__(self, runs="runs", name=None, config=None, seed=None, every=50, samples=None, sample_count=16,
                 batch_size=None, dataset="", train_count=0, test_count=0):
        super().__init__()
        # What the run trains on, for the header and journal (optional).
        self.dataset = dataset
        self.train_count = train_count
        self.test_count = test_count
        self.batch_size = batch_size
        self.runs = runs
        self.name = name
        self.config = config
        self.seed = seed
        self.every = max(1, int(every))
        self.samples = samples
        self.sample_count = sample_count
        self.directory = None
        self._file = None
        self._summary = None

    # -- writing

    def _write(self, event, **fields):
        if self._file is None:
            return
        line = {"v": 1, "event": event}
        line.update(fields)
        self._file.write(json.dumps(line, sort_keys=True, separators=(",", ":")) + "\n")
        self._file.flush()

    def _write_summary(self):
        path = os.path.join(self.directory, "run.json")
        temporary = path + ".tmp"
        with open(temporary, "w") as handle:
            json.dump(self._summary, handle, sort_keys=True, indent=2)
            handle.write("\n")
        os.replace(temporary, path)

    def _open(self):
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        base = self.config or self.name or self.model.name
        run_id = f"{base}-{stamp}"
        suffix = 1
        while os.path.exists(os.path.join(self.runs, run_id)):
            suffix += 1
            run_id = f"{base}-{stamp}-{suffix}"
        self.directory = os.path.join(self.runs, run_id)
        os.makedirs(self.directory)
        self._file = open(os.path.join(self.directory, "events.jsonl"), "a")
        self._summary = {
            "id": run_id, "config": base, "name": self.name or self.model.name, "seed": self.seed or 0,
            "version": "keras " + keras.__version__, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "ended": None, "status": "running", "epochs_done": 0, "test_accuracy": None, "test_loss": None,
            "parent": None, "forked_at": None, "steps_per_epoch": None,
        }
        self._write_summary()

    # -- the model

    def _layers(self):
        rows = []
        for layer in self.model.layers:
            shape = getattr(layer, "output_shape", None)
            if shape is None:
                try:
                    shape = layer.output.shape
                except (AttributeError, ValueError):
                    shape = ()
            kernel = next((w for w in layer.weights if w.path.endswith("kernel")), None)
            rows.append({
                "name": layer.name, "kind": type(layer).__name__,
                "output_shape": [int(d) for d in list(shape)[1:] if d is not None],
                "parameter_count": int(layer.count_params()) if layer.built else 0,
                "trainable_parameter_count": int(sum(math.prod(w.shape) for w in layer.trainable_weights)),
                "trainable": bool(layer.trainable),
                "kernel_count": int(math.prod(kernel.shape)) if kernel is not None else 0,
            })
        return rows

    def _weights(self):
        """Every trainable weight as (layer index, layer name, weight name, is kernel, values)."""
        found = []
        for index, layer in enumerate(self.model.layers):
            for weight in layer.trainable_weights:
                name = weight.path.split("/")[-1]
                found.append((index, layer.name, name, name == "kernel", keras.ops.convert_to_numpy(weight.value)))
        return found

    def _learning_rate(self):
        try:
            return _number(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
        except (AttributeError, TypeError, ValueError):
            return 0.0

    # -- Keras's hooks

    def on_train_begin(self, logs=None):
        if not _is_first_worker():
            return
        self._open()
        self._epochs = self.params.get("epochs", 1)
        self._steps = self.params.get("steps") or 0
        self._global_step = 0
        self._started = time.time()
        self._trained = 0.0
        self._samples_seen = 0
        self._batch_size = None
        self._last_validation = None
        self._snapshot = self._weights()
        layers = self._layers()
        total = sum(row["parameter_count"] for row in layers)
        trainable = sum(row["trainable_parameter_count"] for row in layers)
        self._write("started", name=self._summary["name"], identifier=self._summary["config"],
                    dataset_name=self.dataset, train_count=int(self.train_count), test_count=int(self.test_count),
                    stage_count=1)
        loss = getattr(self.model, "loss", "")
        self._write(
            "stage_started", index=0, count=1, title="fit", epochs=self._epochs, steps_per_epoch=self._steps,
            batch_size=self.batch_size or 0, learning_rate=self._learning_rate(),
            optimizer=type(self.model.optimizer).__name__ if self.model.optimizer else "",
            loss=loss if isinstance(loss, str) else getattr(loss, "name", str(loss)),
            reports_accuracy=True, layers=layers,
            parameter_counts={"total": total, "trainable": trainable, "non_trainable": total - trainable})
        self._write("state", state="running")

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._step = 0
        self._epoch_start = time.time()
        self._previous = {}

    def on_train_batch_end(self, batch, logs=None):
        if self._file is None:
            return
        logs = logs or {}
        self._step = batch + 1
        self._global_step += 1
        elapsed = time.time() - self._epoch_start
        line = {"epoch": self._epoch, "step": self._step, "steps_per_epoch": self._steps,
                "global_step": self._global_step, "epoch_elapsed": elapsed,
                "samples_per_second": self._rate(self._step, elapsed)}
        # Keras reports running means over the epoch; one batch's own figure is what the mean moved by.
        for key, field in (("loss", "loss"), ("accuracy", "accuracy")):
            if key not in logs:
                continue
            mean = float(logs[key])
            before = self._previous.get(key)
            line["epoch_" + field] = _number(mean)
            line[field] = _number(mean if before is None else self._step * mean - (self._step - 1) * before)
            self._previous[key] = mean
        line.setdefault("accuracy", 0.0)
        line.setdefault("epoch_accuracy", 0.0)
        line.setdefault("loss", "nan")
        line.setdefault("epoch_loss", "nan")
        self._write("batch_end", **line)
        if self._global_step % self.every == 0:
            self._write_updates()

    def _rate(self, steps, seconds):
        """Samples a second, when the batch size is known (the last batch may be smaller)."""
        return steps * self.batch_size / seconds if self.batch_size and seconds > 0 else 0.0

    def _write_updates(self):
        current = self._weights()
        parameters = []
        for (index, layer, name, is_kernel, now), (_, _, _, _, before) in zip(current, self._snapshot):
            if now.shape != before.shape or now.size == 0:
                continue
            change = abs(now - before)
            norm = float((now * now).sum()) ** 0.5
            parameters.append({
                "layer_index": index, "layer_name": layer, "parameter_name": name, "is_kernel": is_kernel,
                "mean_abs_gradient": _number(change.mean()), "max_abs_gradient": _number(change.max()),
                "update_ratio": _number(float((change * change).sum()) ** 0.5 / norm) if norm > 0 else 0.0,
            })
        self._snapshot = current
        self._write("gradients", global_step=self._global_step, parameters=parameters, source="update")

    def on_epoch_end(self, epoch, logs=None):
        if self._file is None:
            return
        logs = logs or {}
        seconds = time.time() - self._epoch_start
        fields = {"epoch": epoch, "epochs": self._epochs, "steps_per_epoch": self._steps,
                  "loss": _number(logs.get("loss", float("nan"))), "accuracy": _number(logs.get("accuracy", 0.0)),
                  "seconds": seconds, "samples_per_second": self._rate(self._step, seconds)}
        self._samples_seen += self._step * (self.batch_size or 0)
        self._trained += seconds
        if "val_loss" in logs:
            fields["validation_loss"] = _number(logs["val_loss"])
            fields["validation_accuracy"] = _number(logs.get("val_accuracy", 0.0))
            self._last_validation = (fields["validation_loss"], fields.get("validation_accuracy"))
        self._write("epoch_end", **fields)
        self._write_samples()
        self._summary["epochs_done"] = epoch + 1
        self._write_summary()

    def _write_samples(self):
        if self.samples is None:
            return
        images, labels = self.samples
        images, labels = images[: self.sample_count], labels[: self.sample_count]
        pixels = [list(map(float, image.reshape(-1))) for image in images]
        if not pixels or len(pixels[0]) != 28 * 28:
            return
        probabilities = keras.ops.convert_to_numpy(self.model(images, training=False))
        classes = [int(row.argmax()) for row in probabilities]
        truth = [int(label.argmax()) if getattr(label, "ndim", 0) else int(label) for label in labels]
        self._write("samples", rows=28, columns=28, inputs=pixels, labels=truth, predictions=classes,
                    confidences=[float(row.max()) for row in probabilities])

    def on_train_end(self, logs=None):
        if self._file is None:
            return
        rate = self._samples_seen / self._trained if self._trained > 0 else 0.0
        result = {"epochs": self._epochs, "seconds": time.time() - self._started, "train_samples_per_second": rate,
                  "run_dir": self.directory}
        if self._last_validation:
            result["test_loss"], accuracy = self._last_validation
            if accuracy is not None:
                result["test_accuracy"] = accuracy
            self._summary["test_loss"] = result["test_loss"]
            self._summary["test_accuracy"] = result.get("test_accuracy")
        else:
            result["test_loss"] = "nan"
        self._write("result", **result)
        self._write("state", state="finished")
        self._summary["status"] = "finished"
        self._summary["ended"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self._write_summary()
        self._file.close()
        self._file = None
