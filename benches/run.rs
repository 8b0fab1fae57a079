//! The run's stages on the ПОС example (methodologies/pos/pos-2025.metodika, 85 regions,
//! two inputs): reading the inputs, the whole run, and the run with its CSV output.
//! `cargo bench --bench run`.

use criterion::{criterion_group, criterion_main, Criterion};
use metodika::{engine, load, report};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("methodologies/pos/pos-2025.metodika");
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
