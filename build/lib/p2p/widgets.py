"""The interactive widgets of the notebooks, one per notebook that has one.

Each widget is a few controls (ipywidgets) wired to a matplotlib figure that is redrawn
whenever a control moves; :func:`live_figure` does that wiring for all of them. The
figures themselves are drawn by :mod:`p2p.plots` from the numbers that
:mod:`p2p.lessons`, :mod:`p2p.optimizers`, :mod:`p2p.metrics`, :mod:`p2p.convolution`
and :mod:`p2p.augmentation` compute.

================================  ==========  =========================================
widget                            notebook    what it shows
================================  ==========  =========================================
:func:`neuron_playground`         01          one neuron's output over the input plane
:func:`optimizer_walk`            03          optimisers walking down a 2-D loss surface
:func:`image_browser`             04          test images with predicted probabilities
:func:`kernel_explorer`           05          a 3x3 kernel slid over a real photo
:func:`augmentation_explorer`     06          random augmentations of real images
================================  ==========  =========================================
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from . import lessons, plots, static
from .augmentation import build_augmenter
from .convolution import KERNELS, fast_convolve, sample_photo, to_grey
from .metrics import as_labels, mistakes
from .optimizers import OPTIMIZERS, SURFACES

__all__ = [
    "augmentation_explorer",
    "image_browser",
    "kernel_explorer",
    "neuron_playground",
    "optimizer_walk",
]


class LiveFigure:
    """Controls wired to a figure: ``draw(**values)`` runs at once and after every change.

    Args:
        draw: a function that draws and shows one figure from the controls' values.
        controls: name -> ipywidgets control; ``draw`` receives each control's value
            under its name.
        arrangement: how the controls are laid out (a box of them); by default a column.
    """

    def __init__(self, draw, controls: dict, arrangement=None):
        import ipywidgets as widgets

        self.draw = draw
        self.controls = controls
        self._paused = False
        if static.active():  # the website: a picture of the first state and one line
            self.output, self.widget = None, static.LiveNote()
            self.redraw()
            return
        self.output = widgets.Output()
        for control in controls.values():
            control.observe(self.redraw, names="value")
        arrangement = arrangement or widgets.VBox(list(controls.values()))
        self.widget = widgets.VBox([arrangement, self.output])
        self.redraw()

    def redraw(self, change=None) -> None:
        """Draw the figure again from the controls' current values."""
        if self._paused:
            return
        if self.output is None:
            self.draw(**{name: control.value for name, control in self.controls.items()})
            return
        with self.output:
            self.output.clear_output(wait=True)
            self.draw(**{name: control.value for name, control in self.controls.items()})

    @contextmanager
    def paused(self):
        """Change several controls at once and redraw once, at the end."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False
        self.redraw()


def live_figure(draw, controls: dict, arrangement=None):
    """The widget of a :class:`LiveFigure`: controls above, the figure below."""
    return LiveFigure(draw, controls, arrangement).widget


# ----------------------------------------------------------------------------- notebook 01


def neuron_playground(points=None, labels=None, activations=None):
    """A neuron with two inputs: sliders for the weights and bias, a choice of activation.

    The plot shows the neuron's output over the input plane; the white line is its
    decision boundary (output 0.5 for sigmoid and step, 0 for tanh and ReLU). By
    default it shows the four points of the logical AND problem, with weights that
    solve it (w1 = w2 = 1, b = -1.5: only x1 + x2 = 2 gets over the threshold).

    Args:
        points, labels: 2-D input points and their 0/1 classes to draw.
        activations: a dict of name -> function (your own, if you wrote them);
            by default the lesson's own (notebook 01), kept in :mod:`p2p.lessons`.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    activations = activations or lessons.activations
    if points is None:
        points, labels = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
    elif labels is None:
        raise ValueError("give the labels of the points too: labels=[0, 1, ...]")
    points, labels = np.asarray(points, dtype=float), np.asarray(labels)
    w1 = widgets.FloatSlider(value=1.0, min=-5, max=5, step=0.1, description="weight w1")
    w2 = widgets.FloatSlider(value=1.0, min=-5, max=5, step=0.1, description="weight w2")
    b = widgets.FloatSlider(value=-1.5, min=-5, max=5, step=0.1, description="bias b")
    first = "sigmoid" if "sigmoid" in activations else next(iter(activations))
    activation = widgets.Dropdown(options=list(activations), value=first, description="activation")

    def draw(w1, w2, b, activation):
        plots.plot_neuron((w1, w2), b, activations[activation], activation, points, labels)

    controls = {"w1": w1, "w2": w2, "b": b, "activation": activation}
    return live_figure(draw, controls)


