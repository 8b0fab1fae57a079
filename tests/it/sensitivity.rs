//! `metodika sensitivity`: Sobol' indices equal to SALib's on the same outputs, and as a
//! user runs it.

use crate::util::root;
use metodika::engine::sensitivity::{sensitivity, Output};
use metodika::sensitivity::{design, runs, sobol, Indices};
use std::process::Command;

/// SALib's first-order and total indices of outputs `y` (its layout, no second order).
fn salib(y: &[f64], d: usize) -> (Vec<f64>, Vec<f64>) {
    let py = crate::example::peers_python();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("y.txt");
    let text: String = y.iter().map(|v| format!("{v:e}\n")).collect();
    std::fs::write(&file, text).unwrap();
    let script = "import sys, json, numpy as np\n\
                  from SALib.analyze import sobol\n\
                  y = np.loadtxt(sys.argv[1]); d = int(sys.argv[2])\n\
                  p = {'num_vars': d, 'names': ['x%d' % i for i in range(d)], 'bounds': [[0, 1]] * d}\n\
                  s = sobol.analyze(p, y, calc_second_order=False, num_resamples=10, seed=1)\n\
                  print(json.dumps({'S1': [float(v) for v in s['S1']], 'ST': [float(v) for v in s['ST']]}))\n";
    let o = Command::new(&py)
        .args(["-c", script])
        .arg(&file)
        .arg(d.to_string())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let v = |k: &str| {
        j[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    (v("S1"), v("ST"))
}

fn assert_as_salib(ours: &[Indices], y: &[f64], what: &str) {
    let (s1, st) = salib(y, ours.len());
    for (j, ix) in ours.iter().enumerate() {
        assert!(
            (ix.first - s1[j]).abs() < 1e-9,
            "{what}: S{j} {} against SALib's {}",
            ix.first,
            s1[j]
        );
        assert!(
            (ix.total - st[j]).abs() < 1e-9,
            "{what}: T{j} {} against SALib's {}",
            ix.total,
            st[j]
        );
    }
}

/// The estimates equal SALib's on the same outputs to 1e-9: of the ПОС example's
/// methodology (its mean shift of places, and one region's place), of the Ishigami
/// function, and of a linear model of ten factors.
#[test]
fn the_indices_are_salibs() {
    let p = root().join("methodologies/pos/pos-2025-tables.metodika");
    let opts = metodika::load::options_for(&p);
    let m = metodika::load::load_file(&p, &opts)
        .unwrap()
        .methodology
        .unwrap();
    let s = sensitivity(&m, &opts, 64, None, None, &|_| {}).unwrap();
    assert_eq!(s.output, Output::MeanShift);
    assert_eq!(
        s.factors,
        [
            "weights",
            "normalize response_days",
            "normalize satisfaction"
        ]
    );
    assert_eq!(s.y.len(), 64 * 5);
    assert!(s.variance > 0.0);
    assert_as_salib(&s.indices, &s.y, "ПОС, mean shift");
    let s = sensitivity(&m, &opts, 64, Some(3), Some("28"), &|_| {}).unwrap();
    assert!(matches!(&s.output, Output::Place(k, _) if k == "28"));
    assert_as_salib(&s.indices, &s.y, "ПОС, place of 28");

    let pi = std::f64::consts::PI;
    let (a, b) = design(500, 3, 5);
    let y: Vec<f64> = runs(&a, &b)
        .iter()
        .map(|u| {
            let x: Vec<f64> = u.iter().map(|u| -pi + 2.0 * pi * u).collect();
            x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
        })
        .collect();
    assert_as_salib(&sobol(&y, 3, 10, 1), &y, "Ishigami");
    let (a, b) = design(300, 10, 9);
    let y: Vec<f64> = runs(&a, &b)
        .iter()
        .map(|x| {
            x.iter()
                .enumerate()
                .map(|(j, x)| (j as f64 + 1.0) * x)
                .sum()
        })
        .collect();
    assert_as_salib(&sobol(&y, 10, 10, 1), &y, "linear");
}

/// As a user runs it: the same bytes whatever the thread count; every format; an
/// unknown region (R002), no block, a design too small.
#[test]
fn the_command_line() {
    let p = root().join("methodologies/pos/pos-2025-tables.metodika");
    let run = |args: &[&str], threads: &str| {
        crate::util::bin()
            .arg("sensitivity")
            .arg(&p)
            .args(args)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap()
    };
    let a = run(&["--runs", "100", "--format", "csv"], "1");
    let b = run(&["--runs", "100", "--format", "csv"], "2");
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    let csv = String::from_utf8(a.stdout).unwrap();
    assert!(
        csv.starts_with("factor,first,first_ci,total,total_ci\nweights,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4);
    let t = String::from_utf8(run(&["--runs", "100", "--region", "28"], "2").stdout).unwrap();
    assert!(
        t.contains("how the place of 28 Амурская область depends on 3 uncertain choices"),
        "{t}"
    );
    assert!(t.contains("N = 100 (500 runs)"), "{t}");
    let j: serde_json::Value =
        serde_json::from_slice(&run(&["--runs", "50", "--format", "json"], "2").stdout).unwrap();
    assert_eq!(j["runs"], 250);
    assert_eq!(j["factors"].as_array().unwrap().len(), 3);
    let md = String::from_utf8(run(&["--runs", "50", "--format", "markdown"], "2").stdout).unwrap();
    assert!(md.contains("| choice | first order | total |"), "{md}");
    let o = run(&["--runs", "50", "--region", "999"], "2");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error[R002]: no region `999`"));
    let o = run(&["--runs", "1"], "2");
    assert_eq!(o.status.code(), Some(2));
    let none = root().join("methodologies/pos/pos-2025.metodika");
    let o = crate::util::bin()
        .arg("sensitivity")
        .arg(&none)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no `uncertainty` block"));
}

/// The sensitivity section of docs/uncertainty.md: the ПОС example's block, as printed.
#[test]
fn golden_sensitivity_of_the_example() {
    let text = crate::uncertainty::golden_command("sensitivity", "pos-2025-tables-sensitivity.txt");
    let doc = std::fs::read_to_string(root().join("docs/uncertainty.md")).unwrap();
    for line in text.lines() {
        assert!(
            doc.contains(line),
            "docs/uncertainty.md should quote:\n{line}"
        );
    }
}
