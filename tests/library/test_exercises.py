"""nnfs_lib.exercises: the library passes every exercise, classic mistakes fail with a useful message."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnfs_lib as nn
from nnfs_lib.autodiff import Value
from nnfs_lib.exercises import EXERCISES, _judge, cases, check
from nnfs_lib.exercises.__main__ import main

ROOT = Path(__file__).resolve().parents[2]

# The library's own implementation passes ----------------------------------------------


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_library_passes_every_case_but_your_own_code(name: str) -> None:
    """The library's numbers pass every case; ``check`` itself refuses the library as an answer."""
    result = _judge(EXERCISES[name], EXERCISES[name].reference, verbose=False, own_code=False)
    assert result.passed, str(result)
    assert len(result.cases) >= 4, f"{name} has only {len(result.cases)} cases"
    refused = check(name, EXERCISES[name].reference, verbose=False)
    assert [case.name for case in refused.failures] == [refused.cases[0].name]
    assert refused.cases[0].name.startswith("your own code")


def test_at_least_sixteen_exercises_across_the_three_parts() -> None:
    assert len(EXERCISES) >= 16
    parts = {exercise.page.split("/")[1] for exercise in EXERCISES.values()}
    assert parts == {"part1", "part2", "part3"}


# Classic wrong versions: (what is wrong, the answer, words in the failing case's name,
# words in its message). Each must fail, and the verdict must name the case and the quantity.


def _naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _sign_flipped_sigmoid(z):
    return 1 / (1 + np.exp(np.clip(z, -500, 500)))


def _bce_sum(p, y):
    q = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.sum(y * np.log(q) + (1 - y) * np.log(1 - q)))


def _bce_without_negatives(p, y):
    q = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(q)))


def _bce_unclipped(p, y):
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_gradient_without_mean(p, y):
    return (p - y) / (p * (1 - p))


def _bce_gradient_of_the_logit(p, y):
    return (p - y) / p.size


def _neuron_delta(X, y, w, b, loss):
    a = nn.sigmoid(X @ w + b)
    return (a - y) if loss == "bce" else 2 * (a - y) * a * (1 - a), a


def _neuron_without_one_over_n(X, y, w, b, loss="bce"):
    delta, _ = _neuron_delta(X, y, w, b, loss)
    return X.T @ delta, float(delta.sum())


def _neuron_bias_mean(X, y, w, b, loss="bce"):
    delta, _ = _neuron_delta(X, y, w, b, loss)
    delta = delta / len(y)
    return X.T @ delta, float(delta.mean())


def _neuron_mse_without_sigmoid_derivative(X, y, w, b, loss="bce"):
    a = nn.sigmoid(X @ w + b)
    delta = (a - y) / len(y) if loss == "bce" else 2 * (a - y) / len(y)
    return X.T @ delta, float(delta.sum())


def _neuron_transposed(X, y, w, b, loss="bce"):
    delta, _ = _neuron_delta(X, y, w, b, loss)
    delta = delta / len(y)
    return X @ delta, float(delta.sum())


def _ascent_step(X, y, w, b, lr):
    dw, db = nn.neuron_gradients(X, y, w, b)
    return w + lr * dw, b + lr * db


def _step_without_lr(X, y, w, b, lr):
    dw, db = nn.neuron_gradients(X, y, w, b)
    return w - dw, b - db


class _DenseTransposedGradient(nn.Dense):
    def backward(self, dZ):
        self.W.grad = dZ.T @ self.X
        self.b.grad = dZ.sum(axis=0)
        return dZ @ self.W.data.T


class _DenseBiasMean(nn.Dense):
    def backward(self, dZ):
        self.W.grad = self.X.T @ dZ
        self.b.grad = dZ.mean(axis=0)
        return dZ @ self.W.data.T


class _DenseBiasWrongAxis(nn.Dense):
    def backward(self, dZ):
        self.W.grad = self.X.T @ dZ
        self.b.grad = dZ.sum(axis=1)
        return dZ @ self.W.data.T


class _DenseAccumulates(nn.Dense):
    def backward(self, dZ):
        self.W.grad += self.X.T @ dZ
        self.b.grad += dZ.sum(axis=0)
        return dZ @ self.W.data.T


