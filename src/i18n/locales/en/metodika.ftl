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

## the command line

cli-wrote = wrote { $file } ({ $what })
cli-no-region = no region has the key `{ $key }`
