"""Layers: each one's forward and backward side by side."""

from nnfs_lib.layers.activation import ACTIVATION_LAYERS, LeakyReLU, ReLU, Sigmoid, Tanh
from nnfs_lib.layers.base import Layer, Parameter
from nnfs_lib.layers.batchnorm import BatchNorm
from nnfs_lib.layers.dense import Dense
from nnfs_lib.layers.dropout import Dropout

__all__ = [
    "ACTIVATION_LAYERS",
    "BatchNorm",
    "Dense",
    "Dropout",
    "Layer",
    "LeakyReLU",
    "Parameter",
    "ReLU",
    "Sigmoid",
    "Tanh",
]
