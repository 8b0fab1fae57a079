//! `check` of a 500-line methodology (benches/check-500.metodika): parse, parse + check
//! (column names read from the CSV headers), and fmt. `cargo bench --bench check`.

use criterion::{criterion_group, criterion_main, Criterion};
use metodika::load::{self, FileHeaders};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/check-500.metodika");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut opts = load::options_for(&path);
    // its data is the ПОС example's, in another directory
    opts.allow_outside = true;
    c.bench_function("parse 500 lines", |b| {
        b.iter(|| metodika::syntax::parse(black_box(&text)).unwrap())
    });
    c.bench_function("parse + check 500 lines", |b| {
        b.iter(|| {
            let file = metodika::diag::SourceFile::new("check-500.metodika", text.as_str());
            let l = load::load_text(file, &FileHeaders { opts: &opts });
            assert!(l.methodology.is_some());
            l
        })
    });
    let module = metodika::syntax::parse(&text).unwrap();
    c.bench_function("fmt 500 lines", |b| {
        b.iter(|| metodika::fmt::format(black_box(&module), &text))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
