"""A hook for a plain PyTorch training loop that writes the run as a neurotop event stream.

The stream is neurotop's own (schema version 1, docs/events.md), the same as the Keras callback's
(integrations/keras/neurotop_callback.py): a run directory ``<runs>/<name>-<YYYYmmdd-HHMMSS>/``
with ``events.jsonl`` (one JSON object per line, appended and flushed as training goes) and
``run.json``. ``neurotop watch``, ``runs``, ``replay``, ``compare``, ``export`` and ``plot`` read it.

    from neurotop_hook import NeurotopHook

    hook = NeurotopHook(model, runs="runs", name="my-mlp", optimizer=optimizer, epochs=5,
                        steps_per_epoch=len(loader), batch_size=64, samples=(x_test[:16], y_test[:16]))
    for epoch in range(5):
        for x, y in loader:
            optimizer.zero_grad()
            output = model(x)
            loss = F.cross_entropy(output, y)
            loss.backward()
            optimizer.step()
            hook.batch_end(loss, accuracy=(output.argmax(1) == y).float().mean(), batch_size=len(x))
        hook.epoch_end(validation_loss, validation_accuracy)   # both optional
    hook.finish(test_loss, test_accuracy)

Call ``batch_end`` after ``optimizer.step()`` and before the next ``zero_grad()``: it reads the
gradients from ``.grad``. Losses and accuracies may be floats or one-element tensors.

What it writes: ``started``, then at the first ``batch_end`` ``stage_started`` (the layer table:
every module without children that holds parameters, with the output shape it had in the first
forward pass); ``batch_end`` per batch (that batch's loss and accuracy and the epoch's running
means, weighted by ``batch_size`` when given); every ``every`` batches a ``gradients`` line per
parameter: mean and max |dL/dw| from ``.grad``, and of that batch's update (the weights are
copied after the step before) mean |dw| (``mean_abs_update``) and ||dw|| / ||w||
(``update_ratio``); ``learning_rate`` when the optimizer's rate changed (a scheduler);
``epoch_end`` with the validation figures given; ``samples`` (a few images with the model's
predictions, the model switched to eval mode meanwhile) at each epoch end when
``samples=(x, y)`` holds 28x28 images; ``result`` from ``finish``, ``error`` from ``fail``.
The epoch's clock starts at its first forward pass in training mode, so ``seconds`` leaves out
data loading before the loop and validation after it.

Under torch.distributed only rank 0 writes (its own batches' figures); every other rank's hook
does nothing.

Standard library and torch only.
"""

import json
import math
import os
import time

import torch

__all__ = ["NeurotopHook"]


