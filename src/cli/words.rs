//! clap's own words in the user's language: the help's headings (`Usage:`, `Commands:`,
//! `Arguments:`, `Options:`), the help and version flags, the `help` command, defaults and
//! possible values, and the command line's errors (an unknown option, a wrong value, a
//! missing argument). clap has no message catalogue of its own, so its texts are set from
//! ours: the headings through the help template and each argument's heading, the errors
//! rendered from the context clap gives (the argument, the value, the suggestions).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use metodika::i18n::t;

/// The command `metodika` with clap's words from the catalogue, at every level.
pub(super) fn localize(cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = words(cmd)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("clap-version", &[]))
                .display_order(usize::MAX),
        )
        .disable_help_subcommand(true)
        .subcommand(
            Command::new("help").about(t("clap-help-command", &[])).arg(
                Arg::new("command")
                    .num_args(0..)
                    .value_name(t("clap-command", &[])),
            ),
        );
    for n in names {
        cmd = cmd.mut_subcommand(&n, words);
    }
    cmd.mut_subcommand("help", words)
}

/// One command's headings, help flag, defaults and possible values.
fn words(cmd: Command) -> Command {
    // clap's default template, each section under our heading
    let styles = cmd.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let mut sections = Vec::new();
    if cmd.has_subcommands() {
        sections.push(("clap-commands", "{subcommands}"));
    }
    if cmd.get_positionals().next().is_some() {
        sections.push(("clap-arguments", "{positionals}"));
    }
    sections.push(("clap-options", "{options}"));
    let sections: Vec<String> = sections
        .into_iter()
        .map(|(id, tag)| format!("{header}{}:{header:#}\n{tag}", t(id, &[])))
        .collect();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#} {{usage}}\n\n{}{{after-help}}",
        t("clap-usage", &[]),
        sections.join("\n\n")
    );
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd.help_template(template).disable_help_flag(true);
    for id in ids {
        cmd = cmd.mut_arg(&id, values);
    }
    // `--help` says more than `-h` where there is more to say, as clap's own flag does
    let more =
        cmd.get_long_about().is_some() || cmd.get_arguments().any(|a| a.get_long_help().is_some());
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .display_order(usize::MAX - 1);
    cmd.arg(match more {
        true => help
            .help(t("clap-help-short", &[]))
            .long_help(t("clap-help-long", &[])),
        false => help.help(t("clap-help-plain", &[])),
    })
}

/// An argument under its heading, its default and possible values said in our words:
/// `[default: table] [possible values: table, csv, …]` in the short help; in the long
/// help the values with a meaning of their own one a line (`- csv-excel: …`, meanings
/// from the catalogue's `help-value-NAME`), then the default.
fn values(a: Arg) -> Arg {
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let default = (!defaults.is_empty() && !a.is_hide_default_value_set())
        .then(|| t("clap-default", &[("value", defaults.join(" ").into())]));
    let shown: Vec<clap::builder::PossibleValue> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let names: Vec<&str> = shown.iter().map(|v| v.get_name()).collect();
    let listed = !(a.is_hide_possible_values_set()
        || names.is_empty()
        || matches!(a.get_action(), ArgAction::SetTrue | ArgAction::SetFalse));
    let possible = listed.then(|| {
        t(
            "clap-possible-values",
            &[("values", names.join(", ").into())],
        )
    });
    if default.is_none() && possible.is_none() {
        return a;
    }
    let meanings = listed && shown.iter().any(|v| v.get_help().is_some());
    let long_values = meanings.then(|| {
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let mut out = format!("{}:", t("clap-possible-values-title", &[]));
        for v in &shown {
            let name = v.get_name();
            match v.get_help() {
                Some(_) => {
                    let meaning = t(&format!("help-value-{name}"), &[]);
                    let pad = " ".repeat(width - name.chars().count());
                    out.push_str(&format!("\n- {name}:{pad} {meaning}"));
                }
                None => out.push_str(&format!("\n- {name}")),
            }
        }
        out
    });
    let short: Vec<String> = [default.clone(), possible.clone()]
        .into_iter()
        .flatten()
        .collect();
    let long: Vec<String> = match long_values {
        Some(values) => vec![match default {
            Some(d) => format!("{values}\n\n{d}"),
            None => values,
        }],
        None => [default.clone(), possible.clone()]
            .into_iter()
            .flatten()
            .collect(),
    };
    let long: Vec<String> = long.into_iter().filter(|x| !x.is_empty()).collect();
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let join = |sep: &str, parts: &[String]| match help.is_empty() {
        true => parts.join(sep),
        false => format!(
            "{help}{}{}",
            if sep == " " { " " } else { "\n\n" },
            parts.join(sep)
        ),
    };
    let a = a
        .hide_default_value(true)
        .hide_possible_values(true)
        .help(join(" ", &short));
    // a long help only where the values have meanings to list
    match meanings {
        true => a.long_help(join("\n", &long)),
        false => a,
    }
}

