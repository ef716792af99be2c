#!/usr/bin/env python3
"""Builds the order-anomaly model shipped with Trestle.

Generates synthetic orders shaped like the ERP simulator's (1-5 lines, 1-40 units per line, a
20-item catalogue priced 0.50-250.00, SO0000042-style numbers), plants anomalous orders among them,
computes the features the model declaration in libs/inference/models/models.yaml names, trains a
logistic regression with numpy (Newton/IRLS with a small ridge), measures it on a held-out set, and
exports it to ONNX with onnx.helper. Also writes test vectors (canonical orders, their features and
the scores computed here with numpy) and the model card.

Run with Debian's packages: /usr/bin/python3 scripts/build-order-anomaly-model.py
"""

import json
import os
import subprocess
from datetime import datetime, timedelta, timezone

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

NAME = "order-anomaly"
VERSION = "1"
SEED = 20240101
TRAIN, TEST = 20000, 5000
OUT = os.path.join(os.path.dirname(__file__), "..", "libs", "inference", "models")
STATUSES = ["open", "confirmed", "shipped", "invoiced", "cancelled"]
CURRENCIES = ["EUR", "USD", "GBP", "CHF"]
FEATURES = (
    ["log_amount", "line_count", "log_quantity", "is_weekend"]
    + [f"status_{s}" for s in STATUSES]
    + [f"currency_{c}" for c in CURRENCIES]
    + ["number_length"]
)
EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)

rng = np.random.default_rng(SEED)
catalogue = rng.integers(50, 250_00, size=20)


