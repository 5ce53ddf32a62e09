//! The calendar in French and Spanish: what `year_of(d)` and its kin give,
//! dates moved by a written or a computed count, the whole units between
//! two dates and the days of periods within a window, in explanations and
//! in the conditions that would decide an undetermined verdict. A lease
//! policy written here, every sentence of it translated, so that what is
//! left in English can only be the engine's; and the bundled policies that
//! count in the calendar, whose own sentences stay English.

use std::path::{Path, PathBuf};

#[path = "common/cli.rs"]
mod cli;

use cli::stdout_of as run;

/// A lease: a notice period counted in months from a day, the calendar
/// year of that day, an age in whole years, and days of occupation.
const LEASE: &str = r#"instrument "A lease notice"
    in fr "Un préavis de bail"
    in es "Un preaviso de arrendamiento"
  adopted 2024-01-01

fact filed "the day the notice was served"
    in fr "le jour où le préavis a été signifié"
    in es "el día en que se notificó el preaviso": date
fact notice "the notice period, in months"
    in fr "le délai de préavis, en mois"
    in es "el plazo de preaviso, en meses": integer
fact born "the tenant's date of birth"
    in fr "la date de naissance du locataire"
    in es "la fecha de nacimiento del arrendatario": optional date
fact tenancy "the tenancy"
    in fr "le bail"
    in es "el arrendamiento": record
  start "the first day of the tenancy"
      in fr "le premier jour du bail"
      in es "el primer día del arrendamiento": date
  last "the last day of the tenancy, none while it goes on"
      in fr "le dernier jour du bail, aucun tant qu'il court"
      in es "el último día del arrendamiento, ninguno mientras continúa": date or none
end
fact sublease "the sublease"
    in fr "la sous-location"
    in es "el subarriendo": record
  start "the first day of the sublease"
      in fr "le premier jour de la sous-location"
      in es "el primer día del subarriendo": date
  last "the last day of the sublease"
      in fr "le dernier jour de la sous-location"
      in es "el último día del subarriendo": date
end
fact stays "the stays in the dwelling"
    in fr "les séjours dans le logement"
    in es "las estancias en la vivienda": list of record
  start "the first day of the stay"
      in fr "le premier jour du séjour"
      in es "el primer día de la estancia": date
  last "the last day of the stay"
      in fr "le dernier jour du séjour"
      in es "el último día de la estancia": date
end

provision art1 "Notice"
    in fr "Préavis"
    in es "Preaviso"
  text "The lease ends when the notice period, counted in months from the day the
        notice was served, has run, and in any case on the last day of the calendar
        year in which it was served."
  define year_served "the year the notice was served"
      in fr "l'année de la signification du préavis"
      in es "el año de la notificación del preaviso" = year_of(filed)
    cites "the calendar year in which it was served"
  define year_end "the last day of the calendar year of service"
      in fr "le dernier jour de l'année civile de la signification"
      in es "el último día del año civil de la notificación" = end_of_year(filed)
    cites "on the last day of the calendar year in which it was served"
  define notice_end "the day the notice period has run"
      in fr "le jour où le délai de préavis est écoulé"
      in es "el día en que vence el plazo de preaviso" = filed + notice months rounded down
    cites "the notice period, counted in months from the day the notice was served"
  define lease_end "the day the lease ends"
      in fr "le jour où le bail prend fin"
      in es "el día en que termina el arrendamiento" = earliest(notice_end, year_end)
    cites "The lease ends"
  define grace_end "the end of the grace period"
      in fr "la fin du délai de grâce"
      in es "el fin del período de gracia" = filed + 1 month rounded down
  define mid_year "the middle of the year of service"
      in fr "le milieu de l'année de la signification"
      in es "la mitad del año de la notificación" = date(year_served, 6, 30)
  define month_start "the first day of the month of service"
      in fr "le premier jour du mois de la signification"
      in es "el primer día del mes de la notificación" = start_of_month(filed)

  define review "the day the notice is reviewed"
      in fr "le jour où le préavis est réexaminé"
      in es "el día en que se revisa el preaviso" = as_of + notice months rounded down
  define served_late "the notice was served 26 months or more after the lease began"
      in fr "le préavis a été signifié 26 mois ou plus après le début du bail"
      in es "el preaviso se notificó 26 meses o más después del inicio del arrendamiento" =
    months_between(2024-01-01, filed) >= 26

