"""nnfs_lib: the tested NumPy library behind "Neural Networks From Scratch".

``import nnfs_lib as nn`` gives every name the book's pages use: ``nn.sigmoid``,
``nn.Dense``, ``nn.Sequential``, ``nn.build_mlp``, ``nn.SoftmaxCrossEntropy``,
``nn.Adam``, ``nn.fit`` and so on. Three subpackages complete it:
:mod:`nnfs_lib.data` (toy and real data sets, splits), :mod:`nnfs_lib.plotting`
(the book's figures; needs matplotlib) and :mod:`nnfs_lib.demos` (chapter-only
demonstrations: naive loops, test surfaces, hand-built networks).

One small module per idea; each chapter shows the code it uses from here with
``literalinclude`` and calls it.
"""

from nnfs_lib import data, demos
from nnfs_lib.activations import (
    ACTIVATIONS,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    step,
    tanh,
    tanh_derivative,
)
from nnfs_lib.diagnostics import (
    LayerRecord,
    expected_initial_loss,
    gradient_check_network,
    record_pass,
    records_of_kind,
    update_ratios,
    weight_gradient_norms,
)
from nnfs_lib.fast import FastAdam, FastRMSProp, backward_without_input_gradient, fast_train_step
from nnfs_lib.gradcheck import gradient_check, numerical_gradient, relative_error
from nnfs_lib.initializers import INITIALIZERS, initialize
from nnfs_lib.layers import (
    ACTIVATION_LAYERS,
    BatchNorm,
    Dense,
    Dropout,
    Layer,
    LeakyReLU,
    Parameter,
    ReLU,
    Sigmoid,
    Tanh,
)
from nnfs_lib.losses import (
    BinaryCrossEntropyWithLogits,
    MeanSquaredError,
    SoftmaxCrossEntropy,
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    binary_cross_entropy_from_logits_gradient,
    binary_cross_entropy_gradient,
    categorical_cross_entropy,
    categorical_cross_entropy_gradient,
    mse,
    mse_gradient,
    one_hot,
)
from nnfs_lib.metrics import (
    accuracy,
    confusion_matrix,
    predict_classes,
    root_mean_squared_error,
)
from nnfs_lib.models import build_mlp, digits_mlp
from nnfs_lib.network import Sequential
from nnfs_lib.neuron import neuron_cost, neuron_forward, neuron_gradients, neuron_predict
from nnfs_lib.optimizers import OPTIMIZERS, SGD, Adam, AdamW, Momentum, Optimizer, RMSProp
from nnfs_lib.schedules import CosineAnnealing, Schedule, StepDecay, cosine_lr, step_decay_lr
from nnfs_lib.softmax import log_softmax, softmax, softmax_backward
from nnfs_lib.training import (
    EarlyStopping,
    History,
    evaluate,
    fit,
    minibatches,
    restore,
    snapshot,
    train_neuron,
    train_step,
)
from nnfs_lib.tuning import (
    Choice,
    Experiment,
    LogUniform,
    SeedSummary,
    Uniform,
    grid_search,
    lr_range_test,
    over_seeds,
    random_search,
    run_experiment,
)

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "ACTIVATION_LAYERS",
    "INITIALIZERS",
    "OPTIMIZERS",
    "SGD",
    "Adam",
    "AdamW",
    "BatchNorm",
    "BinaryCrossEntropyWithLogits",
    "Choice",
    "CosineAnnealing",
    "Dense",
    "Dropout",
    "EarlyStopping",
    "Experiment",
    "FastAdam",
    "FastRMSProp",
    "History",
    "Layer",
    "LayerRecord",
    "LeakyReLU",
    "LogUniform",
    "MeanSquaredError",
    "Momentum",
    "Optimizer",
    "Parameter",
    "RMSProp",
    "ReLU",
    "Schedule",
    "SeedSummary",
    "Sequential",
    "Sigmoid",
    "SoftmaxCrossEntropy",
    "StepDecay",
    "Tanh",
    "Uniform",
    "accuracy",
    "backward_without_input_gradient",
    "binary_cross_entropy",
    "binary_cross_entropy_from_logits",
    "binary_cross_entropy_from_logits_gradient",
    "binary_cross_entropy_gradient",
    "build_mlp",
    "categorical_cross_entropy",
    "categorical_cross_entropy_gradient",
    "confusion_matrix",
    "cosine_lr",
    "data",
    "demos",
    "digits_mlp",
    "evaluate",
    "expected_initial_loss",
    "fast_train_step",
    "fit",
    "get_activation",
    "gradient_check",
    "gradient_check_network",
    "grid_search",
    "initialize",
    "leaky_relu",
    "leaky_relu_derivative",
    "log_softmax",
    "lr_range_test",
    "minibatches",
    "mse",
    "mse_gradient",
    "neuron_cost",
    "neuron_forward",
    "neuron_gradients",
    "neuron_predict",
    "numerical_gradient",
    "one_hot",
    "over_seeds",
    "predict_classes",
    "random_search",
    "record_pass",
    "records_of_kind",
    "relative_error",
    "relu",
    "relu_derivative",
    "restore",
    "root_mean_squared_error",
    "run_experiment",
    "sigmoid",
    "sigmoid_derivative",
    "snapshot",
    "softmax",
    "softmax_backward",
    "step",
    "step_decay_lr",
    "tanh",
    "tanh_derivative",
    "train_neuron",
    "train_step",
    "update_ratios",
    "weight_gradient_norms",
]