def _softmax_unshifted(Z):
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def _softmax_wrong_axis(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _sce_gradient_without_mean(Z, y):
    return nn.softmax(Z) - nn.one_hot(y, Z.shape[1])


def _sce_gradient_without_one_hot(Z, y):
    return (nn.softmax(Z) - y[:, None]) / len(y)


class _SequentialForwardOrder(nn.Sequential):
    def backward(self, dA):
        for layer in self.layers:
            dA = layer.backward(dA)
        return dA


class _SequentialSameGradient(nn.Sequential):
    def backward(self, dA):
        for layer in reversed(self.layers):
            layer.backward(dA)
        return dA


class _SequentialNoReturn(nn.Sequential):
    def backward(self, dA):
        for layer in reversed(self.layers):
            dA = layer.backward(dA)


def _he_lecun(shape, rng):
    return np.sqrt(1 / shape[0]) * rng.standard_normal(shape)


def _he_fan_out(shape, rng):
    return np.sqrt(2 / shape[1]) * rng.standard_normal(shape)


def _he_std_without_root(shape, rng):
    return (2 / shape[0]) * rng.standard_normal(shape)


def _he_global_random(shape, rng):
    return np.sqrt(2 / shape[0]) * np.random.standard_normal(shape)  # noqa: NPY002  (the mistake)


def _he_uniform(shape, rng):
    return nn.initialize("he_uniform", shape, rng, dtype=np.float64)


def _momentum_dampened(theta, g, m, lr, momentum=0.9):
    m = momentum * m + (1 - momentum) * g
    return theta - lr * m, m


def _momentum_ignores_buffer(theta, g, m, lr, momentum=0.9):
    m = momentum * m + g
    return theta - lr * g, m


def _rmsprop_eps_inside(theta, g, v, lr=0.01, rho=0.99, eps=1e-8):
    v = rho * v + (1 - rho) * g**2
    return theta - lr * g / np.sqrt(v + eps), v


def _rmsprop_without_one_minus_rho(theta, g, v, lr=0.01, rho=0.99, eps=1e-8):
    v = rho * v + g**2
    return theta - lr * g / (np.sqrt(v) + eps), v


def _adam(correction1, correction2, *, eps_inside=False):
    def step(theta, g, m, v, t, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
        b1, b2 = betas
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / correction1(b1, t), v / correction2(b2, t)
        denominator = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
        return theta - lr * m_hat / denominator, m, v

    return step


_ADAM_NO_CORRECTION = _adam(lambda b, t: 1.0, lambda b, t: 1.0)
_ADAM_ONE_STEP_LATE = _adam(lambda b, t: 1 - b ** (t + 1), lambda b, t: 1 - b ** (t + 1))
_ADAM_ONE_STEP_EARLY = _adam(lambda b, t: 1 - b ** (t - 1), lambda b, t: 1 - b ** (t - 1))
_ADAM_EPS_INSIDE = _adam(lambda b, t: 1 - b**t, lambda b, t: 1 - b**t, eps_inside=True)


class _BatchNormWithoutMeanTerms(nn.BatchNorm):
    def backward(self, dY):
        self.gamma.grad = (dY * self.X_hat).sum(axis=0)
        self.beta.grad = dY.sum(axis=0)
        return dY * self.gamma.data * self.inv_std


class _BatchNormBiasedRunningVar(nn.BatchNorm):
    def forward(self, X):
        if self.training:
            mu, var, m = X.mean(axis=0), X.var(axis=0), self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mu
            self.running_var = (1 - m) * self.running_var + m * var
        else:
            mu, var = self.running_mean, self.running_var
        self.inv_std = 1 / np.sqrt(var + self.eps)
        self.X_hat = (X - mu) * self.inv_std
        return self.gamma.data * self.X_hat + self.beta.data


class _BatchNormUnbiasedNormalization(nn.BatchNorm):
    def forward(self, X):
        Y = super().forward(X)
        if self.training:
            var = X.var(axis=0, ddof=1)
            self.inv_std = 1 / np.sqrt(var + self.eps)
            self.X_hat = (X - X.mean(axis=0)) * self.inv_std
            return self.gamma.data * self.X_hat + self.beta.data
        return Y


class _DropoutNotRescaled(nn.Dropout):
    def forward(self, X):
        if not self.training:
            self.mask = None
            return X
        self.mask = self.rng.random(X.shape) >= self.p
        return X * self.mask

    def backward(self, dY):
        return dY if self.mask is None else dY * self.mask


class _DropoutKeepsWithProbabilityP(nn.Dropout):
    def forward(self, X):
        if not self.training:
            self.mask = None
            return X
        self.mask = self.rng.random(X.shape) < self.p
        return X * self.mask / (1 - self.p)


class _DropoutBackwardUnmasked(nn.Dropout):
    def backward(self, dY):
        return dY / (1 - self.p) if self.mask is not None else dY


def _early_stopping(improves, late=False, reset=True):
    def rule(costs, patience, min_delta=0.0):
        best, best_epoch, wait = np.inf, None, 0
        for epoch, cost in enumerate(costs, start=1):
            if improves(cost, best, min_delta):
                best, best_epoch = cost, epoch
                wait = 0 if reset else wait
            else:
                wait += 1
                if wait > patience if late else wait >= patience:
                    return epoch, best_epoch
        return None, best_epoch

    return rule


_ES_TIES_IMPROVE = _early_stopping(lambda cost, best, delta: cost <= best - delta)
_ES_ONE_EPOCH_LATE = _early_stopping(lambda cost, best, delta: cost < best - delta, late=True)
_ES_NO_RESET = _early_stopping(lambda cost, best, delta: cost < best - delta, reset=False)


def _tanh_local_one_minus_t(x):
    """A classic slip: 1 - tanh x instead of 1 - tanh^2 x."""
    t = math.tanh(x.data)
    return Value(t, (x,), (1 - t,), "tanh")


def _tanh_without_parent(x):
    """Forgets to link the node to its input, so no gradient can flow back."""
    return Value(math.tanh(x.data), (), (), "tanh")


def _tanh_local_from_input(x):
    """Uses 1 - x^2 (the input) where 1 - t^2 (the output) belongs."""
    return Value(math.tanh(x.data), (x,), (1 - x.data**2,), "tanh")


WRONG = {
    "sigmoid": [
        ("the naive form overflows", _naive_sigmoid, "stable for large", "overflow"),
        ("exp(+z)", _sign_flipped_sigmoid, "hand case: sigmoid(ln 3)", "sigmoid(z)[0] is 0.25"),
        ("returns a list", lambda z: nn.sigmoid(z).tolist(), "hand case", "is a list"),
    ],
    "sigmoid_derivative": [
        ("z (1 - z), no sigmoid", lambda z: z * (1 - z), "hand case", "sigmoid_derivative(z)[0]"),
        (
            "the sigmoid itself",
            nn.sigmoid,
            "finite difference",
            "differs from the finite-difference",
        ),
        ("forgets to return", lambda z: None, "hand case", "forget to `return`"),
    ],
    "binary_cross_entropy": [
        ("a sum, no 1/n", _bce_sum, "hand case", "J is 1.38629"),
        ("drops the (1 - y) term", _bce_without_negatives, "hand case", "J is"),
        ("no clipping", _bce_unclipped, "confident wrong answer", "divide by zero"),
    ],
    "binary_cross_entropy_gradient": [
        ("no 1/m", _bce_gradient_without_mean, "hand case", "dJ/dp[0] is -1.25"),
        ("the logit's gradient", _bce_gradient_of_the_logit, "finite difference", "in dJ/dp["),
    ],
    "neuron_gradients": [
        ("no 1/n", _neuron_without_one_over_n, "hand case, loss='bce'", "dw[0] is -0.5"),
        ("db as a mean: 1/n twice", _neuron_bias_mean, "finite difference", "in db[0]"),
        ("mse without a(1 - a)", _neuron_mse_without_sigmoid_derivative, "loss='mse'", "dw"),
        ("X delta instead of X^T delta", _neuron_transposed, "X of shape (5, 3)", "ValueError"),
    ],
    "gradient_descent_step": [
        ("gradient ascent", _ascent_step, "hand case", "the new w[0] is -0.125"),
        ("no learning rate", _step_without_lr, "hand case", "the new w[0] is 0.25"),
    ],
    "dense": [
        (
            "transposed weight gradient",
            _DenseTransposedGradient,
            "hand case: backward",
            "W.grad has shape (3, 2)",
        ),
        ("b.grad as a mean: 1/n twice", _DenseBiasMean, "finite differences", "in b.grad["),
        (
            "sum over the wrong axis",
            _DenseBiasWrongAxis,
            "hand case: backward",
            "b.grad has shape (1,)",
        ),
        ("+= accumulates", _DenseAccumulates, "overwrites", "W.grad after two backward calls"),
    ],
    "softmax": [
        ("no max shift", _softmax_unshifted, "hand case: softmax([[1000", "overflow"),
        ("normalized over columns", _softmax_wrong_axis, "every row sums to 1", "row sums"),
    ],
    "softmax_cross_entropy_gradient": [
        ("no 1/n", _sce_gradient_without_mean, "hand case", "dJ/dZ[0, 0] is 0.25"),
        ("labels not one-hot", _sce_gradient_without_one_hot, "hand case", "dJ/dZ[0, 0]"),
    ],
    "sequential_backward": [
        ("layers in forward order", _SequentialForwardOrder, "hand case", "layers[0].W.grad"),
        ("dA not passed on", _SequentialSameGradient, "hand case", "layers[0].W.grad[0, 0] is 1"),
        ("no return", _SequentialNoReturn, "hand case", "the returned dX is None"),
    ],
    "he_normal": [
        (
            "variance 1/fan_in",
            _he_lecun,
            "variance 2 / fan_in",
            "expected about 2 / fan_in = 0.004",
        ),
        ("fan_out", _he_fan_out, "shape (500, 100)", "variance 0.02"),
        (
            "2/fan_in as the standard deviation",
            _he_std_without_root,
            "shape (500, 100)",
            "variance",
        ),
        ("np.random instead of rng", _he_global_random, "draws from rng", "not np.random"),
        ("uniform", _he_uniform, "Gaussian", "not normally distributed"),
    ],
    "momentum_step": [
        ("dampened buffer", _momentum_dampened, "hand case", "m[0] is 0.1 for step 1"),
        ("steps with g, not m", _momentum_ignores_buffer, "hand case", "theta[0] is -0.2"),
    ],
    "rmsprop_step": [
        ("eps inside the root", _rmsprop_eps_inside, "tiny gradients", "theta[0, 0] is"),
        ("no (1 - rho)", _rmsprop_without_one_minus_rho, "hand case", "v[0] is 1 for g = 1, v = 0"),
    ],
    "adam_step": [
        ("no bias correction", _ADAM_NO_CORRECTION, "hand case", "theta[0] is -0.316"),
        ("bias correction one step late", _ADAM_ONE_STEP_LATE, "hand case", "theta[0] is -0.0744"),
        ("bias correction one step early", _ADAM_ONE_STEP_EARLY, "hand case", "divide by zero"),
        ("eps inside the root", _ADAM_EPS_INSIDE, "tiny gradients", "theta"),
    ],
    "batchnorm": [
        (
            "backward without the mean terms",
            _BatchNormWithoutMeanTerms,
            "dX = 0",
            "dX[0, 0] is 0.99999",
        ),
        (
            "biased running variance",
            _BatchNormBiasedRunningVar,
            "hand case: forward",
            "running_var[0] is 1",
        ),
        (
            "normalized with the unbiased variance",
            _BatchNormUnbiasedNormalization,
            "hand case: forward",
            "Y[0, 0] is -0.707",
        ),
    ],
    "dropout": [
        ("not rescaled", _DropoutNotRescaled, "hand case", "only 0 (dropped) and 2"),
        ("keeps with probability p", _DropoutKeepsWithProbabilityP, "keeps about 80%", "20."),
        ("backward ignores the mask", _DropoutBackwardUnmasked, "forward and backward", "dX"),
    ],
    "early_stopping": [
        (
            "a tie counts as an improvement",
            _ES_TIES_IMPROVE,
            "costs [1.0, 1.0, 1.0]",
            "stop_epoch is None",
        ),
        ("stops one epoch late", _ES_ONE_EPOCH_LATE, "hand case", "stop_epoch is 5"),
        ("the counter is not reset", _ES_NO_RESET, "costs [1.0, 2.0, 0.5", "stop_epoch is 5"),
    ],
    "value_tanh": [
        (
            "1 - t instead of 1 - t^2",
            _tanh_local_one_minus_t,
            "hand case: tanh(ln 2)",
            "its local derivative is 0.4",
        ),
        ("no link to the input", _tanh_without_parent, "hand case: tanh(0)", "expected (x,)"),
        (
            "1 - x^2 from the input",
            _tanh_local_from_input,
            "hand case: tanh(ln 2)",
            "its local derivative is 0.519",
        ),
    ],
}

WRONG_CASES = [(name, *wrong) for name, versions in WRONG.items() for wrong in versions]


def test_every_exercise_has_two_wrong_versions() -> None:
    assert set(WRONG) == set(EXERCISES)
    assert all(len(versions) >= 2 for versions in WRONG.values())


@pytest.mark.parametrize(
    ("name", "mistake", "answer", "case_words", "message_words"),
    WRONG_CASES,
    ids=[f"{name}: {mistake}" for name, mistake, *_ in WRONG_CASES],
)
def test_a_classic_mistake_fails_with_a_useful_message(
    name: str, mistake: str, answer: object, case_words: str, message_words: str
) -> None:
    result = check(name, answer, verbose=False)
    assert not result.passed
    named = [case for case in result.failures if case_words in case.name]
    assert named, f"no failed case named {case_words!r}:\n{result}"
    assert any(message_words in case.message for case in named), (
        f"no message with {message_words!r} in the case {case_words!r}:\n{result}"
    )
    verdict = str(result)
    assert "FAIL" in verdict and case_words in verdict and message_words in verdict


# The verdict and the result --------------------------------------------------------


def test_the_gradient_message_names_the_entry_and_the_size() -> None:
    result = check("dense", _DenseBiasMean, verbose=False)
    message = next(c.message for c in result.failures if "finite differences" in c.name)
    assert message.startswith("your gradient differs from the finite-difference estimate by ")
    assert "in b.grad[" in message and "yours" in message


def test_a_stub_is_not_written_yet(capsys: pytest.CaptureFixture[str]) -> None:
    def sigmoid(z):
        raise NotImplementedError

    result = check("sigmoid", sigmoid)
    printed = capsys.readouterr().out
    assert not result.passed and result.not_written
    assert "not written yet" in printed and "raise NotImplementedError" in printed
    assert "run that cell" in printed and "python -m" not in printed
    assert len(result.cases) == 1


def test_a_stub_checked_from_a_file_is_told_to_edit_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub = tmp_path / "sigmoid.py"
    stub.write_text("def sigmoid(z):\n    raise NotImplementedError\n")
    assert main(["check", "sigmoid", str(stub)]) == 1
    printed = capsys.readouterr().out
    assert "not written yet" in printed and "cell" not in printed, printed
    assert f"in {stub}, replace the line `raise NotImplementedError`" in printed
    assert f"run `python -m nnfs_lib.exercises check sigmoid {stub}` again" in printed


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (lambda z: 1 / 0, "raised ZeroDivisionError"),
        (lambda z: None, "is None"),
        (lambda z: "0.5", "is a str"),
        (lambda z: np.zeros((len(z), 1)), "has shape (1, 1)"),
        (lambda: 0.5, "raised TypeError"),
    ],
)
def test_a_wrong_answer_never_raises(answer: object, words: str) -> None:
    result = check("sigmoid", answer, verbose=False)
    assert not result.passed
    assert any(words in case.message for case in result.failures), str(result)