/// A command-line error as the user reads it, in the chosen language: what is wrong, the
/// suggestion, the usage, and where to read more. Help and version are printed by clap.
pub(super) fn error_text(e: &clap::Error) -> String {
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let list = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => t("clap-unknown-argument", &[("arg", (&arg).into())]),
        ErrorKind::InvalidSubcommand => t(
            "clap-unknown-command",
            &[(
                "command",
                text(ContextKind::InvalidSubcommand)
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            t("clap-value-required", &[("arg", (&arg).into())])
        }
        ErrorKind::InvalidValue => {
            let mut m = t(
                "clap-invalid-value",
                &[("arg", (&arg).into()), ("value", (&value).into())],
            );
            let valid = list(ContextKind::ValidValue);
            if !valid.is_empty() {
                m.push_str("\n  ");
                m.push_str(&t(
                    "clap-possible-values",
                    &[("values", valid.join(", ").into())],
                ));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let mut m = t(
                "clap-invalid-value",
                &[("arg", (&arg).into()), ("value", (&value).into())],
            );
            if let Some(source) = std::error::Error::source(e) {
                m.push_str(&format!(": {source}"));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => {
            let mut m = t("clap-missing", &[]);
            for a in list(ContextKind::InvalidArg) {
                m.push_str(&format!("\n  {a}"));
            }
            m
        }
        ErrorKind::MissingSubcommand => t(
            "clap-missing-command",
            &[(
                "commands",
                list(ContextKind::ValidSubcommand).join(", ").into(),
            )],
        ),
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) if prior != arg => t(
                "clap-conflict",
                &[("arg", (&arg).into()), ("other", prior.into())],
            ),
            _ => t("clap-twice", &[("arg", (&arg).into())]),
        },
        ErrorKind::TooManyValues => t(
            "clap-too-many",
            &[("arg", (&arg).into()), ("value", (&value).into())],
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t("clap-number-of-values", &[("arg", (&arg).into())])
        }
        ErrorKind::NoEquals => t("clap-no-equals", &[("arg", (&arg).into())]),
        // (help, version, and what clap reports without context: its own words)
        _ => return e.render().to_string(),
    };
    let mut out = format!("{}: {message}\n", t("diag-error", &[]));
    let mut tips = Vec::new();
    for (kind, id) in [
        (ContextKind::SuggestedSubcommand, "clap-similar-command"),
        (ContextKind::SuggestedArg, "clap-similar-argument"),
        (ContextKind::SuggestedValue, "clap-similar-value"),
    ] {
        if let Some(s) = text(kind) {
            tips.push(t(id, &[("name", s.into())]));
        }
    }
    if e.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') && tips.is_empty() {
        tips.push(t("clap-as-value", &[("arg", (&arg).into())]));
    }
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("  {}: {tip}\n", t("clap-tip", &[])));
        }
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        let usage = usage
            .replace("[OPTIONS]", &t("clap-options-placeholder", &[]))
            .replace("<COMMAND>", &t("clap-command-placeholder", &[]));
        out.push_str(&format!("\n{} {usage}\n", t("clap-usage", &[])));
    }
    out.push_str(&format!("\n{}\n", t("clap-more", &[])));
    out
}
