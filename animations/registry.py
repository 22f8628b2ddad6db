"""Every animation of the book: what it is called, what it shows, and where it goes.

Adding a scene is one module in ``animations/scenes/`` (a Manim ``Scene``
subclass named ``Animation`` that computes its numbers with ``nnfs_lib``) and
one entry here. The Sphinx directive ``nnfs-video`` (``nnfs_build/video.py``)
takes the caption and the description from this table; a page embeds a scene
with::

    ```{nnfs-video} neuron
    ```

``description`` is the text for readers who cannot watch. Its ``{placeholders}``
are filled with the numbers the scene recorded while it was rendered (its
``facts``, stored in ``book/videos/manifest.json``), so the text quotes the same
numbers as the video, and both come from ``nnfs_lib``.

This module imports nothing but the standard library: the book build reads it
on machines without Manim.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SceneEntry:
    name: str
    """Identifier used by the directive, the file names and the manifest."""
    title: str
    """Short title (the video's accessible name)."""
    caption: str
    """One sentence under the video."""
    description: str
    """What happens, step by step, for readers who cannot watch (``{fact}`` placeholders)."""
    page: str
    """The page that embeds the scene, relative to the repository root."""
    poster_time: float = 1.0
    """Where the poster frame is taken, as a fraction of the video (1.0 = last frame)."""

    @property
    def module(self) -> str:
        """The scene's module; its Manim scene class is called ``Animation``."""
        return f"animations.scenes.{self.name}"


SCENES: dict[str, SceneEntry] = {
    entry.name: entry
    for entry in [
        SceneEntry(
            name="neuron",
            title="A single neuron firing",
            caption=(
                "One sigmoid neuron with three inputs, shown on two examples: each input is multiplied by its weight, "
                "the products and the bias are summed to z, and σ(z) is the output."
            ),
            description=(
                "Three input nodes x₁, x₂, x₃ are joined to one neuron by edges labelled with "
                "the weights w = ({w}) and the bias b = {b}. For the first input "
                "x = ({x0}) a pulse runs along each edge and the products xᵢwᵢ = ({p0}) "
                "appear; the neuron adds them and the bias to z = {z0}. On the sigmoid curve "
                "at the right, a dot moves to z = {z0} and reads off a = σ(z) = {a0}: the "
                "neuron glows faintly. The inputs then change to x = ({x1}); the products "
                "become ({p1}), z = {z1}, and the dot climbs the curve to a = {a1}: the "
                "neuron glows brightly, it fires."
            ),
            page="book/part1/neuron.md",
        ),
        SceneEntry(
            name="gradient_descent",
            title="Gradient descent on a loss surface",
            caption=(
                "Gradient descent on the cross-entropy cost of a sigmoid neuron, first with one "
                "weight (a curve), then with two (a surface seen from above); each step moves "
                "by −η times the gradient."
            ),
            description=(
                "Left: the cost J(w) of a one-weight sigmoid neuron on {n} seeded points, a "
                "valley with its lowest point near w = {w_best}. A ball starts at w = {w_start} "
                "(J = {J_start}). At each step an arrow shows the step −η ∂J/∂w with η = {lr}; "
                "the steps are long where the curve is steep and shrink near the bottom. After "
                "{steps} steps w = {w_end} and J = {J_end}. Right: the cost J(w₁, w₂) of the "
                "two-weight neuron as a heat map (dark is low). From ({w2_start}) the same rule "
                "traces a path that bends down the valley to ({w2_end}), where J = {J2_end}."
            ),
            page="book/part1/training.md",
        ),
        SceneEntry(
            name="mlp_forward",
            title="A batch flowing forward through a network",
            caption=(
                "The forward pass of a 3-4-2 network as matrix products: a batch of four "
                "examples (rows) goes through Dense, ReLU and Dense, with every shape shown."
            ),
            description=(
                "A batch X of shape ({n}, 3), one example per row, sits at the left. It is "
                "multiplied by the first layer's weights W¹ of shape (3, 4) and the bias b¹ is "
                "added: the result Z¹ has shape ({n}, 4); the first row of X and the first "
                "row of Z¹ are highlighted together, because each example stays in its own "
                "row. ReLU then sets the {zeros} negative entries of Z¹ to zero, giving A¹. "
                "Finally A¹ times W² of shape (4, 2) plus b² gives the output Ŷ of shape "
                "({n}, 2), two numbers per example; its first row is ({y0})."
            ),
            page="book/part2/matrix_form.md",
        ),
        SceneEntry(
            name="backprop",
            title="Gradients flowing backward through a network",
            caption=(
                "The backward pass through the same 3-4-2 network: at each layer the upstream "
                "gradient is multiplied by the layer's local derivative and passed on."
            ),
            description=(
                "The network is drawn as a chain: X, Dense¹, ReLU, Dense², and the mean "
                "squared error J. Red arrows run from right to left. First the loss gives "
                "∂J/∂Ŷ of shape ({n}, 2). At Dense² it yields W²'s gradient A¹ᵀ ∂J/∂Ŷ "
                "(4, 2) and passes ∂J/∂A¹ = ∂J/∂Ŷ W²ᵀ ({n}, 4) back. At ReLU the upstream "
                "gradient is multiplied elementwise by the mask [Z¹ > 0], which zeroes "
                "{zeros} of its {size} entries. At Dense¹ it gives W¹'s gradient Xᵀ ∂J/∂Z¹ "
                "(3, 4), whose largest entry is {gW1_max}. Every matrix shown is the one "
                "nnfs_lib's layers computed."
            ),
            page="book/part2/backprop_layers.md",
        ),
        SceneEntry(
            name="vanishing_gradients",
            title="Vanishing gradients: sigmoid against ReLU",
            caption=(
                "The size of each layer's weight gradient in a deep network of sigmoid layers "
                "and of ReLU layers, on a logarithmic scale: with sigmoid it shrinks layer "
                "after layer on the way back."
            ),
            description=(
                "Two bar charts share a logarithmic vertical axis. Each bar is the norm of one "
                "Dense layer's weight gradient, ‖∂J/∂W^[l]‖, in a network of {depth} layers "
                "of width {width}, after one backward pass on the same batch. The bars appear "
                "from the output layer back to the first, as the gradient flows. Left, the "
                "sigmoid network: the bars fall from {sig_last} at the last layer to {sig_first} "
                "at the first, a factor of about {sig_ratio}. Right, the ReLU network: they "
                "stay between {relu_min} and {relu_max}."
            ),
            page="book/part2/vanishing.md",
        ),
        SceneEntry(
            name="optimizers_race",
            title="Four optimizers racing on an ill-conditioned bowl",
            caption=(
                "SGD, momentum, RMSProp and Adam start from the same point on the same "
                "elongated bowl and take the same number of steps; each path grows step by step "
                "and each optimizer's current cost is shown."
            ),
            description=(
                "A contour map of f(x, y) = ½(x² + {kappa}y²) fills the left of the frame: a "
                "long, narrow valley, dark at its minimum (a star at the origin) and lighter "
                "where the cost is high. All four optimizers start at the dot ({start}), where "
                "f = {f_start}, and take {steps} steps with the learning rates of the page's "
                "figure. A legend at the right gives each one's colour and settings and its "
                "current cost, updated at every step. Gradient descent (SGD, red) bounces "
                "across the narrow axis while it creeps along the long one; momentum (blue) "
                "swings across the narrow axis in damped waves and barely overshoots the "
                "minimum; RMSProp (green) and Adam (purple) first move diagonally, because "
                "every coordinate's first steps have the same size; RMSProp then slides along "
                "the valley floor, while Adam sweeps past the minimum in a wide arc and curls "
                "back. After {steps} steps the costs are: SGD {f_sgd} at ({xy_sgd}), "
                "momentum {f_momentum} at ({xy_momentum}), RMSProp {f_rmsprop} at "
                "({xy_rmsprop}), and Adam {f_adam} at ({xy_adam}); the lowest is {best}'s. "
                "Adam's steps do not shrink by themselves, so it hovers around the minimum."
            ),
            page="book/part3/optimizers.md",
        ),
        SceneEntry(
            name="batchnorm",
            title="Batch normalization re-centres and re-scales a skewed feature",
            caption=(
                "The histogram of one feature over a batch, through the steps of batch "
                "normalization: subtract the batch mean, divide by the batch standard deviation, "
                "then scale by γ and shift by β."
            ),
            description=(
                "A histogram shows one feature over a batch of {n} examples: skewed values from "
                "{range0}, a tall peak at the left and a long tail to the right. A dashed line marks the mean and an arrow spans mean ± one standard "
                "deviation; the numbers read mean = {mean0}, std = {std0}. Step 2 subtracts the "
                "batch mean μ = {mu} computed by the layer: the bars slide left unchanged, so "
                "the mean sits on zero (mean = {mean1}, std = {std1}). Step 3 divides by "
                "√(σ² + ε) = {sigma}: the bars are squeezed towards zero (mean = {mean2}, "
                "std = {std2}); the shape, and so the skew, stays. Step 4 applies the learned "
                "scale γ = {gamma} and shift β = {beta}, here set by hand: the bars narrow again "
                "and move to the right (mean = {mean3}, std = {std3}). Every bar keeps the same "
                "examples throughout, and a faint copy of the original histogram stays behind "
                "for comparison."
            ),
            page="book/part3/batchnorm.md",
        ),
        SceneEntry(
            name="residual_gradients",
            title="Gradients through 32 plain layers and through 32 residual blocks",
            caption=(
                "The size of the gradient reaching each depth of a 32-layer ReLU network, "
                "without and with residual connections, on a logarithmic scale: without them it "
                "fades layer after layer on the way back; with them it stays within one order "
                "of magnitude."
            ),
            description=(
                "Two bar charts share a logarithmic vertical axis. Each bar is the norm of the "
                "gradient of the cost with respect to one hidden layer's output, ‖∂J/∂A^[l]‖, "
                "for depths l = 1 to {depth} (width {width}), after one backward pass on the "
                "same batch of spiral data. The bars appear from the output side back to the "
                "input side, as the gradient flows. Left, the plain network of Dense and ReLU "
                "layers: the bars fall from {plain_last} at depth {depth} to {plain_first} at "
                "depth 1, a factor of about {plain_ratio}. Right, the network of residual "
                "blocks, each adding Dense(ReLU(LayerNorm(A))) to its input A: the bars go from "
                "{res_last} at depth {depth} to {res_first} at depth 1, and every one lies "
                "between {res_min} and {res_max}."
            ),
            page="book/part3/very_deep.md",
        ),
    ]
}