def test_passing_something_that_is_not_callable_is_a_failed_case() -> None:
    result = check("sigmoid", 0.5, verbose=False)
    assert not result.passed and "pass your sigmoid itself" in result.failures[0].message


def test_an_unknown_name_raises_a_clear_error_listing_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"unknown exercise 'sigmiod'.*sigmoid, sigmoid_derivative"
    ):
        check("sigmiod", nn.sigmoid)


def test_passed_is_true_only_when_every_case_passed() -> None:
    def almost(z):  # right everywhere but on float32 input
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float64)

    result = check("sigmoid", almost, verbose=False)
    assert [case.name for case in result.failures] == ["float32 in, float32 out"]
    assert not result.passed and not result
    assert check("sigmoid", lambda z: almost(z).astype(z.dtype), verbose=False)


def test_the_passing_verdict_lists_every_case(capsys: pytest.CaptureFixture[str]) -> None:
    result = _judge(EXERCISES["adam_step"], EXERCISES["adam_step"].reference, verbose=True,
                    own_code=False)  # fmt: skip
    printed = capsys.readouterr().out
    assert printed.startswith(f"adam_step: all {len(result.cases)} cases passed.")
    assert printed.count("[pass]") == len(result.cases)


def test_an_answer_that_writes_into_its_input_fails_and_is_told_so() -> None:
    def destructive(z):  # answers correctly, then changes its argument in place
        e = np.exp(-np.abs(z))
        answer = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        z[...] = 0
        return answer

    result = check("sigmoid", destructive, verbose=False)
    assert not result.passed
    assert all("wrote into an array it was given" in case.message for case in result.failures)


