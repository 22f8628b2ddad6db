"""The book's figures: the only part of nnfs_lib that imports matplotlib.

Pages import every name from here: ``from nnfs_lib.plotting import plot_history``.
One module per kind of figure (boundary, curves, functions, graph, losses,
networks, optimizers, evaluation, training, player).

Conventions shared by every function, so their docstrings need not repeat them:
a function that takes ``ax`` draws on that matplotlib ``Axes`` and returns it;
one that takes no ``ax`` returns a new ``Figure`` (or, for an animation, HTML).
``X`` of shape (n, 2) holds points in the plane and ``y`` their integer class
labels, class ``k`` drawn in ``CLASS_COLOURS[k]`` with marker ``CLASS_MARKERS[k]``
(:func:`scatter_classes`). Curves get a line style as well as a colour
(``CURVE_LINESTYLES``, :func:`plot_curves`), so figures read in black and white.
Arguments are checked on entry, with errors naming the argument.
"""

from nnfs_lib.plotting.autodiff import GRAPH_COLOURS, MAX_NODES, graph_layout, plot_value_graph
from nnfs_lib.plotting.boundary import (
    CLASS_COLOURS,
    CLASS_MARKERS,
    as_plane_points,
    grid_over,
    plot_decision_boundary,
    scatter_classes,
)
from nnfs_lib.plotting.curves import (
    CURVE_LINESTYLES,
    HISTORY_X,
    HistoryLike,
    plot_curves,
    plot_history,
)
from nnfs_lib.plotting.evaluation import plot_confusion_matrix, plot_misclassified
from nnfs_lib.plotting.functions import (
    ACTIVATION_TEX,
    DERIVATIVE_COLOUR,
    FUNCTION_COLOUR,
    plot_activation_gallery,
    plot_function_and_derivative,
    plot_neuron_hyperplane,
    plot_neuron_output,
    plot_step_vs_sigmoid,
)
from nnfs_lib.plotting.glue import SITE_BUILD, glue_figure
from nnfs_lib.plotting.graph import plot_neuron_graph
from nnfs_lib.plotting.interactive import plot_interactive_frame
from nnfs_lib.plotting.losses import per_example_losses, plot_loss_and_gradient
from nnfs_lib.plotting.networks import (
    UNIT_COLOURS,
    plot_activation_histograms,
    plot_computational_graph,
    plot_function_fits,
    plot_gradient_norms,
    plot_hidden_hyperplanes,
)
from nnfs_lib.plotting.optimizers import (
    OPTIMIZER_COLOURS,
    animate_trajectories,
    plot_contours,
    plot_trajectories,
)
from nnfs_lib.plotting.player import offline_player
from nnfs_lib.plotting.training import (
    animate_decision_boundary,
    plot_learning_rate_comparison,
    plot_separating_attempts,
)

__all__ = [
    "ACTIVATION_TEX",
    "CLASS_COLOURS",
    "CLASS_MARKERS",
    "CURVE_LINESTYLES",
    "DERIVATIVE_COLOUR",
    "FUNCTION_COLOUR",
    "GRAPH_COLOURS",
    "HISTORY_X",
    "MAX_NODES",
    "OPTIMIZER_COLOURS",
    "SITE_BUILD",
    "UNIT_COLOURS",
    "HistoryLike",
    "animate_decision_boundary",
    "animate_trajectories",
    "as_plane_points",
    "glue_figure",
    "graph_layout",
    "grid_over",
    "offline_player",
    "per_example_losses",
    "plot_activation_gallery",
    "plot_activation_histograms",
    "plot_computational_graph",
    "plot_confusion_matrix",
    "plot_contours",
    "plot_curves",
    "plot_decision_boundary",
    "plot_function_and_derivative",
    "plot_function_fits",
    "plot_gradient_norms",
    "plot_hidden_hyperplanes",
    "plot_history",
    "plot_interactive_frame",
    "plot_learning_rate_comparison",
    "plot_loss_and_gradient",
    "plot_misclassified",
    "plot_neuron_graph",
    "plot_neuron_hyperplane",
    "plot_neuron_output",
    "plot_separating_attempts",
    "plot_step_vs_sigmoid",
    "plot_trajectories",
    "plot_value_graph",
    "scatter_classes",
]
