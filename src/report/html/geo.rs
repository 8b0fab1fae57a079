//! The map of the report: each region a point at its administrative centre.
//!
//! The centres' coordinates are the project's reference data (`regions.csv` beside this
//! file, from `shared/reference/ru-regions.csv`: the region and city registers published
//! by HFLabs, CC BY-SA 4.0, data by DaData.ru), built into the binary so that a report
//! needs no file and no network. A region of a ranking is found by its key (the two-digit
//! subject code, or the ISO 3166-2 code) or by its name (full or short, letter case and
//! `ё`/`е` aside); a ranking in which fewer than half the regions are found has no map.
//!
//! The projection is Lambert's conformal conic with standard parallels 52° and 64° N and
//! central meridian 100° E — the usual one for maps of Russia — scaled to fit the frame
//! with the same scale on both axes (docs/reports.md gives the formula; the browser test
//! recomputes it).

use super::svg::{Point, Svg, A};

/// A short name as a page writes it: the register's `Саха /Якутия/` as «Саха (Якутия)»,
/// a hyphen between spaces as a dash («Северная Осетия — Алания»), `Автономный округ` in
/// lower case, as the Constitution's list writes the regions.
pub fn written(short: &str) -> String {
    let mut s = short.replace(" - ", " — ");
    if let (Some(a), Some(b)) = (s.find(" /"), s.rfind('/')) {
        if b > a + 2 && s.ends_with('/') {
            s = format!("{} ({})", &s[..a], &s[a + 2..b]);
        }
    }
    s.replace("Автономный округ", "автономный округ")
        .replace("Автономная область", "автономная область")
}

/// A region of the reference data.
pub struct Place {
    pub code: &'static str,
    pub name: &'static str,
    pub short_name: &'static str,
    pub iso: &'static str,
    /// The administrative centre, whose coordinates these are.
    #[cfg_attr(not(test), allow(dead_code))]
    pub capital: &'static str,
    pub lat: f64,
    pub lon: f64,
}

const DATA: &str = include_str!("regions.csv");

/// The 85 regions of the reference data.
pub fn places() -> Vec<Place> {
    DATA.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            Some(Place {
                code: f.first()?,
                name: f.get(1)?,
                short_name: f.get(2)?,
                iso: f.get(3)?,
                capital: f.get(4)?,
                lat: f.get(5)?.parse().ok()?,
                lon: f.get(6)?.parse().ok()?,
            })
        })
        .collect()
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

/// The reference region of a ranking's region, by key or name.
pub fn find<'p>(places: &'p [Place], key: &str, label: &str) -> Option<&'p Place> {
    let (k, l) = (norm(key), norm(label));
    let code = if k.len() == 1 && k.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{k}")
    } else {
        k.clone()
    };
    places
        .iter()
        .find(|p| p.code == code || norm(p.iso) == k)
        .or_else(|| {
            places
                .iter()
                .find(|p| !l.is_empty() && (norm(p.name) == l || norm(p.short_name) == l))
        })
}

/// Lambert's conformal conic projection of (`lat`, `lon`) in degrees: (x, y) with y up,
/// on a sphere of radius 1.
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    let r = f64::to_radians;
    let (p1, p2, p0, l0) = (r(52.0), r(64.0), r(60.0), r(100.0));
    let t = |p: f64| (std::f64::consts::FRAC_PI_4 + p / 2.0).tan();
    let n = (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln();
    let f = p1.cos() * t(p1).powf(n) / n;
    let rho = |p: f64| f / t(p).powf(n);
    let theta = n * (r(lon) - l0);
    let x = rho(r(lat)) * theta.sin();
    let y = rho(p0) - rho(r(lat)) * theta.cos();
    (x, y)
}

/// The map's frame.
pub const WIDTH: f64 = 900.0;
pub const HEIGHT: f64 = 470.0;
const PAD: f64 = 24.0;
const LABEL_ROOM: f64 = 70.0;

/// A region on the map.
pub struct MapPoint<'a> {
    pub point: Point<'a>,
    pub lat: f64,
    pub lon: f64,
    /// The short name, written beside the point.
    pub short: String,
}

