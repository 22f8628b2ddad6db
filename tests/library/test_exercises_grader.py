"""The grader cannot be fooled: library answers, side effects, numerics, each case on its own.

Each kind of wrong answer of issue 21 has answers here that must fail with a
message naming the cause; right answers written differently must pass; and
for every case of every exercise an answer that goes wrong in that case only
must fail that case and no other (a case that compared the answer with
itself, or with nothing, would pass it).
"""

from __future__ import annotations

import copy
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

import nnfs_lib as nn
from nnfs_lib.autodiff import Value
from nnfs_lib.exercises import EXERCISES, STUBS, _judge, check
from nnfs_lib.exercises.part3 import TIE, random_run
from nnfs_lib.exercises.report import CURRENT_CASE, LibraryWatch

ROOT = Path(__file__).resolve().parents[2]


def _failed(name: str, answer: object) -> dict[str, str]:
    result = check(name, answer, verbose=False)
    return {case.name: case.message for case in result.failures}


def _stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


# 1. The answer is the library ----------------------------------------------------


class _DenseInherited(nn.Dense):
    pass


class _DenseSuper(nn.Dense):
    def forward(self, X):
        return super().forward(X)

    def backward(self, dZ):
        return super().backward(dZ)


class _DenseWithoutBackward(nn.Dense):
    def forward(self, X):
        self.X = X
        return X @ self.W.data + self.b.data


class _DenseWrapping:
    def __init__(self, n_in, n_out, rng, dtype=np.float32):
        self.inner = nn.Dense(n_in, n_out, rng, dtype=dtype)
        self.W, self.b = self.inner.W, self.inner.b

    def forward(self, X):
        return self.inner.forward(X)

    def backward(self, dZ):
        return self.inner.backward(dZ)

    def parameters(self):
        return [self.W, self.b]


LIBRARY_ANSWERS = [
    ("sigmoid", nn.sigmoid, "is the library's own"),
    ("sigmoid", lambda z: nn.sigmoid(z), "ran nnfs_lib's sigmoid"),
    ("softmax", lambda Z: nn.softmax(Z), "ran nnfs_lib's softmax"),
    ("softmax", lambda Z: np.exp(nn.log_softmax(Z)), "ran nnfs_lib's log_softmax"),
    ("value_tanh", lambda x: x.tanh(), "ran nnfs_lib's Value.tanh"),
    ("dense", nn.Dense, "is the library's own"),
    ("dense", _DenseInherited, "does not define forward"),
    ("dense", _DenseSuper, "ran nnfs_lib's Dense.forward"),
    ("dense", _DenseWithoutBackward, "does not define backward"),
    ("dense", _DenseWrapping, "ran nnfs_lib's Dense.forward"),
    ("sequential_backward", nn.Sequential, "does not define backward"),
    (
        "he_normal",
        lambda shape, rng: nn.initialize("he_normal", shape, rng, dtype=np.float64),
        "ran nnfs_lib's he_normal",
    ),
    ("adam_step", EXERCISES["adam_step"].reference, "ran nnfs_lib's Adam"),
    ("early_stopping", EXERCISES["early_stopping"].reference, "ran nnfs_lib's EarlyStopping"),
    (
        "neuron_gradients",
        lambda X, y, w, b, loss="bce": nn.neuron_gradients(X, y, w, b, loss),
        "ran nnfs_lib's neuron_gradients",
    ),
]


@pytest.mark.parametrize(("name", "answer", "words"), LIBRARY_ANSWERS,
                         ids=[f"{n}-{w}" for n, _, w in LIBRARY_ANSWERS])  # fmt: skip
def test_an_answer_that_is_the_library_fails_your_own_code(name, answer, words) -> None:
    failed = _failed(name, answer)
    own = [message for case, message in failed.items() if case.startswith("your own code")]
    assert own and words in own[0], failed


