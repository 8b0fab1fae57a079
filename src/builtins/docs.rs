//! One line of documentation for every built-in, with how it is called: what an editor
//! shows on hover and in completion (`metodika lsp`). A test holds this table and the
//! tables the checker reads ([`Func::ALL`](super::Func::ALL), [`super::TRANSFORMS`], …)
//! to the same names.

/// Which kind of built-in a name is: where it may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An element-wise function of a formula: `abs(x)`.
    Function,
    /// An aggregate over the ranked regions: `mean_of(x)`.
    Aggregate,
    /// An aggregate over the records of a record input: `count(messages where …)`.
    RecordAggregate,
    /// A transform: `transform log`.
    Transform,
    /// A normalization: `normalize minmax`.
    Normalization,
    /// A missing-data policy: `missing median`.
    Missing,
    /// An outlier rule: `outliers auto`.
    Outliers,
    /// How a group combines its members: `group g "…" geometric { … }`.
    Aggregation,
    /// How equal places are numbered: `ties dense`.
    Ties,
}

impl Kind {
    /// What it is called in a sentence.
    pub fn noun(self) -> &'static str {
        if crate::i18n::lang() == crate::i18n::Lang::Ru {
            return match self {
                Kind::Function => "функция",
                Kind::Aggregate => "агрегат по регионам",
                Kind::RecordAggregate => "агрегат по записям",
                Kind::Transform => "преобразование",
                Kind::Normalization => "нормирование",
                Kind::Missing => "правило для пропусков",
                Kind::Outliers => "обработка выбросов",
                Kind::Aggregation => "способ сложения блока",
                Kind::Ties => "правило для равных баллов",
            };
        }
        match self {
            Kind::Function => "function",
            Kind::Aggregate => "aggregate over the regions",
            Kind::RecordAggregate => "aggregate over records",
            Kind::Transform => "transform",
            Kind::Normalization => "normalization",
            Kind::Missing => "missing-data policy",
            Kind::Outliers => "outlier rule",
            Kind::Aggregation => "group aggregation",
            Kind::Ties => "tie method",
        }
    }
}

/// A built-in's documentation.
#[derive(Debug, Clone, Copy)]
pub struct Doc {
    /// The name it is written with.
    pub name: &'static str,
    /// Where it may be written.
    pub kind: Kind,
    /// How it is written, with its parameters.
    pub signature: &'static str,
    /// What it does, in one line.
    pub line: &'static str,
}

const fn d(name: &'static str, kind: Kind, signature: &'static str, line: &'static str) -> Doc {
    Doc {
        name,
        kind,
        signature,
        line,
    }
}

use Kind::*;

