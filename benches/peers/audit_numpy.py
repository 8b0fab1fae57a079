"""The figures of `metodika audit`, computed independently with pandas and numpy.

Usage: audit_numpy.py DETAIL.csv AUDIT.json

DETAIL.csv is `metodika run --detail --format csv` of the same methodology (the values of
every step, region by region); AUDIT.json is `metodika audit --format json`, of which only
the structure is read (which members each block has), never a figure. Prints, as JSON,
each figure computed here the way its source defines it:

- statistics: pandas' mean, std (ddof 1), min, max, skew() and kurt() — the adjusted
  Fisher-Pearson skewness and the excess kurtosis of Excel's SKEW and KURT, e1071 type 2;
- correlations: pandas' Series.corr, Pearson and Spearman, over the pairs present;
- Cronbach's alpha as COINr's get_cronbach: k^2 * mean(off-diagonal) / sum(all) of the
  pairwise covariance matrix (pandas' DataFrame.cov), or of the correlation matrix;
- the first principal component as COINr's get_PCA: the complete rows, numpy's eigh of
  their correlation matrix, the top eigenvector signed to sum to 0 or more;
- importance: each indicator's squared Pearson correlation with the score, rescaled to 1.
"""

import json
import sys

import numpy as np
import pandas as pd


def f(x):
    return None if x is None or pd.isna(x) else float(x)


def main():
    detail = pd.read_csv(sys.argv[1], dtype={"key": str})
    audit = json.load(open(sys.argv[2], encoding="utf-8"))
    ranked = detail[detail["place"].notna()].reset_index(drop=True)

    def values(member):
        if member["kind"] == "indicator":
            return ranked[member["name"] + ".normalized"]
        if member["name"] == "score":
            return ranked["score"]
        return ranked["group." + member["name"]]

    def describe(s):
        x = s.dropna()
        return {
            "n": int(len(x)),
            "mean": f(x.mean()),
            "sd": f(x.std(ddof=1)),
            "min": f(x.min()),
            "max": f(x.max()),
            "zeros": int((x == 0).sum()),
            "skewness": f(x.skew()),
            "kurtosis": f(x.kurt()),
        }

    out = {"indicators": {}, "blocks": {}, "importance": {}}
    for ind in audit["indicators"]:
        name = ind["name"]
        out["indicators"][name] = {
            "raw": describe(ranked[name + ".raw"]),
            "normalized": describe(ranked[name + ".normalized"]),
        }
    for b in audit["blocks"]:
        cols = pd.DataFrame({m["name"]: values(m) for m in b["members"]})
        own = values(b)
        k = cols.shape[1]
        names = list(cols.columns)
        pearson = [[f(cols[a].corr(cols[c])) for c in names] for a in names]
        spearman = [[f(cols[a].corr(cols[c], method="spearman")) for c in names] for a in names]
        cov = cols.cov().to_numpy()
        corr = cols.corr().to_numpy()

        def alpha(m):
            total = m.sum()
            off = (total - np.trace(m)) / (k * (k - 1))
            return float(k * k * off / total)

        complete = cols.dropna()
        w, v = np.linalg.eigh(np.corrcoef(complete.to_numpy(), rowvar=False))
        top = int(np.argmax(w))
        vec = v[:, top]
        if vec.sum() < 0:
            vec = -vec
        out["blocks"][b["name"]] = {
            "pearson": pearson,
            "spearman": spearman,
            "with_block": [f(cols[a].corr(own)) for a in names],
            "with_score": [f(cols[a].corr(ranked["score"])) for a in names],
            "alpha": alpha(cov),
            "alpha_standardized": alpha(corr),
            "pc1_share": float(w[top] / k),
            "loadings": [float(x) for x in vec],
        }
    r2 = {
        ind["name"]: ranked[ind["name"] + ".normalized"].corr(ranked["score"]) ** 2
        for ind in audit["indicators"]
    }
    total = sum(r2.values())
    out["importance"] = {k: float(v / total) for k, v in r2.items()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