# The hand cases are the library's too ----------------------------------------------


def test_the_library_agrees_with_the_hand_cases() -> None:
    for _, z, expected in cases.SIGMOID:
        assert nn.sigmoid(np.array([z]))[0] == pytest.approx(expected)
    for _, z, expected in cases.SIGMOID_DERIVATIVE:
        assert nn.sigmoid_derivative(np.array([z]))[0] == pytest.approx(expected)
    for p, y, J in cases.BINARY_CROSS_ENTROPY:
        assert nn.binary_cross_entropy(np.array(p), np.array(y)) == pytest.approx(J)
    for p, y, g in cases.BINARY_CROSS_ENTROPY_GRADIENT:
        np.testing.assert_allclose(nn.binary_cross_entropy_gradient(np.array(p), np.array(y)), g)
    X, y, w = (np.array(a) for a in (cases.NEURON_X, cases.NEURON_Y, cases.NEURON_W))
    for loss, (dw, db) in cases.NEURON_GRADIENTS.items():
        got_dw, got_db = nn.neuron_gradients(X, y, w, cases.NEURON_B, loss)
        np.testing.assert_allclose(got_dw, dw)
        assert got_db == pytest.approx(db)
    for Z, P in cases.SOFTMAX:
        np.testing.assert_allclose(nn.softmax(np.array(Z)), P)
    Z, labels, dZ = cases.SOFTMAX_CROSS_ENTROPY_GRADIENT
    np.testing.assert_allclose(
        nn.losses.softmax_cross_entropy_gradient(np.array(Z), np.array(labels)), dZ
    )
    for _, x, value, local in cases.VALUE_TANH:
        node = Value(x).tanh()
        assert node.data == pytest.approx(value) and node.local_grads[0] == pytest.approx(local)
    for costs, patience, min_delta, expected in cases.EARLY_STOPPING:
        assert EXERCISES["early_stopping"].reference(costs, patience, min_delta) == expected