provision art2 "Occupation"
    in fr "Occupation"
    in es "Ocupación"
  text "The tenant is protected if an adult who has occupied the dwelling for 30 days
        or more in the calendar year of service."
  define adult "the tenant is of age"
      in fr "le locataire est majeur"
      in es "el arrendatario es mayor de edad" = years_between(born, filed) >= 18
  define occupied "the days of the tenancy and the sublease in the year of service"
      in fr "les jours du bail et de la sous-location dans l'année de la signification"
      in es "los días del arrendamiento y del subarriendo en el año de la notificación" =
    days from tenancy.start to tenancy.last, from sublease.start to sublease.last
      within start_of_year(filed) to art1.year_end
  define tenancy_days "the days of the tenancy in the year of service"
      in fr "les jours du bail dans l'année de la signification"
      in es "los días del arrendamiento en el año de la notificación" =
    days from tenancy.start to tenancy.last within start_of_year(filed) to art1.year_end
  define stayed "the days of the stays in the year of service"
      in fr "les jours des séjours dans l'année de la signification"
      in es "los días de las estancias en el año de la notificación" =
    days of s in stays from s.start to s.last within start_of_year(filed) to art1.year_end
  define protected "the tenant is protected"
      in fr "le locataire est protégé"
      in es "el arrendatario está protegido" = adult and occupied >= 30

verdict lease_end = art1.lease_end
  says "The lease ends on {value}."
  says fr "Le bail prend fin le {value}."
  says es "El arrendamiento termina el {value}."
verdict grace_end = art1.grace_end
  says "The grace period ends on {value}."
  says fr "Le délai de grâce prend fin le {value}."
  says es "El período de gracia termina el {value}."
verdict mid_year = art1.mid_year
  says "The middle of the year is {value}."
  says fr "Le milieu de l'année est le {value}."
  says es "La mitad del año es el {value}."
verdict month_start = art1.month_start
  says "The month began on {value}."
  says fr "Le mois a commencé le {value}."
  says es "El mes comenzó el {value}."
verdict review = art1.review
  says "The notice is reviewed on {value}."
  says fr "Le préavis est réexaminé le {value}."
  says es "El preaviso se revisa el {value}."
verdict served_late = art1.served_late
  says "The notice {was|was not|may or may not have been} served late."
  says fr "Le préavis {a|n'a pas|a peut-être} été signifié tardivement."
  says es "El preaviso {se notificó|no se notificó|puede haberse notificado o no} tarde."
verdict protected = art2.protected
  says "The tenant {is|is not|may or may not be} protected."
  says fr "Le locataire {est|n'est pas|est peut-être} protégé."
  says es "El arrendatario {está|no está|puede estar o no} protegido."
verdict tenancy_days = art2.tenancy_days
  says "The tenancy counts {value} days."
  says fr "Le bail compte {value} jours."
  says es "El arrendamiento cuenta {value} días."
verdict stayed = art2.stayed
  says "The stays count {value} days."
  says fr "Les séjours comptent {value} jours."
  says es "Las estancias cuentan {value} días."
"#;

/// Every fact known.
const KNOWN: &str = r#"{
  "filed": "2026-03-26",
  "notice": 3,
  "born": "2000-05-01",
  "tenancy": { "start": "2026-02-01", "last": "none" },
  "sublease": { "start": "2025-11-01", "last": "2026-03-10" },
  "stays": [
    { "start": "2026-01-10", "last": "2026-01-20" },
    { "start": "2026-01-15", "last": "2026-02-01" }
  ]
}
"#;

/// The day of service within two months, the notice period between one and
/// three months, the date of birth not known.
const UNKNOWN: &str = r#"{
  "filed": { "between": ["2026-03-01", "2026-04-30"] },
  "notice": { "between": [1, 3] },
  "tenancy": { "start": "2026-02-01", "last": "none" },
  "sublease": { "start": "2025-11-01", "last": "2026-03-10" },
  "stays": []
}
"#;

/// The lease policy and its two facts files, written in a directory that
/// lives as long as the value.
struct Lease {
    dir: tempfile::TempDir,
}

