"""The scikit-learn figure of `irmlab bench`: one epoch of SGDClassifier (logistic loss) on
one-hot features of the benchmark's shape (customer, item and each context dimension one-hot,
so rows x (customers + items + dims*levels), one nonzero per field), skewed like bench-data.ts.
Prints one JSON line: rows, seconds (fit only), rowsPerSecond, sklearn version.
Run by src/node/bench/sklearn-sgd.ts with Debian's /usr/bin/python3 (python3-sklearn)."""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import SGDClassifier

rows, customers, items, dims, levels, seed = (int(a) for a in sys.argv[1:7])
rng = np.random.default_rng(seed)
u = np.floor(customers * rng.random(rows) ** 2).astype(np.int32)
i = np.floor(items * rng.random(rows) ** 2).astype(np.int32)
cols = [u, customers + i]
base = customers + items
for j in range(dims):
    cols.append(base + j * levels + rng.integers(0, levels, rows, dtype=np.int32))
fields = len(cols)
indices = np.stack(cols, axis=1).reshape(-1)
indptr = np.arange(0, rows * fields + 1, fields, dtype=np.int64)
X = sp.csr_matrix((np.ones(rows * fields, dtype=np.float64), indices, indptr), shape=(rows, base + dims * levels))
logit = -0.5 + 0.5 * rng.standard_normal(customers)[u] + 0.5 * rng.standard_normal(items)[i]
y = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(np.int8)
model = SGDClassifier(loss="log_loss", max_iter=1, tol=None, shuffle=False, random_state=seed)
start = time.perf_counter()
model.fit(X, y)
seconds = time.perf_counter() - start
print(json.dumps({"rows": rows, "seconds": seconds, "rowsPerSecond": round(rows / seconds), "sklearn": sklearn.__version__}))
