"""Profiles: one notebook, three speeds.

The environment variable ``COURSE_PROFILE`` picks how much data and how many epochs
every notebook uses:

- ``workshop`` (default): every training cell finishes in one or two minutes on a
  2-core laptop CPU.
- ``full``: the whole data set and longer training, for self-study.
- ``smoke``: tiny subsets and one short epoch, for the test suite.

Notebooks read sizes and epochs from :func:`get_profile`, never from test-only code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

PROFILE_ENV = "COURSE_PROFILE"
DEFAULT_PROFILE = "workshop"


@dataclass(frozen=True)
class Profile:
    """Sizes and training budgets for one speed of the course.

    Attributes:
        name: ``"workshop"``, ``"full"`` or ``"smoke"``.
        train_size: training images (carved from CIFAR-10's 50,000 training images).
        val_size: validation images (also carved from the training images).
        test_size: test images (from CIFAR-10's separate 10,000 test images).
        batch_size: default mini-batch size.
        epochs: epochs for each named training run, see :meth:`epochs_for`.
        cnn_train_size: training images for the convolutional networks of notebooks 05
            and 06, which learn more from more images and are worth the longer epochs.
        targets: the validation accuracy each hands-on exercise asks for, by name, see
            :meth:`target_for`.
    """

    name: str
    train_size: int
    val_size: int
    test_size: int
    batch_size: int = 64
    epochs: dict = field(default_factory=dict)
    cnn_train_size: int | None = None
    targets: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.cnn_train_size is None:
            object.__setattr__(self, "cnn_train_size", self.train_size)

    def epochs_for(self, run: str) -> int:
        """Number of epochs for the training run called ``run`` (for example ``"dense"``)."""
        try:
            return self.epochs[run]
        except KeyError:
            known = ", ".join(sorted(self.epochs))
            raise KeyError(f"No epoch budget named {run!r}; known runs: {known}") from None

    def target_for(self, exercise: str) -> float:
        """The validation accuracy the hands-on exercise ``exercise`` asks for."""
        try:
            return self.targets[exercise]
        except KeyError:
            known = ", ".join(sorted(self.targets))
            raise KeyError(f"No target named {exercise!r}; known: {known}") from None

    def __str__(self) -> str:
        return (
            f"{self.name} (train {self.train_size:,}, val {self.val_size:,}, "
            f"test {self.test_size:,} images)"
        )


# Epoch budgets per named training run. Each notebook names its runs here so that the
# budgets of a profile can be read (and tuned) in one place.
_WORKSHOP_EPOCHS = {
    "softmax": 5,  # 02: Flatten + Dense(10)
    "dense": 8,  # 03: hidden layers
    "optimizers": 5,  # 03: each optimiser of the comparison, and each learning rate
    "callbacks": 12,  # 03: upper bound; EarlyStopping usually stops sooner
    "curves": 10,  # 04: underfitting on purpose: the classification layer alone
    "visualise": 8,  # 04: the dense model whose predictions are examined
    "memorise": 30,  # 04: overfitting on purpose: the big model on a tenth of the images
    "cnn": 4,  # 05: the CNN, 45,000 images, batch 128, cosine schedule (~18 s/epoch, ~70%)
    "binary": 10,  # 05: the two-class folder task (~9,000 images: a few s per epoch)
    "overfit": 10,  # 06: big model, small data (>= "regularise": it is their baseline)
    "regularise": 10,  # 06: each regularisation variant (= "overfit": the same budget)
    "best": 4,  # 06: the best model, 45,000 images, batch 128 (4 keep its cell within 2 min)
    "recipe": 8,  # 08: the recipe, 45,000 images, batches of 512 (12-18 s/epoch in bfloat16)
    "exercise_first": 5,  # 02 exercise: your own softmax classifier (~2 s/epoch)
    "exercise_underfit": 3,  # 04 exercise: a run that underfits (a small model, few epochs)
    "exercise_overfit": 20,  # 04 exercise: a run that overfits (a big model, 1,000 images)
    "exercise_checkpoint": 20,  # 06 exercise: a small CNN on 600 images overfits; keep the best
    "capstone": 10,  # 07: the homework network on the two-class folders
    "capstone_augmented": 10,  # 07: the same network, 10 more epochs with augmentation
    "pretrain": 3,  # 07: a CNN on the other eight classes (the base to transfer)
    "head": 5,  # 07: a new head on the frozen base
    "finetune": 3,  # 07: the top block unfrozen, at a small learning rate
    "transfer_runs": 7,  # 07: each run of the transfer measurement (100 to 1,000 images)
}

# The smoke profile trains one epoch, except where an exercise needs more to show its point.
_SMOKE_EPOCHS = {run: 1 for run in _WORKSHOP_EPOCHS} | {
    "exercise_first": 5,  # 02 and 05: one epoch of these few CIFAR-10 images stays at guessing
    "binary": 10,
    "exercise_overfit": 20,  # a big model on 30 images: a few seconds
    "exercise_checkpoint": 20,  # 37 images: it overfits within seconds, so the best comes early
    "capstone": 5,  # 07's questions need epochs whose median, spread and last 5 differ
    "capstone_augmented": 6,
}

# Validation accuracy each hands-on exercise asks for. first_network, measured in the
# workshop profile (5 epochs, seeds 1-4 and 42): plain SGD at 0.01 ends at 31-33%, Adam at
# 0.001 at 33-38%, at 0.0003 at 35-36%, at 0.0001 at 35%.
# two_classes (05), the binary network of section 6 on two classes other than cat and dog,
# 10 epochs: on 20,000 training images (2 seeds each) automobile/truck 78-79%, airplane/ship
# 80-82%, bird/deer 72-74%; on the notebook's 45,000 (review run) automobile/truck 84%,
# deer/horse 84-85%, cat/bird 82%, and cat/dog, the notebook's own pair, 70-73%.
_TARGETS = {"first_network": 0.34, "two_classes": 0.70}

# Runs whose full budget is not simply three times the workshop's.
_FULL_EPOCHS = {
    "cnn": 8,  # 05: two Conv2D per block, ~75 s/epoch (~77%); longer only overfits
    "best": 15,  # 06: the workshop's best model, almost four times as long
    "recipe": 32,  # 08: the workshop's recipe with twice the widths (~28 s/epoch in bfloat16)
    "exercise_first": 5,  # 02 exercise: the same budget as in a workshop
    "exercise_underfit": 3,
    "exercise_overfit": 20,
    "exercise_checkpoint": 20,
    "capstone": 10,  # 07: a homework's budgets, as in a workshop
    "pretrain": 5,  # 07: 36,000 images of the other classes (~30 s an epoch)
    "head": 5,
    "finetune": 3,
    "capstone_augmented": 10,
    "transfer_runs": 10,
}

PROFILES = {
    "smoke": Profile(
        name="smoke",
        train_size=600,
        val_size=200,
        test_size=200,
        batch_size=64,
        epochs=_SMOKE_EPOCHS,
        # tiny data, few epochs: above guessing (10% and 50%)
        targets={"first_network": 0.15, "two_classes": 0.6},
    ),
    "workshop": Profile(
        name="workshop",
        train_size=20_000,
        val_size=5_000,
        test_size=10_000,
        batch_size=64,
        epochs=dict(_WORKSHOP_EPOCHS),
        cnn_train_size=45_000,
        targets=dict(_TARGETS),
    ),
    "full": Profile(
        name="full",
        train_size=45_000,
        val_size=5_000,
        test_size=10_000,
        batch_size=64,
        epochs={run: max(3 * n, 10) for run, n in _WORKSHOP_EPOCHS.items()} | _FULL_EPOCHS,
        targets=dict(_TARGETS),
    ),
}


def get_profile(name: str | None = None) -> Profile:
    """Return the active :class:`Profile`.

    Args:
        name: a profile name; by default the value of ``COURSE_PROFILE``, or
            ``"workshop"`` when it is not set.
    """
    chosen = (name or os.environ.get(PROFILE_ENV) or DEFAULT_PROFILE).strip().lower()
    if chosen not in PROFILES:
        known = ", ".join(PROFILES)
        raise ValueError(f"Unknown course profile {chosen!r}: choose one of {known}.")
    return PROFILES[chosen]
