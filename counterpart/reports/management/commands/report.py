"""`counterpart report NAME [filters] [--lang zh|en|both] [--format ...] [-o FILE]`."""

import argparse
import datetime
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from counterpart.reports import (
    brief,
    capital,
    document,
    html,
    indicator,
    pairings,
    pdf,
    pipeline,
    signing,
    supervision,
    text,
    time_in_stage,
    word,
    xlsx,
)
from counterpart.reports.filters import ReportFilters, month_end
from counterpart.reports.serialize import to_data

USAGE_ERROR = 2
LANGS = document.DJANGO_LANGUAGES
BINARY_FORMATS = ("xlsx", "docx", "pdf")
DOCUMENT_FORMATS = ("docx", "pdf")
TITLES = {  # of the Word and PDF documents of each report
    "event-summary": ("活动签约情况", "Signings at the event"),
    "capital-by-source": ("利用内资按来源地", "Domestic capital by source region"),
    "indicator": ("指标", "Indicator"),
    "pipeline": ("项目储备", "Project pipeline"),
    "pairings": ("对口合作城市排名", "Counterpart city pairs"),
    "supervision": ("督办事项", "Supervision"),
    "time-in-stage": ("项目推进用时", "Time in stage"),
}


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2023-04-07") from None


def parse_month(value: str) -> str:
    try:
        datetime.date.fromisoformat(f"{value}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a month like 2023-01") from None
    return value


