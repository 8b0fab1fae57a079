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
explain-outlier-winsorized = an outlier: replaced by { $value }
explain-outlier-log = outlier rule: ln(x − min + 0.01·(max − min))
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
diff-summary = { $regions }: { $up } up, { $down } down, { $unchanged } unchanged
diff-one-side = , { $n } ranked on one side only
diff-neither = , { $n } not ranked on either side
diff-renumbered = { $regions } with the same regions ahead but another place number (ties formed or broken above)
diff-correlations = Spearman's ρ = { $rho }, Kendall's τ-b = { $tau }
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

## the checker: groups and weights

e103-message = unknown indicator or group `{ $name }`
e103-label = not defined
e103-help = members are indicators or groups defined in this file
e206-message = `{ $name }` is a member twice
e206-label = second membership
e206-related = already a member here
e206-help = each indicator and group belongs to exactly one group; split its weight into one place
e207-message = `{ $group }` has no members
e207-label = empty
e207-help = list the indicators or groups it is made of
e302-message = points and weights are mixed in one group in `{ $group }`
e302-help = give every member `points N`, or every member `weight`
e303-message = percentage and relative weights are mixed in `{ $group }`
e303-help = give every member `weight N%` (adding up to 100%) or every member a relative `weight N`
e307-message = some members have a weight and some do not in `{ $group }`
e307-help = give every member a weight, or none (equal weights)
weight-here = { $what } here
e304-message = a weight must be a positive number
e304-label = not a positive weight
e304-help = remove the member rather than giving it no weight; points are plain numbers
e301-message = the weights of `{ $group }` add up to { $sum }, not 100%
e301-label = weights add up to { $sum }
e301-help-add = weights add up to { $sum }; add { $rest } to reach 100%
e301-help-take = weights add up to { $sum }; take away { $rest } to reach 100%
e305-message = points are summed, but `{ $group }` is aggregated by `{ $aggregation }`
e305-label = not `sum`
e305-help = remove the aggregation (points are summed), or use weights instead of points
w004-message = `{ $group }` takes the smallest member; its weights are not used
w004-label = weights are ignored
w004-help = remove the weights, or aggregate by `mean`

## the checker: ranking and zones

e111-round-message = `round` takes a whole number of decimals from 0 to 15
e111-round-label = out of range
e111-round-help = `round 0` rounds the score to whole points before ranking
e502-message = a tie-breaker must be a number, found a condition
e502-label = a condition does not order regions
e502-help = break ties by an indicator, a group, or a column: `then satisfaction desc`
e503-message = a tie-breaker needs `asc` or `desc`
e503-label = which way?
e503-help = write `{ $tb } desc` if larger wins, `{ $tb } asc` if smaller wins
e602-unreachable = zone `{ $zone }` can never be reached
e602-after-catch-all = after the catch-all zone
e602-catch-all-here = every remaining region is already placed here
e602-catch-all-help = the zone that takes all remaining regions must come last
e602-overlaps = zone `{ $zone }` overlaps the zone before it
e602-overlaps-label = every region with score ≥ { $threshold } is already in an earlier zone
e602-overlaps-related = this zone takes them first
e602-overlaps-help = zones are tried in order: list thresholds from the highest down
e602-taken = places 1 to { $n } are already taken
e602-taken-related = by this zone
e602-taken-help = use `next N` for the places after an earlier zone
e111-places-message = a number of places must be a whole number from 1
e111-places-label = not a whole positive number
e111-places-help = `top 20` takes places 1 to 20
e603-message = `next` must follow a `top` or `next` zone
e603-label = next after what?
e603-help = start with `top N`, then `next M` takes the M places after it
e601-message = the zones may leave regions out
e601-label = a region that matches no zone would have none
e601-help = end with a zone that takes the rest: `{ $zone } "…" otherwise`

## the checker: the file's items

did-you-mean = did you mean `{ $name }`?
e105-second-header = a second `methodology` header
e105-second-header-label = second header
e105-first-header = first header here
e105-second-header-help = a file describes one methodology; merge the two headers
e201-message = the file has no `methodology` header
e201-label = expected before this
e201-help = start the file with `methodology "Title" {"{"} key region_code {"}"}`
e202-message = the header does not name the key column
e202-label = this methodology has no `key`
e202-help = add `key region_code`: the column that identifies a region in every input
e105-second-score = a second `score`
e105-second-score-label = second score
e105-first-score = first score here
e105-second-score-help = a methodology has one score; make the other a `group`
e205-message = the methodology has no `score`
e205-label = nothing says how the score is made
e205-help = add `score "Итоговый балл" {"{"} group_a  group_b {"}"}` naming the top-level members
w001-message = indicator `{ $name }` is never used in the score
w001-label = not a member of any group
w001-help = add it to a group, or delete it if it is no longer part of the methodology
w002-message = group `{ $name }` is never used in the score
w002-label = not a member of the score or of any group
w002-help = add it to the score or to another group
e105-second-block = a second `{ $keyword }` block
e105-second-block-label = second
e105-first-block = first here
e105-second-block-help = merge the two blocks
e105-twice = `{ $name }` is defined twice
e105-label-input = this input has the name
e105-label-indicator = this indicator has the name
e105-label-group = this group has the name
e105-label-zone = this zone has the name
e105-first-defined = first defined here
e105-twice-help = rename one of them: indicators, groups and inputs each need a unique name
e204-message = `{ $keyword }` is given twice
e204-label = second time
e204-first = first given here
e204-help = keep one `{ $keyword }`
e102-message = input `{ $input }` has no column `{ $column }`
e102-label = no such column
e102-columns = its columns are: { $columns }

## the checker: inputs and revisions

e112-message = `{ $date }` is not a date
e112-label = no such day
e112-help = dates are written YYYY-MM-DD: `2025-01-01`
e120-not-read = the base `{ $base }` is not read here
e120-not-read-label = a revision of another methodology
e120-not-read-help = a revision is checked with its base when read from its file: `metodika check FILE`
e121-no-base = `{ $what }` of `{ $name }`: this methodology extends no other
e121-no-base-label = a revision of a base
e121-no-base-help = name the base in the header: `extends "pos-2025.metodika"`
e203-no-input = the methodology has no input
e203-no-input-label = no `input` in this file
e203-no-input-help = add `input current "data/regions.csv"`
e113-message = input `{ $input }` is outside the methodology's directory
e113-help = keep the data beside the methodology, or allow it: `--input { $input }=PATH` or `--allow-outside`
w003-message = the columns of input `{ $input }` could not be read
w003-help = its column names are not checked; `run` will need the file
key-column-related = every input needs the key column

## the command line's help (clap shows it; the examples are run by the tests)