def _number(value):
    """A float for JSON; the strings neurotop uses for values that are not finite."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def _scalar(value):
    """A Python float from a float, an int or a one-element tensor."""
    if isinstance(value, torch.Tensor):
        return float(value.detach().float().cpu().item())
    return float(value)


def _is_first_rank():
    """Whether this process is rank 0 of a torch.distributed run (or the only process)."""
    distributed = torch.distributed
    return not (distributed.is_available() and distributed.is_initialized()) or distributed.get_rank() == 0


class NeurotopHook:
    """Writes the run into a new directory under ``runs``; see the module's documentation."""

    def __init__(self, model, runs="runs", name=None, optimizer=None, epochs=1, steps_per_epoch=0, batch_size=0,
                 loss="cross_entropy", every=50, samples=None, sample_count=16, seed=0, config=None):
        self.model = model
        self.optimizer = optimizer
        self.epochs = int(epochs)
        self.steps_per_epoch = int(steps_per_epoch)
        self.batch_size = int(batch_size)
        self.loss_name = loss
        self.every = max(1, int(every))
        self.samples = samples
        self.sample_count = sample_count
        self.directory = None
        self._file = None
        self._shapes = {}
        self._forward_hooks = []
        self._layers = self._find_layers()
        self._epoch = 0
        self._step = 0
        self._global_step = 0
        self._epoch_start = None
        self._last_batch = None
        self._sums = {"loss": 0.0, "accuracy": 0.0, "weight": 0.0, "samples": 0}
        self._trained = 0.0
        self._samples_seen = 0
        self._learning_rate = self._current_learning_rate()
        self._stage_written = False
        if not _is_first_rank():
            return
        self._open(runs, config or name or type(model).__name__, name or type(model).__name__, seed)
        self._started = time.time()
        self._snapshot = self._weights()
        for layer_name, module in self._layers:
            self._forward_hooks.append(module.register_forward_hook(self._shape_recorder(layer_name)))
        self._forward_hooks.append(model.register_forward_pre_hook(self._start_clock))
        self._write("started", name=self._summary["name"], identifier=self._summary["config"], dataset_name="",
                    train_count=self.steps_per_epoch * self.batch_size, test_count=0, stage_count=1)

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

    def _open(self, runs, base, name, seed):
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        run_id = f"{base}-{stamp}"
        suffix = 1
        while os.path.exists(os.path.join(runs, run_id)):
            suffix += 1
            run_id = f"{base}-{stamp}-{suffix}"
        self.directory = os.path.join(runs, run_id)
        os.makedirs(self.directory)
        self._file = open(os.path.join(self.directory, "events.jsonl"), "a")
        self._summary = {
            "id": run_id, "config": base, "name": name, "seed": int(seed or 0),
            "version": "torch " + torch.__version__, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "ended": None, "status": "running", "epochs_done": 0, "test_accuracy": None, "test_loss": None,
            "parent": None, "forked_at": None, "steps_per_epoch": self.steps_per_epoch or None,
        }
        self._write_summary()

    # -- the model

    def _find_layers(self):
        """(name, module) of every module without children that has parameters of its own."""
        return [(name or type(module).__name__, module) for name, module in self.model.named_modules()
                if not list(module.children()) and list(module.parameters(recurse=False))]

    def _shape_recorder(self, layer_name):
        def record(module, inputs, output):
            if layer_name not in self._shapes and isinstance(output, torch.Tensor):
                self._shapes[layer_name] = [int(d) for d in output.shape[1:]]
        return record

    def _start_clock(self, module, inputs):
        if self._epoch_start is None and module.training:
            self._epoch_start = time.time()

    def _layer_table(self):
        rows = []
        for layer_name, module in self._layers:
            parameters = list(module.named_parameters(recurse=False))
            kernel = next((p for n, p in parameters if n == "weight" and p.dim() >= 2), None)
            rows.append({
                "name": layer_name, "kind": type(module).__name__, "output_shape": self._shapes.get(layer_name, []),
                "parameter_count": int(sum(p.numel() for _, p in parameters)),
                "trainable_parameter_count": int(sum(p.numel() for _, p in parameters if p.requires_grad)),
                "trainable": any(p.requires_grad for _, p in parameters),
                "kernel_count": int(kernel.numel()) if kernel is not None else 0,
            })
        return rows

    def _weights(self):
        """A copy of every trainable parameter, keyed by (layer index, parameter name)."""
        with torch.no_grad():
            return {(index, name): p.detach().clone() for index, (_, module) in enumerate(self._layers)
                    for name, p in module.named_parameters(recurse=False) if p.requires_grad}

    def _current_learning_rate(self):
        try:
            return float(self.optimizer.param_groups[0]["lr"])
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            return 0.0

    def _write_stage(self):
        for handle in self._forward_hooks[:-1]:
            handle.remove()
        self._forward_hooks = self._forward_hooks[-1:]
        layers = self._layer_table()
        total = sum(row["parameter_count"] for row in layers)
        trainable = sum(row["trainable_parameter_count"] for row in layers)
        self._write(
            "stage_started", index=0, count=1, title="fit", epochs=self.epochs, steps_per_epoch=self.steps_per_epoch,
            batch_size=self.batch_size, learning_rate=_number(self._learning_rate),
            optimizer=type(self.optimizer).__name__ if self.optimizer is not None else "", loss=self.loss_name,
            reports_accuracy=True, layers=layers,
            parameter_counts={"total": total, "trainable": trainable, "non_trainable": total - trainable})
        self._write("state", state="running")
        self._stage_written = True

    # -- the loop's calls

    def batch_end(self, loss, accuracy=None, batch_size=None):
        """After ``optimizer.step()``: this batch's loss (and accuracy, a fraction)."""
        if self._file is None:
            return
        if not self._stage_written:
            self._write_stage()
        now = time.time()
        if self._epoch_start is None:
            self._epoch_start = now
        self._last_batch = now
        self._step += 1
        self._global_step += 1
        loss = _scalar(loss)
        accuracy = _scalar(accuracy) if accuracy is not None else None
        weight = float(batch_size) if batch_size else 1.0
        self._sums["loss"] += loss * weight
        self._sums["accuracy"] += (accuracy or 0.0) * weight
        self._sums["weight"] += weight
        self._sums["samples"] += int(batch_size or self.batch_size or 0)
        elapsed = now - self._epoch_start
        rate = self._current_learning_rate()
        if rate != self._learning_rate:
            self._learning_rate = rate
            self._write("learning_rate", learning_rate=_number(rate))
        self._write("batch_end", epoch=self._epoch, step=self._step, steps_per_epoch=self.steps_per_epoch,
                    global_step=self._global_step, epoch_elapsed=elapsed,
                    samples_per_second=self._sums["samples"] / elapsed if elapsed > 0 else 0.0,
                    loss=_number(loss), accuracy=_number(accuracy if accuracy is not None else 0.0),
                    epoch_loss=_number(self._sums["loss"] / self._sums["weight"]),
                    epoch_accuracy=_number(self._sums["accuracy"] / self._sums["weight"]))
        if self._global_step % self.every == 0:
            self._write_gradients()
        if (self._global_step + 1) % self.every == 0:
            self._snapshot = self._weights()

    def _write_gradients(self):
        """Per parameter: |dL/dw| from ``.grad``, and the step's update against the copy taken after the step
        before."""
        parameters = []
        with torch.no_grad():
            for index, (layer_name, module) in enumerate(self._layers):
                for name, p in module.named_parameters(recurse=False):
                    if not p.requires_grad or p.grad is None or p.numel() == 0:
                        continue
                    gradient = p.grad.detach().abs()
                    row = {"layer_index": index, "layer_name": layer_name, "parameter_name": name,
                           "is_kernel": name == "weight" and p.dim() >= 2,
                           "mean_abs_gradient": _number(gradient.mean()), "max_abs_gradient": _number(gradient.max())}
                    before = self._snapshot.get((index, name))
                    if before is not None and before.shape == p.shape:
                        change = p.detach() - before
                        norm = float(p.detach().double().norm())
                        row["mean_abs_update"] = _number(change.abs().mean())
                        row["update_ratio"] = _number(float(change.double().norm()) / norm) if norm > 0 else 0.0
                    parameters.append(row)
        self._write("gradients", global_step=self._global_step, parameters=parameters, source="gradient")

    def epoch_end(self, validation_loss=None, validation_accuracy=None):
        """After the epoch's batches (and its validation, if any): the epoch's means and the figures given."""
        if self._file is None:
            return
        end = self._last_batch or time.time()
        seconds = end - self._epoch_start if self._epoch_start is not None else 0.0
        weight = self._sums["weight"] or 1.0
        if not self.steps_per_epoch:
            self.steps_per_epoch = self._step
        fields = {"epoch": self._epoch, "epochs": self.epochs, "steps_per_epoch": self.steps_per_epoch,
                  "loss": _number(self._sums["loss"] / weight), "accuracy": _number(self._sums["accuracy"] / weight),
                  "seconds": seconds, "samples_per_second": self._sums["samples"] / seconds if seconds > 0 else 0.0}
        if validation_loss is not None:
            fields["validation_loss"] = _number(_scalar(validation_loss))
        if validation_accuracy is not None:
            fields["validation_accuracy"] = _number(_scalar(validation_accuracy))
        self._write("epoch_end", **fields)
        self._write_samples()
        self._trained += seconds
        self._samples_seen += self._sums["samples"]
        self._summary["epochs_done"] = self._epoch + 1
        self._summary["steps_per_epoch"] = self.steps_per_epoch or None
        self._write_summary()
        self._epoch += 1
        self._step = 0
        self._epoch_start = None
        self._last_batch = None
        self._sums = {"loss": 0.0, "accuracy": 0.0, "weight": 0.0, "samples": 0}

    def _write_samples(self):
        if self.samples is None:
            return
        images, labels = self.samples
        images, labels = images[: self.sample_count], labels[: self.sample_count]
        if len(images) == 0 or images[0].numel() != 28 * 28:
            return
        was_training = self.model.training
        self.model.eval()
        try:
            with torch.no_grad():
                outputs = self.model(images).detach().float().cpu()
        finally:
            self.model.train(was_training)
        # Logits unless the rows already are probabilities (a model that ends with softmax).
        if outputs.min() < 0 or not torch.allclose(outputs.sum(1), torch.ones(len(outputs)), atol=1e-3):
            outputs = torch.softmax(outputs, dim=1)
        labels = labels.detach().cpu()
        truth = labels.argmax(1) if labels.dim() > 1 else labels
        self._write("samples", rows=28, columns=28,
                    inputs=[[float(v) for v in image.reshape(-1).tolist()] for image in images.detach().float().cpu()],
                    labels=[int(v) for v in truth.tolist()], predictions=[int(v) for v in outputs.argmax(1).tolist()],
                    confidences=[float(v) for v in outputs.max(1).values.tolist()])

    def finish(self, test_loss=None, test_accuracy=None):
        """The end of training, with the test figures when there are any."""
        if self._file is None:
            return
        rate = self._samples_seen / self._trained if self._trained > 0 else 0.0
        result = {"epochs": self._epoch, "seconds": time.time() - self._started, "train_samples_per_second": rate,
                  "run_dir": self.directory,
                  "test_loss": _number(_scalar(test_loss)) if test_loss is not None else "nan"}
        if test_accuracy is not None:
            result["test_accuracy"] = _number(_scalar(test_accuracy))
            self._summary["test_accuracy"] = result["test_accuracy"]
        if test_loss is not None:
            self._summary["test_loss"] = result["test_loss"]
        self._write("result", **result)
        self._write("state", state="finished")
        self._close("finished")

    def fail(self, message):
        """The run stopped on an error: ``message`` says what went wrong."""
        if self._file is None:
            return
        self._write("error", message=str(message))
        self._write("state", state="failed")
        self._close("failed")

    def _close(self, status):
        for handle in self._forward_hooks:
            handle.remove()
        self._forward_hooks = []
        self._summary["status"] = status
        self._summary["ended"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self._write_summary()
        self._file.close()
        self._file = None