def decimal(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def order(index: int, anomalous: bool) -> dict:
    pattern = rng.integers(0, 3) if anomalous else -1
    line_count = int(rng.integers(1, 3)) if pattern == 0 else int(rng.integers(1, 6))
    lines = []
    for n in range(line_count):
        price = int(rng.choice(catalogue))
        quantity = int(rng.integers(1, 41))
        if pattern == 0:
            quantity = int(rng.integers(60, 600))
        if pattern == 1 and n == 0:
            price = int(rng.integers(300_00, 5000_00))
        lines.append({"quantity": quantity, "price": price})
    manual = pattern == 2 or rng.random() < 0.03
    number = f"SO{index:07d}" if not manual else f"MAN-{2024 + int(rng.integers(0, 2))}-{index:06d}"
    weekend_rate = 0.35 if anomalous else 0.05
    day = int(rng.integers(0, 300))
    ordered = EPOCH + timedelta(days=day)
    while (ordered.weekday() >= 5) != (rng.random() < weekend_rate):
        day = int(rng.integers(0, 300))
        ordered = EPOCH + timedelta(days=day)
        if rng.random() < 0.2:
            break
    status_p = [0.2, 0.2, 0.15, 0.15, 0.3] if anomalous else [0.22, 0.22, 0.23, 0.23, 0.1]
    status = STATUSES[int(rng.choice(5, p=status_p))]
    currency = CURRENCIES[int(rng.integers(0, 4))]
    label = anomalous if rng.random() > 0.01 else not anomalous
    return {
        "number": number,
        "orderedAt": ordered.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": status,
        "currency": currency,
        "lines": lines,
        "label": int(label),
    }


def canonical(index: int, o: dict) -> dict:
    total = sum(line["quantity"] * line["price"] for line in o["lines"])
    return {
        "id": f"ord_test{index}",
        "source": {
            "connectionId": "00000000-0000-4000-8000-000000000001",
            "sourceId": o["number"],
            "fetchedAt": "2024-11-01T00:00:00Z",
        },
        "number": o["number"],
        "orderedAt": o["orderedAt"],
        "status": o["status"],
        "total": {"amount": decimal(total), "currency": o["currency"]},
        "lines": [
            {
                "lineNo": (n + 1) * 10,
                "quantity": str(line["quantity"]),
                "unitPrice": {"amount": decimal(line["price"]), "currency": o["currency"]},
            }
            for n, line in enumerate(o["lines"])
        ],
    }


def features(o: dict) -> list:
    amount = sum(line["quantity"] * line["price"] for line in o["lines"]) / 100.0
    quantity = sum(line["quantity"] for line in o["lines"])
    weekday = datetime.strptime(o["orderedAt"], "%Y-%m-%dT%H:%M:%SZ").weekday()
    return (
        [np.log1p(amount), len(o["lines"]), np.log1p(quantity), 1.0 if weekday >= 5 else 0.0]
        + [1.0 if o["status"] == s else 0.0 for s in STATUSES]
        + [1.0 if o["currency"] == c else 0.0 for c in CURRENCIES]
        + [float(len(o["number"]))]
    )


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order_ = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order_]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order_[i : j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def train(x: np.ndarray, y: np.ndarray, ridge: float = 1e-2) -> tuple:
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.eye(xb.shape[1]) * ridge
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = sigmoid(xb @ w)
        gradient = xb.T @ (p - y) + penalty @ w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w[:-1], w[-1]


def export(mean: np.ndarray, inv_std: np.ndarray, weights: np.ndarray, bias: float, path: str) -> None:
    f32 = np.float32
    graph = helper.make_graph(
        nodes=[
            helper.make_node("Sub", ["features", "feature_mean"], ["centred"]),
            helper.make_node("Mul", ["centred", "feature_inv_std"], ["standardized"]),
            helper.make_node("MatMul", ["standardized", "weights"], ["weighted"]),
            helper.make_node("Add", ["weighted", "bias"], ["logit"]),
            helper.make_node("Sigmoid", ["logit"], ["anomaly_score"]),
        ],
        name="order_anomaly_logistic_regression",
        inputs=[helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", len(FEATURES)])],
        outputs=[helper.make_tensor_value_info("anomaly_score", TensorProto.FLOAT, ["batch", 1])],
        initializer=[
            numpy_helper.from_array(mean.astype(f32), "feature_mean"),
            numpy_helper.from_array(inv_std.astype(f32), "feature_inv_std"),
            numpy_helper.from_array(weights.astype(f32).reshape(-1, 1), "weights"),
            numpy_helper.from_array(np.array([bias], dtype=f32), "bias"),
        ],
    )
    model = helper.make_model(
        graph,
        producer_name="trestle/scripts/build-order-anomaly-model.py",
        model_version=int(VERSION),
        doc_string="Logistic regression scoring how anomalous an order looks (0 normal .. 1 anomalous).",
        opset_imports=[helper.make_opsetid("", 13)],
    )
    model.ir_version = 7
    helper.set_model_props(model, {"name": NAME, "version": VERSION, "features": ",".join(FEATURES)})
    onnx.checker.check_model(model)
    onnx.save(model, path)


MODEL_CARD = """# Model card: {name} {version}

Scores how unusual an order looks, from 0 (ordinary) to 1 (anomalous), so that operators can review
odd orders (bulk spikes, prices far above the catalogue, manually keyed orders) before they are
shipped or invoiced. Trestle writes the score on the order as the enrichment `order.riskScore`.

- **File**: `{name}-{version}.onnx` ({size} bytes, ONNX opset 13), declared in `models.yaml`.
- **Runs on**: ONNX Runtime in-process (CPU out of the box, CUDA with `INFERENCE_DEVICE=cuda`), or
  any KServe v2 server.
- **Made by**: `/usr/bin/python3 scripts/build-order-anomaly-model.py` (numpy and onnx only; seeded,
  so the same files come out every time).

## Inputs and outputs

- Input `features`: float32 `[batch, {width}]`, built from the canonical order by the feature builders
  declared in `models.yaml` (in this order):

| feature | mean | std | weight (standardized) |
| --- | --- | --- | --- |
{weights}

  Bias: {bias}. `log_amount` is `log1p(sum(quantity x unitPrice.amount))` over the lines,
  `log_quantity` is `log1p(sum(quantity))`, `is_weekend` reads `orderedAt` in UTC, the one-hot columns
  are all zero for an unknown value, `number_length` is the length of the order number.
- Output `anomaly_score`: float32 `[batch, 1]`, the logistic probability that the order is anomalous.
  The graph standardizes the features itself (Sub, Mul), then MatMul, Add, Sigmoid.

## Data

Synthetic orders shaped like the ERP simulator's: 1-5 lines, 1-40 units a line, a 20-item catalogue
priced 0.50-250.00, numbers like `SO0000042`, four currencies, five statuses. About {rate:.0%} are
planted anomalies of three kinds: bulk spikes (1-2 lines of 60-600 units), price spikes (a line priced
300-5000), manual entries (`MAN-2024-000123` numbers, more weekends, more cancellations). 1% of labels
are flipped to model noisy review outcomes.

## Training and quality

Logistic regression, Newton/IRLS with an L2 penalty of 0.01, on {train_rows} orders; measured on
{test_rows} held-out orders ({test_anomalies} anomalous):

| metric | value |
| --- | --- |
| ROC AUC | {auc} |
| accuracy at 0.5 | {accuracy} (always "normal": {baseline_accuracy}) |
| precision at 0.5 | {precision} |
| recall at 0.5 | {recall} |

A threshold below 0.5 trades precision for recall; pick it from the review capacity.

## Limits

- Trained on synthetic data: it shows the mechanics end to end; retrain on reviewed real orders
  before trusting its scores.
- Linear: it cannot learn interactions (a large amount is normal for some customers). It knows nothing
  about the customer (credit limit, order history); those need features joined from other records.
- Test vectors (`{name}-{version}.test-vectors.json`): canonical orders, the features numpy computed
  for them and the scores numpy computed from the float32 weights; `test/inference` checks the feature
  builders and ONNX Runtime against them within 1e-5.
"""


def main() -> None:
    anomaly_rate = 0.07
    orders = [order(i + 1, rng.random() < anomaly_rate) for i in range(TRAIN + TEST)]
    x = np.array([features(o) for o in orders], dtype=np.float64)
    y = np.array([o["label"] for o in orders], dtype=np.float64)
    x_train, y_train, x_test, y_test = x[:TRAIN], y[:TRAIN], x[TRAIN:], y[TRAIN:]

    mean = x_train.mean(axis=0)
    std = x_train.std(axis=0)
    std[std == 0] = 1.0
    inv_std = 1.0 / std
    weights, bias = train((x_train - mean) * inv_std, y_train)

    def reference(rows: np.ndarray) -> np.ndarray:
        f = lambda a: np.asarray(a, dtype=np.float32).astype(np.float64)
        return sigmoid(((f(rows) - f(mean)) * f(inv_std)) @ f(weights) + f(bias))

    test_scores = reference(x_test)
    predicted = test_scores >= 0.5
    positives = int(y_test.sum())
    true_positive = int((predicted & (y_test == 1)).sum())
    metrics = {
        "auc": round(auc(test_scores, y_test), 4),
        "accuracy": round(float((predicted == (y_test == 1)).mean()), 4),
        "precision": round(true_positive / max(int(predicted.sum()), 1), 4),
        "recall": round(true_positive / max(positives, 1), 4),
        "baseline_accuracy": round(1 - positives / len(y_test), 4),
        "train_rows": TRAIN,
        "test_rows": TEST,
        "test_anomalies": positives,
    }

    os.makedirs(OUT, exist_ok=True)
    model_path = os.path.join(OUT, f"{NAME}-{VERSION}.onnx")
    export(mean, inv_std, weights, bias, model_path)

    samples = list(range(TRAIN, TRAIN + 24)) + [i for i in range(TRAIN, TRAIN + TEST) if orders[i]["label"]][:8]
    vectors = {
        "model": NAME,
        "version": VERSION,
        "features": FEATURES,
        "tolerance": 1e-5,
        "cases": [
            {
                "record": canonical(i, orders[i]),
                "features": [float(v) for v in x[i]],
                "score": float(reference(x[i : i + 1])[0]),
            }
            for i in samples
        ],
    }
    with open(os.path.join(OUT, f"{NAME}-{VERSION}.test-vectors.json"), "w") as handle:
        json.dump(vectors, handle, indent=1)
        handle.write("\n")

    weights_table = "\n".join(
        f"| `{feature}` | {mean[i]:.4f} | {std[i]:.4f} | {weights[i]:+.4f} |" for i, feature in enumerate(FEATURES)
    )
    card = MODEL_CARD.format(
        name=NAME,
        version=VERSION,
        size=os.path.getsize(model_path),
        width=len(FEATURES),
        weights=weights_table,
        bias=f"{bias:+.4f}",
        rate=anomaly_rate,
        **metrics,
    )
    card_path = os.path.join(OUT, f"{NAME}-{VERSION}.model-card.md")
    with open(card_path, "w") as handle:
        handle.write(card)
    vectors_path = os.path.join(OUT, f"{NAME}-{VERSION}.test-vectors.json")
    try:
        subprocess.run(["npx", "prettier", "--write", card_path, vectors_path], check=False, capture_output=True)
    except OSError:
        pass
    print(json.dumps(metrics))
    print(f"wrote {os.path.normpath(model_path)} ({os.path.getsize(model_path)} bytes)")


if __name__ == "__main__":
    main()