/// Every built-in, by kind.
pub const DOCS: &[Doc] = &[
    d("abs", Function, "abs(x)", "The absolute value of x."),
    d(
        "ln",
        Function,
        "ln(x)",
        "The natural logarithm of x; missing for x ≤ 0.",
    ),
    d(
        "log10",
        Function,
        "log10(x)",
        "The decimal logarithm of x; missing for x ≤ 0.",
    ),
    d(
        "sqrt",
        Function,
        "sqrt(x)",
        "The square root of x; missing for x < 0.",
    ),
    d("exp", Function, "exp(x)", "e to the power x."),
    d(
        "round",
        Function,
        "round(x, n)",
        "x rounded half away from zero to n decimals (0 when n is left out).",
    ),
    d(
        "clamp",
        Function,
        "clamp(x, lo, hi)",
        "x limited to lo..hi.",
    ),
    d(
        "min",
        Function,
        "min(a, b, …)",
        "The smallest of the arguments, for each region.",
    ),
    d(
        "max",
        Function,
        "max(a, b, …)",
        "The largest of the arguments, for each region.",
    ),
    d(
        "missing",
        Function,
        "missing(x)",
        "True where x has no value.",
    ),
    d(
        "coalesce",
        Function,
        "coalesce(x, y, …)",
        "The first argument that has a value.",
    ),
    d(
        "previous",
        Function,
        "previous(count(R …))",
        "An aggregate over records in the previous period (with `period` in the header).",
    ),
    d(
        "mean_of",
        Aggregate,
        "mean_of(x)",
        "The arithmetic mean of x over the ranked regions.",
    ),
    d(
        "median_of",
        Aggregate,
        "median_of(x)",
        "The median of x over the ranked regions.",
    ),
    d(
        "min_of",
        Aggregate,
        "min_of(x)",
        "The smallest value of x over the ranked regions.",
    ),
    d(
        "max_of",
        Aggregate,
        "max_of(x)",
        "The largest value of x over the ranked regions.",
    ),
    d(
        "sum_of",
        Aggregate,
        "sum_of(x)",
        "The sum of x over the ranked regions.",
    ),
    d(
        "share_of",
        Aggregate,
        "share_of(x)",
        "x / sum_of(x), for each region.",
    ),
    d(
        "count_of",
        Aggregate,
        "count_of(x)",
        "How many ranked regions have a value of x.",
    ),
    d(
        "count",
        RecordAggregate,
        "count(R where P)",
        "How many records of the region (those P keeps).",
    ),
    d(
        "share",
        RecordAggregate,
        "share(R where P)",
        "The region's records that P keeps, of all its records; missing without records.",
    ),
    d(
        "sum",
        RecordAggregate,
        "sum(R.x where P)",
        "The sum of x over the region's records; 0 without records.",
    ),
    d(
        "mean",
        RecordAggregate,
        "mean(R.x where P)",
        "The mean of the values of x present in the region's records.",
    ),
    d(
        "median",
        RecordAggregate,
        "median(R.x where P)",
        "The median of the values of x present in the region's records.",
    ),
    d(
        "min",
        RecordAggregate,
        "min(R.x where P)",
        "The smallest value of x in the region's records.",
    ),
    d(
        "max",
        RecordAggregate,
        "max(R.x where P)",
        "The largest value of x in the region's records.",
    ),
    d(
        "count_distinct",
        RecordAggregate,
        "count_distinct(R.x where P)",
        "How many different values x takes in the region's records.",
    ),
    d(
        "quantile",
        RecordAggregate,
        "quantile(R.x, q where P)",
        "The q quantile of x over the region's records, interpolated linearly.",
    ),
    d(
        "log",
        Transform,
        "log",
        "The natural logarithm; a value ≤ 0 becomes missing.",
    ),
    d(
        "log1p",
        Transform,
        "log1p",
        "ln(1 + x); a value ≤ −1 becomes missing.",
    ),
    d(
        "sqrt",
        Transform,
        "sqrt",
        "The square root; a negative value becomes missing.",
    ),
    d(
        "cap",
        Transform,
        "cap(lo, hi)",
        "Values below lo become lo, above hi become hi.",
    ),
    d(
        "winsorize",
        Transform,
        "winsorize(p_lo, p_hi)",
        "Values beyond the p_lo and p_hi quantiles of the ranked regions are pulled in to them.",
    ),
    d(
        "minmax",
        Normalization,
        "minmax or minmax(lo, hi)",
        "(x − min) / (max − min), 1 the best; rescaled to lo..hi when given.",
    ),
    d(
        "zscore",
        Normalization,
        "zscore",
        "(x − mean) / sd (sample sd); 0 when sd is 0.",
    ),
    d(
        "goalposts",
        Normalization,
        "goalposts(lo, hi)",
        "(x − lo) / (hi − lo) clamped to 0..1.",
    ),
    d(
        "ratio_to_best",
        Normalization,
        "ratio_to_best",
        "x / max; for `better lower`, min / x.",
    ),
    d(
        "target",
        Normalization,
        "target(t)",
        "x / t capped at 1; for `better lower`, t / x capped at 1.",
    ),
    d(
        "rank",
        Normalization,
        "rank",
        "The percentile rank: 0 for the worst region, 1 for the best; ties share the average.",
    ),
    d(
        "none",
        Normalization,
        "none",
        "The value as it is (−x for `better lower`).",
    ),
    d(
        "bands",
        Normalization,
        "bands { >= 80% : 1  else : 0 }",
        "The value of the first band whose condition holds, else the `else` value.",
    ),
    d(
        "error",
        Missing,
        "error",
        "The run stops and names every region concerned (the default).",
    ),
    d("zero", Missing, "zero", "A missing value is taken as 0."),
    d(
        "mean",
        Missing,
        "mean",
        "The mean over the regions that have a value.",
    ),
    d(
        "median",
        Missing,
        "median",
        "The median over the regions that have a value.",
    ),
    d("min", Missing, "min", "The smallest value any region has."),
    d("max", Missing, "max", "The largest value any region has."),
    d("value", Missing, "value(x)", "The constant x."),
    d(
        "exclude",
        Missing,
        "exclude",
        "The indicator is left out for that region; its weight goes to the region's other members.",
    ),
    d(
        "auto",
        Outliers,
        "auto or auto(N)",
        "COINr's treatment: while |skewness| ≥ 2 and kurtosis ≥ 3.5, the most extreme value takes the next one, at most N points (5); if still skewed, ln(x − min + 0.01·(max − min)).",
    ),
    d(
        "none",
        Outliers,
        "none",
        "Values as they are (the default).",
    ),
    d("mean", Aggregation, "mean", "Σ w·x / Σ w (the default)."),
    d(
        "geometric",
        Aggregation,
        "geometric",
        "Π x^(w / Σ w); 0 when any member is 0.",
    ),
    d(
        "harmonic",
        Aggregation,
        "harmonic",
        "Σ w / Σ (w / x); 0 when any member is 0.",
    ),
    d(
        "sum",
        Aggregation,
        "sum",
        "Σ w·x (the default with points).",
    ),
    d(
        "min",
        Aggregation,
        "min",
        "The smallest member result; weights are not used.",
    ),
    d(
        "dense",
        Ties,
        "dense",
        "1, 2, 2, 3: as the published ПОС rating (the default).",
    ),
    d("competition", Ties, "competition", "1, 2, 2, 4."),
    d(
        "ordinal",
        Ties,
        "ordinal",
        "1, 2, 3, 4, the tie broken by the key.",
    ),
    d("average", Ties, "average", "1, 2.5, 2.5, 4."),
];