# The command line -----------------------------------------------------------------


def test_list_lists_every_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    printed = capsys.readouterr().out
    for exercise in EXERCISES.values():
        assert exercise.name in printed and exercise.page in printed


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nnfs_lib.exercises", *args],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip


def test_check_a_file_from_the_shell(tmp_path: Path) -> None:
    right = tmp_path / "right.py"
    right.write_text(
        "import numpy as np\n\n\ndef sigmoid(z):\n"
        "    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"
    )
    wrong = tmp_path / "wrong.py"
    wrong.write_text("import numpy as np\n\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")
    passed = _run("check", "sigmoid", str(right))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "sigmoid: all" in passed.stdout
    failed = _run("check", "sigmoid", str(wrong))
    assert failed.returncode == 1
    assert "[FAIL] stable for large |z|" in failed.stdout and "overflow" in failed.stdout
    listed = _run("list")
    assert listed.returncode == 0 and "adam_step" in listed.stdout


def test_check_reports_command_errors_with_exit_code_2(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.py"
    empty.write_text("x = 1\n")
    assert main(["check", "sigmiod", str(empty)]) == 2
    assert "unknown exercise" in capsys.readouterr().err
    assert main(["check", "sigmoid", str(tmp_path / "missing.py")]) == 2
    assert main(["check", "sigmoid", str(empty)]) == 2
    assert "defines no 'sigmoid'" in capsys.readouterr().err
    broken = tmp_path / "broken.py"
    broken.write_text("def sigmoid(z):\n    return z +\n")
    assert main(["check", "sigmoid", str(broken)]) == 1