impl Lease {
    fn new() -> Lease {
        let dir = tempfile::tempdir().expect("a temporary directory");
        for (name, text) in [
            ("lease.policy", LEASE),
            ("known.json", KNOWN),
            ("unknown.json", UNKNOWN),
        ] {
            std::fs::write(dir.path().join(name), text).expect("written");
        }
        Lease { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// `eval` of the lease on a facts file, as of 1 June 2026, in `lang`.
    fn eval(&self, facts: &str, lang: Option<&str>) -> String {
        let (policy, facts) = (self.path("lease.policy"), self.path(facts));
        let mut args = vec!["eval", &policy, "--facts", &facts, "--at", "2026-06-01"];
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        run(&args)
    }
}

/// The lines of an evaluation in words, without what is written in the
/// policy's syntax (each step's expression and value, the facts, the
/// verdicts' headings: `name = value`) and without the citations of the
/// instrument's text, which stays English.
fn worded_lines(out: &str) -> Vec<String> {
    out.lines()
        .filter(|line| line.trim_start().starts_with("- ") || !line.contains(" = "))
        .map(|line| match line.find(" [") {
            Some(at) => line[..at].to_string(),
            None => line.to_string(),
        })
        .collect()
}

/// English words of the calendar's phrases, any of which in a French or
/// Spanish line means a phrase left untranslated.
const ENGLISH: [&str; 16] = [
    "the ", " of ", " from ", " to ", "within", "running", "counted", "being", "number", "whole",
    "after", "before", "day", "month", "year", " and ",
];

fn assert_no_english(out: &str) {
    for line in worded_lines(out) {
        for word in ENGLISH {
            assert!(!line.contains(word), "English `{word}` in: {line}");
        }
    }
}

#[test]
fn calendar_phrases_in_explanations() {
    let lease = Lease::new();
    for lang in ["fr", "es"] {
        let out = lease.eval("known.json", Some(lang));
        assert_no_english(&out);
        insta::assert_snapshot!(format!("lease_known_{lang}"), out);
    }
    let fr = lease.eval("known.json", Some("fr"));
    for phrase in [
        // A computed count, with what it stands for.
        "3 mois après le jour où le préavis a été signifié (26 mars 2026), 3 étant le délai de préavis, en mois.",
        // A written count, singular.
        "1 mois après le jour où le préavis a été signifié (26 mars 2026).",
        // Calendar functions, the article contracted.
        "le dernier jour de l'année du jour où le préavis a été signifié (26 mars 2026)\u{a0}: 31 décembre 2026.",
        "le premier jour du mois du jour où le préavis a été signifié (26 mars 2026)\u{a0}: 1er mars 2026.",
        "la date dont l'année est l'année de la signification du préavis (2026), le mois 6 et le jour 30\u{a0}: 30 juin 2026.",
        // One period still running; several, each day counted once; a list.
        "334 des jours de la période à compter du premier jour du bail (1er février 2026) (toujours en cours) se situent dans la période allant du premier jour de l'année",
        "365 jours des périodes à compter du premier jour du bail (1er février 2026) (toujours en cours) et du premier jour de la sous-location (1er novembre 2025) au dernier jour de la sous-location (10 mars 2026) se situent dans la période allant du",
        "chaque jour n'étant compté qu'une fois.",
        "23 jours des séjours dans le logement se situent",
    ] {
        assert!(fr.contains(phrase), "no `{phrase}` in:\n{fr}");
    }
    let es = lease.eval("known.json", Some("es"));
    for phrase in [
        "3 meses después del día en que se notificó el preaviso (26 de marzo de 2026), siendo 3 el plazo de preaviso, en meses.",
        "1 mes después del día en que se notificó el preaviso (26 de marzo de 2026).",
        "el último día del año del día en que se notificó el preaviso (26 de marzo de 2026): 31 de diciembre de 2026.",
        "la fecha cuyo año es el año de la notificación del preaviso (2026), cuyo mes es 6 y cuyo día es 30: 30 de junio de 2026.",
        "334 de los días del período desde el primer día del arrendamiento (1 de febrero de 2026) (aún en curso) están comprendidos en el período del primer día del año",
        "365 días de los períodos desde el primer día del arrendamiento (1 de febrero de 2026) (aún en curso) y del primer día del subarriendo (1 de noviembre de 2025) al último día del subarriendo (10 de marzo de 2026) están comprendidos en el período del",
        "contando cada día una sola vez.",
        "23 días de las estancias en la vivienda están comprendidos",
    ] {
        assert!(es.contains(phrase), "no `{phrase}` in:\n{es}");
    }
}

#[test]
fn calendar_words_in_residual_conditions() {
    let lease = Lease::new();
    for lang in ["fr", "es"] {
        let out = lease.eval("unknown.json", Some(lang));
        assert_no_english(&out);
        insta::assert_snapshot!(format!("lease_unknown_{lang}"), out);
    }
    // Each of the four: a date moved by a written count (`Shift`), by a
    // count not known (`ShiftBy`), a calendar function of a date not known
    // (`Calendar`), and whole units between two dates (`Between`).
    let fr = lease.eval("unknown.json", Some("fr"));
    for residual in [
        "Valeur\u{a0}: 1 mois après le jour où le préavis a été signifié.",
        "Valeur\u{a0}: un nombre de mois égal au délai de préavis, en mois après le 1er juin 2026.",
        "Valeur\u{a0}: le premier jour du mois du jour où le préavis a été signifié.",
        "Le locataire est protégé si le nombre d'années entières de la date de naissance du locataire au jour où le préavis a été signifié atteint au moins 18.",
        "Le préavis a été signifié tardivement si le nombre de mois entiers du 1er janvier 2024 au jour où le préavis a été signifié atteint au moins 26.",
    ] {
        assert!(fr.contains(residual), "no `{residual}` in:\n{fr}");
    }
    let es = lease.eval("unknown.json", Some("es"));
    for residual in [
        "Valor: 1 mes después del día en que se notificó el preaviso.",
        "Valor: un número de meses igual al plazo de preaviso, en meses después del 1 de junio de 2026.",
        "Valor: el primer día del mes del día en que se notificó el preaviso.",
        "El arrendatario está protegido si el número de años completos de la fecha de nacimiento del arrendatario al día en que se notificó el preaviso alcanza al menos 18.",
        "El preaviso se notificó tarde si el número de meses completos del 1 de enero de 2024 al día en que se notificó el preaviso alcanza al menos 26.",
    ] {
        assert!(es.contains(residual), "no `{residual}` in:\n{es}");
    }
}

#[test]
fn english_keeps_its_wording() {
    // The same phrases in English, as they were written before they had a
    // table; without `--lang` and with `--lang en` alike.
    let lease = Lease::new();
    let known = lease.eval("known.json", None);
    assert_eq!(known, lease.eval("known.json", Some("en")));
    for phrase in [
        "3 months after the day the notice was served (26 March 2026), 3 being the notice period, in months.",
        "1 month after the day the notice was served (26 March 2026).",
        "the last day of the year of the day the notice was served (26 March 2026): 31 December 2026.",
        "the day of year the year the notice was served (2026), month 6, day 30: 30 June 2026.",
        "334 of the days from the first day of the tenancy (1 February 2026) (still running) fall within the first day of the year of",
        "365 days of the periods from the first day of the tenancy (1 February 2026) (still running) and from the first day of the sublease (1 November 2025) to the last day of the sublease (10 March 2026) fall within",
        "23 days of the stays in the dwelling fall within",
    ] {
        assert!(known.contains(phrase), "no `{phrase}` in:\n{known}");
    }
    let unknown = lease.eval("unknown.json", None);
    assert_eq!(unknown, lease.eval("unknown.json", Some("en")));
    for residual in [
        "It is 1 month after the day the notice was served.",
        "It is a number of months equal to the notice period, in months after 1 June 2026.",
        "It is the first day of the month of the day the notice was served.",
        "The tenant is protected if the whole years from the tenant's date of birth to the day the notice was served is at least 18.",
        "The notice was served late if the whole months from 1 January 2024 to the day the notice was served is at least 26.",
    ] {
        assert!(unknown.contains(residual), "no `{residual}` in:\n{unknown}");
    }
}

/// A bundled scenario's facts written alone, for `eval --facts`.
fn scenario_facts(dir: &Path, scenario: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(scenario);
    let text = std::fs::read_to_string(&path).expect("the scenario is read");
    let json: serde_json::Value = serde_json::from_str(&text).expect("the scenario is JSON");
    let facts = dir.join("facts.json");
    std::fs::write(&facts, json["facts"].to_string()).expect("written");
    facts
}

#[test]
fn bundled_policies_count_in_the_calendar_in_each_language() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // An age in whole years at the close of the calendar year, and a date
    // of birth not known: `end_of_year`, `years_between` and its residual.
    let facts = scenario_facts(
        dir.path(),
        "rules/us-earned-income-credit/scenarios/23-date-of-birth-unknown.json",
    );
    let facts = facts.display().to_string();
    for lang in ["fr", "es"] {
        let out = run(&[
            "eval",
            "rules/us-earned-income-credit/earned-income-credit.policy",
            "--facts",
            &facts,
            "--verdict",
            "qualifying_child",
            "--lang",
            lang,
        ]);
        // The residual: whole years to the close of the year, the date with its article.
        let residual = match lang {
            "fr" => {
                "le nombre d'années entières de `m.born` au 31 décembre 2024 est inférieur à 19."
            }
            _ => {
                "el número de años completos de `m.born` al 31 de diciembre de 2024 es inferior a 19."
            }
        };
        assert!(out.contains(residual), "no `{residual}` in:\n{out}");
        insta::assert_snapshot!(format!("earned_income_credit_{lang}"), out);
    }
    // A sale on 29 February: the 5-year period's first day, a date moved
    // twice and rounded, and the days of the 2 calendar years.
    let facts = scenario_facts(
        dir.path(),
        "rules/us-home-sale/scenarios/07-sale-on-29-february-calendar-years.json",
    );
    let facts = facts.display().to_string();
    for lang in ["fr", "es"] {
        let out = run(&[
            "eval",
            "rules/us-home-sale/principal-residence.policy",
            "--facts",
            &facts,
            "--reading",
            "two_years=calendar_years",
            "--verdict",
            "period_start",
            "--verdict",
            "exclusion_applies",
            "--lang",
            lang,
        ]);
        insta::assert_snapshot!(format!("home_sale_{lang}"), out);
    }
}
