//! The colours of zones, one place for every output that paints them (the workbook's
//! fills, the HTML report's rows, bars and map points).
//!
//! A zone whose name or title says a colour (`green`, `Зелёная зона`) gets that colour;
//! any other zone gets one of a palette by its order in the methodology.

/// A zone's two shades, as `0xRRGGBB`: a light one behind text (a table row, a workbook
/// cell), a strong one for marks (a bar, a point on the map).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneColour {
    /// Behind text.
    pub fill: u32,
    /// For a mark on a chart.
    pub strong: u32,
}

const GREEN: ZoneColour = ZoneColour {
    fill: 0xC6EFCE,
    strong: 0x2E9E4F,
};
const YELLOW: ZoneColour = ZoneColour {
    fill: 0xFFEB9C,
    strong: 0xE0A800,
};
const RED: ZoneColour = ZoneColour {
    fill: 0xFFC7CE,
    strong: 0xD64541,
};
const PALETTE: [ZoneColour; 5] = [
    ZoneColour {
        fill: 0xDDEBF7,
        strong: 0x3A78C2,
    },
    ZoneColour {
        fill: 0xFCE4D6,
        strong: 0xE07B39,
    },
    ZoneColour {
        fill: 0xE2EFDA,
        strong: 0x6A9F45,
    },
    ZoneColour {
        fill: 0xEDEDED,
        strong: 0x808080,
    },
    ZoneColour {
        fill: 0xFFF2CC,
        strong: 0xB8860B,
    },
];

/// The colour of the zone `name` (with its `title`), the `index`-th of the methodology.
pub fn colour(name: &str, title: &str, index: usize) -> ZoneColour {
    let text = format!("{name} {title}").to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["green", "зел"]) {
        GREEN
    } else if has(&["yellow", "жёлт", "желт", "amber"]) {
        YELLOW
    } else if has(&["red", "крас"]) {
        RED
    } else {
        PALETTE[index % PALETTE.len()]
    }
}

/// `#rrggbb`, as CSS and SVG write a colour.
pub fn css(rgb: u32) -> String {
    format!("#{rgb:06x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_named_for_a_colour_gets_it_in_either_language() {
        assert_eq!(colour("green", "", 2), GREEN);
        assert_eq!(colour("z1", "Зелёная зона", 2), GREEN);
        assert_eq!(colour("жёлтая", "", 0), YELLOW);
        assert_eq!(colour("red", "Красная зона", 0), RED);
        assert_eq!(colour("a", "Лидеры", 1), PALETTE[1]);
        assert_eq!(colour("a", "", 6), PALETTE[1]);
        assert_eq!(css(0x2E9E4F), "#2e9e4f");
    }
}
