"""`jobspor migrate` as Django's, but on PostgreSQL as the owner role when JOBSPOR_MIGRATE_DATABASE_URL is set (the
application itself may then run as a role that cannot change the audit trail: docs/audit.md), and granting the
application role (JOBSPOR_DATABASE_APP_ROLE) its rights again afterwards, for the tables a migration made."""

from django.conf import settings
from django.core.management.commands.migrate import Command as DjangoMigrate

from jobspor.audit import roles


class Command(DjangoMigrate):
    help = DjangoMigrate.help + " Som ejerrollen fra JOBSPOR_MIGRATE_DATABASE_URL, når den er sat."

    def handle(self, *args, **options):
        alias = options["database"]
        with roles.as_owner(alias) as connection:
            super().handle(*args, **options)
            role = getattr(settings, "JOBSPOR_DATABASE_APP_ROLE", "")
            if role and connection.vendor == "postgresql":
                roles.grant_app_role(role, alias=alias)
                if options["verbosity"] >= 1:
                    self.stdout.write(f"Rettighederne for {role} er givet igen (docs/audit.md).")