class _BatchNormChecksItsInput(nn.BatchNorm):
    """The page's solution, plus the library's input check (validation, not the answer)."""

    def forward(self, X):
        self._check_input(X)
        if self.training:
            n, m = X.shape[0], self.momentum
            mu, var = X.mean(axis=0), X.var(axis=0)
            self.running_mean = (1 - m) * self.running_mean + m * mu
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mu, var = self.running_mean, self.running_var
        self.inv_std = 1 / np.sqrt(var + self.eps)
        self.X_hat = (X - mu) * self.inv_std
        return self.gamma.data * self.X_hat + self.beta.data

    def backward(self, dY):
        n = dY.shape[0]
        self.gamma.grad = (dY * self.X_hat).sum(axis=0)
        self.beta.grad = dY.sum(axis=0)
        dX_hat = dY * self.gamma.data
        mean_terms = dX_hat.sum(axis=0) + self.X_hat * (dX_hat * self.X_hat).sum(axis=0)
        return self.inv_std / n * (n * dX_hat - mean_terms)


class _BatchNormSuper(_BatchNormChecksItsInput):
    def forward(self, X):
        return nn.BatchNorm.forward(self, X)


class _DropoutLibraryMask(nn.Dropout):
    def forward(self, X):
        if not self.training:
            self.mask = None
            return X
        self.mask = self._draw_mask(X.shape)  # the library draws the mask: the answer's work
        return X * self.mask / (1 - self.p)

    def backward(self, dY):
        return dY if self.mask is None else dY * self.mask / (1 - self.p)


def test_an_inherited_input_check_is_not_the_library_answering() -> None:
    """A private helper that only validates (``_check_input``) may run, and is never named."""
    assert check("batchnorm", _BatchNormChecksItsInput, verbose=False)
    watch = LibraryWatch(EXERCISES["batchnorm"].library_code())
    network = nn.Sequential([_BatchNormChecksItsInput(2, dtype=np.float64)])
    with watch.watching():  # the first layer of a network: Sequential runs its _check_input
        network.forward(np.array([[1.0, 2.0], [3.0, 5.0]]))
    assert watch.seen == []
    own = _failed("batchnorm", _BatchNormSuper)
    message = own["your own code: BatchNorm does not use the library's BatchNorm"]
    assert "nnfs_lib's BatchNorm.forward" in message and "_check_input" not in message
    for exercise in EXERCISES.values():
        assert not any("_check_input" in name for name in exercise.library_code().values())


def test_a_private_method_that_does_the_work_is_still_the_library() -> None:
    failed = _failed("dropout", _DropoutLibraryMask)
    assert list(failed) == ["your own code: Dropout does not use the library's Dropout"], failed
    assert "nnfs_lib's Dropout._draw_mask" in next(iter(failed.values()))


def test_library_functions_that_are_not_the_exercise_are_allowed() -> None:
    def sce_gradient(Z, y):  # the page's hint: use the library's softmax
        return (nn.softmax(Z) - np.eye(Z.shape[1])[y]) / Z.shape[0]

    assert check("softmax_cross_entropy_gradient", sce_gradient, verbose=False)


# 2. Side effects the checker could not see -----------------------------------------


class _BatchNormInPlace(nn.BatchNorm):
    def forward(self, X):
        mu, var = X.mean(axis=0), X.var(axis=0)
        if self.training:
            m, n = self.momentum, X.shape[0]
            self.running_mean = (1 - m) * self.running_mean + m * mu
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mu, var = self.running_mean, self.running_var
        self.inv_std = 1 / np.sqrt(var + self.eps)
        if X.flags.writeable:
            X -= mu  # the mistake: overwrites the previous layer's output
            X *= self.inv_std
            self.X_hat = X
        else:
            self.X_hat = (X - mu) * self.inv_std
        return self.gamma.data * self.X_hat + self.beta.data

    def backward(self, dY):
        n = dY.shape[0]
        self.gamma.grad = (dY * self.X_hat).sum(axis=0)
        self.beta.grad = dY.sum(axis=0)
        dX_hat = dY * self.gamma.data
        return (
            self.inv_std
            / n
            * (n * dX_hat - dX_hat.sum(0) - self.X_hat * (dX_hat * self.X_hat).sum(0))
        )


class _DropoutInPlace(nn.Dropout):
    def forward(self, X):
        if not self.training:
            self.mask = None
            return X
        self.mask = self.rng.random(X.shape) >= self.p
        X *= self.mask / (1 - self.p)  # the mistake
        return X

    def backward(self, dY):
        return dY if self.mask is None else dY * self.mask / (1 - self.p)