/// What each built-in does, in Russian (the glossary's words), by kind and name.
const RU: &[(Kind, &str, &str)] = &[
    (Function, "abs", "Модуль x."),
    (Function, "ln", "Натуральный логарифм x; при x ≤ 0 — пропуск."),
    (Function, "log10", "Десятичный логарифм x; при x ≤ 0 — пропуск."),
    (Function, "sqrt", "Квадратный корень из x; при x < 0 — пропуск."),
    (Function, "exp", "e в степени x."),
    (Function, "round", "x, округлённое до n знаков после запятой (половина — от нуля; без n — до целого)."),
    (Function, "clamp", "x, ограниченное отрезком lo..hi."),
    (Function, "min", "Наименьший из аргументов, для каждого региона."),
    (Function, "max", "Наибольший из аргументов, для каждого региона."),
    (Function, "missing", "Истина, где у x нет значения."),
    (Function, "coalesce", "Первый аргумент, у которого есть значение."),
    (Function, "previous", "Агрегат по записям за предыдущий период (при `period` в заголовке)."),
    (Aggregate, "mean_of", "Среднее арифметическое x по регионам рейтинга."),
    (Aggregate, "median_of", "Медиана x по регионам рейтинга."),
    (Aggregate, "min_of", "Наименьшее значение x по регионам рейтинга."),
    (Aggregate, "max_of", "Наибольшее значение x по регионам рейтинга."),
    (Aggregate, "sum_of", "Сумма x по регионам рейтинга."),
    (Aggregate, "share_of", "x / sum_of(x), для каждого региона."),
    (Aggregate, "count_of", "Число регионов рейтинга, у которых есть значение x."),
    (RecordAggregate, "count", "Число записей региона (тех, что отбирает P)."),
    (RecordAggregate, "share", "Доля записей региона, которые отбирает P, среди всех его записей; без записей — пропуск."),
    (RecordAggregate, "sum", "Сумма x по записям региона; без записей — 0."),
    (RecordAggregate, "mean", "Среднее значений x, заполненных в записях региона."),
    (RecordAggregate, "median", "Медиана значений x, заполненных в записях региона."),
    (RecordAggregate, "min", "Наименьшее значение x в записях региона."),
    (RecordAggregate, "max", "Наибольшее значение x в записях региона."),
    (RecordAggregate, "count_distinct", "Число различных значений x в записях региона."),
    (RecordAggregate, "quantile", "Квантиль уровня q значений x в записях региона, с линейной интерполяцией."),
    (Transform, "log", "Натуральный логарифм; значение ≤ 0 становится пропуском."),
    (Transform, "log1p", "ln(1 + x); значение ≤ −1 становится пропуском."),
    (Transform, "sqrt", "Квадратный корень; отрицательное значение становится пропуском."),
    (Transform, "cap", "Значения ниже lo заменяются на lo, выше hi — на hi."),
    (Transform, "winsorize", "Винзоризация: значения за квантилями p_lo и p_hi регионов рейтинга заменяются граничными."),
    (Normalization, "minmax", "Линейное нормирование: (x − min) / (max − min), 1 — лучший; с lo и hi — на отрезок lo..hi."),
    (Normalization, "zscore", "Стандартизация (z-оценка): (x − среднее) / стандартное отклонение (выборочное); 0, если отклонение 0."),
    (Normalization, "goalposts", "Нормирование по целевым значениям: (x − lo) / (hi − lo), в пределах 0..1."),
    (Normalization, "ratio_to_best", "Отношение к лучшему: x / max; при `better lower` — min / x."),
    (Normalization, "target", "Отношение к цели: x / t, не больше 1; при `better lower` — t / x, не больше 1."),
    (Normalization, "rank", "Нормирование по рангу: 0 у худшего региона, 1 у лучшего; равным — среднее."),
    (Normalization, "none", "Значение как есть (−x при `better lower`)."),
    (Normalization, "bands", "Пороговая шкала: значение первого порога, условие которого выполнено, иначе значение `else`."),
    (Missing, "error", "Пропуски не допускаются: расчёт останавливается и называет каждый регион (по умолчанию)."),
    (Missing, "zero", "Пропуск замещается нулём."),
    (Missing, "mean", "Пропуск замещается средним по регионам, у которых есть значение."),
    (Missing, "median", "Пропуск замещается медианой по регионам, у которых есть значение."),
    (Missing, "min", "Пропуск замещается наименьшим значением среди регионов."),
    (Missing, "max", "Пропуск замещается наибольшим значением среди регионов."),
    (Missing, "value", "Пропуск замещается постоянной x."),
    (Missing, "exclude", "Показатель не учитывается у этого региона; его вес переходит к остальным составляющим блока."),
    (Outliers, "auto", "Обработка выбросов, как в COINr: пока |асимметрия| ≥ 2 и эксцесс ≥ 3,5, крайнее значение заменяется следующим (не больше N значений, по умолчанию 5); если асимметрия остаётся — ln(x − min + 0,01·(max − min))."),
    (Outliers, "none", "Значения как есть (по умолчанию)."),
    (Aggregation, "mean", "Среднее арифметическое: Σ w·x / Σ w (по умолчанию)."),
    (Aggregation, "geometric", "Среднее геометрическое: Π x^(w / Σ w); 0, если хоть одна составляющая 0."),
    (Aggregation, "harmonic", "Среднее гармоническое: Σ w / Σ (w / x); 0, если хоть одна составляющая 0."),
    (Aggregation, "sum", "Сумма: Σ w·x (по умолчанию при баллах)."),
    (Aggregation, "min", "Минимум: наименьший результат составляющих; веса не используются."),
    (Ties, "dense", "1, 2, 2, 3: равные баллы — одно место, следующее без пропуска, как в опубликованном рейтинге ПОС (по умолчанию)."),
    (Ties, "competition", "1, 2, 2, 4: равные баллы — одно место, следующие места пропускаются."),
    (Ties, "ordinal", "1, 2, 3, 4: равенство разрешается по коду."),
    (Ties, "average", "1, 2,5, 2,5, 4: равным — среднее из мест."),
];