# ----------------------------------------------------------------------------- notebook 03


def optimizer_walk(
    surface: str = "ravine", optimizer: str = "SGD", learning_rate: float = 0.1, steps: int = 50
):
    """An interactive walk down a 2-D loss surface.

    Choose the surface, the optimiser (or all four at once), the learning rate (a
    logarithmic slider, from 0.001 to 10) and the number of steps; the path and the loss
    per step are redrawn at once.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    surface_box = widgets.Dropdown(options=list(SURFACES), value=surface, description="surface")
    optimizer_box = widgets.Dropdown(
        options=[*OPTIMIZERS, "all four"], value=optimizer, description="optimiser"
    )
    rate = widgets.FloatLogSlider(
        value=learning_rate,
        base=10,
        min=-3,
        max=1,
        step=0.1,
        description="learning rate",
        readout_format=".3g",
        style={"description_width": "initial"},
    )
    step_slider = widgets.IntSlider(value=steps, min=5, max=300, step=5, description="steps")
    grids = {name: plots.surface_grid(s) for name, s in SURFACES.items()}  # plumbing: draw fast

    def draw(surface, optimizer, learning_rate, steps):
        chosen = OPTIMIZERS if optimizer == "all four" else (optimizer,)
        plots.plot_walk(surface, chosen, learning_rate, steps, grid=grids[surface])

    controls = {
        "surface": surface_box,
        "optimizer": optimizer_box,
        "learning_rate": rate,
        "steps": step_slider,
    }
    arrangement = widgets.HBox(
        [widgets.VBox([surface_box, optimizer_box]), widgets.VBox([rate, step_slider])]
    )
    return live_figure(draw, controls, arrangement)


# ----------------------------------------------------------------------------- notebook 04


def image_browser(images, y_true, probabilities, class_names):
    """Browse test images with their predicted probabilities as bars.

    A slider picks the image; a drop-down chooses between all images, only the
    mistakes, or the mistakes with the most confident first.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    y_true = as_labels(y_true)
    probabilities = np.asarray(probabilities)
    choices = {
        "all images": np.arange(len(y_true)),
        "mistakes only": mistakes(y_true, probabilities),
        "most confident mistakes first": mistakes(y_true, probabilities, True),
    }
    show = widgets.Dropdown(options=list(choices), value="all images", description="show")
    position = widgets.IntSlider(
        value=0, min=0, max=max(len(y_true) - 1, 0), description="image", continuous_update=False
    )

    def draw(position):
        chosen = choices[show.value]
        if len(chosen) == 0:
            print("No images to show here: the model made no mistakes.")
            return
        index = int(chosen[min(position, len(chosen) - 1)])
        plots.plot_prediction(
            images[index],
            probabilities[index],
            class_names,
            y_true[index],
        )
        print(f"test image {index} ({position + 1} of {len(chosen)} in '{show.value}')")

    live = LiveFigure(draw, {"position": position}, widgets.HBox([show, position]))

    def restrict(change):  # a new choice: back to its first image, one redraw
        with live.paused():
            position.max = max(len(choices[change["new"]]) - 1, 0)
            position.value = 0

    show.observe(restrict, names="value")
    return live.widget