def _softmax_in_place(Z):
    Z -= Z.max(axis=1, keepdims=True)
    np.exp(Z, out=Z)
    Z /= Z.sum(axis=1, keepdims=True)
    return Z


def test_an_in_place_layer_fails_inside_the_network_with_the_cause() -> None:
    for name, answer in [("batchnorm", _BatchNormInPlace), ("dropout", _DropoutInPlace)]:
        failed = _failed(name, answer)
        network = [m for c, m in failed.items() if c.startswith("inside a network")]
        assert network and "forward wrote into its input X" in network[0], failed
        assert "layers[0].W.grad" in network[0], network[0]


def test_an_in_place_softmax_is_told_it_wrote_into_the_logits() -> None:
    failed = _failed("softmax", _softmax_in_place)
    assert failed and all("wrote into an array it was given" in m for m in failed.values())


def test_the_in_place_batchnorm_is_caught_by_the_network_case_only() -> None:
    """The in-place BatchNorm is caught by the network case only (its direct calls are read-only)."""
    failed = _failed("batchnorm", _BatchNormInPlace)
    assert list(failed) == [c for c in failed if c.startswith("inside a network")]


# 3. Numerics the pages teach --------------------------------------------------------


def _softmax_batch_max(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum(axis=1, keepdims=True)


def _sce_own_unshifted_softmax(Z, y):
    E = np.exp(Z)
    return (E / E.sum(axis=1, keepdims=True) - np.eye(Z.shape[1])[y]) / Z.shape[0]


def _sigmoid_derivative_naive(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2


def _adam_eps_on_v(theta, g, m, v, t, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g**2
    m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
    return theta - lr * m_hat / np.sqrt(v_hat + eps**2 + eps * 1e3), m, v


NUMERICS = [
    ("softmax", _softmax_batch_max, "rows of very different scale", "Z = [[0, 1, 2], [1000"),
    ("softmax_cross_entropy_gradient", _sce_own_unshifted_softmax, "+-1000", "Z = [[1000, 0"),
    (
        "sigmoid_derivative",
        _sigmoid_derivative_naive,
        "sigmoid_derivative([-1000, 1000])",
        "sigmoid_derivative([-1000, 1000]): NumPy warned",
    ),
    ("adam_step", _adam_eps_on_v, "tiny gradients", "theta"),
]


@pytest.mark.parametrize(("name", "answer", "case", "words"), NUMERICS,
                         ids=[n for n, *_ in NUMERICS])  # fmt: skip
def test_an_unstable_answer_fails_the_numerics_case(name, answer, case, words) -> None:
    failed = _failed(name, answer)
    named = [m for c, m in failed.items() if case in c]
    assert named and words in named[0], failed


# 5. Right answers written differently pass; messages name the cause --------------------


def _early_stopping_difference(costs, patience, min_delta=0.0):
    best, best_epoch, wait = float("inf"), None, 0
    for epoch, cost in enumerate(costs, start=1):
        if best - cost > min_delta:
            best, best_epoch, wait = cost, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return [epoch, best_epoch]
    return [None, best_epoch]


def _adam_list(theta, g, m, v, t, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    return [theta - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps), m, v]


def _softmax_logsumexp(Z):
    shifted = Z - Z.max(axis=1, keepdims=True)
    return np.exp(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))


def _sigmoid_where_quiet(z):
    with np.errstate(over="ignore", invalid="ignore"):  # the branch np.where drops may overflow
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z))).astype(z.dtype)


def _bce_clipped(eps: float, log1p: bool = False):
    def binary_cross_entropy(p, y):
        q = np.clip(p, eps, 1 - eps)
        log_1mq = np.log1p(-q) if log1p else np.log(1 - q)
        return float(-np.mean(y * np.log(q) + (1 - y) * log_1mq))

    return binary_cross_entropy


def _bce_plus_eps(p, y):  # no clip: eps added inside each log
    return float(-np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9)))


