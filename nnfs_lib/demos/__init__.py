"""Chapter-only demonstrations, apart from the library proper.

What is here exists to make a point on a page, not to train networks with:
loop-by-loop and deliberately naive forms the chapters contrast with the
library's (:mod:`~nnfs_lib.demos.naive`), two-dimensional test surfaces for
watching optimizers move (:mod:`~nnfs_lib.demos.surfaces`), and networks whose
weights are set by hand to prove a construction (:mod:`~nnfs_lib.demos.constructions`).
"""

from nnfs_lib.demos.constructions import piecewise_linear_mlp, sawtooth_mlp
from nnfs_lib.demos.naive import (
    binary_cross_entropy_naive,
    dense_backward_loops,
    dense_forward_loops,
    softmax_naive,
)
from nnfs_lib.demos.surfaces import Surface, ill_conditioned_quadratic, rosenbrock, run_optimizer

__all__ = [
    "Surface",
    "binary_cross_entropy_naive",
    "dense_backward_loops",
    "dense_forward_loops",
    "ill_conditioned_quadratic",
    "piecewise_linear_mlp",
    "rosenbrock",
    "run_optimizer",
    "sawtooth_mlp",
    "softmax_naive",
]