# ----------------------------------------------------------------------------- notebook 05


def kernel_explorer(image=None, kernels: dict | None = None):
    """An interactive kernel explorer: pick or edit a 3x3 kernel, see the feature map.

    A drop-down picks one of the classic kernels and fills in the nine boxes; edit any
    box to make your own kernel. The figure shows the photo, the kernel and the
    feature map (the kernel slid over the photo, "valid" padding), redrawn at once.

    Args:
        image: a real image (grey or colour); by default :func:`p2p.convolution.sample_photo`.
        kernels: name -> 3x3 kernel for the drop-down; by default :data:`p2p.convolution.KERNELS`.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    image = to_grey(sample_photo() if image is None else image)
    kernels = kernels or KERNELS
    choice = widgets.Dropdown(options=list(kernels), value="vertical edges", description="kernel")
    boxes = [
        widgets.FloatText(value=0.0, step=0.5, layout=widgets.Layout(width="70px"))
        for _ in range(9)
    ]
    relu = widgets.Checkbox(value=False, description="apply ReLU (keep positives)")
    controls = {f"k{i}": box for i, box in enumerate(boxes)} | {"relu": relu}

    def draw(relu, **entries):
        kernel = np.array([entries[f"k{i}"] for i in range(9)], dtype=np.float32).reshape(3, 3)
        fmap = fast_convolve(image, kernel)
        if relu:
            fmap = np.maximum(fmap, 0.0)
        plots.show_kernel_map(image, kernel, fmap)

    grid = widgets.GridBox(boxes, layout=widgets.Layout(grid_template_columns="repeat(3, 76px)"))

    def fill_boxes():
        values = np.asarray(kernels[choice.value], float).ravel()
        for box, value in zip(boxes, values, strict=True):
            box.value = round(float(value), 3)

    fill_boxes()  # before the first drawing, so that it shows the chosen kernel
    live = LiveFigure(draw, controls, widgets.HBox([widgets.VBox([choice, relu]), grid]))

    def fill(change):
        with live.paused():
            fill_boxes()

    choice.observe(fill, names="value")
    return live.widget


# ----------------------------------------------------------------------------- notebook 06


def augmentation_explorer(images, versions: int = 5):
    """Sliders for the strength of each augmentation; the grid of augmented images redraws.

    Args:
        images: two to four real images ``(n, height, width, channels)``.
        versions: augmented copies per image.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    images = np.asarray(images)[:4]
    value_range = (0, 255) if images.dtype == np.uint8 else (0, 1)  # for RandomContrast
    style = {"description_width": "90px"}
    controls = {
        "flip": widgets.Dropdown(
            options=["none", "horizontal", "vertical", "horizontal_and_vertical"],
            value="horizontal",
            description="flip",
            style=style,
        ),
        "translation": widgets.FloatSlider(
            value=0.1, min=0, max=0.5, step=0.05, description="translation", style=style
        ),
        "rotation": widgets.FloatSlider(
            value=0.05, min=0, max=0.5, step=0.025, description="rotation", style=style
        ),
        "zoom": widgets.FloatSlider(
            value=0.1, min=0, max=0.5, step=0.05, description="zoom", style=style
        ),
        "contrast": widgets.FloatSlider(
            value=0.2, min=0, max=0.9, step=0.1, description="contrast", style=style
        ),
    }

    def draw(flip, translation, rotation, zoom, contrast):
        augment = build_augmenter(
            flip, translation, rotation, zoom, contrast, value_range=value_range
        )
        turn = f"±{rotation * 360:.0f}°"
        plots.show_augmented(
            images,
            augment,
            versions,
            title=f"flip {flip}, shift ±{translation:.0%}, rotate {turn}, "
            f"zoom ±{zoom:.0%}, contrast ±{contrast:.0%}",
        )

    return live_figure(draw, controls)