def _bce_where(p, y):
    q = np.clip(p, 1e-10, 1 - 1e-10)
    return float(np.mean(np.where(y == 1, -np.log(q), -np.log(1 - q))))


RIGHT = [
    ("early_stopping", _early_stopping_difference),
    ("adam_step", _adam_list),
    ("softmax", _softmax_logsumexp),
    ("sigmoid", lambda z: np.exp(-np.logaddexp(0, -z)).astype(z.dtype)),  # log-sum-exp
    ("sigmoid", _sigmoid_where_quiet),
    ("sigmoid", _stable_sigmoid),  # the page's solution
    ("sigmoid_derivative", lambda z: _stable_sigmoid(z) * _stable_sigmoid(-z)),
    ("sigmoid_derivative", lambda z: np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2),
    ("sigmoid_derivative", lambda z: np.exp(-np.logaddexp(0, z) - np.logaddexp(0, -z))),
    ("binary_cross_entropy", _bce_clipped(1e-12)),  # the page's solution
    ("binary_cross_entropy", _bce_clipped(1e-7)),  # the held-out trial's misjudged answer
    ("binary_cross_entropy", _bce_clipped(1e-4, log1p=True)),
    ("binary_cross_entropy", _bce_clipped(1e-15)),
    ("binary_cross_entropy", _bce_plus_eps),
    ("binary_cross_entropy", _bce_where),
]


@pytest.mark.parametrize(
    ("name", "answer"), RIGHT, ids=[f"{n}-{i}" for i, (n, _) in enumerate(RIGHT)]
)
def test_a_right_answer_written_differently_passes(name, answer) -> None:
    result = check(name, answer, verbose=False)
    assert result.passed, str(result)


# The tails of the sigmoid: relative, not absolute, accuracy ------------------------------

SIGMOID_TAIL = "accurate in the tail: sigmoid([-40, -100, -700]) to 1e-6 relative (tiny, not 0)"
DERIVATIVE_TAIL = (
    "accurate in both tails: sigmoid_derivative(z) for |z| = 40, 100, 700 to 1e-6 relative"
)


def _sigmoid_clipped_z(z):  # the held-out trial's misjudged answer: sigma(-1000) = 9.4e-14
    return (1 / (1 + np.exp(-np.clip(z, -30, 30)))).astype(z.dtype)


TAIL_WRONG = [
    (
        "sigmoid",
        _sigmoid_clipped_z,
        SIGMOID_TAIL,
        "is 9.35762e-14 for z = -40; expected 4.24835e-18",
    ),
    (
        "sigmoid",
        lambda z: (0.5 * (1 + np.tanh(z / 2))).astype(z.dtype),
        SIGMOID_TAIL,
        "is 0 for z = -40; expected 4.24835e-18",
    ),
    (
        "sigmoid_derivative",
        lambda z: _sigmoid_clipped_z(z) * _sigmoid_clipped_z(-z),
        DERIVATIVE_TAIL,
        "is 9.35762e-14 for z = -40",
    ),
    (
        "sigmoid_derivative",
        lambda z: _stable_sigmoid(z) * (1 - _stable_sigmoid(z)),
        DERIVATIVE_TAIL,
        "is 0 for z = 40; expected 4.24835e-18",
    ),
]


@pytest.mark.parametrize(("name", "answer", "case", "words"), TAIL_WRONG,
                         ids=["sigmoid-clip", "sigmoid-tanh", "derivative-clip", "derivative-1-s"])  # fmt: skip
def test_a_tail_lost_to_clipping_or_cancellation_fails_the_tail_case_only(
    name, answer, case, words
):
    """Right to 1e-9 in absolute terms everywhere, so only the relative tail case can see it."""
    failed = _failed(name, answer)
    assert list(failed) == [case], failed
    assert words in failed[case] and "clipping z" in failed[case].lower(), failed[case]
    assert "relative error" in failed[case]