impl Doc {
    /// What it does, in one line, in the chosen language.
    pub fn line_in_words(&self) -> &'static str {
        match crate::i18n::lang() {
            crate::i18n::Lang::Ru => RU
                .iter()
                .find(|(k, n, _)| *k == self.kind && *n == self.name)
                .map_or(self.line, |(_, _, l)| l),
            crate::i18n::Lang::En => self.line,
        }
    }
}

/// The built-in of `kind` called `name`.
pub fn doc(kind: Kind, name: &str) -> Option<&'static Doc> {
    DOCS.iter().find(|d| d.kind == kind && d.name == name)
}

/// Every built-in of `kind`, in the table's order.
pub fn of_kind(kind: Kind) -> impl Iterator<Item = &'static Doc> {
    DOCS.iter().filter(move |d| d.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::*;

    fn names(kind: Kind) -> Vec<&'static str> {
        let mut v: Vec<_> = of_kind(kind).map(|d| d.name).collect();
        v.sort();
        v
    }
    fn sorted(mut v: Vec<&'static str>) -> Vec<&'static str> {
        v.sort();
        v
    }

    #[test]
    fn every_builtin_has_its_russian_line() {
        for d in DOCS {
            assert!(
                RU.iter().any(|(k, n, _)| *k == d.kind && *n == d.name),
                "{} ({:?}) has no Russian line",
                d.name,
                d.kind
            );
        }
        assert_eq!(RU.len(), DOCS.len());
    }

    #[test]
    fn every_builtin_has_its_line_and_no_other() {
        let mut funcs: Vec<_> = Func::ALL.iter().map(|(n, _)| *n).collect();
        funcs.push("previous");
        assert_eq!(names(Function), sorted(funcs));
        assert_eq!(
            names(Aggregate),
            sorted(
                super::super::Aggregate::ALL
                    .iter()
                    .map(|(n, _)| *n)
                    .collect()
            )
        );
        assert_eq!(
            names(RecordAggregate),
            sorted(
                super::super::RecordAggregate::ALL
                    .iter()
                    .map(|(n, _)| *n)
                    .collect()
            )
        );
        assert_eq!(
            names(Transform),
            sorted(TRANSFORMS.iter().map(|(n, _)| *n).collect())
        );
        assert_eq!(
            names(Normalization),
            sorted(NORMALIZATIONS.iter().map(|(n, _)| *n).collect())
        );
        assert_eq!(
            names(Missing),
            sorted(MISSING_POLICIES.iter().map(|(n, _)| *n).collect())
        );
        assert_eq!(
            names(Outliers),
            sorted(OUTLIER_RULES.iter().map(|(n, _)| *n).collect())
        );
        assert_eq!(
            names(Aggregation),
            sorted(
                super::super::Aggregation::ALL
                    .iter()
                    .map(|(n, _)| *n)
                    .collect()
            )
        );
        assert_eq!(
            names(Ties),
            sorted(TieMethod::ALL.iter().map(|(n, _)| *n).collect())
        );
        for d in DOCS {
            assert!(d.signature.starts_with(d.name), "{}", d.name);
            assert!(d.line.ends_with('.'), "{}", d.name);
        }
    }
}