def parse_amount(value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{value!r} is not an amount in yuan") from None
    if amount < 0 or not amount.is_finite():
        raise argparse.ArgumentTypeError(f"{value!r} must be a non-negative amount in yuan")
    return amount


def last_day(month: str) -> datetime.date:
    """The last day of a month given as 2023-02."""
    return month_end(datetime.date.fromisoformat(f"{month}-01"))


class Command(BaseCommand):
    help = "Compute a report from the ledger and print or write it."
    missing_args_message = (
        "Name a report: event-summary, capital-by-source, indicator, pipeline, pairings, "
        "supervision, time-in-stage, brief."
    )

    def add_arguments(self, parser):
        names = parser.add_subparsers(dest="name", required=True, metavar="NAME")
        event = names.add_parser("event-summary", help="what was signed at an event")
        event.add_argument("--event", required=True, help="event code, e.g. HLJ-GD-2023-CONF")
        event.add_argument("--fields", default="", help="taxonomy of the fields (default: first)")
        source = names.add_parser("capital-by-source", help="funds in place by source province")
        source.add_argument("--from", dest="month_from", type=parse_month, required=True)
        source.add_argument("--to", dest="month_to", type=parse_month, required=True)
        source.add_argument("--min-size", type=parse_amount, help="project size threshold, yuan")
        source.add_argument("--province", default="230000", help="receiving province code")
        ind = names.add_parser("indicator", help="value, year-on-year change and share")
        ind.add_argument(
            "--name", dest="indicator_code", required=True, help="e.g. trade-with-russia"
        )
        ind.add_argument("--year", type=int, required=True)
        ind.add_argument("--region", default="230000")
        pipe = names.add_parser("pipeline", help="projects by stage as of a date")
        pipe.add_argument("--as-of", type=parse_date, default=datetime.date.today())
        pipe.add_argument("--taxonomy", default="", help="taxonomy whose coverage to report")
        pipe.add_argument("--source-province", default="440000")
        league = names.add_parser("pairings", help="league table of the city pairings")
        league.add_argument("--from", dest="month_from", type=parse_month, help="first month")
        league.add_argument("--to", dest="month_to", type=parse_month, help="last month")
        league.add_argument("--parent", default="PAIR-HLJ-GD", help="provincial pairing code")
        watch = names.add_parser("supervision", help="overdue actions and stale projects")
        watch.add_argument("--as-of", type=parse_date, default=datetime.date.today())
        watch.add_argument("--stale-days", type=int, default=90, help="days in one stage")
        timing = names.add_parser("time-in-stage", help="median days between stages per city")
        timing.add_argument("--from", dest="month_from", type=parse_month, help="first month")
        timing.add_argument("--to", dest="month_to", type=parse_month, help="last month")
        brief = names.add_parser("brief", help="official-style paragraphs, every number traceable")
        subject = brief.add_mutually_exclusive_group(required=True)
        subject.add_argument("--event", help="event code: the brief of an event")
        subject.add_argument("--from", dest="month_from", type=parse_month, help="first month")
        subject.add_argument("--pairing", help="pairing code: the brief of a pairing")
        brief.add_argument("--to", dest="month_to", type=parse_month, help="last month")
        brief.add_argument("--as-of", type=parse_date, help="date of the pipeline figures")
        brief.add_argument("--lang", choices=["zh", "en", "both"], default="both")
        brief.add_argument(
            "--format", choices=["text", "json", "html", "docx", "pdf"], default="text"
        )
        brief.add_argument("-o", "--output", type=Path, help="write to this file")
        for sub in (brief, event, source, ind, pipe, league, watch, timing):
            sub.add_argument(
                "--unverified",
                action="store_true",
                help="count figures not yet verified by department staff too (a working view)",
            )
        for sub in (event, source, ind, pipe, league, watch, timing):
            sub.add_argument("--lang", choices=["zh", "en", "both"], default="both")
            sub.add_argument(
                "--format", choices=["text", "json", "html", "xlsx", "docx", "pdf"], default="text"
            )
            sub.add_argument("--estimates", action="store_true", help="count estimates too")
            sub.add_argument("--pairing", default="", help="pairing code, e.g. PAIR-01")
            sub.add_argument("--city", default="", help="destination city code")
            sub.add_argument("--task-force", default="", help="task force code")
            sub.add_argument("-o", "--output", type=Path, help="write to this file")

    def handle(self, *args, **options):
        binary = options["format"]
        if binary in BINARY_FORMATS and not options["output"]:
            raise CommandError(f"--format {binary} needs -o FILE.{binary}", returncode=USAGE_ERROR)
        try:
            output = self.brief(options) if options["name"] == "brief" else self.report(options)
        except (ObjectDoesNotExist, ValueError) as error:
            raise CommandError(self.explain(error, options), returncode=USAGE_ERROR) from None
        if isinstance(output, bytes):
            options["output"].write_bytes(output)
        elif options["output"]:
            options["output"].write_text(output + "\n", encoding="utf-8")
        else:
            self.stdout.write(output)

    def report(self, options) -> str | bytes:
        """A report's result as JSON or Excel, or as text in each language asked for."""
        result, render = self.compute(options)
        if options["format"] == "xlsx":
            lang = "en" if options["lang"] == "en" else "zh"
            with translation.override(LANGS[lang]):
                return xlsx.render(result, lang)
        if options["format"] == "json":
            return json.dumps(to_data(result), ensure_ascii=False, indent=2)
        if options["format"] == "html":
            return "\n".join(self.render(html.render, result, lang) for lang in self.langs(options))
        if options["format"] in DOCUMENT_FORMATS:
            documents = [
                self.report_document(options, result, render, lang) for lang in self.langs(options)
            ]
            return self.render_documents(options["format"], documents)
        return "\n\n".join(self.render(render, result, lang) for lang in self.langs(options))

    def report_document(self, options, result, render, lang: str) -> document.BriefDocument:
        """The report's tables under its title, led by the first line of its text rendering."""
        lead = self.render(render, result, lang).splitlines()[0].rstrip("：:")
        title = TITLES[options["name"]][0 if lang == "zh" else 1]
        return document.report_document(result, lang, title, lead)

    @staticmethod
    def render_documents(form: str, documents: list[document.BriefDocument]) -> bytes:
        return (word.render_docx if form == "docx" else pdf.render_pdf)(documents)

    @staticmethod
    def langs(options) -> list[str]:
        return ["zh", "en"] if options["lang"] == "both" else [options["lang"]]

    def brief(self, options) -> str | bytes:
        """The brief in each language asked for: text, HTML, the JSON sidecar, Word or PDF."""
        langs = self.langs(options)
        if options["format"] in DOCUMENT_FORMATS:
            documents = [self.make_document(options, lang) for lang in langs]
            return self.render_documents(options["format"], documents)
        briefs = []
        for lang in langs:
            with translation.override(LANGS[lang]):
                briefs.append(self.make_brief(options, lang))
        if options["format"] == "json":
            data = [b.to_sidecar() for b in briefs]
            return json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, indent=2)
        if options["format"] == "html":
            return "\n".join(b.to_html() for b in briefs)
        return "\n\n".join(f"{b.title}\n\n{b.text}" for b in briefs)

    def make_document(self, options, lang: str) -> document.BriefDocument:
        """The brief with its chart and tables, for Word and PDF."""
        unverified = options["unverified"]
        if options["event"]:
            return document.event_document(
                options["event"], lang, ReportFilters(include_unverified=unverified)
            )
        if options["pairing"]:
            return document.pairing_document(
                options["pairing"],
                lang,
                ReportFilters(as_of=options["as_of"], include_unverified=unverified),
            )
        start, end = self.brief_period(options)
        return document.period_document(
            start, end, lang, as_of=options["as_of"], include_unverified=unverified
        )

    @staticmethod
    def brief_period(options) -> tuple[datetime.date, datetime.date]:
        if not options["month_to"]:
            raise ValueError("--from needs --to: the last month of the period.")
        start = datetime.date.fromisoformat(f"{options['month_from']}-01")
        end = last_day(options["month_to"])
        if end < start:
            raise ValueError(f"The period ends ({end}) before it starts ({start}).")
        return start, end

    def make_brief(self, options, lang: str):
        as_of, unverified = options["as_of"], options["unverified"]
        if options["event"]:
            return brief.event_brief(
                options["event"], lang, ReportFilters(include_unverified=unverified)
            )
        if options["pairing"]:
            return brief.pairing_brief(
                options["pairing"],
                lang,
                ReportFilters(as_of=as_of, include_unverified=unverified),
            )
        start, end = self.brief_period(options)
        return brief.period_brief(start, end, lang, as_of=as_of, include_unverified=unverified)

    @staticmethod
    def render(render, result, lang: str) -> str:
        with translation.override(LANGS[lang]):
            return render(result, lang)

    @staticmethod
    def filters(options, **extra) -> ReportFilters:
        return ReportFilters(
            pairing=options["pairing"],
            city=options["city"],
            task_force=options["task_force"],
            include_estimates=options["estimates"],
            include_unverified=options["unverified"],
            **extra,
        )

    def compute(self, options):
        name = options["name"]
        if name == "event-summary":
            summary = signing.event_signing_summary(
                options["event"], self.filters(options), options["fields"]
            )
            return summary, text.event_summary
        if name == "capital-by-source":
            filters = self.filters(
                options,
                period_start=datetime.date.fromisoformat(f"{options['month_from']}-01"),
                period_end=last_day(options["month_to"]),
                min_project_size=options["min_size"],
            )
            return capital.capital_by_source(filters, options["province"]), text.capital_by_source
        if name == "indicator":
            figure = indicator.indicator_figure(
                options["indicator_code"],
                options["year"],
                options["region"],
                ReportFilters(include_unverified=options["unverified"]),
            )
            return figure, text.indicator
        if name == "pairings":
            filters = self.filters(options, **self.period(options))
            return pairings.pairing_league(filters, options["parent"]), text.pairing_league
        if name == "supervision":
            report = supervision.supervision(
                options["as_of"], self.filters(options), options["stale_days"]
            )
            return report, text.supervision
        if name == "time-in-stage":
            filters = self.filters(options, **self.period(options))
            return time_in_stage.time_in_stage(filters), text.time_in_stage
        filters = self.filters(options, taxonomy=options["taxonomy"])
        return (
            pipeline.pipeline(options["as_of"], filters, options["source_province"]),
            text.pipeline,
        )

    @staticmethod
    def period(options) -> dict:
        """The optional --from/--to months as period filters."""
        period = {}
        if options.get("month_from"):
            period["period_start"] = datetime.date.fromisoformat(f"{options['month_from']}-01")
        if options.get("month_to"):
            period["period_end"] = last_day(options["month_to"])
        return period

    @staticmethod
    def explain(error: Exception, options) -> str:
        if isinstance(error, ObjectDoesNotExist):
            model = type(error).__qualname__.split(".")[0]
            wanted = {
                "Event": "--event " + str(options.get("event")),
                "Indicator": "--name " + str(options.get("indicator_code")),
                "Region": "--province/--region "
                + str(options.get("province") or options.get("region")),
                "Pairing": "--pairing " + str(options.get("pairing")),
            }.get(model, model)
            return f"No {model.lower()} matches {wanted}."
        return str(error)