def test_the_tail_cases_compare_in_relative_terms(monkeypatch) -> None:
    """Break the rule on purpose (an absolute tolerance of 1e-9): the clipped sigmoid then passes."""
    from nnfs_lib.exercises import part1

    assert SIGMOID_TAIL in _failed("sigmoid", _sigmoid_clipped_z)
    monkeypatch.setattr(part1, "_expect_tail", lambda got, expected, what, z, advice: (
        part1.expect_array(got, expected, what)  # the usual tolerances: 1e-6 relative or 1e-9
    ))  # fmt: skip
    assert SIGMOID_TAIL not in _failed("sigmoid", _sigmoid_clipped_z)


# Binary cross-entropy: any reasonable clip is right ----------------------------------------

CONFIDENT = (
    "a confident wrong answer (p = 0 for y = 1, p = 1 for y = 0) gives a large finite J (clip p)"
)


def _bce_unclipped_quiet(p, y):
    with np.errstate(divide="ignore"):
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_clipped_low_only(p, y):
    q = np.clip(p, 1e-12, None)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))


def _bce_mean_capped(p, y):  # caps the mean, not each entry
    return min(_bce_unclipped_quiet(p, y), 27.6)


BCE_WRONG = [
    (_bce_unclipped_quiet, [CONFIDENT], "J is inf for p = [0], y = [1]"),
    (_bce_clipped_low_only, [CONFIDENT], "binary_cross_entropy([1], [0]): NumPy warned: divide"),
    (_bce_clipped(1e-3), [CONFIDENT], "as if p were clipped at eps = e^-J = 0.001"),
    (_bce_clipped(1e-300), [CONFIDENT], "as if p were clipped at eps = e^-J = 1e-300"),
    (_bce_mean_capped, [CONFIDENT], "the mean of your J for p = 0, y = 1 (27.6)"),
    (_bce_clipped(0.05), [CONFIDENT, "same as the library on"], "eps = e^-J = 0.05"),
]


@pytest.mark.parametrize(("answer", "cases", "words"), BCE_WRONG,
                         ids=["no clip", "one side", "1e-3", "1e-300", "mean capped", "0.05"])  # fmt: skip
def test_a_wrong_clip_fails_the_confident_case_with_the_cause(answer, cases, words) -> None:
    failed = _failed("binary_cross_entropy", answer)
    assert failed.get(CONFIDENT) and words in failed[CONFIDENT], failed
    assert all(any(c.startswith(prefix) for prefix in cases) for c in failed), failed
    if "mean" not in words:
        assert "Clip p to [eps, 1 - eps] before the logs" in failed[CONFIDENT]


def test_the_confident_case_accepts_any_clip_from_1e_15_to_1e_4(monkeypatch) -> None:
    """Break the rule on purpose (the library's EPSILON only): the clip at 1e-7 then fails."""
    from nnfs_lib.exercises import part1

    for eps in (1e-15, 1e-12, 1e-9, 1e-7, 1e-5, 1e-4):
        assert check("binary_cross_entropy", _bce_clipped(eps), verbose=False), eps
    monkeypatch.setattr(part1, "CLIP_RANGE", (nn.losses.EPSILON, nn.losses.EPSILON))
    monkeypatch.setattr(part1, "CLIP_SLACK", 1e-9)
    assert CONFIDENT in _failed("binary_cross_entropy", _bce_clipped(1e-7))


def test_random_early_stopping_runs_stay_off_exact_ties() -> None:
    for seed in range(200):
        costs, _, min_delta = random_run(np.random.default_rng(seed))
        if min_delta:
            gaps = np.subtract.outer(costs, costs)
            assert not np.any(np.abs(gaps - min_delta) < TIE)


def test_the_early_stopping_message_shows_the_whole_run() -> None:
    def late(costs, patience, min_delta=0.0):
        stop, best = EXERCISES["early_stopping"].reference(costs, patience, min_delta)
        return (None if stop is None else stop + 1), best

    message = _failed("early_stopping", late)[
        "same as the library's EarlyStopping on 30 random runs of 25 epochs"
    ]
    costs = message.split("costs = ")[1].split("]")[0]
    assert len(costs.split(",")) == 25 and "..." not in costs


class _DenseMeanGradient(nn.Dense):
    def forward(self, X):
        self.X = X
        return X @ self.W.data + self.b.data

    def backward(self, dZ):
        self.W.grad = self.X.T @ dZ / len(dZ)
        self.b.grad = dZ.sum(axis=0)
        return dZ @ self.W.data.T


