"""Layers: each one's forward and backward side by side."""

from nnfs_lib.layers.activation import (
    ACTIVATION_LAYERS,
    Activation,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Tanh,
)
from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.layers.batchnorm import BatchNorm
from nnfs_lib.layers.dense import Dense
from nnfs_lib.layers.dropout import Dropout
from nnfs_lib.layers.layernorm import LayerNorm
from nnfs_lib.layers.residual import Residual
from nnfs_lib.layers.sequential import Sequential

__all__ = [
    "ACTIVATION_LAYERS",
    "Activation",
    "BatchNorm",
    "Dense",
    "Dropout",
    "Layer",
    "LayerNorm",
    "LeakyReLU",
    "Parameter",
    "ReLU",
    "Residual",
    "Sequential",
    "Sigmoid",
    "Tanh",
]