/// The map: a point per region at its centre, in its zone's colour, its place and score
/// on hover.
pub fn map(points: &[MapPoint], label: &str) -> String {
    // the frame fits every region of the reference data, so that maps of two rankings
    // put a region at the same spot
    let all: Vec<(f64, f64)> = places().iter().map(|p| project(p.lat, p.lon)).collect();
    let (x0, x1) = bounds(all.iter().map(|p| p.0));
    let (y0, y1) = bounds(all.iter().map(|p| p.1));
    // (room on the right for the easternmost labels)
    let scale =
        ((WIDTH - 2.0 * PAD - LABEL_ROOM) / (x1 - x0)).min((HEIGHT - 2.0 * PAD) / (y1 - y0));
    let mut s = Svg::new(WIDTH, HEIGHT, "map", label);
    s.el(
        "rect",
        &[
            ("x", A::N(0.0)),
            ("y", A::N(0.0)),
            ("width", A::N(WIDTH)),
            ("height", A::N(HEIGHT)),
            ("fill", A::T("#f4f7fa")),
        ],
        None,
    );
    // a label is written where it overlaps no point and no label written before it (the
    // points come in the ranking's order: the leaders are labelled first)
    let at = |p: &MapPoint| {
        let (x, y) = project(p.lat, p.lon);
        (PAD + (x - x0) * scale, HEIGHT - PAD - (y - y0) * scale)
    };
    let dots: Vec<(f64, f64)> = points.iter().map(at).collect();
    let mut taken: Vec<[f64; 4]> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let (cx, cy) = dots[i];
        s.group(&[("class", A::T("region"))]);
        s.el(
            "circle",
            &[
                ("class", A::T("point")),
                ("data-key", A::T(p.point.key)),
                ("data-lat", A::S(super::svg::exact(p.lat))),
                ("data-lon", A::S(super::svg::exact(p.lon))),
                ("cx", A::N(cx)),
                ("cy", A::N(cy)),
                ("r", A::N(6.5)),
                ("fill", A::T(&p.point.colour)),
                ("stroke", A::T("#ffffff")),
                ("stroke-width", A::N(1.0)),
            ],
            Some(&p.point.hover),
        );
        let label = [
            cx + 8.0,
            cy - 5.0,
            cx + 8.0 + 4.6 * p.short.chars().count() as f64,
            cy + 5.0,
        ];
        let overlaps =
            |b: &[f64; 4]| label[0] < b[2] && b[0] < label[2] && label[1] < b[3] && b[1] < label[3];
        let on_a_dot = dots
            .iter()
            .enumerate()
            .any(|(j, &(x, y))| j != i && overlaps(&[x - 6.5, y - 6.5, x + 6.5, y + 6.5]));
        if !on_a_dot && !taken.iter().any(overlaps) {
            taken.push(label);
            s.text(
                &[
                    ("x", A::N(cx + 8.0)),
                    ("y", A::N(cy + 3.0)),
                    ("font-size", A::N(8.0)),
                    ("fill", A::T("#445")),
                ],
                &p.short,
            );
        }
        s.close_group();
    }
    s.finish()
}

fn bounds(v: impl Iterator<Item = f64>) -> (f64, f64) {
    v.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_names_as_a_page_writes_them() {
        assert_eq!(super::written("Саха /Якутия/"), "Саха (Якутия)");
        assert_eq!(
            super::written("Ханты-Мансийский Автономный округ - Югра"),
            "Ханты-Мансийский автономный округ — Югра"
        );
        assert_eq!(super::written("Адыгея"), "Адыгея");
    }

    use super::*;

    #[test]
    fn every_reference_region_is_read_and_found_by_code_iso_and_name() {
        let p = places();
        assert_eq!(p.len(), 85);
        assert_eq!(find(&p, "77", "").map(|x| x.capital), Some("Москва"));
        assert_eq!(find(&p, "1", "").map(|x| x.code), Some("01"));
        assert_eq!(find(&p, "RU-AD", "").map(|x| x.code), Some("01"));
        assert_eq!(
            find(&p, "x", "Республика Адыгея").map(|x| x.code),
            Some("01")
        );
        assert_eq!(find(&p, "x", "адыгея").map(|x| x.code), Some("01"));
        assert!(find(&p, "DEU", "Germany").is_none());
    }

    #[test]
    fn the_projection_keeps_north_up_and_east_right() {
        let (mx, my) = project(55.75, 37.62); // Moscow
        let (vx, vy) = project(43.12, 131.89); // Vladivostok
        let (ax, ay) = project(64.54, 40.54); // Arkhangelsk
        assert!(vx > mx, "Vladivostok is east of Moscow");
        assert!(ay > my, "Arkhangelsk is north of Moscow");
        assert!(vy < my, "Vladivostok is south of Moscow");
        assert!(ax > mx, "Arkhangelsk is a little east of Moscow");
        // the central meridian is vertical
        assert!(project(50.0, 100.0).0.abs() < 1e-12);
    }
}
