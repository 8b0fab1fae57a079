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

## the command line

cli-wrote = wrote { $file } ({ $what })
cli-no-region = no region has the key `{ $key }`