class _DropoutPerBatch(nn.Dropout):
    def forward(self, X):
        if not self.training:
            self.mask = None
            return X
        self.mask = np.broadcast_to(self.rng.random((1, X.shape[1])) >= self.p, X.shape)
        return X * self.mask / (1 - self.p)

    def backward(self, dY):
        return dY if self.mask is None else dY * self.mask / (1 - self.p)


def test_hints_only_where_the_cause_is_certain() -> None:
    dense = _failed("dense", _DenseMeanGradient)
    assert any("divided by n = 4" in m for m in dense.values()), dense
    assert not any("+=" in m for m in dense.values()), dense
    he = _failed("he_normal", lambda shape, rng: rng.standard_normal(shape) / np.sqrt(shape[0]))
    assert any("1 / fan_in" in m for m in he.values()), he
    assert not any("standard_normal" in m for m in he.values()), he
    dropout = _failed("dropout", _DropoutPerBatch)
    assert any("every example dropped the same units" in m for m in dropout.values()), dropout
    assert not any("divide them by 1 - p" in m for m in dropout.values()), dropout


def test_values_that_print_alike_show_their_difference() -> None:
    from nnfs_lib.exercises.report import Mismatch, expect_array, expect_number

    with pytest.raises(Mismatch, match=r"is 1.0000015.*expected 1 .*they differ by 1.50e-06"):
        expect_number(1.0000015, 1.0, "J")
    with pytest.raises(Mismatch, match="they differ by"):
        expect_array(np.array([-1.8962025]), np.array([-1.8962]), "J")
    with pytest.raises(Mismatch) as apart:
        expect_number(1.5, 1.0, "J")
    assert "differ by" not in str(apart.value)


def test_a_shape_error_names_the_shapes_passed_in() -> None:
    def transposed(X, y, w, b, loss="bce"):
        delta = (_stable_sigmoid(X @ w + b) - y) / len(y)
        return X @ delta, float(delta.sum())

    failed = _failed("neuron_gradients", transposed)
    assert any("The arrays passed in had shapes (5, 3)" in m for m in failed.values()), failed


# 4. Every case can fail on its own --------------------------------------------------------


def _key(args: tuple) -> float:
    """A number in [0.2, 0.7) that depends on the inputs only (the same inputs, the same number)."""
    h = 0
    for a in args:
        data = (
            np.asarray(a).tobytes() if isinstance(a, np.ndarray | float | int) else repr(a).encode()
        )
        h = zlib.crc32(data, h)
    return 0.2 + 0.5 * (h % 1000) / 1000


def _perturb(value: object, a: float) -> object:
    if isinstance(value, np.ndarray):
        return value * (1 + a) + a
    if isinstance(value, float | np.floating):
        return float(value) * (1 + a) + a
    if isinstance(value, Value):
        return Value(value.data * (1 + a) + a, value.parents, tuple(g * (1 + a) + a for g in value.local_grads), value.op)  # fmt: skip
    if isinstance(value, tuple | list):
        if len(value) == 2 and all(v is None or isinstance(v, int) for v in value):
            return value[0], value[1] + 1  # early stopping: the wrong best epoch
        return tuple(_perturb(v, a) for v in value)
    return value


def _saboteur(name: str, case: str) -> object:
    """The library's answer, wrong (by an amount set by its inputs) while ``case`` runs, right elsewhere."""
    reference = EXERCISES[name].reference

    def active() -> bool:
        return CURRENT_CASE.get() == case

    if not isinstance(reference, type):

        def answer(*args, **kwargs):
            out = reference(*args, **kwargs)
            return _perturb(out, _key(args)) if active() else out

        return answer

    class Answer(reference):
        def forward(self, X):
            Y = super().forward(X)
            return _perturb(Y, _key((X,))) if active() else Y

        def backward(self, dY):
            dX = super().backward(dY)
            if active():
                a = _key((dY,))
                for p in self.parameters():
                    p.grad = _perturb(p.grad, a)
                dX = _perturb(dX, a)
            return dX

    return Answer


