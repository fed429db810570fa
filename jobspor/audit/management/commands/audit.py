"""`jobspor audit verify | anchor | grant_app_role <role>` — the audit trail's hash chains and database roles
(docs/audit.md)."""

from django.core.management.base import CommandError
from django.db import DatabaseError

from jobspor.audit import chain, roles
from jobspor.core.commands import DataCommand

CHAIN_NAMES = {"audit_accesslog": ("Adgangsloggen", "The access log"), "audit_event": ("Hændelserne", "The events")}

MESSAGES = {
    "summary": ("{name} ({table}): {rows} rækker, id {first}–{last}, {anchors} ankre kontrolleret",
                "{name} ({table}): {rows} rows, id {first}–{last}, {anchors} anchors checked"),
    "empty": ("{name} ({table}): ingen rækker", "{name} ({table}): no rows"),
    "ok": ("  OK. Kædens hoved: {head}", "  OK. Head of the chain: {head}"),
    "changed": ("  FEJL id {row}: rækken er ændret (dens hash passer ikke til indholdet)",
                "  ERROR id {row}: the row was changed (its hash does not match its content)"),
    "broken_link": ("  FEJL id {row}: kæden er brudt mellem id {detail}: rækker slettet, indsat eller ændret",
                    "  ERROR id {row}: the chain is broken between ids {detail}: rows deleted, inserted or changed"),
    "missing_start": ("  FEJL id {row}: kædens begyndelse mangler: rækker før id {row} er slettet uden om "
                      "opbevaringsreglen",
                      "  ERROR id {row}: the start of the chain is missing: rows before id {row} were deleted "
                      "outside the retention rule"),
    "backdated": ("  FEJL id {row}: tilbagedateret eller indsat i forkert rækkefølge: {detail}",
                  "  ERROR id {row}: back-dated or inserted out of order: {detail}"),
    "anchor_missing": ("  FEJL id {row}: rækken var kædens hoved {detail}, men findes ikke længere: rækker er "
                       "slettet fra kædens ende",
                       "  ERROR id {row}: the row was the head of the chain at {detail} but is gone: rows were "
                       "deleted from the end of the chain"),
    "anchor_changed": ("  FEJL id {row}: rækken var kædens hoved {detail} med en anden hash: kæden er skrevet om",
                       "  ERROR id {row}: the row was the head of the chain at {detail} with another hash: the chain "
                       "was rewritten"),
    "unchained": ("  FEJL id {row}: rækken har ingen hash (skrevet uden om programmet)",
                  "  ERROR id {row}: the row has no hash (written around the application)"),
    "all_ok": ("Alt i orden: ingen huller, ingen ændrede og ingen tilbagedaterede rækker.",
               "All is well: no gaps, no changed and no back-dated rows."),
    "anchored": ("Kædernes hoveder er registreret som ankre.", "The heads of the chains were recorded as anchors."),
    "failed": ("{count} fejl fundet i revisionssporet.", "{count} problems found in the audit trail."),
    "granted": ("Rollen {role} må nu kun INSERT og SELECT på {tables}; almindelige rettigheder ellers.",
                "The role {role} may now only INSERT and SELECT on {tables}; ordinary rights elsewhere."),
}


class Command(DataCommand):
    help = ("Revisionssporet: `verify` kontrollerer hash-kæderne i adgangsloggen og hændelserne, `anchor` registrerer "
            "kædernes hoveder, `grant_app_role <rolle>` giver PostgreSQL-rollen programmets rettigheder.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="kontrollér kæderne; afslutter med kode 1 ved fejl")
        verify.add_argument("--no-anchor", action="store_true",
                            help="registrér ikke kædernes hoveder bagefter (ellers når alt er i orden)")
        verify.add_argument("--english", action="store_true", help="report in English")
        anchor = sub.add_parser("anchor", help="registrér kædernes hoveder nu")
        anchor.add_argument("--english", action="store_true")
        grant = sub.add_parser("grant_app_role", help="giv en PostgreSQL-rolle programmets rettigheder")
        grant.add_argument("role")
        grant.add_argument("--create", action="store_true", help="opret rollen (LOGIN), hvis den mangler")
        grant.add_argument("--password", default=None, help="sæt rollens adgangskode")
        grant.add_argument("--english", action="store_true")

    def say(self, key, **values):
        self.stdout.write(MESSAGES[key][self.lang].format(**values))

    def handle(self, *args, action, english=False, **options):
        self.lang = 1 if english else 0
        if action == "verify":
            return self.verify(anchor=not options["no_anchor"])
        if action == "anchor":
            chain.record_anchor()
            return self.say("anchored")
        return self.grant(options["role"], create=options["create"], password=options["password"])

    def verify(self, *, anchor):
        reports = chain.verify()
        problems = 0
        for report in reports:
            name = CHAIN_NAMES.get(report.chain, (report.chain, report.chain))[self.lang]
            if report.rows:
                self.say("summary", name=name, table=report.chain, rows=report.rows, first=report.first_id,
                         last=report.last_id, anchors=report.anchors_checked)
            else:
                self.say("empty", name=name, table=report.chain)
            for finding in report.findings:
                self.say(finding.kind, row=finding.row_id, detail=finding.detail)
            if report.ok:
                self.say("ok", head=report.head_hash or "-")
            problems += len(report.findings)
        if problems:
            raise CommandError(MESSAGES["failed"][self.lang].format(count=problems), returncode=1)
        self.say("all_ok")
        if anchor:
            chain.record_anchor()
            self.say("anchored")

    def grant(self, role, *, create, password):
        try:
            with roles.as_owner():
                roles.grant_app_role(role, create=create, password=password)
        except (roles.RoleError, DatabaseError) as error:
            raise CommandError(str(error)) from None
        self.say("granted", role=role, tables=", ".join(roles.AUDIT_TABLES))
