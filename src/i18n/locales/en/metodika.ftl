# metodika's messages in English. Every message here has its Russian twin in
# ../ru/metodika.ftl with the same placeables (tests/it/i18n.rs holds them equal).

## counts, with the plural forms of the language

count-places = { $n ->
    [one] { $n } place
   *[other] { $n } places
}
count-points = { $n ->
    [one] { $n } point
   *[other] { $n } points
}
count-regions = { $n ->
    [one] { $n } region
   *[other] { $n } regions
}
count-values = { $n ->
    [one] { $n } value
   *[other] { $n } values
}
count-replications = { $n ->
    [one] { $n } replication
   *[other] { $n } replications
}
count-runs = { $n ->
    [one] { $n } run
   *[other] { $n } runs
}
count-periods = { $n ->
    [one] { $n } period
   *[other] { $n } periods
}

# the decimal separator of numbers written for people
number-decimal = .

## the ranking as a table (CSV and JSON keep their stable English names)

col-place = place
col-key = key
col-region = region
col-score = score
col-zone = zone
col-not-ranked = not ranked

## explain

explain-not-ranked = not ranked: { $reason }
explain-place = place { $place } of { $ranked } ({ $ties } ties), score { $score }
explain-zone = , zone { $zone } ({ $title })
explain-above = above:
explain-this = this:
explain-below = below:
explain-tie-decided = tie on score with { $key } ({ $label }): decided by `{ $by }` — { $mine } against { $theirs }
explain-shares-place = shares place { $place } with { $key } ({ $label }): equal on the score
explain-shares-place-tb = shares place { $place } with { $key } ({ $label }): equal on the score and every tie-breaker
explain-equal-by-key = equal with { $key } ({ $label }) on the score; ordered by key (`ties { $ties }`)
explain-equal-by-key-tb = equal with { $key } ({ $label }) on the score and every tie-breaker; ordered by key (`ties { $ties }`)
explain-weight-percent = weight { $w }%
explain-weight-relative = weight { $w }/{ $total }
explain-weight-equal = weight 1/{ $n }
explain-added-as-is = added as is
explain-raw = raw { $value }
explain-raw-missing = raw (missing)
explain-value = value { $value }
explain-missing-policy = missing → { $policy }
explain-contributes = contributes { $value }
explain-agg-count-of = { $text }: { $kept } of { $of } { $records }
explain-agg-count = { $text }: { $kept } { $records }
explain-agg-share = { $text }: { $kept } of { $of } { $records } = { $value }
explain-agg-value = { $text } = { $value } ({ $values }, of { $of } { $records })

## diff

diff-col-move = move
diff-col-old = old
diff-col-new = new
diff-col-key = key
diff-col-region = region
diff-col-old-score = old score
diff-col-new-score = new score
diff-col-zone = zone
diff-col-changes = largest changes (points)
diff-excluded = excl.
diff-absent = absent
diff-no-changes = methodology: no changes
diff-changes = methodology changes ({ $n }):
diff-md-changes = Methodology changes
diff-md-none = none
diff-md-consequences = Consequences
diff-md-moved = Regions that moved
diff-summary = { $regions }: { $up } up, { $down } down, { $unchanged } unchanged
diff-one-side = , { $n } ranked on one side only
diff-neither = , { $n } not ranked on either side
diff-renumbered = { $regions } with the same regions ahead but another place number (ties formed or broken above)
diff-correlations = Spearman's ρ = { $rho }, Kendall's τ-b = { $tau }; top 10: { $kept } of { $old } stay (new top 10 has { $new })
diff-largest-up = largest moves up: { $list }
diff-largest-down = largest moves down: { $list }
diff-zones-none = zone changes: none
diff-zones = zone changes ({ $n }): { $list }

## the HTML pages (headings in the methodology's language)

html-version = Version
html-effective = In effect from
html-period = Period
html-notes = Notes
html-run-notes = Notes of the run
html-ranking = Ranking
html-place = Place
html-region = Region
html-key = Key
html-score = Score
html-zone = Zone
html-zones = Zones
html-regions-in-zone = regions
html-excluded = Excluded
html-exclusions = Not ranked
html-reason = Reason
html-no-exclusions = Every region is ranked.
html-scores-chart = Scores
html-map = Map
html-map-note = A point is the region's administrative centre; its colour, the zone; place and score on hover.
html-map-missing = Not on the map
html-no-map = The regions of this ranking are not in the reference list of Russia's regions: no map.
html-blocks = Blocks
html-points-of = of
html-explanations = How each region's score is made
html-explanations-note = Open a region to see what its score is made of.
html-sort-note = Click a column's heading to sort the table.
html-made-by = Report made by
html-places-word = places
html-points-word = points
html-diff-title = What the revision changes
html-old = Old
html-new = New
html-changes = Changes to the methodology
html-no-changes = The methodology is the same: the data differ.
html-summary = Summary
html-moved-up = moved up
html-moved-down = moved down
html-unchanged = unchanged
html-spearman = Spearman's ρ
html-kendall = Kendall's τ-b
html-top10 = Stayed in the top 10
html-slope = Places: old → new
html-scatter = Scores: old and new
html-scatter-note = A point above the diagonal: the score rose.
html-biggest-moves = The biggest moves
html-moved = Moved
html-why = What moved it
html-all-regions = Every region
html-old-place = Old place
html-new-place = New place
html-old-score = Old score
html-new-score = New score
html-uncertainty-title = How solid the places are
html-replications = Replications
html-nominal-place = Place
html-median-place = Median place
html-interval = 5–95%
html-mean-score = Mean score
html-top-n = In the top
html-intervals-chart = Place intervals
html-intervals-note = A line: the places of 90% of the replications; a dot, the median; a diamond, the methodology's place.
html-map-source = Coordinates of the administrative centres: HFLabs' region and city registers (CC BY-SA 4.0, data by DaData.ru).

## the command line

cli-wrote = wrote { $file } ({ $what })
cli-no-region = no region has the key `{ $key }`