def _same_mask_dropout(case: str) -> type:
    class Answer(nn.Dropout):
        def forward(self, X):
            if CURRENT_CASE.get() == case and self.training:
                self.mask = np.ones(X.shape, dtype=bool)
                self.mask[:, ::2] = False
                return X * self.mask / (1 - self.p)
            return super().forward(X)

    return Answer


def _global_random_he(case: str):
    reference = EXERCISES["he_normal"].reference

    def answer(shape, rng):
        if CURRENT_CASE.get() == case:
            return np.sqrt(2 / shape[0]) * np.random.default_rng(None).standard_normal(shape)
        return reference(shape, rng)

    return answer


def _uniform_he(case: str):
    reference = EXERCISES["he_normal"].reference

    def answer(shape, rng):
        if CURRENT_CASE.get() == case:
            return rng.uniform(-1, 1, shape) * np.sqrt(6 / shape[0])
        return reference(shape, rng)

    return answer


SPECIAL = {
    (
        "he_normal",
        "Gaussian: about 4.6% of the weights lie beyond two of their standard deviations",
    ): _uniform_he,
    ("dropout", "a new mask every forward pass"): _same_mask_dropout,
    (
        "he_normal",
        "draws from rng: two generators with the same seed give the same weights",
    ): _global_random_he,
}


def _case_names(name: str) -> list[str]:
    result = _judge(EXERCISES[name], EXERCISES[name].reference, verbose=False, own_code=False)
    return [case.name for case in result.cases]


EVERY_CASE = [(name, case) for name in EXERCISES for case in _case_names(name)]


def test_case_names_are_unique_within_an_exercise() -> None:
    for name in EXERCISES:
        names = _case_names(name)
        assert len(names) == len(set(names)), name


@pytest.mark.parametrize(("name", "case"), EVERY_CASE, ids=[f"{n}: {c}" for n, c in EVERY_CASE])
def test_each_case_fails_on_its_own(name: str, case: str) -> None:
    make = SPECIAL.get((name, case))
    answer = make(case) if make else _saboteur(name, case)
    result = _judge(EXERCISES[name], answer, verbose=False, own_code=False)
    assert [c.name for c in result.failures] == [case], str(result)


def test_a_case_that_compares_the_answer_with_itself_is_caught(monkeypatch) -> None:
    """Break the comparison with the library on purpose: the test above must then fail."""
    from nnfs_lib.exercises import part2

    case = "rows of very different scale: each row is shifted by its own maximum"
    original = EXERCISES["softmax"].reference
    monkeypatch.setattr(part2, "softmax", lambda Z: answer(Z))
    answer = _saboteur("softmax", case)
    result = _judge(EXERCISES["softmax"], answer, verbose=False, own_code=False)
    assert case not in [c.name for c in result.failures]  # self-comparison: the wrong answer passes
    monkeypatch.setattr(part2, "softmax", original)
    result = _judge(EXERCISES["softmax"], answer, verbose=False, own_code=False)
    assert [c.name for c in result.failures] == [case]


# 6. The stub from the command line ---------------------------------------------------------


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_stub_command_writes_a_file_that_check_calls_not_written_yet(name, tmp_path) -> None:
    run = [sys.executable, "-m", "nnfs_lib.exercises"]
    stub = subprocess.run(
        [*run, "stub", name], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert stub.returncode == 0 and stub.stdout == STUBS[name]
    path = tmp_path / f"{name}.py"
    path.write_text(stub.stdout)
    checked = subprocess.run([*run, "check", name, str(path)], capture_output=True, text=True,
                             cwd=tmp_path, check=False)  # fmt: skip
    assert checked.returncode == 1 and "not written yet" in checked.stdout, (
        checked.stdout + checked.stderr
    )


def test_list_shows_signatures() -> None:
    listed = subprocess.run([sys.executable, "-m", "nnfs_lib.exercises", "list"], capture_output=True,
                            text=True, cwd=ROOT, check=False).stdout  # fmt: skip
    assert "write adam_step(theta, g, m, v, t, lr=0.001" in listed
    assert "write class Dense(nn.Dense): forward(X), backward(dZ)" in listed
    assert copy.copy(listed).count("write ") == len(EXERCISES)
