//! The run's stages on the ПОС example (methodologies/pos/pos-2025-tables.metodika, 85 regions,
//! two inputs): reading the inputs, the whole run, and the run with its CSV output; and
//! the rank correlations `diff` reports, on two rankings of a million units.
//! `cargo bench --bench run`.

use criterion::{criterion_group, criterion_main, Criterion};
use metodika::{diff, engine, load, report};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("methodologies/pos/pos-2025-tables.metodika");
    let opts = load::options_for(&path);
    let m = load::load_file(&path, &opts)
        .ok()
        .and_then(|l| l.methodology)
        .expect("the ПОС example checks");
    c.bench_function("ПОС: read the inputs", |b| {
        b.iter(|| engine::load(&m, &opts).unwrap())
    });
    c.bench_function("ПОС: run (read, plan, collect)", |b| {
        b.iter(|| engine::run_columns(&m, &opts, false).unwrap())
    });
    c.bench_function("ПОС: run and write the CSV", |b| {
        b.iter(|| {
            let cols = engine::run_columns(&m, &opts, false).unwrap();
            let mut out = Vec::new();
            report::write_csv(&cols, false, &mut out).unwrap();
            out
        })
    });
    // two rankings of a million units: the second moves every unit a pseudo-random
    // distance, with ties (places shared in blocks of three)
    let n = 1_000_000u64;
    let old: Vec<f64> = (0..n).map(|i| (i / 3) as f64).collect();
    let new: Vec<f64> = (0..n)
        .map(|i| ((i ^ ((i.wrapping_mul(0x9E37_79B9) >> 7) % 5000)) / 3) as f64)
        .collect();
    let mut g = c.benchmark_group("diff");
    g.sample_size(10);
    g.bench_function("diff: Kendall's τ-b, 1,000,000 units", |b| {
        b.iter(|| diff::kendall_tau_b(&old, &new).unwrap())
    });
    g.bench_function("diff: Spearman's ρ, 1,000,000 units", |b| {
        b.iter(|| diff::spearman(&old, &new).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
