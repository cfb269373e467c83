"""Ablation of notebook 08's recipe: what each ingredient adds, one at a time.

Trains the recipe of notebook 08's section 1 once per row of :data:`LADDER`, in a profile
(``workshop`` by default), on the profile's CNN training images for the best model's
number of epochs: the first row is notebook 05's CNN with notebook 05's recipe, each
later row adds one ingredient to the row above; the rows marked ``kept=False`` were
tried on top of the finished recipe and left out. Every row is scored on the
**validation** set (choosing ingredients is model selection: the test set is not
touched). The model and its compile step are the notebook's own code
(``p2p.lessons.build_best_model`` and ``compile_best``, copied from its ``save-to-p2p``
cell), so the table measures what the learner trains. Every row but the first computes in
bfloat16 (mixed precision), as the notebook does on a CPU with bfloat16 instructions.

Writes ``helpers/p2p/results/ablation-<profile>.json`` (shipped with the package, so
that the notebook reads it on Colab too: ``p2p.measured.ablation()``) and rewrites
``benchmarks/RESULTS.md``. A benchmark, not a test: about 25 minutes on 2 cores.

Usage::

    python benchmarks/ablation.py [PROFILE]
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ADAM = {"optimizer": "adam", "label_smoothing": 0.0}  # notebook 05's Adam, no smoothing
RECIPE = {"shift": 2, "whitened": True}  # the model switches of the finished recipe

LADDER = [
    # (row, model switches, compile switches, batch size, test-time augmentation, kept):
    # model switches are build_best_model's, but for "precision" (float32 or, by default,
    # mixed_bfloat16) and "whitened" (whitening=whitening_filters(x_train[:2000]));
    # test-time augmentation None (the images alone), "flip" or "shift" (flip and shift)
    (
        "notebook 05's CNN with Dense(256) (Adam, batches of 128)",
        {"batch_norm": False, "flip": False, "precision": "float32"},
        ADAM,
        128,
        None,
        True,
    ),
    (
        "+ bfloat16 arithmetic (mixed precision)",
        {"batch_norm": False, "flip": False},
        ADAM,
        128,
        None,
        True,
    ),
    (
        "+ BatchNormalization after each pooling (momentum 0.9)",
        {"flip": False},
        ADAM,
        128,
        None,
        True,
    ),
    ("+ left-right flip", {}, ADAM, 128, None, True),
    ("+ shift by up to 2 pixels", {"shift": 2}, ADAM, 128, None, True),
    ("+ label smoothing 0.1", {"shift": 2}, {"optimizer": "adam"}, 128, None, True),
    (
        "+ SGD with Nesterov momentum and weight decay, batches of 512",
        {"shift": 2},
        {},
        512,
        None,
        True,
    ),
    ("+ whitened first layer (computed from the images, not trained)", RECIPE, {}, 512, None, True),
    ("+ predictions on mirror images too (test-time augmentation)", RECIPE, {}, 512, "flip", True),
    ("+ predictions on copies shifted by a pixel too", RECIPE, {}, 512, "shift", True),
    ("+ moving average of the weights (use_ema=True)", RECIPE, {"ema": True}, 512, "shift", False),
    ("+ Dropout 0.2", RECIPE | {"dropout": 0.2}, {}, 512, "shift", False),
    ("+ GELU in place of ReLU", RECIPE | {"activation": "gelu"}, {}, 512, "shift", False),
]


def main() -> int:
    profile_name = sys.argv[1] if len(sys.argv) > 1 else "workshop"
    import p2p

    profile = p2p.setup(profile=profile_name)
    import keras
    import numpy as np
    import tensorflow as tf
    from run import cpu_model, write_results

    from p2p.lessons import build_best_model, compile_best, predict_augmented, whitening_filters

    data = p2p.load_data(train_size=profile.cnn_train_size)
    (x_train, y_train), (x_val, y_val) = data.train, data.val
    if data.name != "cifar10":
        raise SystemExit(f"the ablation is measured on CIFAR-10, not {data.name}")
    classes = len(data.class_names)
    y_onehot = keras.utils.to_categorical(y_train, classes)
    y_val_onehot = keras.utils.to_categorical(y_val, classes)
    epochs = profile.epochs_for("recipe")
    rows, trained = [], None
    for name, model_switches, compile_switches, batch_size, augmented, kept in LADDER:
        key = json.dumps([model_switches, compile_switches, batch_size])
        if trained is None or trained[0] != key:  # the TTA row reuses the model above it
            keras.backend.clear_session()
            keras.utils.set_random_seed(42)
            switches = dict(model_switches)
            keras.mixed_precision.set_global_policy(switches.pop("precision", "mixed_bfloat16"))
            if switches.pop("whitened", False):
                switches["whitening"] = whitening_filters(x_train[:2000])
            model = build_best_model(x_train.shape[1:], classes, **switches)
            batches = p2p.feeding.ArrayBatches(x_train, y_onehot, batch_size=batch_size)
            compile_best(model, steps=epochs * len(batches), **compile_switches)
            start = time.perf_counter()
            model.fit(batches, epochs=epochs, validation_data=(x_val, y_val_onehot), verbose=0)
            trained = (key, model, time.perf_counter() - start)
        _, model, fit_s = trained
        if augmented is None:
            probabilities = model.predict(x_val, verbose=0)
        else:
            probabilities = predict_augmented(model, x_val, shifted=augmented == "shift")
        accuracy = float(np.mean(probabilities.argmax(axis=1) == y_val))
        rows.append(
            {
                "ingredient": name,
                "val_accuracy": round(accuracy, 4),
                "fit_s": round(fit_s, 1),
                "kept": kept,
            }
        )
        print(f"{accuracy:6.1%} {fit_s:6.1f} s  {name}", flush=True)
    result = {
        "profile": profile.name,
        "date": date.today().isoformat(),
        "cpus": os.cpu_count(),
        "cpu": cpu_model(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "epochs": epochs,
        "train_images": len(x_train),
        "val_images": len(x_val),
        "rows": rows,
    }
    path = Path(p2p.__file__).parent / "results" / f"ablation-{profile.name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {path}")
    write_results()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