help-long-about = metodika reads a rating methodology written as a *.metodika file, checks it, runs it over regional data and ranks the regions.
help-about = Check, format and run regional rating methodologies
help-arg-color = Colour in diagnostics: auto, always or never
help-arg-allow-outside = Let a methodology's input paths leave its directory (absolute paths, `..`, links)
help-arg-lang = The language of tables and explanations: `ru` or `en` (by default METODIKA_LANG, then the locale: LC_ALL, LC_MESSAGES, LANG)
help-check = Check methodology files and report every problem in them
help-check-format = `text` for people, `json` for editors and CI, `github`, `gitlab`, `sarif` or `junit` for review tools
help-check-allow = Leave out a warning: its code, such as W007 (repeatable)
help-check-deny = Treat warnings as errors: `warnings` for every one, or a code (repeatable)
help-check-inputs = Use another file for an input: NAME=PATH (repeatable)
help-expand = Print the whole methodology a file amounts to, in canonical form: a revision that `extends` another merged with it, compact forms written out
help-expand-inputs = Use another file for an input: NAME=PATH (repeatable)
help-sql = Print the methodology as one SQL query for a warehouse (PostgreSQL, DuckDB, ClickHouse): one CTE per stage, the columns of `run --format csv`
help-sql-dialect = The SQL dialect
help-sql-tables = The table that holds an input: INPUT=schema.table (repeatable; the input's name by default)
help-sql-inputs = Use another file for an input: NAME=PATH (repeatable; the checker reads its header)
help-sql-period = Count only the records of this period (`2025-Q3`, `2025-07`, `2025`), as `run --period` does; needed when the methodology's header declares periods
help-sql-detail = Add the columns of `run --detail`: each indicator's raw value, value, normalized value and contribution
help-fmt = Rewrite methodology files in canonical form (comments kept)
help-fmt-check = Change nothing; exit 1 naming the files that would change
help-fmt-diff = With --check: print what would change, as a unified diff
help-run = Run a methodology over its data and print the ranking
help-run-inputs = Use another file for an input: NAME=PATH (repeatable)
help-run-output = Write to this file (whole or not at all) instead of standard output
help-run-detail = Add each indicator's raw value, normalized value and contribution
help-run-emit = What to print
help-run-period = Count only the records of this period (`2025-Q3`, `2025-07`, `2025`), as the header's `period` says
help-run-periods = A panel: the place in each period from FIRST to LAST (`2025-Q1..2025-Q4`), the change between the first and the last, and the last score and zone (with --detail, the score in every period too)
help-diff = Compare two methodologies (or one methodology on two data sets): who moves, by how much, and why
help-diff-old = The old methodology: a path, or `git:REV:PATH` (its inputs from the same revision)
help-diff-new = The new methodology (the old one when left out, for comparing periods)
help-diff-inputs = Use another file for an input of both: NAME=PATH (repeatable)
help-diff-old-inputs = Use another file for an input of the old run only
help-diff-new-inputs = Use another file for an input of the new run only
help-diff-output = Write to this file (whole or not at all) instead of standard output
help-diff-period = Count only the records of this period, on both sides
help-diff-old-period = The period of the old side (`--old-period 2025-Q2 --new-period 2025-Q3` compares two quarters under one methodology)
help-diff-new-period = The period of the new side
help-diff-fail-on-move = Exit with status 3 when any region moves more than N places, or leaves or enters the ranking (for CI gates)
help-diff-fail-on-exclusion = Exit with status 3 when a region leaves or enters the ranking
help-diff-fail-on-zone-change = Exit with status 3 when a region changes zone
help-diff-top = In the text and Markdown, list only the N largest of the regions that moved, changed zone, left or entered
help-uncertainty = How solid is a place: the methodology replicated with the choices of its `uncertainty` block drawn anew; per region the median place and its 5–95% interval, the mean score, the probability of each zone and of the top N
help-uncertainty-inputs = Use another file for an input: NAME=PATH (repeatable)
help-uncertainty-output = Write to this file (whole or not at all) instead of standard output
help-uncertainty-runs = How many replications (the block's `runs` by default)
help-uncertainty-seed = The seed of the draws (the block's `seed` by default)
help-uncertainty-top = The probability of a place within the top N
help-uncertainty-period = Count only the records of this period, as `run --period` does
help-uncertainty-naive = Run each replication as a whole polars run, inputs read again (the naive plan, for the benchmark; no noise)
help-sensitivity = Which uncertain choice the ranking depends on: first-order and total Sobol' indices of each line of the `uncertainty` block (Saltelli's design, N·(d + 2) runs)
help-sensitivity-inputs = Use another file for an input: NAME=PATH (repeatable)
help-sensitivity-output = Write to this file (whole or not at all) instead of standard output
help-sensitivity-runs = N, the rows of the design: N·(d + 2) runs for d choices
help-sensitivity-seed = The seed of the design (the block's `seed` by default)
help-sensitivity-region = Explain this region's place instead of the mean shift of places
help-sensitivity-period = Count only the records of this period, as `run --period` does
help-explain = Explain one region's score: the tree of groups and indicators, its neighbours, ties
help-explain-region = The region: its code (`07`, or `7`), its name, or a word of its name (`Москва`)
help-explain-period = Count only the records of this period, as `run --period` does
help-init = Write a starter methodology from a regional table (CSV, Parquet or .xlsx): its key and label, one indicator per numeric column, equal weights, ranks and three zones, with comments saying what to decide next
help-init-data = The regional table: one row per region
help-init-key = The column that identifies a region (found from the names and values if left out)
help-init-label = The column with the regions' names (found if left out)
help-init-output = The methodology file to write (never over an existing one; DATA with the extension .metodika by default)
help-lsp = The language server for editors: diagnostics as you type, hover, go to definition, references, completion, formatting, rename, outline and highlighting (LSP over stdin and stdout; docs/editors.md sets up VS Code, Neovim and Helix)
help-lsp-stdio = Speak over stdin and stdout: the only transport, and the default (editors' clients pass it)
help-completions = Print a completion script for a shell
help-completions-shell = bash, zsh, fish, powershell or elvish
help-man = Print the manual page (roff), or write one page per command into a directory
help-man-dir = Write metodika.1 and metodika-COMMAND.1 here instead of printing metodika.1
help-after-main =
    Examples:
      $ metodika check methodologies/pos/pos-2025.metodika
      $ metodika run methodologies/pos/pos-2025.metodika
      $ metodika diff methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika

    Exit status: 0 success; 1 the methodology or the data has errors (or `fmt --check` would change a file); 2 the command line is wrong, or a file may not be read or written; 3 `diff --fail-on-move N` saw a larger move.

    Docs: docs/language.md (the language), docs/cli.md (this tool).
help-after-check =
    Examples:
      $ metodika check methodologies/pos/pos-2025.metodika
      $ metodika check --format json methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika
      $ metodika check methodologies/pos/pos-2025-tables.metodika --input current=methodologies/pos/data/2025-q4.csv

    Exit status: 0 no errors (warnings may be printed); 1 errors, each with its code, place and help; 2 the command line is wrong.
help-after-sql =
    Examples:
      $ metodika sql methodologies/pos/pos-2025-tables.metodika --dialect postgres
      $ metodika sql methodologies/pos/pos-2025-tables.metodika --dialect duckdb --table current=ratings.q4_2025 --table previous=ratings.q3_2025
      $ metodika sql methodologies/pos/pos-2025.metodika --dialect clickhouse --period 2025-Q3 --table messages=platform.messages_all

    The query reads each input and record input from a table of its name (or the one --table names) with the columns the methodology reads, and returns one row per region in the order of `run`; every construct translates. How: docs/sql.md.

    Exit status: 0 printed; 1 the methodology has errors; 2 the command line is wrong (a --table or --period among it).
help-after-expand =
    Examples:
      $ metodika expand methodologies/pos/pos-2026.metodika
      $ metodika expand methodologies/asem/asem.metodika

    Exit status: 0 printed; 1 the file, or a file it extends, has errors (each reported in its file); 2 the command line is wrong.
help-after-fmt =
    Examples:
      $ metodika fmt --check methodologies/pos/pos-2025.metodika
      $ metodika fmt methodologies/pos/pos-2026.metodika

    Exit status: 0 done (or, with --check, nothing would change); 1 a file has syntax errors, or would change under --check; 2 the command line is wrong.
help-after-run =
    Examples:
      $ metodika run methodologies/pos/pos-2025.metodika
      $ metodika run methodologies/pos/pos-2025.metodika --period 2025-Q3 --format html --output q3.html
      $ metodika run methodologies/pos/pos-2025.metodika --periods 2025-Q1..2025-Q4

    Exit status: 0 the ranking was printed; 1 the methodology or the data has errors (every one reported, with file, line, column and region); 2 the command line is wrong, or an input or --output may not be read or written.
help-after-explain =
    Examples:
      $ metodika explain methodologies/pos/pos-2025.metodika --region 28
      $ metodika explain methodologies/pos/pos-2025-tables.metodika --region 77

    Exit status: 0 explained; 1 the methodology or the data has errors, or the region is not in the data; 2 the command line is wrong.
help-after-diff =
    Examples:
      $ metodika diff methodologies/pos/pos-2025.metodika methodologies/pos/pos-2026.metodika --format html --output diff.html
      $ metodika diff methodologies/pos/pos-2025-tables.metodika --new-input current=methodologies/pos/data/2025-q4.csv
      $ metodika diff git:HEAD:methodologies/pos/pos-2025.metodika methodologies/pos/pos-2025.metodika --fail-on-move 5

    Exit status: 0 compared; 1 either methodology or its data has errors; 2 the command line is wrong, or a git: source cannot be read; 3 with --fail-on-move N, a region moved more than N places.
help-after-uncertainty =
    Examples:
      $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika
      $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika --runs 2000 --seed 7 --top 5
      $ metodika uncertainty methodologies/pos/pos-2025-tables.metodika --format html --output places.html

    Exit status: 0 done; 1 the methodology or the data has errors; 2 the command line is wrong, or the methodology has no uncertainty block.
help-after-sensitivity =
    Examples:
      $ metodika sensitivity methodologies/pos/pos-2025-tables.metodika --runs 500
      $ metodika sensitivity methodologies/pos/pos-2025-tables.metodika --runs 500 --region 28

    Exit status: 0 done; 1 the methodology or the data has errors, or the region is not ranked; 2 the command line is wrong, or the methodology has no uncertainty block.
help-after-init =
    Examples:
      $ metodika init methodologies/pos/data/2025-q4.csv --output starter.metodika
      $ metodika init methodologies/pos/data/2025-q4.csv --key region_code --label region_name --output rating.metodika

    Exit status: 0 written (it checks clean; read its comments next); 2 refused, with a code: I001 the file exists, I002 no key-like column, I003 no numeric column, I004 no such column, I005 the data outside the methodology's directory, I006 the file cannot be written, I007 a workbook, an unreadable Parquet file, or a file too large for a regional table.
help-after-completions =
    Examples:
      $ metodika completions bash > metodika.bash
      $ metodika completions zsh > _metodika
      $ metodika completions fish > metodika.fish

    Bash: put the script in ~/.local/share/bash-completion/completions/metodika; zsh: `_metodika` in a directory of $fpath; fish: ~/.config/fish/completions/metodika.fish.

    Exit status: 0 printed; 2 the command line is wrong.
help-after-man =
    Examples:
      $ metodika man > metodika.1
      $ metodika man --dir man

    `man ./metodika.1` reads it; with --dir, one page for the tool and one for each command (metodika-run.1, …).

    Exit status: 0 written; 2 the command line is wrong, or a page cannot be written.
help-after-lsp =
    Examples:
      $ metodika lsp
      $ metodika lsp --stdio

    An editor starts it (docs/editors.md shows how for VS Code, Neovim and Helix). It answers in JSON-RPC on stdout and never writes there otherwise; problems of its own go to stderr. The files' inputs are found from each file's folder, as `metodika check` finds them.

    Exit status: 0 the editor shut it down (`shutdown`, then `exit`); 1 the connection ended otherwise; 2 the command line is wrong.

## the command line

cli-wrote = wrote { $file } ({ $what })
cli-no-region = no region has the code or name `{ $key }`
cli-region-several = `{ $query }` is a word of several regions' names: { $regions }; name one by its code or its full name

## checking: indicators

word-or = {" "}or{" "}
e501-value = an indicator's value must be a number, found a condition
e501-value-label = this is a condition
e501-value-help = write `if … then 1 else 0` to count a condition as a number
e203-indicator = indicator `{ $name }` has no `{ $keyword }`
e203-required = `{ $keyword }` is required
e203-value-help = add what is measured: `value = input.column`
e203-better-help = add which way is better: `better higher` or `better lower` (here, or for many indicators at once in `defaults`)
e107-itself = `{ $name }` refers to itself
e107-itself-label = the indicator itself, not a column
e107-the-indicator = the indicator
e107-itself-help = an indicator's value cannot use the indicator itself; rename the indicator or the column it means
e107-itself-column-help = a bare `{ $name }` here is the indicator itself; the column of that name is written { $columns }
e107-cycle = indicators refer to each other in a cycle
e107-cycle-label = `{ $from }` refers to `{ $to }` here
e107-cycle-related = which depends on the indicator that refers to it
e107-cycle-help = the cycle: { $cycle }

## checking: expressions

word-none = (none)
ty-number = a number
ty-condition = a condition (true or false)
ty-text = text
ty-date = a date
ty-list = a list of values
e501-this-is = this is { $what }
e501-in = `in` compares a column of records with a list of values
e501-in-label = not inside an aggregate over records
e501-in-help = inside an aggregate: `count(messages where category in ("ЖКХ", "Дороги"))`; for region values, `x == 1 or x == 2`
e501-branches = the branches of `if` have different types
e501-branches-help = both branches must be numbers, or both conditions
e501-not-a-value = { $what } is not a region's value
e501-not-a-value-help = text, dates and lists are compared with the columns of records, inside an aggregate: `count(messages where status == "answered")`
e501-needs = { $what } needs { $want }, found { $got }
e501-needs-number-help = a condition cannot be used as a number; write `if … then 1 else 0`
e501-needs-condition-help = compare the number with something: `x > 0`
e005-too-large = the number is too large
e005-too-large-label = does not fit a 64-bit floating-point number
e005-too-large-help = numbers must be below about 1.8e308
e101-inputs-are = the inputs are: { $inputs }
e101-message = unknown input `{ $name }`
e101-label = no input has this name
e504-group = group `{ $name }` cannot be used here
e504-group-label = a group's result is known only after scoring
e504-group-help = groups, `score` and `place` can be used in `rank {"{"} then … {"}"}` and `zones`
e504-here = `{ $name }` cannot be used here
e504-here-label = known only after scoring
e504-score-help = `score` can be used in `rank {"{"} then … {"}"}` and `zones`
e504-place-help = `place` can be used in `zones`
e504-exclude = indicator `{ $name }` cannot be used in `exclude`
e504-exclude-label = exclusions are decided before indicators are computed
e504-exclude-help = refer to the input columns the indicator is computed from
e104-message = unknown name `{ $name }`
e104-label = not an indicator or a column
e104-help = not an indicator, nor a column of any input
e104-unread-help = some inputs could not be read; name the column as `input.column`
e106-message = column `{ $name }` is in several inputs
e106-label = which input?
e106-help = write { $columns }
builtin-across-regions = across regions
e111-round-decimals = `round` takes a whole number of decimals from 0 to 15
e111-round-decimals-label = not a whole number from 0 to 15
e111-round-decimals-help = write `round(x, 2)` for two decimals
e109-exactly = { $n }
e109-between = { $lo } to { $hi }
e109-at-least = at least { $n }
e109-message = `{ $name }` takes { $want } { $want ->
        [1] argument
       *[other] arguments
    }, found { $got }
e109-label = { $got } given
e109-help = `{ $name }` takes { $want }
e005-parameter = this parameter has no finite value
e005-parameter-label = evaluates to { $value }
e005-parameter-help = check for division by zero or the logarithm of a non-positive number
e110-message = a parameter must be a constant
e110-label = this depends on the data
e110-help = parameters take numbers and arithmetic on them: `goalposts(ln(100), ln(75000))`
e005-divides = this constant divides by zero
e005-divides-label = the divisor is 0
e005-divides-help = a division by zero leaves every region without a value
e005-no-value = this constant has no value
e005-infinity = this constant overflows to infinity
e005-minus-infinity = this constant overflows to minus infinity
e005-range-label = beyond the range of a 64-bit floating-point number (about ±1.8e308)
e005-range-help = numbers and the results of arithmetic on them must stay finite: check the exponent, or divide before multiplying

## checking: built-ins

e108-function = unknown function `{ $name }`
e108-function-label = not a function
e108-function-all = the functions are: { $names }
e108-missing = unknown missing-data policy `{ $name }`
e108-missing-label = not a missing-data policy
e108-missing-all = the missing-data policies are: { $names }
e108-outliers = unknown outlier rule `{ $name }`
e108-outliers-label = not an outlier rule
e108-outliers-all = the outlier rules are: { $names }
e108-transform = unknown transform `{ $name }`
e108-transform-label = not a transform
e108-transform-all = the transforms are: { $names }
e108-normalization = unknown normalization `{ $name }`
e108-normalization-label = not a normalization
e108-normalization-all = the normalizations are: { $names }
e108-aggregation = unknown aggregation `{ $name }`
e108-aggregation-label = not an aggregation
e108-aggregation-all = the aggregations are: { $names }
e108-tie = unknown tie method `{ $name }`
e108-tie-label = not a tie method
e108-tie-all = the tie methods are: { $names }
e108-period = unknown period `{ $name }`
e108-period-label = not a period
e108-period-all = the periods are: { $names }
e109-builtin = `{ $name }` takes { $want } argument(s), found { $got }
e109-no-arguments = `{ $name }` takes no arguments
e402-equality = bands compare with `>=`, `>`, `<=` or `<`
e402-equality-label = an equality band
e402-equality-help = bands are thresholds: `>= 80% : 1`
e402-mixed = bands mix `>=` with `<=`
e402-mixed-label = this band goes the other way
e402-mixed-related = the first band sets the direction
e402-mixed-help = list thresholds from the best down with `>=`, or from the best up with `<=`
e402-order = bands are out of order
e402-order-label = this band can never be reached
e402-order-related = an earlier band already takes these values
e402-order-down-help = with `>=` list the thresholds from the highest down
e402-order-up-help = with `<=` list the thresholds from the lowest up
w005-message = the bands reward the worse direction
w005-label = values rise towards the worse end
w005-help = bands give their values as written; check `better` and the band values
e114-message = no encoding is called `{ $name }`
e114-label = unknown encoding
e114-help = Russian files are mostly "utf-8", "windows-1251", "koi8-r" or "ibm866"
e119-twice = `{ $option }` of input `{ $input }` is written twice
e119-twice-label = written again here
e119-twice-help = keep one
e119-encoding = input `{ $input }` is a workbook: it has no encoding
e119-encoding-label = an encoding is for CSV files
e119-encoding-help = leave `encoding` out: a workbook says its own
e119-not-a-workbook-help = `sheet` and `header` are for .xlsx files; a CSV file's header is its first line
e119-no-sheets = input `{ $input }` is not a workbook: it has no sheets
e119-no-sheets-label = a sheet of a file that is not a workbook
e119-no-header-row = input `{ $input }` is not a workbook: it has no header row to name
e119-no-header-row-label = a header row of a file that is not a workbook
e119-row = `header { $row }`: a sheet's rows are 1 to 1048576
e119-row-label = no such row
e119-row-help = name the row of the column names as Excel numbers it: `header 3`
e406-outliers = `outliers auto(N)`: N is the most points winsorized, a whole number from 1 to { $max }
e406-outliers-label = { $n }: not a whole number from 1 to { $max }
e406-outliers-help = for example `outliers auto(5)`, COINr's default; `outliers auto` means the same
e407-by-policy = `by` goes with `mean` or `median`, not with `{ $policy }`
e407-by-policy-label = a group for a policy that takes none
e407-by-policy-help = write `missing mean by regions.district` or `missing median by regions.district`, or leave `by` out
e407-by-column = `by` names a column of an input
e407-by-column-label = not a column of an input
e407-by-column-help = name the input and its column, as `by regions.district`
e408-range = `coverage` is a share of the members above 0 and at most 100%
e408-range-label = { $value }
e408-twice = `coverage` is given twice in one group
e408-twice-label = given again
e408-help = for example `coverage 60%`: a region needs a value of at least 60% of the members
e404-cap = `cap({ $lo }, { $hi })`: the lower bound is not below the upper
e404-cap-help = write the bounds in order: `cap(lo, hi)` with lo < hi
e403-winsorize = `winsorize` needs two shares with 0 ≤ low < high ≤ 100%
e403-winsorize-label = low { $lo } and high { $hi }
e403-winsorize-help = for example `winsorize(5%, 95%)`
e404-minmax = `minmax({ $lo }, { $hi })`: the lower end is not below the upper
e404-minmax-help = the result runs from lo (worst) to hi (best): write `minmax(0.01, 1)`
e401-goalposts = goalposts({ $lo }, { $hi }): the lower goalpost is not below the upper
e401-goalposts-help = write `goalposts(lo, hi)` with lo < hi; for `better lower` the direction is set by `better`, not by the order
e405-target = `target({ $target })`: the target must be positive
e405-target-label = not positive
e405-target-help = the result is x / target capped at 1; use `goalposts` for other scales
e109-bands = `bands` needs its bands
e109-bands-label = no bands given
e109-bands-help = write `bands {"{"} >= 80% : 1  >= 60% : 0.5  else : 0 {"}"}`

## checking: groups, continued

normalized-by = normalized by `{ $normalization }`
no-normalization = no normalization: the raw value is used
e306-message = `{ $name }` can be 0 or negative, which collapses the { $aggregation } mean of `{ $group }`
e306-help = normalize it so that it stays above 0: `minmax(0.01, 1)`, or `goalposts(lo, hi)` with the worse goalpost beyond every value a region can have
e306-reaches-zero = this normalization reaches 0
w006-message = `{ $name }` is 0 for a region at or beyond its goalpost { $goalpost }, which collapses the { $aggregation } mean of `{ $group }` to 0
w006-help = put the worse goalpost beyond every value a region can have (UNDP's HDI sets life expectancy's at 20 years), or normalize by `minmax(0.01, 1)`
w006-related = 0 at this goalpost
e107-groups = groups contain each other in a cycle
e107-groups-label = `{ $from }` contains `{ $to }`
e107-groups-related = which contains, directly or not, the first
e107-groups-help = a group cannot be inside itself; remove one of the memberships
w007-message = `{ $name }` can give a region negative points
w007-below-zero = can be below 0
w007-down-to = `{ $normalization }` goes down to { $lo }
w007-unbounded = `{ $normalization }` has no lower bound
w007-help = normalize it on 0..1 (`minmax`, `goalposts`, `rank`), or keep it if a region is meant to lose points
w007-related = this normalization gives values below 0
w007-raw = not normalized: the raw value is used
weight-none = no weight
weight-points = points
weight-percent = a percentage weight
weight-relative = a relative weight
e102-label-column = no input has the label column `{ $column }`
e102-label-help = no input has this column
e105-reserved = `{ $name }` is a reserved name
e105-reserved-label = reserved
e105-reserved-help = `score` and `place` name the result of the ranking; choose another name
e501-condition = a condition is needed here, found a number
e501-condition-label = this is a number
e501-condition-help = compare it with something: `x > 0`, `missing(x)`

## checking: uncertainty

e701-message = `{ $what }` must be a whole number from { $lo } to { $hi }
e701-runs-help = 1,000 to 10,000 replications are usual: `runs 10_000`
e701-seed-help = any whole number, written once so that the draws repeat: `seed 2025`
e702-spread = a spread of ±{ $spread } cannot be drawn
e702-spread-label = not a percentage from 0% to below 100%
e702-spread-help = a factor from 1 − p to 1 + p must stay above 0: write a percentage, `+-20%`
e703-indicator = no indicator `{ $name }` to vary
e703-indicator-label = not an indicator of the methodology
e703-indicators = the indicators are: { $names }
e703-group = no group `{ $name }` to vary
e703-group-label = not a group of the methodology
e703-groups = the groups are: { $names }
e703-member = no indicator or group `{ $name }` to vary
e703-member-label = not an indicator or group of the methodology
e703-members = the indicators and groups are: { $names }
e702-weight = the weight of `{ $name }` cannot range { $lo }..{ $hi }
e702-no-weights = its group has no weights
e702-no-weights-help = give the members of `{ $group }` weights first, or vary them all with `weights +-20%`
e702-units = not in its group's units
e702-units-percent-help = write `weight x 20%..40%` (its group weighs in percentages)
e702-units-points-help = write `weight x 40..80` (its group gives points)
e702-units-relative-help = write `weight x 1..3` (its group has relative weights)
e702-order = the least weight must be 0 or more, and not above the greatest
e702-order-help = write the least weight first: `weight x 20%..40%`
e702-leaves-none = it would leave the other members of its group no weight
e702-leaves-none-help = the members of `{ $group }` weigh { $total } in all: keep the range below that
e704-nominal = this alternative for `{ $name }` is its nominal choice
e704-nominal-help = the nominal choice is drawn anyway: list only the alternatives to it
e704-twice = this alternative for `{ $name }` is listed twice
e704-twice-help = list each alternative once: each is drawn as often as the nominal
e704-label = the same choice
w009-message = the base's `uncertainty` block lists this revision's `{ $what }` of `{ $name }` as an alternative: dropped from the alternatives
w009-label = now the nominal choice
w009-related = listed as an alternative here
w009-help = the nominal choice is drawn anyway; to vary it, list the other choices in an `uncertainty` block of the revision
e306-alternative-normalization = `{ $name }` normalized by `{ $normalization }` can be 0 or negative, which collapses the { $aggregation } mean of `{ $group }`
e306-alternative-label = this alternative reaches 0
e306-alternative-help = an alternative must be a normalization the group could have nominally: `minmax(0.01, 1)`
e305-alternative = points are summed, but this alternative aggregates `{ $group }` by `{ $aggregation }`
e305-alternative-label = not `sum`
e305-alternative-help = a group that gives points can only be summed; vary its weights instead
e306-alternative-aggregation = `{ $name }` can be 0 or negative, which collapses this alternative { $aggregation } mean of `{ $group }`
e306-alternative-aggregation-label = `{ $name }` is normalized by `{ $normalization }`
e306-alternative-aggregation-help = normalize its members so that they stay above 0 (`minmax(0.01, 1)`), or choose another alternative

## checking: defaults

defaults-of-file = the file
defaults-of-score = the score
defaults-of-group = group `{ $name }`
w008-message = the defaults of { $whose } apply to no indicator
w008-label = no indicator is written in this group
w008-help = a group's `defaults` are for the indicators written inside it (`indicator x "X" = data.x`); put them at the top of the file for every indicator
e105-defaults = { $whose } has `defaults` twice
e105-defaults-label = defined again here
e105-defaults-help = write every default in one `defaults` block
e204-defaults = `{ $keyword }` is given twice in `defaults`
e204-defaults-label = given again here
e204-defaults-help = keep one of them

## checking: records

ty-true-or-false = true or false
e115-column = `{ $input }.{ $column }` is a column of records, many per region
e115-column-help = aggregate it: `mean({ $input }.{ $column })`, `sum({ $input }.{ $column })`, `count({ $input } where { $column } …)`
e115-input = `{ $input }` is a record input, many rows per region
e115-input-help = count its records: `count({ $input })`, `count({ $input } where …)`
e115-label = used outside an aggregate
e117-no-where = `{ $name }` takes no `where`
e117-no-where-label = a filter of records
e117-no-where-help = `where` filters the records of an aggregate: `count(messages where …)`, `mean(messages.days where …)`
e117-aggregates-help = `{ $name }` aggregates the records of a record input, as in `{ $example }`
e117-across-help = across regions write `{ $name }(x)`
e117-needs-input = `{ $name }` needs a record input
e117-needs-input-label = no record input named here
e117-several = `{ $name }` aggregates one record input; this names { $inputs }
e117-several-label = several record inputs
e117-several-help = aggregate each input on its own and combine the results: `count(a) + count(b)`
e117-counts = `{ $name }` counts records: name the record input itself
e117-counts-label = not a record input
e117-counts-column-help = write `{ $name }({ $input } where …)`; to count the distinct values of the column, `count_distinct({ $column })`
e117-counts-help = write `{ $name }({ $input } where …)`
e117-share = `share` needs a `where`: the share of what
e117-share-label = no `where`
e117-share-help = write `share({ $input } where status == "answered")`
e117-needs-column = `{ $name }` needs a column of `{ $input }`
e117-needs-column-label = the records themselves, not a value
e117-needs-column-help = write `{ $name }({ $input }.column)`
e501-numbers = `{ $name }` needs numbers, found { $got }
e501-numbers-help = count the records instead: `count({ $input } where …)`, or their distinct values: `count_distinct({ $column })`
e117-quantile = the share of a quantile runs from 0 to 1
e117-quantile-label = { $q } is outside 0..1
e117-quantile-help = write `quantile(x, 0.9)` or `quantile(x, 90%)`
e501-where = `where` needs a condition, found { $got }
e501-where-help = compare the column with something: `where answer_days <= 30`
e108-cumulative = `{ $word }`: periods are `cumulative` or not
e108-cumulative-label = not `cumulative`
e108-cumulative-help = `period quarterly cumulative`: each quarter counts from 1 January; `period quarterly`: each its own three months
e109-previous = `previous` takes 1 argument, found { $got }
e109-previous-help = write `previous(count(messages))`
e118-periods = `previous` needs the reporting periods
e118-periods-label = which period is the previous one?
e118-periods-help = declare them in the header: `period quarterly cumulative`
e118-nested = `previous` inside `previous`: the period two back is not read
e118-nested-label = already inside `previous(…)`
e118-nested-help = write one `previous(…)` around the aggregates of the period before: `previous(a + b)`, not `previous(a + previous(b))`
e118-aggregates = `previous` takes aggregates over records
e118-aggregates-label = no aggregate over records here
e118-aggregates-help = the previous period's value of an aggregate: `count(messages) / previous(count(messages)) - 1`
e102-records = records `{ $input }` have no column `{ $column }`
e116-message = { $what } inside an aggregate over `{ $input }`
e116-label = not a column of `{ $input }`
e116-help = an aggregate and its `where` read the columns of one record input; combine with region values outside it: `count({ $input } where …) / { $regions }.population`
e116-indicator = indicator `{ $name }`
e116-region-column = region column `{ $name }`
e101-records-help = the columns of the records are written `{ $input }.column`, or bare inside the aggregate
e118-day = `{ $name }` needs the reporting periods
e118-day-label = which period?
e117-input-value = `{ $input }` is the record input, not a value
e117-input-value-label = the records themselves
e117-input-value-help = name a column: `{ $input }.column`; count records with `count({ $input } where …)`
e501-in-list = `in` needs a list in parentheses
e501-in-list-label = not a list
e501-in-list-help = write `status in ("answered", "closed")`
e110-in = the values of `in` must be constants
e110-in-label = this depends on the record
e110-in-help = write the values themselves: `category in ("ЖКХ", "Дороги")`
e501-order = { $what } orders numbers and dates, not { $got }
e501-order-label = { $got } has no order
e501-order-help = compare text and conditions with `==`, `!=` or `in (…)`
e117-inside = `{ $name }` cannot be used inside an aggregate over `{ $input }`
e117-this-inside = this cannot be used inside an aggregate over `{ $input }`
e117-inside-label = not available on records
e117-inside-help = inside an aggregate: columns, numbers, text and dates, arithmetic, comparisons, `and`, `or`, `not`, `in (…)`, `missing(…)`
e501-records-help = compare a column with a value of its type: `status == "answered"`, `answer_days <= 30`, `created >= 2025-01-01`
e501-compares = { $what } compares { $a } with { $b }
e108-unknown = `unknown { $word }`: no such choice
e108-unknown-label = `ignore` or `error`
e108-unknown-help = `unknown ignore` leaves out (and counts) the records of regions the region tables do not have; `unknown error`, the default, stops the run
e119-records = record input `{ $input }` is a workbook
e119-records-label = records are read from CSV or Parquet files
e119-records-help = save the sheet of records as CSV (UTF-8), or export them as Parquet
w003-records = the columns of records `{ $input }` could not be read
w003-records-help = their names and types are not checked; `run` will need the file
e102-records-key = records `{ $input }` have no key column `{ $column }`
e102-records-key-help = name the column of the region: `records { $input } "…" {"{"} key column {"}"}`
e102-records-key-related = every record needs its region
e501-key = the key column `{ $column }` of records `{ $input }` holds { $got }
e501-key-label = not a region's key
e501-key-help = the key column holds the region's code, as in the region tables
e102-date-help = name the column that dates each record
e501-date = `date { $column }` holds { $got }, not dates
e501-date-label = this column holds { $got }
e501-date-help = name the column that dates each record (2025-03-31 or 31.03.2025)
e118-date = records `{ $input }` have no `date`, which periods need
e118-date-label = which period is each record in?
e118-date-help = name the column that dates each record: `records { $input } "…" {"{"} date created {"}"}`

## checking: revisions

e120-label = the base
e120-outside = the base `{ $base }` is outside the methodology's directory: { $why }
e120-outside-help = keep the editions of a methodology in its directory, or allow it: `--allow-outside`
e120-unreadable = the base `{ $base }` cannot be read: { $why }
e120-unreadable-help = `extends` names a methodology file relative to this one
e120-long = more than { $n } methodologies extend one another
e120-long-help = extend the edition before, not a long chain of them
e120-cycle = a cycle of `extends`: { $cycle }
e120-cycle-help = a methodology cannot extend itself, nor one that extends it
e121-not-in-base-label = not in the base
e121-change-indicator = the base has no indicator `{ $name }` to change
e121-change-indicator-help = a new indicator is written `indicator NAME "Title" {"{"} … {"}"}`
e121-change-group = the base has no group `{ $name }` to change
e121-change-group-help = the score is written whole: `score "Title" {"{"} … {"}"}`
e121-remove-indicator = the base has no indicator `{ $name }` to remove
e121-remove-indicator-help = name an indicator of the base
e121-remove-group = the base has no group `{ $name }` to remove
e121-remove-group-help = name a group of the base
e121-has-indicator = the base already has an indicator `{ $name }`
e121-has-indicator-label = a second indicator of this name
e121-has-indicator-help = to change it, write `change indicator { $name } {"{"} … {"}"}` with the fields that change; a new indicator needs a new name
e121-has-group = the base already has a group `{ $name }`
e121-has-group-label = a second group of this name
e121-has-group-help = to change its members, write `change group { $name } {"{"} … {"}"}`; a new group needs a new name
e121-twice-indicator = indicator `{ $name }` is changed twice in this file
e121-twice-group = group `{ $name }` is changed twice in this file
e121-twice-label = changed again here
e121-twice-help = write every change of it in one `change` block
e121-twice-first = first changed here
e122-twice = the name `{ $name }` is given twice in `{ $input }`
e122-twice-label = given again here
e122-first = first given here
e122-twice-help = give each column its own name
e122-clash = `{ $input }` already has a column `{ $name }`
e122-clash-label = a column of the file has this header
e122-clash-help = choose another name, or use the column `{ $name }` as it is

## reading and parsing

e007-message = cannot read `{ $file }`: { $why }
e007-help = give the path of a methodology file (*.metodika)
e006-file = `{ $file }` is too large (over { $limit } bytes, the limit)
e006-text = the file is too large ({ $size } bytes; the limit is { $limit } bytes)
e006-help = a methodology is a few hundred lines; is this the right file?
e003-message = `{ $file }` is not UTF-8 text (invalid byte at offset { $offset }, line { $line })
e003-help = save the file as UTF-8; if it came from Windows, convert it from Windows-1251 (e.g. `iconv -f cp1251 -t utf-8`)
e002-long = the expression is too long
e002-long-label = more than { $n } operators in one expression
e002-help = split the expression into several indicators or simplify it
e002-brackets = brackets nest too deeply
e002-prefix = prefix operators nest too deeply
e002-if = `if` expressions nest too deeply
e002-deep = the expression nests too deeply
e002-deep-label = more than { $n } levels deep here
e004-message = the file is empty
e004-help = a methodology starts with `methodology "Title" {"{"} key … {"}"}`
e001-internal = internal parser failure
ide-base-errors = { $file }: { $n } error(s) in the base, the first at line { $line }: { $first }
ide-base-errors-help = open { $file } to see them
ide-base-errors-label = in the base
parse-eof = the end of the file
parse-long-token = `{ $token }…` ({ $n } characters)
parse-number = a number
parse-name = a name
parse-string = a string
parse-date = a date (YYYY-MM-DD)
parse-expression = an expression
parse-operator = an operator
parse-builtin = a built-in name
parse-band = a band (`>= 80% : 1`)
parse-zone = a zone
e001-unexpected = unexpected { $found }
e001-expected = expected { $expected }, found { $found }
e001-label = not expected here
e001-score-name = the score takes no name
e001-score-name-label = a name here
e001-score-name-help = the score is written `score "Title" {"{"} … {"}"}`; to refer to it, write `score`; remove `{ $name }`
e001-string = the string is not closed
e001-string-label = this string opens here
e001-string-help = close it with `"` on the same line: a string cannot span lines (write a line break as `\n`)
e001-opened = opened here
e001-opened-after = opened here after `{ $opener }`
e001-unclosed = this { $bracket } is never closed
e001-unclosed-help = add { $bracket } where it ends, before the next item
e001-keyword-help = `{ $word }` is a keyword and cannot name an indicator, group or zone; a column of that name is written `input.{ $word }`
e001-equals-help = comparison is written `==`
e001-and-help = write `and`
e001-or-help = write `or`
e001-comma-help = decimals are written with a point: `0.5`, not `0,5`
e001-brace-help = is a `{"}"}` missing, or a keyword misspelt?
e001-quotes-help = titles and paths are written in double quotes: "…"

## files

outside-absolute = an absolute path
outside-not-relative = not a plain relative path
outside-climbs = it climbs out of the methodology's directory
outside-link = it leads to { $target } through a link
file-not-found = file not found: { $file }
file-unreadable = cannot read { $file }: { $why }
parquet-no-engine = Parquet files are read by the engine, which this build leaves out

## check's summary

count-errors = { $n ->
    [one] { $n } error
   *[other] { $n } errors
}
count-warnings = { $n ->
    [one] { $n } warning
   *[other] { $n } warnings
}
count-indicators = { $n ->
    [one] { $n } indicator
   *[other] { $n } indicators
}
count-groups = { $n ->
    [one] { $n } group
   *[other] { $n } groups
}
count-members = { $n ->
    [one] { $n } member
   *[other] { $n } members
}
count-aggregates = { $n ->
    [one] { $n } aggregate
   *[other] { $n } aggregates
}
count-record-inputs = { $n ->
    [one] { $n } record input
   *[other] { $n } record inputs
}
check-ok = ok
check-nothing-run = { $errors }; nothing was run
check-maximum = maximum { $points }
check-unbounded-points = points unbounded
check-bounds = from { $lo } to { $hi }
check-unbounded = unbounded
check-mean = score: { $aggregation } of { $members }, { $bounds }
check-aggregates = { $aggregates } over { $inputs }

## data and run errors

count-problems = { $n ->
    [one] { $n } more problem
   *[other] { $n } more problems
}
count-missing-values = { $n ->
    [one] { $n } missing value
   *[other] { $n } missing values
}
input-problem = input `{ $input }` ({ $place }): { $message }
problems-more = and { $more } ({ $total } in all)
r002-message = no region `{ $key }` in the ranking
r002-help = name a region by its key, as in the key column
r900-message = internal error (please report it): { $why }
r001-message = { $values } where the methodology says `missing error`
r001-help = fill in the data, give the indicator a policy (`missing zero`, `missing median`, `missing exclude`, …), or leave such regions unranked: `exclude when missing(INPUT.COLUMN) "why"`
r001-no-value-in = no value in { $columns }
r001-overflow = the formula overflows: a value beyond ±1.8e308 (a power, product or exponential too large for a 64-bit number)
r001-division = the formula has a division by zero
r001-domain = the formula takes the logarithm or square root of a number outside its domain (≤ 0, or < 0 for a root)
r001-no-value = the formula has no value (division by zero, the logarithm of a number ≤ 0, or an overflow)
r001-transform = the value { $value } is outside the domain of its transform
r001-line = region { $region }, indicator `{ $indicator }`: { $why }
r001-aggregate = `{ $aggregate }` has no value: { $kept } of the region's { $total } { $records } counted
cell-not-a-number = is not a number
cell-not-finite = is not a finite number
cell-several-lines = spans several lines: is a quote left open?
cell-long = { $head }… ({ $n } characters)
d001-message = cannot read the file: { $why }
d001-not-found-help = paths in a methodology are relative to its file; `--input NAME=PATH` names another file
d008-empty-file = the file is empty
d008-empty-file-help = export the table with its header row and one row per region
d008-no-rows = the table has no rows
d008-header-only = the table has a header but no rows
d008-header-only-help = export one row per region
d002-utf32 = the file is UTF-32 text, which is not read
d002-utf32-help = save it as UTF-8 (or UTF-16)
note-bom = read as { $encoding } (the file starts with its byte-order mark)
d002-named-utf8 = the file is named UTF-8, but line { $line }, column { $column } has the byte { $byte }, which is not UTF-8
d002-named-utf8-help = save the file as UTF-8, or name the encoding it is in: `encoding "windows-1251"`
d002-inner-bom = line { $line } holds an invisible byte-order mark (U+FEFF) inside the text
d002-inner-bom-help = remove it: it comes from joining files that each began with one
d002-name-it-help = name the encoding after the path: `input NAME "file.csv" encoding "windows-1251"` (or "koi8-r", "ibm866", …), or save the file as UTF-8
d002-stray = the file is UTF-8 but for { $bad } invalid byte sequence(s); the first is the byte { $byte } at line { $line }, column { $column }
d002-stray-help = fix or remove the stray bytes (a file cut or joined in the middle of a character?), or name the encoding if it is not UTF-8
d002-too-few = the file is not UTF-8, and its { $n } non-ASCII byte(s) are too few to tell its encoding (perhaps { $encoding })
d002-unknown = the file is not UTF-8, and its encoding cannot be told (not { $encoding } either)
note-guessed = not UTF-8: read as { $encoding } (told from its text); `encoding "{ $label }"` after the path says so
d002-nul = the file has NUL bytes: it is UTF-16 without a byte-order mark, or not a text table
d002-nul-help = save it as UTF-8 (or Windows-1251) CSV
d003-twice = column `{ $column }` appears twice in the header (columns { $first } and { $second })
d003-twice-help = rename one of them
d003-no-column = no column `{ $column }` (read as { $encoding }, separated by `{ $separator }`)
d003-no-column-help = check the header row of the file
d003-unreadable = cannot read the header: { $why }
d004-unreadable = line { $line }: { $why }
d004-help = check for a stray separator or an unclosed quote on that line
d004-width = line { $line } has { $fields } fields, the header has { $width }
d005-message = line { $line } has no value in the key column `{ $key }`
d005-help = every row needs the region's key
d006-message = region { $region }, column `{ $column }` (line { $line }): `{ $cell }` { $what }
d006-help = numbers may use a decimal comma or point; leave the cell empty or write `-` or `н/д` when there is no value
d007-message = region { $region } appears twice (lines { $first } and { $second })
d007-help = each region must have exactly one row
d011-message = refused: { $why }
d011-help = pass `--input { $input }=PATH` or `--allow-outside`
d010-only-in = in `{ $here }` but not in `{ $there }`: { $regions }
d010-message = the inputs do not cover the same regions; { $parts }
d010-help = every input must have one row for each region
list-and-more = { $items } and { $n } more

## the frame of every message

diag-help = help
diag-error = error

## workbooks

d015-format = a workbook in this format is not read: only .xlsx and .xlsm
d015-format-help = open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx)
d015-unpacks-to = the workbook unpacks to more than a table needs: { $size } MB, at its part { $part } (the limit is { $limit } MB)
d015-unpacks-to-help = save the table alone as a new workbook, or as CSV; a regional table unpacks to a few megabytes
d015-password = the workbook is protected by a password
d015-password-help = save a copy without the password (Excel: File → Info → Protect Workbook → Encrypt with Password, an empty password)
d015-damaged = the file cannot be read as a workbook (is it damaged?): { $why }
d015-save-again-help = open it in Excel or LibreOffice and save it again as .xlsx
d015-no-such-sheet = the workbook has no sheet `{ $sheet }` (its sheets: { $sheets })
d015-no-such-sheet-help = name one of its sheets: `sheet "…"`
d015-no-sheet = the workbook has no sheet
d015-no-sheet-help = save the table in a sheet
d015-sheet-unreadable = sheet `{ $sheet }` cannot be read: { $why }
d015-sheet-damaged = sheet `{ $sheet }` cannot be read (is the file damaged?): { $why }
d015-too-many-cells = sheet `{ $sheet }` holds more than { $n } cells
d015-too-many-cells-help = a regional table is a row per region: save the table alone as CSV or Parquet
d003-empty-row = row { $row } of sheet `{ $sheet }` (`header { $row }`) is empty
d003-empty-row-help = name the row that holds the column names
d015-empty-sheet = sheet `{ $sheet }` is empty
d015-empty-sheet-help = name the sheet that holds the table: `sheet "…"`
d003-no-header = no header row in the first { $n } rows of sheet `{ $sheet }`: no row of column names only
d003-no-header-help = name the header's row: `header 3`
d015-merged = the header (row { $row }) has merged cells { $cells } over columns of values
d015-merged-help = unmerge the header's cells and give each column its own name, or put the columns' names in the row below the merged cell
d003-empty-header = the header's cell { $cell } is empty, but its column holds values ({ $below })
d003-empty-header-help = give the column a header, or delete the column: a column without a header cannot be named
d003-not-a-name = the header's cell { $cell } holds { $value }, not a column name
d003-not-a-name-help = the header row holds the columns' names; name another row with `header N`
cell-number = the number { $value }
cell-flag = the flag { $value }
cell-date = the date { $value }
cell-error = the error value { $value }
cell-value-not-a-number = { $value } is not a number
d003-no-column-sheet = no column `{ $column }` in the header of sheet `{ $sheet }` (row { $row })
d003-no-column-sheet-help = check the header row, or name it: `header N`
d005-sheet = row { $row } has no key in the column `{ $key }` ({ $cell })
d006-formula-help = the formula in the cell fails: correct it in the workbook, or leave the cell empty when there is no value
d006-sheet = region { $region }, column `{ $column }` ({ $cell }): { $what }
d007-sheet = region { $region } appears twice ({ $first } and { $second })
d008-sheet = sheet `{ $sheet }` has a header (row { $row }) but no rows below it
d008-sheet-help = one row per region, right below the header
note-rows-left = sheet `{ $sheet }`: the table ends at its first empty row ({ $row }); { $n } row(s) below it were not read

## Parquet files

d006-row = region { $region }, column `{ $column }` (row { $row }): { $what }
cell-value-not-finite = { $value } is not a finite number
d009-booleans = true/false values
d009-dates = dates
d009-binary = binary data
d009-other = values that are not numbers
d009-durations = durations
d009-times = times of day
d009-holds = column `{ $column }` holds { $what } (type { $type }), not numbers
d009-type = column `{ $column }` is of type { $type }, not a number
d003-no-column-plain = no column `{ $column }`
d009-key = the key column `{ $column }` is of type { $type }: it cannot name regions
d009-key-help = the key column holds text or whole numbers
d009-label = the label column `{ $column }` is of type { $type }: it cannot name regions
d009-label-help = the label column holds text or whole numbers
d005-row = row { $row } has no value in the key column `{ $key }`
d007-rows = region { $region } appears twice (rows { $first } and { $second })

## record files

d008-records-help = export the records with their header row
d003-no-column-records = no column `{ $column }` (separated by `{ $separator }`)
d004-row = cannot read the row: { $why }
d004-records-help = every row needs as many fields as the header
d012-cell = column `{ $column }`: `{ $cell }` { $what }
d006-records-help = the column holds numbers (read from its first rows)
cell-not-a-date = is not a date
d012-date-help = write dates as 2025-03-31 or 31.03.2025 (the column holds dates)
cell-not-a-flag = is not true or false
d012-flag-help = write true or false (or да, нет): the column holds conditions
d009-not-dates = column `{ $column }` holds { $type }, not dates
d009-not-dates-help = store dates in Parquet as dates (or datetimes), or as text: 2025-03-31
d012-row = row { $row }, column `{ $column }`: `{ $cell }` { $what }
template-no-file = no file for { $year }: { $file } (from the template { $template })
template-in-folder = { $template }: `{"{"}year{"}"}` may stand in the file's name only
template-cannot-list = cannot list the folder { $folder }: { $why }
template-no-match = no file matches { $template }
records-header-only = the file has a header and no record yet: the types of its columns are not known
d001-template-help = a template names one file a year: `{ $template }` reads the file of each year the period reaches, with the year in place of `{"{"}year{"}"}`
note-records = records `{ $input }` ({ $file }): { $note }
d005-first-row = , the first in row { $row }
d014-previous = `previous(…)` needs the period the run is for
d014-previous-help = name it: `metodika run FILE --period 2025-Q3`
d005-records = { $n ->
    [one] { $n } record
   *[other] { $n } records
} without a key (`{ $key }` is empty){ $first }
d005-records-help = every record needs the key of its region
note-unknown-left-out = records `{ $input }` ({ $file }){ $period }: { $records ->
    [one] { $records } record
   *[other] { $records } records
} of { $regions ->
    [one] { $regions } region
   *[other] { $regions } regions
} not in the region tables left out (`unknown ignore`): { $keys }
d013-message = { $records ->
    [one] { $records } record
   *[other] { $records } records
} of { $regions ->
    [one] { $regions } region
   *[other] { $regions } regions
} that the region tables do not have: { $keys }
d013-all-unknown = every record of the period names a region the region tables do not have ({ $records ->
    [one] { $records } record
   *[other] { $records } records
}): { $keys }; `unknown ignore` would leave them all out
d013-all-unknown-help = the key column holds no region's code as the region tables write it (`{ $example }`): is it the right column, written the same way?
d013-help = correct the keys, or leave such records out: `records { $input } "…" {"{"} unknown ignore {"}"}`
d013-leading-zeros-help = the region tables write keys as text (`{ $region }`), this file as numbers (`{ $key }`): store the key column as text, with its leading zeros
note-undated = records `{ $input }` ({ $file }): { $n ->
    [one] { $n } record
   *[other] { $n } records
} without a date, in no period, left out
d014-undated = no record is dated: the run has no period to count
d014-undated-help = fill the records' date column, or name the period: `--period 2025-Q3`
note-period = period { $period } ({ $window }): that of the newest record (`{ $input }`, { $day }); `--period` names another
d014-covers = its records run from { $from } to { $to }
d014-no-dated = it has no dated records
d014-empty = no records of `{ $input }` in { $period } ({ $window }): { $covers }
d014-empty-help = a period without records would rank every region on nothing: choose a period the data covers
d012-outside-calendar = { $n ->
    [one] { $n } record is
   *[other] { $n } records are
} dated outside the calendar (the years 1 to 9999) in the column `{ $column }`, such as { $day }
d012-outside-calendar-help = correct the dates (a year of five digits is a typing slip): such a record would choose the period or fall in none
d014-far-off = { $n ->
    [1] the newest record of the column `{ $column }` ({ $day }) alone reaches
   *[other] the newest { $n } records of the column `{ $column }` (up to { $day }) alone reach
} { $period }: no record in the period before it, and the others end on { $rest }
d014-far-off-help = a date such as 9999-12-31 stands for "no end", not a period: correct it, or name the period, `--period { $period }`
d006-not-finite-records = { $n ->
    [one] { $n } value of the column `{ $column }` is not a finite number
   *[other] { $n } values of the column `{ $column }` are not finite numbers
} (NaN or an infinity)
d006-not-finite-records-help = leave a value empty where there is none; NaN and infinities are not numbers of a rating
d014-previous-empty = no records of `{ $input }` in { $period } ({ $window }), the period before { $run } that `previous(…)` asks for: { $covers }
d014-previous-empty-help = add the records of { $period } (the file `{ $file }`), or rank from { $next }, the first period whose previous one the data cover
and-more = and { $n } more

## init

i001-message = { $file } exists already
i001-help = init never overwrites a file: name another with `--output FILE`
file-unwritable = cannot write { $file }: { $why }
i006-help = check that its directory exists and may be written
i004-key = no column `{ $column }` for the key in { $file }
i004-label = no column `{ $column }` for the label in { $file }
i-columns-are = its columns are { $columns }
i002-message = no column of { $file } looks like the regions' key (filled and different in every row, named like `code`, or text)
i002-help = name it: `--key COLUMN` (its columns are { $columns })
i004-label-is-key = `{ $column }` is the key; the label is another column
i004-label-is-key-help = leave out `--label`, or name the column with the regions' names
i-skipped-not-numbers = `{ $column }` (not numbers)
i003-message = { $file } has no numeric column to make an indicator of
i003-help = a regional table has a key column and one numeric column per indicator
i003-skipped = skipped: { $columns }
i-summary = { $indicators } from { $columns } columns: key `{ $key }`
i-summary-label = , label `{ $label }`
i-summary-skipped = , { $n } skipped
i006-no-directory = cannot find the directory of { $file }
i006-no-directory-help = name a methodology file in an existing directory
i005-message = { $data } is outside the directory of { $file }
i005-help = a methodology reads inputs from its own directory and below: write it beside the data, or above it
i007-workbook-help = check the workbook
i007-too-large = { $file }: { $size } MB is not a regional table (one row per region)
i007-too-large-help = give the table of regions; records are counted by a methodology's `records` inputs (docs/language.md)
i007-file-help = check the file
i007-parquet = { $file }: cannot read it as Parquet: { $why }
i007-parquet-help = give the regional table as CSV, or as a Parquet file polars reads
count-regions-without = { $n ->
    [one] { $n } region has
   *[other] { $n } regions have
}
init-intro =
    A starter methodology, made by `metodika init` from { $data }.
    Every choice below is a placeholder. Decide, in this order:
      1. which columns are indicators at all (each numeric column is one now);
      2. for each, whether more is better (`better higher`) or less (`better lower`);
      3. how to bring them to one scale (`normalize minmax` now; docs/language.md);
      4. what a missing value means (`missing error` now: a run stops and names it);
      5. blocks and weights (one block of equal weights now), ties and zones.
    Then `metodika check` this file, and `metodika run` it.
init-left-out = Columns left out:
init-decide-better = DECIDE: is more `{ $column }` better? Is it a count to divide (per 100,000 people)?
init-decide-missing = DECIDE: { $regions } no value here; `missing median` gives them the median.
init-decide-blocks = DECIDE: blocks of indicators (`group`), and each one's weight.
init-score = Score
init-decide-rank = DECIDE: the rounding before ranking, and how equal scores share places.
init-decide-zones =
    DECIDE: the zones, by places (as now: thirds of { $n } regions) or by score
    (`when score >= 0.6`).
init-zone-top = Top third
init-zone-middle = Middle third
init-zone-bottom = Bottom third
init-next = next: read its comments, then `metodika check { $file }` and `metodika run { $file }`

## the command line's own errors

diag-note = note
diag-warning = warning
warn-input-keys-by-value = input `{ $input }` ({ $file }): { $n ->
    [one] { $n } region's code is
   *[other] { $n } regions' codes are
} written otherwise than in `{ $first }` (`{ $written }` for `{ $code }`); matched by the code's value — store the key column as text, as `{ $first }` writes it
warn-keys-by-value = records `{ $input }` ({ $file }){ $period }: { $records ->
    [one] { $records } record
   *[other] { $records } records
} of { $regions ->
    [one] { $regions } region
   *[other] { $regions } regions
} write the region's code otherwise than the region tables (`{ $written }` for `{ $code }`); matched by the code's value — store the key column as text, as the region tables write it
warn-regions-without-records = records `{ $input }`{ $period }: { $n ->
    [one] { $n } region has
   *[other] { $n } regions have
} no record while the median region has { $median }: { $keys } — is the key written otherwise in the file?
period-not-yearly = `{ $text }` is not a year period: write it as `{ $example }`
period-not-quarterly = `{ $text }` is not a quarter period: write it as `{ $example }`
period-not-monthly = `{ $text }` is not a month period: write it as `{ $example }`
cli-input-pair = --input takes NAME=PATH, found `{ $found }`
cli-expand-failed = { $file }: cannot be written out
cli-formatted = formatted { $file }
cli-would-reformat = would reformat { $file }
cli-stdout = cannot write to standard output: { $why }
cli-no-periods = `{ $option }`: the methodology declares no periods (add `period quarterly cumulative` to its header)
cli-periods-range = `--periods { $range }`: write the first and the last period: `{ $example }..{ $example }`
cli-periods-too-many = `--periods { $range }`: more than { $max } periods in one panel; name a shorter range
cli-periods-order = `--periods { $range }`: the last period must come after the first
cli-nothing-written = { $why }; nothing was written
cli-a-panel = a panel of periods
cli-no-page = `--format html`: { $what } has no HTML report; `run`, `diff` and `uncertainty` make one (use csv, json, markdown, csv-excel or xlsx here)
cli-workbook-terminal = a workbook is not printed to a terminal: give --output FILE.xlsx (or redirect standard output to a file)
output-dangling-link = { $file } is a symbolic link to a file that does not exist; give the real path
output-not-a-file = { $file } is { $kind }: an output is written only to a regular file
output-read-only = { $file } is read-only: it is not replaced (make it writable, or choose another name)
output-protected = { $file } is { $what } of this run: writing the output there would destroy it
cli-manual-failed = cannot make the manual page: { $why }
cli-wrote-manual = wrote the manual pages into { $dir }
cli-no-uncertainty = { $file }: the methodology has no `uncertainty` block to draw from (docs/uncertainty.md: `uncertainty {"{"} weights +-20% {"}"}`)
cli-runs-zero = `--runs 0`: give at least one replication
cli-runs-max = `--runs`: at most { $n } replications
cli-no-uncertainty-sensitivity = { $file }: the methodology has no `uncertainty` block whose choices to weigh (docs/uncertainty.md)
cli-varies-nothing = the `uncertainty` block varies nothing: name a choice, e.g. `weights +-20%`
cli-design-runs = `--runs { $runs }`: the design needs 2 to { $rows } rows, and at most { $all } runs in all ({ $choices } choices: N·{ $per } runs)
kind-fifo = a named pipe (FIFO)
kind-device = a device
kind-socket = a socket
kind-directory = a directory
kind-link = a symbolic link
kind-file = a regular file
kind-other = not a regular file
kind-not-regular = it is { $kind }, not a regular file
output-the-methodology = the methodology
output-input = input `{ $name }`

## clap's own words

clap-usage = Usage:
clap-commands = Commands
clap-arguments = Arguments
clap-options = Options
clap-command = COMMAND
clap-help-command = Print this message or the help of the given subcommand(s)
clap-help-short = Print help (see more with '--help')
clap-help-long = Print help (see a summary with '-h')
clap-version = Print version
clap-default = [default: { $value }]
clap-possible-values = [possible values: { $values }]
clap-possible-values-title = Possible values
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-command = unrecognized subcommand '{ $command }'
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-missing = the following required arguments were not provided:
clap-missing-command = a command is needed: { $commands }
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-twice = the argument '{ $arg }' cannot be used multiple times
clap-too-many = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-number-of-values = wrong number of values for '{ $arg }'
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-tip = tip
clap-similar-command = a similar subcommand exists: '{ $name }'
clap-similar-argument = a similar argument exists: '{ $name }'
clap-similar-value = a similar value exists: '{ $name }'
clap-as-value = to pass '{ $arg }' as a value, use '-- { $arg }'
clap-more = For more information, try '--help'.
help-value-csv-excel = CSV for a Russian-locale Excel: `;`, decimal commas, UTF-8 with a BOM, CRLF
help-value-xlsx = An Excel workbook (to a file, or to standard output that is not a terminal)
help-value-html = A self-contained HTML report: charts, a map, every region's explanation (run, diff, uncertainty and audit)
help-value-ranking = The ranking (the default)
help-value-plan = The optimized polars plan, without running it
clap-help-plain = Print help
warn-group-fallback-mean = «{ $title }»: { $n ->
    [one] { $n } region ({ $regions }) has
   *[other] { $n } regions ({ $regions }) have
  } no value, and no region of its group by «{ $column }» has one: the mean of all regions fills the gap
warn-group-fallback-median = «{ $title }»: { $n ->
    [one] { $n } region ({ $regions }) has
   *[other] { $n } regions ({ $regions }) have
  } no value, and no region of its group by «{ $column }» has one: the median of all regions fills the gap
note-input = input `{ $input }` ({ $file }): { $note }
files-and = { $a } and { $b }

## uncertainty and sensitivity as tables

col-median = median
col-interval = 5–95%
col-mean = mean
col-top = top { $n }
uncertainty-caption = { $title }: { $replications } (seed { $seed }); places: the median and the 5–95% interval; zones and top { $top }: the share of replications
sensitivity-mean-shift = the mean shift of places from the nominal ranking
sensitivity-place-of = the place of { $key } { $label }
sensitivity-caption = { $title }: how { $output } depends on { $choices } uncertain choices (mean { $mean }, variance { $variance }); Sobol' indices by Saltelli's design, N = { $n } ({ $runs } runs), seed { $seed }, 95% intervals by bootstrap
col-choice = choice
col-first-order = first order
col-total = total
col-period-place = { $period } place
col-period-score = { $period } score
col-places = place change

## --emit plan

plan-records = records `{ $input }`{ $when }, aggregated by { $engine }
plan-previous = (previous)
plan-streaming-asked = the streaming engine (as asked)
plan-memory-asked = in memory (as asked)
plan-streaming = the streaming engine (every aggregate gives the same in any order of the records)
plan-memory = in memory (a sum of fractions would depend on the order the streaming engine reads the records in)

## SQL

sql-table-pair = --table takes INPUT=TABLE, found `{ $found }`
sql-table-unknown = --table names `{ $input }`, which is no input of the methodology

sql-period-needed = the methodology counts its records by period: name the period of the query with --period (as `{ $example }`)

## run --database
db-url = --database does not read as a PostgreSQL connection (`postgres://user@host:port/database`): { $why }
db-unreachable = cannot connect to the database at { $place }: { $why }
db-silent = the server accepted the connection but did not answer within { $seconds } s
db-unreachable-help = check the host and port of --database (or PGHOST and PGPORT), and that the server is running and accepts connections from here
db-refused = the database at { $place } refused the user `{ $user }`: { $why }
db-refused-help = check the user and the password in --database (or PGUSER and PGPASSWORD); the password is never shown
db-no-table = the database has no table { $table }
db-no-table-help = load the input `{ $input }` into a table of its name, or name its table with --table { $input }=schema.table
db-no-column = the table has no column `{ $column }`
db-no-column-help = the query reads the columns the methodology reads, under the same names
db-wrong-type = the column `{ $column }` is `{ $found }`, where the methodology reads { $wanted }
db-wrong-type-number = store the numbers in a numeric column (double precision, numeric, integer)
db-wrong-type-date = store the dates in a `date` (or `timestamp`) column
db-wrong-type-bool = store the conditions in a `boolean` column
db-stop-help = the query stops where `metodika run` stops, with its code (docs/language.md)
db-failed = the database failed the query: { $why }
db-failed-help = run `metodika sql FILE --dialect postgres` to see the query; its tables must hold the inputs as docs/sql.md says
cli-database-html = the HTML report explains every number from the run's own steps: write it with `metodika run` over the files, without --database
help-run-database = Run the methodology's query on a PostgreSQL server whose tables hold the inputs: postgres://user@host:port/database (PG* variables fill in what the URL leaves out; the password is never printed)
help-run-tables = With --database: the table that holds an input: INPUT=schema.table (repeatable; the input's name by default)
db-r001 = no value of `{ $indicator }` in region { $region } under `missing error`
db-d005 = records of `{ $input }` without a region key (`{ $key }`)
db-d013 = records of `{ $input }` of a region the region tables do not have: `{ $region }`
db-d014 = no record of `{ $input }` in { $period } ({ $window })
db-d014-previous = no record of `{ $input }` in { $period }, the period before the one run ({ $window })

## What people read: periods, zone rules, normalizations in words (report::people)
people-year = { $year }
people-quarter = Q{ $quarter } { $year }
people-month = { $month } { $year }
people-months = { $from }–{ $to } { $year }
people-cumulative = { $period } ({ $months }, cumulative)
people-month-1 = January
people-month-2 = February
people-month-3 = March
people-month-4 = April
people-month-5 = May
people-month-6 = June
people-month-7 = July
people-month-8 = August
people-month-9 = September
people-month-10 = October
people-month-11 = November
people-month-12 = December
people-zone-otherwise = the other regions
people-zone-top = { $n ->
    [one] the first place
   *[other] the first { $n } places
}
people-zone-next = { $n ->
    [one] the next place
   *[other] the next { $n } places
}
people-and = { $a } and { $b }
people-score-ge = a score of { $x } or more
people-score-gt = a score above { $x }
people-score-le = a score of { $x } or less
people-score-lt = a score below { $x }
people-score-eq = a score of { $x }
people-score-ne = a score other than { $x }
people-place-ge = place { $x } or lower
people-place-gt = below place { $x }
people-place-le = places 1 to { $x }
people-place-lt = above place { $x }
people-place-eq = place { $x }
people-place-ne = any place but { $x }
people-better-higher = the higher the better
people-better-lower = the lower the better
people-norm-minmax = linear, from the minimum to the maximum
people-norm-minmax-to = linear, onto { $a } to { $b }
people-norm-zscore = standardized (z-score)
people-norm-goalposts = against goalposts from { $a } to { $b }
people-norm-ratio-to-best = as a share of the best value
people-norm-target = as a share of the target { $x } (at most 1)
people-norm-rank = by rank
people-norm-bands = by bands
people-norm-none = none
people-outliers-none = outliers are not treated
people-outliers-auto = outliers treated as COINr does: at most { $n } { $n ->
    [one] value
   *[other] values
  } winsorized, else the logarithm
people-missing-error = no missing values allowed
people-missing-zero = a missing value counts as zero
people-missing-mean = a missing value takes the regions' mean
people-missing-median = a missing value takes the regions' median
people-missing-min = a missing value takes the smallest value
people-missing-max = a missing value takes the largest value
people-missing-value = a missing value counts as { $x }
people-missing-mean-by = a missing value takes the mean of its group by «{ $by }» (else of all regions)
people-missing-median-by = a missing value takes the median of its group by «{ $by }» (else of all regions)
people-missing-exclude = where missing, the indicator is left out and its weight shared among the others
people-weight-equal = equal
people-agg-mean = arithmetic mean
people-agg-geometric = geometric mean
people-agg-harmonic = harmonic mean
people-agg-sum = sum
people-agg-min = minimum
people-sheet-ranking = Ranking
people-sheet-indicators = Indicators
people-sheet-methodology = Methodology
people-sheet-exclusions = Not ranked
# the columns of an analysis' table for people (diff, uncertainty, sensitivity)
people-col-old = { $what } (old)
people-col-new = { $what } (new)
people-col-moved = Move (places)
people-col-largest-changes = What changed the score most
people-col-note = Note
people-col-place-median = Median place
people-col-place-p05 = Place, 5th percentile
people-col-place-p95 = Place, 95th percentile
people-col-score-mean = Mean score
people-col-score-p05 = Score, 5th percentile
people-col-score-p95 = Score, 95th percentile
people-col-p-zone = Share of replications: { $zone }
people-col-p-top = Share of replications placed { $n } or higher
people-col-ranked = Replications in which the region is ranked
people-col-choice = Uncertain choice
people-col-first = First-order index
people-col-first-ci = First-order index: ± (95%)
people-col-total = Total index
people-col-total-ci = Total index: ± (95%)
people-col-area = Part
people-col-name = Name
people-col-title = Title
people-col-what = Change
people-col-side = Side
people-col-source = Methodology
people-col-period = Period
people-col-window = Dates
people-col-data-changed = The data differ
people-sheet-moves = Moves
people-sheet-changes = Changes
people-sheet-sides = Sides
people-side-old = old
people-side-new = new
people-yes = yes
people-no = no
people-sheet-uncertainty = Uncertainty
people-sheet-sensitivity = Sensitivity
people-place = Place
people-key = Code
people-region = Region
people-score = Score
people-zone = Zone
people-excluded = Not ranked: why
people-raw = { $title }: raw value
people-value = { $title }: transformed
people-normalized = { $title }: normalized
people-points = { $title }: points
people-indicator = Indicator
people-formula = Computed as
people-better = Direction
people-transform = Transform
people-normalize = Normalization
people-missing = Missing values
people-block = Block
people-weight = Weight
people-note = Note
people-version = Edition
people-effective = Effective from
people-period = Period
people-made = Computed on
people-identifier = Identifier

explain-ties-dense = dense
explain-ties-competition = competition
explain-ties-ordinal = ordinal
explain-ties-average = average
explain-zone-title = , { $title }
explain-weight-points = { $points }

check-line = { $file }: { $ok } — { $summary }{ $warnings }
check-summary = { $indicators }, { $groups }, { $scheme }{ $records }
count-members-indicators = { $n ->
    [one] { $n } member
   *[other] { $n } members
}
count-members-groups = { $n ->
    [one] { $n } member
   *[other] { $n } members
}
clap-options-placeholder = [OPTIONS]
clap-command-placeholder = <COMMAND>
help-pos-file = The methodology's file (*.metodika)
help-pos-files = The methodologies' files (*.metodika)
help-name-file = FILE

explain-points-added = sum of points
# the choices of an uncertainty block, as a sensitivity table names them
factor-weights = weights ±{ $p }%
factor-weight = weight { $name } «{ $title }»
factor-normalize = normalize { $name } «{ $title }»
factor-aggregate = aggregate { $name } «{ $title }»
factor-missing = missing { $name } «{ $title }»
factor-noise = noise { $name } «{ $title }» ±{ $p }%
sensitivity-noise = first-order index within its noise of zero (a negative value is the estimate's noise): { $choices }
sensitivity-nothing = changes no place: { $choices }
# a methodology's change in words (diff, review, the diff page)
diff-said-added = added: «{ $title }» = { $formula }; { $better }; { $normalization }{ $weight }
diff-said-weight-in = ; weight { $weight } in «{ $group }»
diff-said-value = formula: { $was } → { $now }
diff-said-aggregate = aggregate: { $was } → { $now }
diff-said-better = direction: { $was } → { $now }
diff-said-normalize = normalization: { $was } → { $now }
diff-said-outliers = outliers: { $was } → { $now }
diff-said-missing = missing values: { $was } → { $now }
diff-said-aggregation = aggregation: { $was } → { $now }
diff-said-weight = «{ $member }»: { $was } → { $now }
diff-said-member-added = member added: «{ $member }» ({ $weight })
diff-said-member-removed = member removed: «{ $member }» ({ $weight })
diff-said-then = { $was } → { $now }
diff-said-desc = { $what } descending
diff-said-asc = { $what } ascending
diff-said-none = none
diff-said-added-line = added: { $what }
diff-said-removed-line = removed: { $what }
diff-said-or = or
unc-line-runs = { $n ->
    [one] { $n } replication
   *[other] { $n } replications
}
unc-line-seed = seed { $seed }
unc-line-weights = every weight ±{ $p }%
unc-line-weight = the weight of «{ $member }» from { $lo } to { $hi }
unc-line-normalize = the normalization of «{ $title }»: { $alternatives }
unc-line-aggregate = the aggregation of «{ $title }»: { $alternatives }
unc-line-missing = the missing values of «{ $title }»: { $alternatives }
unc-line-noise = the error of the values of «{ $title }» ±{ $p }%
diff-area-header = header
diff-area-input = input
diff-area-exclude = exclude
diff-area-indicator = indicator
diff-area-group = group
diff-area-rank = rank
diff-area-zones = zones
diff-area-uncertainty = uncertainty
diff-name-version = version
diff-name-key = key
diff-name-then = then
diff-name-ties = ties
diff-name-round = round
diff-member-added = member added:
diff-member-removed = member removed:
diff-added = added:
diff-removed = removed:
diff-normalize = normalize:
diff-missing = missing:
diff-better = better:
diff-value = value:
diff-title = title:
diff-equal-weight = equal weight
diff-weight = weight
panel-month-1 = Jan
panel-month-2 = Feb
panel-month-3 = Mar
panel-month-4 = Apr
panel-month-5 = May
panel-month-6 = Jun
panel-month-7 = Jul
panel-month-8 = Aug
panel-month-9 = Sep
panel-month-10 = Oct
panel-month-11 = Nov
panel-month-12 = Dec
col-score-change = score change
panel-title-year = { $title }, { $year }
col-step-raw = { $title }.raw
col-step-norm = { $title }.norm
col-step-pts = { $title }.pts

## the language server's hovers (ide::hover)
hover-given-name = **column `{ $column }`** of `{ $input }`: the name given to the header { $header }
hover-key-column = **key column `{ $column }`**
hover-key-column-line = The column that names each region, in every region input: the rows of the inputs are joined on it.
hover-label-column = **label column `{ $column }`**
hover-label-column-line = The column of the region names shown in the ranking.
hover-score = **score**: the region's total score (after rounding, as it is ranked).
hover-place = **place**: the region's place in the ranking.
hover-indicator = **indicator `{ $name }`** — { $title }
hover-from-defaults = (from `defaults`)
hover-normalize-none = - normalize: `none` (not written)
hover-equal-weight = equal weight
hover-in-group = - in `{ $group }`: { $weight }
hover-share-later = - share of the maximum: told once the file has no error
hover-share = - share of the maximum: { $share }
hover-share-points = ({ $points } of { $max } points)
hover-share-min = - share of the maximum: none fixed (a `min` group takes its smallest member)
hover-share-none = - share of the maximum: 0 (not a member of the score)
hover-aggregation-default = mean or sum (not written)
hover-group = **group `{ $name }`** — { $title }

    - aggregation: { $aggregation }
    - members: { $members }
hover-input = **input `{ $name }`**: `{ $path }`
hover-records = **records `{ $name }`**: `{ $path }`
hover-columns = { $n } columns: { $columns }
hover-columns-unknown = Columns not known: { $why }
hover-column = **column `{ $column }`** of `{ $input }`
hover-type = Type: { $type }
hover-type-unknown = Type: not told from the file
hover-not-in-header = Not in the file's header.
hover-not-read = The file is not read: { $why }
hover-zone = **zone `{ $name }`** — { $title }
gate-left = { $region }: place { $place } → not ranked
gate-entered = { $region }: not ranked → place { $place }
gate-moved = { $region }: place { $old } → { $new } ({ $moved })
gate-fail-move = moves over the { $allowed } places allowed by --fail-on-move (leaving or entering the ranking included): { $list }
gate-fail-exclusion = regions that left or entered the ranking (--fail-on-exclusion): { $list }
gate-fail-zone = { $n ->
    [one] { $n } region changed zone
   *[other] { $n } regions changed zone
} (--fail-on-zone-change): { $list }
gate-passed = Gate passed ({ $rules })
gate-failed = Gate failed ({ $rules })
diff-compared = Compared: { $old } → { $new }
diff-side = { $source }, { $period }
diff-side-no-period = { $source }
diff-data-same = The data are the same on both sides: every change comes from the methodology.
diff-data-changed = The data differ between the sides ({ $why }): the change is split below into the methodology's effect and the data's.
diff-data-changed-unsplit = The data differ between the sides ({ $why }), and the change cannot be split: { $reason }.
diff-why-period = another period
diff-why-files = other files
diff-effect-methodology = The methodology alone (the new rule on the old data): { $summary }
diff-effect-data = The data alone (the new rule, old data → new data): { $summary }
diff-effect-summary = { $up } up, { $down } down, the largest move { $max }, { $zones ->
    [one] { $zones } zone change
   *[other] { $zones } zone changes
}, { $out ->
    [one] { $out } region left or entered the ranking
   *[other] { $out } regions left or entered the ranking
}
diff-unsplit-inputs = the new methodology reads inputs the old side does not have ({ $names })
diff-unsplit-run = the new methodology does not run on the old data: { $why }
diff-left = left the ranking: { $list }
diff-entered = entered the ranking: { $list }
diff-md-regions = Regions: what moved, changed zone, left or entered ({ $n })
diff-md-regions-top = Regions: the { $top } largest of { $n } that moved, changed zone, left or entered
diff-top10 = top 10: { $kept } of the old { $old } stay in the new top 10 ({ $new ->
    [one] { $new } region
   *[other] { $new } regions
}, ties included)
diff-top10-same = top 10: the same { $old ->
    [one] { $old } region
   *[other] { $old } regions
}
diff-data-only = The methodology is the same on both sides and the data differ ({ $why }): every change comes from the data.
help-value-github = GitHub's workflow commands: annotations on the lines of a pull request
help-value-gitlab = GitLab's Code Quality report (JSON)
help-value-sarif = SARIF 2.1.0, for code scanning and review tools
help-value-junit = JUnit XML: a test case per file
git-shallow-help = This clone is shallow (CI's default): fetch the history, `git fetch --deepen=50` or `git fetch --unshallow` (GitHub Actions: `fetch-depth: 0`; GitLab CI: `GIT_DEPTH: 0`), or fetch the revision itself: `{ $fetch }`.
git-fetch-help = Fetch it first: `{ $fetch }`.
git-no-rev = git has no revision `{ $rev }` here.
git-rev-dash = `{ $rev }` is not a revision: a revision does not begin with `-`
git-cannot-show = git cannot show `{ $spec }`: { $why }
git-cannot-list = git cannot list `{ $spec }`: { $why }
git-outside = `{ $path }` is not inside the repository: a `git:` path stays inside it
cli-stdin-once = standard input (`-`) can be read once: name one file `-`
diff-renamed = `{ $new }` was `{ $old }` at { $rev }: compared with it
diff-new-file = `{ $file }` is new: it is not at { $rev }, so there is nothing to compare it with (check and run it on its own)
diff-old-broken = `{ $old }` has errors (above), so there is nothing to compare: `{ $new }` checks and runs
review-index = the staged change
review-tree = the working tree
review-title = Methodology review: { $base } → { $head }
review-not-a-repository = `review` works in a git repository: { $why }
review-why-changed = its file changed
review-why-data = its data changed ({ $files })
review-why-base = the edition it extends is affected (`{ $base }`)
review-ok = ok
review-not-canonical = not canonical (`fmt`)
review-gate-passed = passed
review-gate-failed = failed
review-new = new
review-base-broken = the base had errors
review-failed = does not check or run
review-none = The change affects no methodology.
review-verdict-passed = Every methodology checks, is canonical, and passes the gate.
review-verdict-failed = Not every methodology checks, is canonical and passes the gate: see the table.
review-col-methodology = methodology
review-col-why = why
review-col-periods = periods
review-col-changes = rule changes
review-col-moved = moved
review-col-largest = largest move
review-col-zones = zone changes
review-col-out-in = left/entered
review-col-check = check
review-col-gate = gate
help-review-base = The revision the change is compared with (`origin/main`, a merge base)
help-review-head = The revision of the change (the working tree when left out)
help-review-staged = Review what is staged (the index): what a commit would hold
help-review-paths = Only the methodologies under these paths
help-review-format = The output's format: a review comment (markdown), aligned text (table), json, sarif or a page (html)
help-review-fail-on-move = Fail (status 3) when a region moves more than N places, or leaves or enters the ranking
help-review-fail-on-exclusion = Fail (status 3) when a region leaves or enters the ranking
help-review-fail-on-zone-change = Fail (status 3) when a region changes zone
help-review-top = In each methodology's table, only the N largest of the regions that moved
help-review = What a change does to the methodologies of a repository: the ones it affects (changed, extending a changed one, or whose data changed), each checked and compared with its edition at the base, in one review with the summary first
help-after-review =
    Examples:
      $ metodika review --base HEAD
      $ metodika review --base HEAD --staged --format table
      $ metodika review --base HEAD methodologies/pos --fail-on-move 10 --fail-on-zone-change

    Exit status: 0 every affected methodology checks, is canonical and passes the gate; 1 one has errors or is not canonical; 2 the command line is wrong, or a revision is missing; 3 a gate failed.
diff-area-score = score
diff-maximum = maximum
diff-better-higher = better higher
diff-better-lower = better lower
diff-from = from `{ $file }`
review-effect = The methodology's changes move { $moved ->
    [one] { $moved } region
   *[other] { $moved } regions
} (the largest move { $max }) and change the zone of { $zones ->
    [one] { $zones } region
   *[other] { $zones } regions
}.

## metodika audit
help-audit = Defend the rating: each indicator's statistics (skewness, kurtosis, outliers), the correlations inside each block, Cronbach's alpha and the first principal component, effective weights beside nominal ones, and what leaving out each indicator and block does to the ranking
help-audit-inputs = Use another file for an input: NAME=PATH (repeatable)
help-audit-table = The table `--format csv` writes (every table is in json and xlsx)
help-audit-output = Write to this file (whole or not at all) instead of standard output
help-audit-period = Count only the records of this period, as `run --period` does
help-after-audit =
    Examples:
      $ metodika audit methodologies/pos/pos-2025-tables.metodika
      $ metodika audit methodologies/pos/pos-2025-tables.metodika --format csv --table weights
      $ metodika audit methodologies/pos/pos-2025-tables.metodika --format xlsx --output audit.xlsx

    Exit status: 0 done; 1 the methodology or the data has errors; 2 the command line is wrong.
help-value-statistics = Each indicator's statistics, raw and normalized
help-value-correlations = Every correlation inside the blocks, and with each block and the score
help-value-blocks = Each block's Cronbach's alpha and first principal component
help-value-loadings = Each member's coefficient in its block's first principal component
help-value-weights = Each indicator's nominal and effective weight
help-value-drops = What leaving out each indicator and block does to the ranking
count-audited = { $n ->
    [one] { $n } ranked region audited
   *[other] { $n } ranked regions audited
}
audit-caption = { $title }: the statistical audit over { $ranked ->
    [one] { $ranked } ranked region
   *[other] { $ranked } ranked regions
}
audit-left-out = Left out of every figure: { $n ->
    [one] { $n } region not ranked
   *[other] { $n } regions not ranked
} ({ $regions }).
audit-flags = What the audit flags ({ $n })
audit-flags-heading = What the audit flags
audit-no-flags = Nothing: no outlier, no redundant or negative pair, no weak member, no incoherent block, no weight far from its effect.
audit-flag-winsorized = «{ $title }»: outliers treated — { $points } { $points ->
    [one] value winsorized
   *[other] values winsorized
  } at the { $side ->
    [top] top
    [bottom] bottom
   *[both] top and bottom
  }; skewness { $skewness } → { $skewness_after }, kurtosis { $kurtosis } → { $kurtosis_after }
audit-flag-log = «{ $title }»: outliers treated by the logarithm ln(x − min + 0.01·(max − min)), winsorizing having failed; skewness { $skewness } → { $skewness_after }, kurtosis { $kurtosis } → { $kurtosis_after }
audit-flag-outlier = «{ $title }»: skewed with heavy tails (skewness { $skewness }, kurtosis { $kurtosis }); a few regions may decide its normalized value — consider a transform
audit-flag-outlier-kept = «{ $title }»: skewed with heavy tails (skewness { $skewness }, kurtosis { $kurtosis }), still after normalization; a few regions decide its points — consider a transform
audit-flag-redundant = «{ $a }» and «{ $b }» in «{ $block }» correlate at { $r }: the block may count one thing twice
audit-flag-negative = «{ $a }» and «{ $b }» in «{ $block }» correlate negatively ({ $r }): one offsets the other inside the block
audit-flag-weak = «{ $member }» correlates with its block «{ $block }» at only { $r }: it measures something else than its block
audit-flag-incoherent = «{ $block }»: Cronbach's alpha { $alpha } is below 0.7 — its members do not measure one thing
audit-flag-more = «{ $title }» matters more than its weight: an effective weight of { $importance } against a nominal share of { $nominal }
audit-flag-less = «{ $title }» matters less than its weight: an effective weight of { $importance } against a nominal share of { $nominal }
audit-statistics = Indicators: raw values
audit-col-indicator = indicator
audit-col-coverage = coverage
audit-col-mean = mean
audit-col-sd = std. dev.
audit-col-min = min
audit-col-max = max
audit-col-skewness = skewness
audit-col-kurtosis = kurtosis
audit-col-normalized-skewness = normalized: skewness
audit-col-normalized-kurtosis = normalized: kurtosis
audit-blocks = Blocks
audit-col-block = block
audit-col-members = members
audit-col-alpha = Cronbach's alpha
audit-col-alpha-standardized = standardized alpha
audit-col-pc1 = first component
audit-col-with-parent = r with its parent
audit-col-with-score = r with the score
audit-correlations-of = Correlations (Pearson) in «{ $block }»
audit-col-member = member
audit-col-with-block = r with the block
audit-weights = Weights: nominal and effective
audit-col-nominal = nominal share
audit-col-importance = effective weight
audit-col-verdict = verdict
audit-verdict-more = matters more than its weight
audit-verdict-less = matters less than its weight
audit-drops = Leaving out one member
audit-col-without = without
audit-col-mean-shift = mean shift
audit-col-max-shift = largest shift
audit-col-moved = regions moved
audit-col-zone-changes = zone changes
audit-and-more = { $names } and { $n } more
audit-kind-indicator = indicator
audit-kind-group = block
audit-head-treated = after the outlier rule: { $what }
audit-head-outliers = outlier rule
audit-head-outliers-points = values winsorized
audit-outliers-none = none
audit-outliers-passed = not needed
audit-outliers-untreated = not applied (too few values, or all equal)
audit-outliers-winsorized = winsorized
audit-outliers-log = logarithm
audit-col-treated-skewness = after the outlier rule: skewness
audit-col-treated-kurtosis = after the outlier rule: kurtosis
audit-head-normalized = normalized: { $what }
audit-head-with = with
audit-head-n = regions with a value
audit-head-zeros = zeros
audit-head-outlier = outlier
audit-head-pearson = Pearson's r
audit-head-spearman = Spearman's rho
audit-head-pc1-regions = regions in the component
audit-head-loading = coefficient in the first component
audit-head-kind = kind
audit-head-unranked = regions no longer ranked
audit-head-zone-changed = regions changing zone
audit-sheet-flags = Findings
audit-sheet-statistics = Indicators
audit-sheet-weights = Weights
audit-sheet-correlations = Correlations
audit-sheet-loadings = First components
audit-page-title = Statistical audit
audit-page-heatmap-note = Each block's correlations (Pearson) between its members: red where two members rise together, blue where one rises as the other falls; the members are numbered as in the list under the map.
audit-page-weights-note = For each indicator, its nominal share of the score by the weights written (the outlined bar) and its effective weight (the filled bar): its squared correlation with the score, rescaled so that the indicators' add up to 100%. Flagged where the two differ more than twice.
audit-page-drops-note = For each indicator and block, the ranking without it (its weight shared among its siblings): the largest change of place (the outlined bar) and the mean change (the filled bar); marked where a region changes zone.
audit-page-caption = Over { $ranked ->
    [one] { $ranked } ranked region
   *[other] { $ranked } ranked regions
}: each indicator's statistics, the correlations inside the blocks, effective weights and what leaving out each member does to the ranking.
audit-page-raw = raw values
audit-page-normalized = normalized values
